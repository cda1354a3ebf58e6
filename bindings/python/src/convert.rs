//! The one place Python values become the core's JSON values and back, and the one way the
//! native module raises the Python-defined exceptions.
//!
//! Python objects are read directly (no JSON text in between, so Python's own JSON reader and
//! recursion limit play no part). What JSON text cannot carry gets the core's answer for it, so
//! that every binding agrees: text that is not Unicode (a lone surrogate), a number that is not
//! finite (`1e400` is infinity in Python) and nesting deeper than the core's limit are `syntax`
//! at the root, as serde_json's reader refuses them in the core and in the WASM package (the
//! message still names the field). What JSON has no place for at all (a key that is not a
//! string, a value of another type) is `wrong_type` at the field.
use akscompute::locale::Locale;
use akscompute::{Param, Params};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{json, Map, Number, Value};
use std::collections::HashMap;
use std::sync::Mutex;

/// The core's (and serde_json's) nesting limit, the same in every binding.
pub const MAX_DEPTH: usize = 128;

/// A Python value (dict, list, tuple, str, int, float, bool, None) as JSON; anything else is a
/// `ConfigurationError` naming where it was.
pub fn from_py(v: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    from_py_at(v, what, &[])
}

/// [`from_py`] for a value found at `at` inside `what` (a configuration object's attribute):
/// its errors name the whole path.
pub fn from_py_at(v: &Bound<'_, PyAny>, what: &str, at: &[String]) -> PyResult<Value> {
    let mut path: Vec<Value> = std::iter::once(Value::from(what)).chain(at.iter().map(|k| Value::from(k.as_str()))).collect();
    let locale = Locale::new(Some(crate::state::current().1));
    convert(v, &mut path, &locale).map_err(|(kind, message, path)| {
        let at = dotted(&path);
        let (kind, path, message) = match kind {
            // The core's words for it, as its text readers give them for the same text.
            NOT_UNICODE => (SYNTAX, Vec::new(), locale.text("shape.syntax.surrogate", &Params(vec![("field", Param::from(at.clone()))]))),
            // The core's words for text it cannot read, with the place this reader knows.
            SYNTAX => {
                let key = if what == "context" { "shape.syntax.context" } else { "shape.syntax.config" };
                let error = akscompute::Params(vec![("error", akscompute::Param::from(format!("{at}: {message}")))]);
                (SYNTAX, Vec::new(), locale.text(key, &error))
            }
            _ => (kind, path, message),
        };
        let text = if path.is_empty() { message.clone() } else { format!("{at}: {message}") };
        let errors = json!([{"kind": kind, "path": path, "message": message}]);
        raise(v.py(), "ConfigurationError", &text, kind, &errors, &Value::Null)
    })
}

/// The kind of what JSON text cannot hold (the core's `ShapeErrorKind::Syntax`).
const SYNTAX: &str = "syntax";
/// Text that is not Unicode: `syntax` too, worded as the core's [`akscompute::ConfigError::not_unicode`].
const NOT_UNICODE: &str = "not_unicode";

