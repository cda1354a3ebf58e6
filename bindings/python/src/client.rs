//! `akscompute._native.Client`: the ARM client for the Python drop-in's operations. Requests
//! run without the interpreter lock; the token comes from the caller's credential.
//!
//! Every call runs on the client's own single-thread runtime beside a watcher that takes the
//! interpreter lock every 100 ms to run Python's signal handlers: Ctrl-C (a Jupyter interrupt)
//! ends any call, a long wait included, within that time, and an exception raised by the
//! progress callback ends the wait with that exception. A panic inside the client ends the
//! call with a `ComputeTargetException`, never a `PanicException`.
use crate::convert::{self, from_py, to_py};
use akscompute::request::{ApiVersion, Cloud, Options};
use akscompute::{AttachConfig, Context, CreateConfig, Secret, UnderlyingAction, UpdateConfig};
use akscompute_client::{ClientError, Operation, PollPolicy, TokenProvider};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{json, Value};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

/// How often a running call looks for a pending signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);
/// The bounds of `poll_interval` and `timeout`, in seconds: beyond them a value is a mistake
/// (and beyond what a `Duration` holds, a crash).
const POLL_INTERVAL: (f64, f64) = (0.01, 3600.0);
const TIMEOUT: (f64, f64) = (0.1, 30.0 * 24.0 * 3600.0);

/// A token from a Python credential: azure-identity's `get_token(scope)` (an object with
/// `.token`), azureml-core's auth (`get_authentication_header()`), or a plain string.
struct PyCredential(Py<PyAny>);

impl TokenProvider for PyCredential {
    fn token(&self, scope: &str) -> Result<Secret, ClientError> {
        Python::attach(|py| {
            let c = self.0.bind(py);
            let fail = |e: PyErr| {
                // The credential's own words say what to do (`az login`); clipped, and its type.
                let ty = e.get_type(py).name().map(|n| n.to_string()).unwrap_or_default();
                let said: String = e.value(py).str().map(|s| s.to_string()).unwrap_or_default().chars().take(400).collect();
                ClientError::token(format!("the credential failed ({ty}): {said}"))
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
            Err(ClientError::token("the credential has neither get_token(scope) nor get_authentication_header()"))
        })
    }
}

/// A client error as the Python exception for it (`ClientFailure`, with its stable `code`).
fn fail(py: Python<'_>, e: ClientError) -> PyErr {
    let diags = match &e {
        ClientError::Invalid(v) => serde_json::to_value(&v.diagnostics).unwrap_or_default(),
        _ => Value::Array(vec![]),
    };
    let message = match &e {
        // Not a failure: the change may be in place. Say how to look, in this API's words.
        ClientError::OutcomeUnknown { operation, name, cause } => format!(
            "the {operation} of {name} may have been applied: the request reached the service, but its answer was lost and \
             every later request failed ({}). Look before trying again: ComputeTarget(workspace, {name:?}) reads it, \
             ComputeTarget.list(workspace) lists every compute",
            cause.report()
        ),
        _ => e.report(),
    };
    convert::raise(py, "ClientFailure", &message, e.code(), &Value::Null, &diags)
}

fn misuse(py: Python<'_>, argument: &str, message: String) -> PyErr {
    let errors = json!([{"kind": "bad_value", "path": [argument], "message": message}]);
    convert::raise(py, "ConfigurationError", &message, "bad_value", &errors, &Value::Null)
}

/// Seconds given to the constructor, checked before they become a `Duration`.
fn seconds(py: Python<'_>, argument: &str, value: f64, (low, high): (f64, f64)) -> PyResult<Duration> {
    if !value.is_finite() || !(low..=high).contains(&value) {
        return Err(misuse(py, argument, format!("{argument} is a number of seconds from {low} to {high}, not {value}")));
    }
    Ok(Duration::from_secs_f64(value))
}

fn op_out<'py>(py: Python<'py>, op: &Operation) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &json!({"kind": op.kind, "name": op.name, "async_url": op.async_url, "reconciled": op.reconciled}))
}

