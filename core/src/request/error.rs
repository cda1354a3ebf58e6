//! Why a request cannot be built, as data like a [`Diagnostic`](crate::Diagnostic): a kind, a
//! stable key in the message tables (`request.name_missing`), the path of the field at fault,
//! and the values that fill the message and the fix, so that every binding can point at the
//! field and show the text in the user's language.
use crate::diagnostic::{Param, Params, Path, PathSeg};
use crate::locale::Locale;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// What kind of problem stops the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RequestErrorKind {
    /// Something the request needs is not given (the path says where to put it).
    Missing,
    /// The chosen api-version (or cloud, or answer) cannot carry a setting or be followed.
    Unsupported,
    /// A secret a GET cannot return must be supplied again.
    SecretNeeded,
    /// A value cannot go into the request as it is: a compute name the NAME rules refuse, or a
    /// URL path segment that is empty, `.` or `..`.
    Invalid,
}

impl RequestErrorKind {
    /// `missing`, `unsupported`, `secret_needed`, `invalid`.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestErrorKind::Missing => "missing",
            RequestErrorKind::Unsupported => "unsupported",
            RequestErrorKind::SecretNeeded => "secret_needed",
            RequestErrorKind::Invalid => "invalid",
        }
    }
}

/// Why a request cannot be built. The message and the fix are rendered in English when the error
/// is made, and in the context's locale by the builders that take a context; [`localize`]
/// renders them in any other. `Display` is `field: message fix`.
///
/// [`localize`]: RequestError::localize
#[derive(Clone, Debug, PartialEq)]
pub struct RequestError(Box<Detail>);

/// The error's data, boxed so that a `Result` carrying it stays one pointer wide.
#[derive(Clone, Debug, PartialEq)]
struct Detail {
    kind: RequestErrorKind,
    key: &'static str,
    path: Path,
    /// The dotted form of `path`, kept so that [`field`](Self::field) can lend it.
    field: String,
    params: Params,
    message: String,
    fix: String,
    /// The compute name a `request.name_invalid` refused, to check again in another locale.
    name: Option<String>,
}

/// A dotted field name (`context.workspace.name`, `ssl.cert`) as a path.
fn path_of(field: &str) -> Path {
    Path(field.split('.').filter(|s| !s.is_empty()).map(|s| PathSeg::Key(Cow::Owned(s.to_string()))).collect())
}

impl RequestError {
    /// An error whose message and fix come from the message tables' `key` (`request.…`).
    pub(crate) fn new(kind: RequestErrorKind, key: &'static str, field: &str, params: Vec<(&'static str, Param)>) -> Self {
        let path = path_of(field);
        let mut e = RequestError(Box::new(Detail {
            kind,
            key,
            field: path.to_string(),
            path,
            params: Params(params),
            message: String::new(),
            fix: String::new(),
            name: None,
        }));
        e.localize(&Locale::default());
        e
    }

    /// Something the request needs is not given.
    pub(crate) fn missing(key: &'static str, field: &str, params: Vec<(&'static str, Param)>) -> Self {
        Self::new(RequestErrorKind::Missing, key, field, params)
    }

    /// A setting or a link the request cannot carry or follow.
    pub(crate) fn unsupported(key: &'static str, field: &str, params: Vec<(&'static str, Param)>) -> Self {
        Self::new(RequestErrorKind::Unsupported, key, field, params)
    }

    /// A value that cannot go into the request as it is.
    pub(crate) fn invalid(key: &'static str, field: &str, params: Vec<(&'static str, Param)>) -> Self {
        Self::new(RequestErrorKind::Invalid, key, field, params)
    }

    /// A compute name the NAME rules refuse; `problems` are their findings, rendered.
    pub(crate) fn name_invalid(name: &str, problems: String) -> Self {
        let mut e = Self::invalid(
            "request.name_invalid",
            "name",
            vec![("name", Param::from(crate::text::clip(name, 40))), ("problems", Param::from(problems))],
        );
        e.0.name = Some(name.to_string());
        e
    }

    /// The same error rendered in the context's locale (the builders' last step).
    pub(crate) fn in_context(mut self, ctx: &crate::Context) -> Self {
        if ctx.locale.as_deref().is_some_and(|l| !l.trim().is_empty()) {
            self.localize(&Locale::new(ctx.locale.as_deref()));
        }
        self
    }

    /// Renders the message and the fix again in `locale` (the NAME findings of a refused name
    /// too).
    pub fn localize(&mut self, locale: &Locale) {
        if let Some(name) = &self.0.name {
            let ctx = crate::Context { locale: Some(locale.language().to_string()), ..crate::Context::default() };
            let problems = name_problems(name, &ctx);
            if let Some((_, p)) = self.0.params.0.iter_mut().find(|(k, _)| *k == "problems") {
                *p = Param::from(problems);
            }
        }
        let (code, variant) = self.0.key.split_once('.').unwrap_or((self.0.key, ""));
        let (message, fix) = locale.render(code, variant, &self.0.params);
        self.0.message = message.into_owned();
        self.0.fix = fix.into_owned();
    }

    /// A copy rendered in `locale`.
    pub fn localized(mut self, locale: &Locale) -> Self {
        self.localize(locale);
        self
    }

    /// The kind.
    pub fn kind(&self) -> RequestErrorKind {
        self.0.kind
    }

    /// The kind as text: `missing`, `unsupported`, `secret_needed`, `invalid`.
    pub fn code(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The stable key of the message (`request.name_missing`): what code should match on.
    pub fn key(&self) -> &'static str {
        self.0.key
    }

    /// The configuration or context field at fault, as a path (`["context", "workspace", "name"]`).
    pub fn path(&self) -> &Path {
        &self.0.path
    }

    /// The field at fault, dotted (`name`, `context.workspace.name`).
    pub fn field(&self) -> &str {
        &self.0.field
    }

    /// The values that filled the message.
    pub fn params(&self) -> &Params {
        &self.0.params
    }

    /// What is wrong, in the locale last rendered.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// What to do about it, in the locale last rendered.
    pub fn fix(&self) -> &str {
        &self.0.fix
    }
}

/// The NAME findings (errors) for a name, each as `CODE: message (fix)`, joined by `; `.
pub(crate) fn name_problems(name: &str, ctx: &crate::Context) -> String {
    let v = crate::rules::check_compute_name(name, ctx);
    let why: Vec<String> = v
        .of(crate::Severity::Error)
        .map(|d| match d.texts() {
            (message, fix) if fix.is_empty() => format!("{}: {message}", d.code),
            (message, fix) => format!("{}: {message} ({fix})", d.code),
        })
        .collect();
    why.join("; ")
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.field, self.0.message)?;
        if !self.0.fix.is_empty() {
            write!(f, " {}", self.0.fix)?;
        }
        Ok(())
    }
}

impl std::error::Error for RequestError {}

/// `{"kind", "key", "path", "field", "message", "fix", "params"}`: the form every binding shows.
impl Serialize for RequestError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("kind", &self.0.kind)?;
        m.serialize_entry("key", self.0.key)?;
        m.serialize_entry("path", &self.0.path)?;
        m.serialize_entry("field", &self.0.field)?;
        m.serialize_entry("message", &self.0.message)?;
        m.serialize_entry("fix", &self.0.fix)?;
        m.serialize_entry("params", &self.0.params)?;
        m.end()
    }
}
