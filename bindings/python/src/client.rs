//! `akscompute._native.Client`: the ARM client for the Python drop-in's operations. Requests
//! run without the interpreter lock; the token comes from the caller's credential.
use crate::convert::{self, from_py, to_py};
use akscompute::request::{ApiVersion, Cloud, Options};
use akscompute::{AttachConfig, Context, CreateConfig, Secret, UnderlyingAction, UpdateConfig};
use akscompute_client::blocking;
use akscompute_client::{ClientError, Operation, PollPolicy, TokenProvider};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

/// A token from a Python credential: azure-identity's `get_token(scope)` (an object with
/// `.token`), azureml-core's auth (`get_authentication_header()`), or a plain string.
struct PyCredential(Py<PyAny>);

impl TokenProvider for PyCredential {
    fn token(&self, scope: &str) -> Result<Secret, ClientError> {
        Python::attach(|py| {
            let c = self.0.bind(py);
            let fail = |e: PyErr| {
                ClientError::Token(format!("the credential failed: {}", e.get_type(py).name().map(|n| n.to_string()).unwrap_or_default()))
            };
            if let Ok(s) = c.extract::<String>() {
                return Ok(Secret::new(s));
            }
            if c.hasattr("get_token").unwrap_or(false) {
                let t = c.call_method1("get_token", (scope,)).map_err(fail)?;
                let text: String =
                    if let Ok(s) = t.extract::<String>() { s } else { t.getattr("token").and_then(|x| x.extract()).map_err(fail)? };
                return Ok(Secret::new(text));
            }
            if c.hasattr("get_authentication_header").unwrap_or(false) {
                let h = c.call_method0("get_authentication_header").map_err(fail)?;
                let v: String = h.get_item("Authorization").and_then(|x| x.extract()).map_err(fail)?;
                return Ok(Secret::new(v.trim_start_matches("Bearer ").to_string()));
            }
            Err(ClientError::Token("the credential has neither get_token(scope) nor get_authentication_header()".into()))
        })
    }
}

fn fail(py: Python<'_>, e: ClientError) -> PyErr {
    let diags = match &e {
        ClientError::Invalid(v) => serde_json::to_value(&v.diagnostics).unwrap_or_default(),
        _ => Value::Array(vec![]),
    };
    convert::raise(py, "ClientFailure", &e.to_string(), e.code(), &diags)
}

fn op_out<'py>(py: Python<'py>, op: &Operation) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &json!({"kind": op.kind, "name": op.name, "async_url": op.async_url, "reconciled": op.reconciled}))
}

fn op_in(v: &Bound<'_, PyAny>) -> PyResult<Operation> {
    let d = from_py(v, "operation")?;
    let kind = match d["kind"].as_str() {
        Some("create") => "create",
        Some("attach") => "attach",
        Some("update") => "update",
        Some("delete") => "delete",
        Some("detach") => "detach",
        _ => return Err(PyValueError::new_err("operation.kind is create, attach, update, delete or detach")),
    };
    Ok(Operation {
        kind,
        name: d["name"].as_str().unwrap_or_default().into(),
        async_url: d["async_url"].as_str().map(String::from),
        reconciled: d["reconciled"].as_bool().unwrap_or(false),
    })
}