type Problem = (&'static str, String, Vec<Value>);

/// The core's dotted form of a path (`config.agent_pools[1].vm_size`), so a Python error names
/// the field exactly as every other binding does.
fn dotted(path: &[Value]) -> String {
    let segs = path
        .iter()
        .filter_map(|seg| match seg {
            Value::Number(i) => i.as_u64().and_then(|i| usize::try_from(i).ok()).map(akscompute::PathSeg::Index),
            Value::String(k) => Some(akscompute::PathSeg::Key(k.clone().into())),
            _ => None,
        })
        .collect();
    akscompute::Path(segs).to_string()
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

fn text(s: &Bound<'_, PyString>, path: &[Value]) -> Result<String, Problem> {
    s.to_cow().map(|c| c.into_owned()).map_err(|_| (NOT_UNICODE, String::new(), path.to_vec()))
}

/// The core's "expected …, got …" in `locale`, `got` a term of its tables or a Python type.
fn wrong(locale: &Locale, expected: &str, got: Param) -> String {
    let expected = Param::from(locale.text(expected, &Params::default()));
    locale.text("shape.wrong_type", &Params(vec![("expected", expected), ("got", got)]))
}

/// A float that JSON cannot hold (`1e400` is infinity in Python), as the WASM package words it.
fn not_finite(x: f64, path: &[Value], locale: &Locale) -> Problem {
    let got = if x.is_nan() { "shape.type.nan" } else { "shape.type.infinite" };
    (SYNTAX, wrong(locale, "shape.type.json", Param::from(locale.text(got, &Params::default()))), path.to_vec())
}

fn convert(v: &Bound<'_, PyAny>, path: &mut Vec<Value>, locale: &Locale) -> Result<Value, Problem> {
    if path.len() > MAX_DEPTH {
        return Err((SYNTAX, format!("nested more than {MAX_DEPTH} levels deep"), path.clone()));
    }
    if v.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if v.is_instance_of::<PyInt>() {
        if let Ok(i) = v.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = v.extract::<u64>() {
            return Ok(Value::from(u));
        }
        // Beyond 64 bits: a float keeps its size, and the rules refuse it as such. Beyond f64
        // too (a 400-digit int, valid JSON): the largest float of its sign stands in, which the
        // core's reader answers as its text reader answers the literal (bad_value where a whole
        // number belongs, wrong_type where text does, nothing under an unknown key), among every
        // other problem, instead of a conversion error that would hide them.
        let x = v.extract::<f64>().unwrap_or_else(|_| if v.lt(0).unwrap_or(false) { f64::MIN } else { f64::MAX });
        return Number::from_f64(x).map(Value::Number).ok_or_else(|| not_finite(x, path, locale));
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        let x = f.value();
        return Number::from_f64(x).map(Value::Number).ok_or_else(|| not_finite(x, path, locale));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return text(s, path).map(Value::String);
    }
    if let Ok(d) = v.cast::<PyDict>() {
        let mut m = Map::with_capacity(d.len());
        for (k, x) in d.iter() {
            let Ok(ks) = k.cast::<PyString>() else {
                return Err(("wrong_type", wrong(locale, "shape.type.string", Param::from(type_name(&k))), path.clone()));
            };
            let key = text(ks, path)?;
            path.push(Value::String(key.clone()));
            let child = convert(&x, path, locale)?;
            path.pop();
            m.insert(key, child);
        }
        return Ok(Value::Object(m));
    }
    let items: Option<Vec<Bound<'_, PyAny>>> = if let Ok(l) = v.cast::<PyList>() {
        Some(l.iter().collect())
    } else if let Ok(t) = v.cast::<PyTuple>() {
        Some(t.iter().collect())
    } else {
        None
    };
    if let Some(items) = items {
        let mut out = Vec::with_capacity(items.len());
        for (i, x) in items.iter().enumerate() {
            path.push(Value::from(i));
            out.push(convert(x, path, locale)?);
            path.pop();
        }
        return Ok(Value::Array(out));
    }
    Err(("wrong_type", wrong(locale, "shape.type.json", Param::from(type_name(v))), path.clone()))
}

/// JSON as Python dicts, lists and scalars.
pub fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(key(py, k), to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A payload tree of the core (`request::sdk::Node`) as Python dicts and scalars, straight from
/// the text it borrows: no JSON value, and no Rust `String`, in between. A text borrowed from
/// the configuration is its attribute's own string again, found in `kept` (see
/// [`crate::attrs::Kept`]).
pub fn node_to_py<'py>(
    py: Python<'py>,
    n: &akscompute::request::sdk::Node<'_>,
    kept: &[(usize, usize, Bound<'py, PyString>)],
) -> PyResult<Bound<'py, PyAny>> {
    use akscompute::request::sdk::Node;
    use std::borrow::Cow;
    Ok(match n {
        Node::Null => py.None().into_bound(py),
        Node::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Node::Int(i) => i.into_pyobject(py)?.into_any(),
        Node::Str(Cow::Borrowed(s)) => {
            let at = (s.as_ptr() as usize, s.len());
            // The newest entry at an address is the live text there (an address is only taken
            // again once the text before has been freed).
            match kept.iter().rev().find(|(p, l, _)| (*p, *l) == at) {
                Some((_, _, same)) => same.clone().into_any(),
                None => PyString::new(py, s).into_any(),
            }
        }
        Node::Str(s) => PyString::new(py, s).into_any(),
        Node::Object(entries) => {
            let d = PyDict::new(py);
            for (k, x) in entries {
                d.set_item(static_key(py, k), node_to_py(py, x, kept)?)?;
            }
            d.into_any()
        }
    })
}

/// Object keys already made as Python strings: a payload or an ARM answer has the same few
/// dozen keys on every call, and a dict lookup of a known string object is cheaper than a new
/// one. Only short keys, and only so many: an answer with many distinct keys cannot grow it.
// FNV, not SipHash: the keys are a few dozen short names of the core's own answers (at most
// `KEYS_KEPT`, none longer than `KEY_KEPT_LEN`), where SipHash's flood resistance buys nothing
// and costs most of a lookup.
type KeyCache = fnv::FnvHashMap<String, Py<PyString>>;
static KEYS: PyOnceLock<Mutex<KeyCache>> = PyOnceLock::new();
const KEYS_KEPT: usize = 256;
const KEY_KEPT_LEN: usize = 40;

fn key<'py>(py: Python<'py>, k: &str) -> Bound<'py, PyString> {
    if k.len() <= KEY_KEPT_LEN {
        if let Ok(mut kept) = KEYS.get_or_init(py, || Mutex::new(HashMap::default())).lock() {
            if let Some(s) = kept.get(k) {
                return s.bind(py).clone();
            }
            if kept.len() < KEYS_KEPT {
                let s = PyString::intern(py, k);
                kept.insert(k.to_string(), s.clone().unbind());
                return s;
            }
        }
    }
    PyString::new(py, k)
}