fn op_in(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<Operation> {
    let d = from_py(v, "operation")?;
    let kind = match d["kind"].as_str() {
        Some("create") => "create",
        Some("attach") => "attach",
        Some("update") => "update",
        Some("delete") => "delete",
        Some("detach") => "detach",
        _ => return Err(misuse(py, "operation", "operation.kind is create, attach, update, delete or detach".into())),
    };
    Ok(Operation {
        kind,
        name: d["name"].as_str().unwrap_or_default().into(),
        async_url: d["async_url"].as_str().map(String::from),
        reconciled: d["reconciled"].as_bool().unwrap_or(false),
    })
}

fn ctx(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<Context> {
    Context::from_value(&from_py(v, "context")?).map_err(|e| crate::shape_error(py, &e))
}

/// Why a call ended early.
enum Stop {
    /// A Python exception: a signal handler's (KeyboardInterrupt) or the progress callback's.
    Python(PyErr),
    /// The client panicked.
    Panic,
}

#[pyclass(module = "akscompute._native")]
pub struct Client {
    inner: akscompute_client::Client,
    rt: tokio::runtime::Runtime,
}

impl Client {
    /// Runs `fut` without the interpreter lock, watching for signals and for an exception the
    /// progress callback left in `raised`.
    fn run<T: Send>(
        &self,
        py: Python<'_>,
        raised: &Mutex<Option<PyErr>>,
        fut: impl Future<Output = Result<T, ClientError>> + Send,
    ) -> PyResult<T> {
        let outcome = py.detach(|| {
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                self.rt.block_on(async {
                    let mut work = std::pin::pin!(fut);
                    let mut tick = std::pin::pin!(tokio::time::sleep(SIGNAL_CHECK));
                    std::future::poll_fn(|cx| {
                        if let Poll::Ready(r) = work.as_mut().poll(cx) {
                            return Poll::Ready(Ok(r));
                        }
                        if let Some(e) = raised.lock().ok().and_then(|mut g| g.take()) {
                            return Poll::Ready(Err(Stop::Python(e)));
                        }
                        while tick.as_mut().poll(cx).is_ready() {
                            if let Err(e) = Python::attach(|py| py.check_signals()) {
                                return Poll::Ready(Err(Stop::Python(e)));
                            }
                            tick.as_mut().reset(tokio::time::Instant::now() + SIGNAL_CHECK);
                        }
                        Poll::Pending
                    })
                    .await
                })
            }))
            .unwrap_or(Err(Stop::Panic))
        });
        match outcome {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(fail(py, e)),
            Err(Stop::Python(e)) => Err(e),
            Err(Stop::Panic) => Err(convert::raise(
                py,
                "ClientFailure",
                "akscompute's client stopped on an internal error (a bug: please report it); if a change was being sent it \
                 may have been applied: check with ComputeTarget(workspace, name) or ComputeTarget.list(workspace)",
                "internal",
                &Value::Null,
                &Value::Null,
            )),
        }
    }
}

#[pymethods]
impl Client {
    /// Client(credential, cloud="public", api_version=None, profile=None, poll_interval=5.0, timeout=3600.0)
    ///
    /// `profile` None is the core's default; `poll_interval` (0.01–3600 s, used when the
    /// service gives no Retry-After) and `timeout` (up to 30 days) are checked here.
    #[new]
    #[pyo3(signature = (credential, cloud="public", api_version=None, profile=None, poll_interval=5.0, timeout=3600.0))]
    fn new(
        py: Python<'_>,
        credential: Py<PyAny>,
        cloud: &str,
        api_version: Option<&str>,
        profile: Option<&str>,
        poll_interval: f64,
        timeout: f64,
    ) -> PyResult<Self> {
        let default_interval = seconds(py, "poll_interval", poll_interval, POLL_INTERVAL)?;
        let timeout = seconds(py, "timeout", timeout, TIMEOUT)?;
        let options = Options {
            api_version: api_version
                .map(|v| v.parse::<ApiVersion>())
                .transpose()
                .map_err(|e| misuse(py, "api_version", e.to_string()))?
                .unwrap_or_default(),
            cloud: Cloud::parse(cloud).map_err(|e| misuse(py, "cloud", e.to_string()))?,
            profile: match profile {
                Some(p) => p.parse().map_err(|e: akscompute::profile::UnknownProfile| misuse(py, "profile", e.to_string()))?,
                None => akscompute::Profile::default(),
            },
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| fail(py, ClientError::transport_setup("cannot start a runtime", e)))?;
        // reqwest's client must be made inside the runtime it runs on.
        let mut inner =
            rt.block_on(async { akscompute_client::Client::new(options, Arc::new(PyCredential(credential))) }).map_err(|e| fail(py, e))?;
        inner.poll = PollPolicy { default_interval, min_interval: Duration::from_millis(10), timeout, fixed: false };
        Ok(Client { inner, rt })
    }