fn ctx(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<Context> {
    Context::from_value(&from_py(v, "context")?)
        .map_err(|e| convert::raise(py, "ConfigurationError", &e.to_string(), e.code(), &Value::Null))
}

#[pyclass(module = "akscompute._native")]
pub struct Client {
    inner: blocking::Client,
}

#[pymethods]
impl Client {
    /// Client(credential, cloud="public", api_version=None, profile="2021-11", poll_interval=5.0, timeout=3600.0)
    #[new]
    #[pyo3(signature = (credential, cloud="public", api_version=None, profile="2021-11", poll_interval=5.0, timeout=3600.0))]
    fn new(
        credential: Py<PyAny>,
        cloud: &str,
        api_version: Option<&str>,
        profile: &str,
        poll_interval: f64,
        timeout: f64,
    ) -> PyResult<Self> {
        let options = Options {
            api_version: api_version
                .map(|v| v.parse::<ApiVersion>())
                .transpose()
                .map_err(|e| PyValueError::new_err(e.to_string()))?
                .unwrap_or_default(),
            cloud: Cloud::parse(cloud).map_err(|e| PyValueError::new_err(e.to_string()))?,
            profile: profile.parse().map_err(|e: akscompute::profile::UnknownProfile| PyValueError::new_err(e.to_string()))?,
        };
        let mut inner =
            blocking::Client::new(options, Arc::new(PyCredential(credential))).map_err(|e| PyValueError::new_err(e.to_string()))?;
        inner.inner.poll = PollPolicy {
            default_interval: akscompute_client::seconds(poll_interval).unwrap_or_default().max(Duration::from_millis(10)),
            min_interval: Duration::from_millis(10),
            timeout: akscompute_client::seconds(timeout).unwrap_or_default().max(Duration::from_millis(100)),
            fixed: false,
        };
        Ok(Client { inner })
    }

    fn create<'py>(&self, py: Python<'py>, config: &Bound<'py, PyAny>, context: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let cfg = CreateConfig::from_value(&from_py(config, "config")?)
            .map_err(|e| convert::raise(py, "ConfigurationError", &e.to_string(), e.code(), &Value::Null))?;
        let c = ctx(py, context)?;
        let r = py.detach(|| self.inner.create(&cfg, &c));
        op_out(py, &r.map_err(|e| fail(py, e))?)
    }

    fn attach<'py>(&self, py: Python<'py>, config: &Bound<'py, PyAny>, context: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let cfg = AttachConfig::from_value(&from_py(config, "config")?)
            .map_err(|e| convert::raise(py, "ConfigurationError", &e.to_string(), e.code(), &Value::Null))?;
        let c = ctx(py, context)?;
        let r = py.detach(|| self.inner.attach(&cfg, &c));
        op_out(py, &r.map_err(|e| fail(py, e))?)
    }

    /// Returns (operation, notes).
    fn update<'py>(
        &self,
        py: Python<'py>,
        config: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
        let cfg = UpdateConfig::from_value(&from_py(config, "config")?)
            .map_err(|e| convert::raise(py, "ConfigurationError", &e.to_string(), e.code(), &Value::Null))?;
        let c = ctx(py, context)?;
        let (op, notes) = py.detach(|| self.inner.update(&cfg, &c)).map_err(|e| fail(py, e))?;
        Ok((op_out(py, &op)?, notes))
    }

    /// action: "detach" or "delete"; None when there was nothing to remove.
    fn remove<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>, name: &str, action: &str) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        let a = if action.eq_ignore_ascii_case("delete") { UnderlyingAction::Delete } else { UnderlyingAction::Detach };
        match py.detach(|| self.inner.delete_or_detach(&c, name, a)).map_err(|e| fail(py, e))? {
            Some(op) => op_out(py, &op),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// Waits; `progress(status)` is called at every poll. Returns {status, error}.
    #[pyo3(signature = (context, operation, progress=None))]
    fn wait<'py>(
        &self,
        py: Python<'py>,
        context: &Bound<'py, PyAny>,
        operation: &Bound<'py, PyAny>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        let op = op_in(operation)?;
        let mut cb = |s: &str| {
            if let Some(p) = &progress {
                Python::attach(|py| {
                    let _ = p.call1(py, (s,));
                });
            }
        };
        let r = py.detach(|| self.inner.wait(&c, &op, &mut cb));
        match r {
            Ok(s) => to_py(py, &serde_json::to_value(&s).unwrap_or_default()),
            Err(ClientError::OperationFailed { status, code, message }) => {
                to_py(py, &json!({"status": status, "error": {"code": code, "message": message}}))
            }
            Err(e) => Err(fail(py, e)),
        }
    }

    /// The compute (parsed), or None.
    fn get<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        match py.detach(|| self.inner.get(&c, name)).map_err(|e| fail(py, e))? {
            Some(info) => to_py(py, &serde_json::to_value(&info).unwrap_or_default()),
            None => Ok(py.None().into_bound(py)),
        }
    }

    fn list<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        let all = py.detach(|| self.inner.list(&c)).map_err(|e| fail(py, e))?;
        to_py(py, &serde_json::to_value(&all).unwrap_or_default())
    }

    /// {"userKubeConfig", "adminKubeConfig"}: the kubeconfigs, which the caller asked for.
    fn list_keys<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyDict>> {
        let c = ctx(py, context)?;
        let k = py.detach(|| self.inner.list_keys(&c, name)).map_err(|e| fail(py, e))?;
        let d = PyDict::new(py);
        d.set_item("userKubeConfig", k.user_kube_config.as_ref().map(|s| s.expose().to_string()))?;
        d.set_item("adminKubeConfig", k.admin_kube_config.as_ref().map(|s| s.expose().to_string()))?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}
