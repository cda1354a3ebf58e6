//! The one place Python values become the core's JSON values and back.
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

const MAX_DEPTH: usize = 64;

/// A Python value (dict, list, tuple, str, int, float, bool, None) as JSON; anything else is a
/// TypeError naming where it was.
pub fn from_py(v: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    convert(v, what, 0)
}

fn convert(v: &Bound<'_, PyAny>, at: &str, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!("{at}: nested too deeply")));
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
        // Beyond 64 bits: a float keeps its size, and the rules refuse it as such.
        return Ok(Number::from_f64(v.extract::<f64>()?).map(Value::Number).unwrap_or(Value::Null));
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        let x = f.value();
        return Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{at}: {x} is not a number JSON can carry")));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = v.cast::<PyDict>() {
        let mut m = Map::with_capacity(d.len());
        for (k, x) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{at}: keys must be strings, not {}",
                    k.get_type().name().map(|n| n.to_string()).unwrap_or_default()
                ))
            })?;
            let child = convert(&x, &format!("{at}.{key}"), depth + 1)?;
            m.insert(key, child);
        }
        return Ok(Value::Object(m));
    }
    if let Ok(l) = v.cast::<PyList>() {
        return l
            .iter()
            .enumerate()
            .map(|(i, x)| convert(&x, &format!("{at}[{i}]"), depth + 1))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if let Ok(t) = v.cast::<PyTuple>() {
        return t
            .iter()
            .enumerate()
            .map(|(i, x)| convert(&x, &format!("{at}[{i}]"), depth + 1))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    let ty = v.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Err(PyTypeError::new_err(format!("{at}: a {ty} cannot be part of a configuration (use str, int, float, bool, None, list or dict)")))
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
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Raises an exception class defined in Python (`akscompute._errors`), with `code` and `errors`.
pub fn raise(py: Python<'_>, class: &str, message: &str, code: &str, errors: &Value) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let cls = py.import("akscompute._errors")?.getattr(class)?;
        let errs = to_py(py, errors)?;
        let inst = cls.call1((message, code, errs))?;
        Ok(PyErr::from_value(inst))
    };
    make().unwrap_or_else(|e| e)
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
            }
        }
        item.set_item("path", path)?;
        item.set_item("message", d.message.as_ref())?;
        item.set_item("fix", d.fix.as_ref())?;
        let params = PyDict::new(py);
        for (k, v) in &d.params.0 {
            match v {
                Param::Str(s) => params.set_item(*k, s.as_ref())?,
                Param::Int(i) => params.set_item(*k, *i)?,
                Param::List(l) => params.set_item(*k, l.clone())?,
            }
        }
        item.set_item("params", params)?;
        out.append(item)?;
    }
    Ok(out.into_any())
}