    fn create<'py>(&self, py: Python<'py>, config: &Bound<'py, PyAny>, context: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let cfg = CreateConfig::from_value(&from_py(config, "config")?).map_err(|e| crate::shape_error(py, &e))?;
        let c = ctx(py, context)?;
        let op = self.run(py, &Mutex::new(None), self.inner.create(&cfg, &c))?;
        op_out(py, &op)
    }

    fn attach<'py>(&self, py: Python<'py>, config: &Bound<'py, PyAny>, context: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let cfg = AttachConfig::from_value(&from_py(config, "config")?).map_err(|e| crate::shape_error(py, &e))?;
        let c = ctx(py, context)?;
        let op = self.run(py, &Mutex::new(None), self.inner.attach(&cfg, &c))?;
        op_out(py, &op)
    }

    /// Returns (operation, notes).
    fn update<'py>(
        &self,
        py: Python<'py>,
        config: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
        let cfg = UpdateConfig::from_value(&from_py(config, "config")?).map_err(|e| crate::shape_error(py, &e))?;
        let c = ctx(py, context)?;
        let (op, notes) = self.run(py, &Mutex::new(None), self.inner.update(&cfg, &c))?;
        Ok((op_out(py, &op)?, notes))
    }

    /// action: "detach" or "delete"; None when there was nothing to remove.
    fn remove<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>, name: &str, action: &str) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        let a = match action.to_ascii_lowercase().as_str() {
            "delete" => UnderlyingAction::Delete,
            "detach" => UnderlyingAction::Detach,
            _ => return Err(misuse(py, "action", format!("action is \"detach\" or \"delete\", not {:?}", clip(action)))),
        };
        match self.run(py, &Mutex::new(None), self.inner.delete_or_detach(&c, name, a))? {
            Some(op) => op_out(py, &op),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// Waits; `progress(status)` is called at every poll (an exception it raises ends the
    /// wait with that exception). Returns {status, error}.
    #[pyo3(signature = (context, operation, progress=None))]
    fn wait<'py>(
        &self,
        py: Python<'py>,
        context: &Bound<'py, PyAny>,
        operation: &Bound<'py, PyAny>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        let op = op_in(py, operation)?;
        let raised = Mutex::new(None);
        let mut cb = |s: &str| {
            if let Some(p) = &progress {
                Python::attach(|py| {
                    if let Err(e) = p.call1(py, (s,)) {
                        if let Ok(mut slot) = raised.lock() {
                            slot.get_or_insert(e);
                        }
                    }
                });
            }
        };
        let r = self.run(py, &raised, async {
            match self.inner.wait(&c, &op, &mut cb).await {
                Ok(s) => Ok(serde_json::to_value(&s).unwrap_or_default()),
                Err(ClientError::OperationFailed { status, code, message }) => {
                    Ok(json!({"status": status, "error": {"code": code, "message": message}}))
                }
                Err(e) => Err(e),
            }
        });
        // A callback exception raised at the last poll, after the wait had ended.
        if let Some(e) = raised.lock().ok().and_then(|mut g| g.take()) {
            return Err(e);
        }
        to_py(py, &r?)
    }

    /// The compute (parsed), or None.
    fn get<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        match self.run(py, &Mutex::new(None), self.inner.get(&c, name))? {
            Some(info) => to_py(py, &serde_json::to_value(&info).unwrap_or_default()),
            None => Ok(py.None().into_bound(py)),
        }
    }

    fn list<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let c = ctx(py, context)?;
        let all = self.run(py, &Mutex::new(None), self.inner.list(&c))?;
        to_py(py, &serde_json::to_value(&all).unwrap_or_default())
    }

    /// The listKeys answer as azureml-core's `get_credentials()` returns it: computeType,
    /// userKubeConfig, adminKubeConfig (the kubeconfigs, which the caller asked for) and
    /// imagePullSecretName.
    fn list_keys<'py>(&self, py: Python<'py>, context: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyDict>> {
        let c = ctx(py, context)?;
        let k = self.run(py, &Mutex::new(None), self.inner.list_keys(&c, name))?;
        let d = PyDict::new(py);
        d.set_item("computeType", "AKS")?;
        d.set_item("userKubeConfig", k.user_kube_config.as_ref().map(|s| s.expose().to_string()))?;
        d.set_item("adminKubeConfig", k.admin_kube_config.as_ref().map(|s| s.expose().to_string()))?;
        d.set_item("imagePullSecretName", k.image_pull_secret_name.as_deref())?;
        Ok(d)
    }

    /// The workspace's region, from Resource Manager (azureml-core's `Workspace.location`).
    fn workspace_location(&self, py: Python<'_>, context: &Bound<'_, PyAny>) -> PyResult<String> {
        let c = ctx(py, context)?;
        self.run(py, &Mutex::new(None), self.inner.workspace_location(&c))
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}

/// At most 40 characters of a caller's value, for a message.
fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}