// A payload's keys are the core's own literals: known by where they are, their text needs no
// hashing nor a lock to be found again. Per thread, so that no lock is taken; bounded by the
// number of key literals in the core's payload builders, and capped all the same.
thread_local! {
    static STATIC_KEYS: std::cell::RefCell<fnv::FnvHashMap<(usize, usize), Py<PyString>>> = Default::default();
}

/// [`key`] for a key the core writes as a literal (`&'static str`), found by its address.
fn static_key<'py>(py: Python<'py>, k: &'static str) -> Bound<'py, PyString> {
    let at = (k.as_ptr() as usize, k.len());
    let found = STATIC_KEYS.try_with(|kept| {
        let mut kept = kept.try_borrow_mut().ok()?;
        if let Some(s) = kept.get(&at) {
            return Some(s.bind(py).clone());
        }
        let s = key(py, k);
        if kept.len() < KEYS_KEPT {
            kept.insert(at, s.clone().unbind());
        }
        Some(s)
    });
    match found {
        Ok(Some(s)) => s,
        _ => key(py, k),
    }
}

/// The exception of `class` (`ComputeTargetException`, `ConfigurationError`, `ClientFailure`,
/// `UserErrorException`), made by `akscompute._errors._native_error`: one constructor contract
/// for every class. `errors` are shape problems, `diagnostics` the rules' findings (as dicts).
pub fn raise(py: Python<'_>, class: &str, message: &str, code: &str, errors: &Value, diagnostics: &Value) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let factory = py.import("akscompute._errors")?.getattr("_native_error")?;
        let inst = factory.call1((class, message, code, to_py(py, errors)?, to_py(py, diagnostics)?))?;
        Ok(PyErr::from_value(inst))
    };
    // Only a broken installation gets here: say what was being raised, not the factory's error.
    make().unwrap_or_else(|e| {
        let err = pyo3::exceptions::PyRuntimeError::new_err(format!("akscompute could not raise {class}: {message}"));
        err.set_cause(py, Some(e));
        err
    })
}

/// Diagnostics straight to Python dicts (no JSON value in between).
pub fn diagnostics<'a, 'py>(py: Python<'py>, ds: impl Iterator<Item = &'a akscompute::Diagnostic>) -> PyResult<Bound<'py, PyAny>> {
    use akscompute::{Param, PathSeg};
    let out = PyList::empty(py);
    for d in ds {
        let item = PyDict::new(py);
        item.set_item("code", d.code)?;
        item.set_item("severity", d.severity.as_str())?;
        let path = PyList::empty(py);
        for seg in &d.path.0 {
            match seg {
                PathSeg::Key(k) => path.append(k.as_ref())?,
                PathSeg::Index(i) => path.append(*i)?,
                // A kind of step this binding does not know yet: its JSON form.
                other => path.append(to_py(py, &serde_json::to_value(other).unwrap_or_default())?)?,
            }
        }
        item.set_item("path", path)?;
        let (message, fix) = d.texts();
        item.set_item("message", message.as_ref())?;
        item.set_item("fix", fix.as_ref())?;
        let params = PyDict::new(py);
        for (k, v) in &d.params.0 {
            match v {
                Param::Str(s) => params.set_item(*k, s.as_ref())?,
                Param::Int(i) => params.set_item(*k, *i)?,
                Param::List(l) => params.set_item(*k, l.clone())?,
                other => params.set_item(*k, other.to_string())?,
            }
        }
        item.set_item("params", params)?;
        out.append(item)?;
    }
    Ok(out.into_any())
}
