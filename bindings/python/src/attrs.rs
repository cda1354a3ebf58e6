//! Configuration objects (akscompute's or azureml-core's: they have the same attributes) read
//! attribute by attribute into the core's configuration shape, in one native call.
//!
//! Which attribute goes where is the Python package's table (`akscompute._fields`, azureml-core's
//! attribute names beside the core's shape): it is handed over once, as an [`AttrTable`], and
//! read here on every call, so a `provisioning_configuration()` builds no dict, no JSON text and
//! no second copy of its values before the core's reader sees them.
use crate::convert::from_py_at;
use pyo3::exceptions::{PyAttributeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use serde_json::{Map, Value};

/// What one attribute holds.
enum Kind {
    /// A value as it is.
    Plain,
    /// A flag the shape carries only when set (azureml-core's objects hold `False` by default).
    Flag,
    /// A PEM file's path: its text when the caller reads files.
    File,
    /// Another configuration object (`ssl_configuration`), read with its own table.
    Object(Py<AttrTable>),
}

struct Row {
    attr: Py<PyString>,
    path: Vec<String>,
    kind: Kind,
}

/// `AttrTable(rows, flags, files)`: where each attribute of a configuration object goes in the
/// core's shape. `rows` are `(attribute, path)` pairs, or `(attribute, path, AttrTable)` for a
/// nested object; `flags` and `files` name the attributes that are flags and PEM file paths.
#[pyclass(frozen, module = "akscompute._native")]
pub struct AttrTable {
    rows: Vec<Row>,
}

#[pymethods]
impl AttrTable {
    #[new]
    fn new(rows: &Bound<'_, PyAny>, flags: Vec<String>, files: Vec<String>) -> PyResult<Self> {
        let mut out = Vec::new();
        for row in rows.try_iter()? {
            let row = row?;
            let row = row.cast::<PyTuple>().map_err(|_| PyValueError::new_err("an AttrTable row is a tuple"))?;
            let attr: String = row.get_item(0)?.extract()?;
            let path: Vec<String> = row.get_item(1)?.extract()?;
            if path.is_empty() {
                return Err(PyValueError::new_err(format!("the row of {attr:?} has an empty path")));
            }
            let kind = if row.len() > 2 {
                Kind::Object(row.get_item(2)?.extract::<Py<AttrTable>>()?)
            } else if flags.contains(&attr) {
                Kind::Flag
            } else if files.contains(&attr) {
                Kind::File
            } else {
                Kind::Plain
            };
            out.push(Row { attr: PyString::new(rows.py(), &attr).unbind(), path, kind });
        }
        Ok(AttrTable { rows: out })
    }
}

impl AttrTable {
    /// The shape of `obj`; `read_pem(path)` gives a file's text in place of its path, when given.
    /// A value the shape cannot hold is a `ConfigurationError` naming its field, as for a dict.
    pub fn read(&self, obj: &Bound<'_, PyAny>, read_pem: Option<&Bound<'_, PyAny>>) -> PyResult<Map<String, Value>> {
        let py = obj.py();
        let mut out = Map::new();
        for row in &self.rows {
            // getattr(obj, attr, None): a missing attribute is an unset field, any other error is the object's.
            let v = match obj.getattr(row.attr.bind(py)) {
                Ok(v) => v,
                Err(e) if e.is_instance_of::<PyAttributeError>(py) => continue,
                Err(e) => return Err(e),
            };
            if v.is_none() {
                continue;
            }
            let value = match &row.kind {
                Kind::Flag if !v.is_truthy()? => continue,
                Kind::Flag => Value::Bool(true),
                Kind::File => match read_pem {
                    Some(f) => from_py_at(&f.call1((v,))?, "config", &row.path)?,
                    None => from_py_at(&v, "config", &row.path)?,
                },
                Kind::Plain => from_py_at(&v, "config", &row.path)?,
                Kind::Object(t) => Value::Object(t.get().read(&v, None)?),
            };
            let Some((last, parents)) = row.path.split_last() else { continue };
            let mut at = &mut out;
            for key in parents {
                let Some(m) = at.entry(key.clone()).or_insert_with(|| Value::Object(Map::new())).as_object_mut() else {
                    return Err(PyValueError::new_err(format!("two rows of the attribute table write {key:?}")));
                };
                at = m;
            }
            at.insert(last.clone(), value);
        }
        Ok(out)
    }
}
