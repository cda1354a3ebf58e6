//! The rule profile and the message language in force: one per interpreter, as azureml-core's
//! behaviour is one. Held here, where every configuration call reads them, rather than as
//! attributes of a Python module that each call would look up and copy out as text;
//! `akscompute._profile` sets and reads them through these functions.
use akscompute::Profile;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::sync::RwLock;

/// The locale in force before `set_locale` is called.
pub(crate) const DEFAULT_LOCALE: &str = "en";

struct Current {
    profile: Profile,
    /// One of the core's `registry::locales()`: read on every call without a copy.
    locale: &'static str,
}

/// `None` until first set: the core's default profile and English.
static CURRENT: RwLock<Option<Current>> = RwLock::new(None);

/// The profile and the locale in force.
pub fn current() -> (Profile, &'static str) {
    match CURRENT.read() {
        Ok(c) => match c.as_ref() {
            Some(c) => (c.profile, c.locale),
            None => (Profile::default(), DEFAULT_LOCALE),
        },
        // A writer panicked (it cannot: it only assigns): the defaults rather than a panic here.
        Err(_) => (Profile::default(), DEFAULT_LOCALE),
    }
}

fn update(f: impl FnOnce(&mut Current)) {
    if let Ok(mut c) = CURRENT.write() {
        let c = c.get_or_insert_with(|| Current { profile: Profile::default(), locale: DEFAULT_LOCALE });
        f(c);
    }
}

/// set_profile(name) -> str: selects the rules by name; returns the profile's canonical name.
#[pyfunction]
pub fn set_profile(name: &str) -> PyResult<&'static str> {
    let profile: Profile = name.parse().map_err(|e: akscompute::profile::UnknownProfile| PyValueError::new_err(e.to_string()))?;
    update(|c| c.profile = profile);
    Ok(profile.as_str())
}

/// get_profile() -> str: the profile in force.
#[pyfunction]
pub fn get_profile() -> &'static str {
    current().0.as_str()
}

/// set_locale(tag): the language in force, one of `locales()` (`akscompute._profile` resolves
/// a user's tag to one first).
#[pyfunction]
pub fn set_locale(tag: &str) -> PyResult<()> {
    let locales = akscompute::registry::locales();
    let Some(known) = locales.iter().find(|l| **l == tag) else {
        return Err(PyValueError::new_err(format!("{tag:?} is not one of the locales {locales:?}")));
    };
    update(|c| c.locale = known);
    Ok(())
}

/// get_locale() -> str: the language in force.
#[pyfunction]
pub fn get_locale() -> &'static str {
    current().1
}
