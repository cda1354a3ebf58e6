//! `akscompute._native`: the core for Python. Values cross as Python dicts and lists, converted
//! in `convert`; shape errors raise the Python-defined `akscompute.ConfigurationError`, and
//! everything else is data for the pure-Python layer (`python/akscompute`) to present.
mod attrs;
mod capi;
mod client;
mod convert;
mod objects;
mod state;

use akscompute::request::{self, ApiVersion, Cloud, Options};
use akscompute::{export, AttachConfig, Context, CreateConfig, Operation};
use convert::{from_py, to_py};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use serde_json::Value;

/// The allocator of the module's Rust side (see Cargo.toml): Python's own memory is untouched.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A shape error as `ConfigurationError`, every problem in `errors`, in English.
pub(crate) fn shape_error(py: Python<'_>, e: &akscompute::ConfigError) -> PyErr {
    shape_error_in(py, e, None)
}

/// A shape error as `ConfigurationError` in `locale`: the summary ("die Konfiguration hat 1
/// Problem") and every problem's message in the core's words of that language.
pub(crate) fn shape_error_in(py: Python<'_>, e: &akscompute::ConfigError, locale: Option<&str>) -> PyErr {
    let locale = akscompute::locale::Locale::new(locale);
    let mut e = e.clone();
    e.localize(&locale);
    let errors: Vec<Value> = e.errors.iter().filter_map(|x| serde_json::to_value(x).ok()).collect();
    convert::raise(py, "ConfigurationError", &e.render(&locale), e.code(), &Value::Array(errors), &Value::Null)
}

fn request_error(py: Python<'_>, e: &request::RequestError) -> PyErr {
    let detail = serde_json::json!([{"kind": e.code(), "key": e.key(), "path": e.path(), "message": e.to_string()}]);
    convert::raise(py, "ConfigurationError", &e.to_string(), e.code(), &detail, &Value::Null)
}

fn context(py: Python<'_>, ctx: Option<&Bound<'_, PyAny>>) -> PyResult<(Value, Context)> {
    let raw = match ctx {
        Some(c) if !c.is_none() => from_py(c, "context")?,
        _ => Value::Object(Default::default()),
    };
    let parsed = Context::from_value(&raw).map_err(|e| shape_error(py, &e))?;
    Ok((raw, parsed))
}

/// validate(operation, config, context=None, min_severity="info") -> list of diagnostic dicts
///
/// `min_severity="warning"` leaves infos out before they are converted: the path every
/// configuration call takes, where only errors and warnings matter.
#[pyfunction]
#[pyo3(signature = (operation, config, context=None, min_severity="info"))]
fn validate<'py>(
    py: Python<'py>,
    operation: &str,
    config: &Bound<'py, PyAny>,
    context: Option<&Bound<'py, PyAny>>,
    min_severity: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let op: Operation = operation.parse().map_err(PyValueError::new_err)?;
    let floor = severity_floor(min_severity)?;
    let cfg = from_py(config, "config")?;
    let ctx = match context {
        Some(c) if !c.is_none() => Some(from_py(c, "context")?),
        _ => None,
    };
    match akscompute::validate_value(op, &cfg, ctx.as_ref()) {
        Ok(v) => convert::diagnostics(py, v.diagnostics.iter().filter(|d| d.severity <= floor)),
        Err(e) => Err(shape_error_in(py, &e, ctx.as_ref().and_then(|c| c.get("locale")).and_then(Value::as_str))),
    }
}

fn severity_floor(min_severity: &str) -> PyResult<akscompute::Severity> {
    match min_severity {
        "info" => Ok(akscompute::Severity::Info),
        "warning" => Ok(akscompute::Severity::Warning),
        "error" => Ok(akscompute::Severity::Error),
        other => Err(PyValueError::new_err(format!("min_severity is info, warning or error, not {other:?}"))),
    }
}

/// shape_of(obj, table, read_pem=None) -> dict: the core's configuration shape of a
/// configuration object (akscompute's or azureml-core's), attribute by attribute.
#[pyfunction]
#[pyo3(signature = (obj, table, read_pem=None))]
fn shape_of<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
    table: &Bound<'py, attrs::AttrTable>,
    read_pem: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &Value::Object(table.get().read(obj, read_pem)?))
}

/// validate_object(operation, obj, table, profile, locale=None, now=None, min_severity="info",
/// read_pem=None) -> list of diagnostic dicts
///
/// What `validate` does for a configuration object's shape and the context a configuration
/// call has (its profile, locale and time; the compute's name comes later), without a dict of
/// either in between: the path of every `provisioning_configuration()`.
#[pyfunction]
#[pyo3(signature = (operation, obj, table, profile, locale=None, now=None, min_severity="info", read_pem=None))]
#[allow(clippy::too_many_arguments)] // the keyword arguments of one Python call
fn validate_object<'py>(
    py: Python<'py>,
    operation: &str,
    obj: &Bound<'py, PyAny>,
    table: &Bound<'py, attrs::AttrTable>,
    profile: &str,
    locale: Option<&str>,
    now: Option<i64>,
    min_severity: &str,
    read_pem: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let floor = severity_floor(min_severity)?;
    let profile: akscompute::Profile =
        profile.parse().map_err(|e: akscompute::profile::UnknownProfile| PyValueError::new_err(e.to_string()))?;
    let mut ctx = Context::default();
    (ctx.profile, ctx.locale, ctx.now, ctx.name_later) = (profile, locale.map(str::to_string), now, true);
    let op = operation.parse().map_err(PyValueError::new_err)?;
    let found = objects::findings(py, op, table.get(), obj, None, read_pem, &mut ctx, false, floor)?;
    Ok(found.unwrap_or_else(|| pyo3::types::PyList::empty(py).into_any()))
}

/// `Payloads(create, read_ssl_files)`: azureml-core's `_build_create_payload` of a configuration
/// object, as a method Python calls without a frame of its own. `create` is the create table;
/// `read_ssl_files(config)` gives the TLS files' `(cert, key)` text, read when the configuration
/// has a CNAME (azureml-core reads them then, before anything else can fail).
#[pyclass(frozen, module = "akscompute._native")]
struct Payloads {
    create: Py<attrs::AttrTable>,
    read_ssl_files: Py<PyAny>,
}

#[pymethods]
impl Payloads {
    #[new]
    fn new(create: Py<attrs::AttrTable>, read_ssl_files: Py<PyAny>) -> Self {
        Payloads { create, read_ssl_files }
    }

    /// The body azureml-core's `AksCompute._build_create_payload(config, location,
    /// subscription_id)` sends, for the same configuration.
    fn create<'py>(
        &self,
        py: Python<'py>,
        config: &Bound<'py, PyAny>,
        location: &str,
        subscription_id: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let files: Option<(String, String)> = if config.getattr(pyo3::intern!(py, "ssl_cname"))?.is_truthy()? {
            Some(self.read_ssl_files.bind(py).call1((config,))?.extract()?)
        } else {
            None
        };
        let mut kept = Vec::new();
        let mut cfg =
            self.create.get().config(config, None, CreateConfig::from_value, Some(&mut kept))?.map_err(|e| shape_error(py, &e))?;
        if let (Some((cert, key)), Some(ssl)) = (files, cfg.ssl.as_mut()) {
            ssl.cert = Some(akscompute::Secret::new(cert));
            ssl.key = Some(akscompute::Secret::new(key));
        }
        let body = request::sdk::create_payload_node(&cfg, location, subscription_id).map_err(|e| request_error(py, &e))?;
        convert::node_to_py(py, &body, &kept)
    }
}

/// azureml-core's `_build_create_payload(config, location, subscription_id)`, from the JSON shape.
#[pyfunction]
fn sdk_create_payload<'py>(
    py: Python<'py>,
    config: &Bound<'py, PyAny>,
    location: &str,
    subscription_id: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let cfg = CreateConfig::from_value(&from_py(config, "config")?).map_err(|e| shape_error(py, &e))?;
    let body = request::sdk::create_payload_node(&cfg, location, subscription_id).map_err(|e| request_error(py, &e))?;
    convert::node_to_py(py, &body, &[])
}

/// azureml-core's `_build_attach_payload(config, resource_id)`, from the JSON shape.
#[pyfunction]
fn sdk_attach_payload<'py>(py: Python<'py>, config: &Bound<'py, PyAny>, resource_id: &str) -> PyResult<Bound<'py, PyAny>> {
    let cfg = AttachConfig::from_value(&from_py(config, "config")?).map_err(|e| shape_error(py, &e))?;
    let body = request::sdk::attach_payload(&cfg, resource_id).map_err(|e| request_error(py, &e))?;
    to_py(py, &body)
}

/// azureml-core's `_build_resource_id(subscription_id, resource_group, cluster_name)`.
#[pyfunction]
fn sdk_resource_id(subscription_id: &str, resource_group: &str, cluster_name: &str) -> String {
    request::sdk::resource_id(subscription_id, resource_group, cluster_name)
}

fn options(profile: akscompute::Profile, api_version: Option<&str>, cloud: Option<&str>) -> PyResult<Options> {
    Ok(Options {
        api_version: match api_version {
            Some(v) => v.parse::<ApiVersion>().map_err(|e| PyValueError::new_err(e.to_string()))?,
            None => ApiVersion::default(),
        },
        cloud: Cloud::parse(cloud.unwrap_or("public")).map_err(|e| PyValueError::new_err(e.to_string()))?,
        profile,
    })
}

/// build_request(operation, config, context, api_version=None, cloud=None, include_secrets=False) -> dict
///
/// operation: create, attach, update (context["compute"] is the current resource), detach,
/// delete, get, list, list_keys. Secrets are redacted unless include_secrets.
#[pyfunction]
#[pyo3(signature = (operation, config, context, api_version=None, cloud=None, include_secrets=false))]
fn build_request<'py>(
    py: Python<'py>,
    operation: &str,
    config: &Bound<'py, PyAny>,
    context: &Bound<'py, PyAny>,
    api_version: Option<&str>,
    cloud: Option<&str>,
    include_secrets: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let cfg = from_py(config, "config")?;
    let ctx = from_py(context, "context")?;
    let o = options(akscompute::Profile::default(), api_version, cloud)?;
    let plan = request::build_json(operation, &cfg, &ctx, o.api_version, o.cloud).map_err(|e| match e {
        request::JsonBuildError::Config(e) => shape_error(py, &e),
        request::JsonBuildError::Request(e) => request_error(py, &e),
        other => PyValueError::new_err(other.to_string()),
    })?;
    let mut out = plan.request.to_json(!include_secrets);
    let notes = plan.notes;
    out["notes"] = serde_json::json!(notes);
    to_py(py, &out)
}

/// export(form, operation, config, context) -> str | dict: "arm-template" or "az-cli".
#[pyfunction]
fn export_as<'py>(
    py: Python<'py>,
    form: &str,
    operation: &str,
    config: &Bound<'py, PyAny>,
    context: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let cfg = from_py(config, "config")?;
    let (_, ctx) = self::context(py, Some(context))?;
    let o = options(ctx.profile, None, None)?;
    let v = export::export_named(form, operation, &cfg, &ctx, &o).map_err(|e| match e {
        export::ExportError::Config(c) => shape_error(py, &c),
        export::ExportError::Request(r) => request_error(py, &r),
        other => PyValueError::new_err(other.to_string()),
    })?;
    to_py(py, &v.into_value())
}

/// parse_response(kind, body) -> dict: "compute", "list", "operation", "keys", "cluster", "versions".
#[pyfunction]
fn parse_response<'py>(py: Python<'py>, kind: &str, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    use akscompute::response::{AksSecrets, ComputeInfo, ListPage, OperationStatus};
    let v = from_py(body, "response")?;
    let bad = |e: akscompute::response::ResponseError| {
        convert::raise(py, "ComputeTargetException", &e.to_string(), "bad_response", &Value::Null, &Value::Null)
    };
    let out = match kind {
        "compute" => serde_json::to_value(ComputeInfo::from_json(&v).map_err(bad)?),
        "list" => serde_json::to_value(ListPage::from_json(&v).map_err(bad)?),
        "operation" => serde_json::to_value(OperationStatus::from_json(&v).map_err(bad)?),
        "keys" => {
            // The caller asked for the kubeconfigs: the secrets go out exposed here, to the caller only.
            let s = AksSecrets::from_json(&v).map_err(bad)?;
            Ok(serde_json::json!({
                "userKubeConfig": s.user_kube_config.as_ref().map(|x| x.expose()),
                "adminKubeConfig": s.admin_kube_config.as_ref().map(|x| x.expose()),
                "imagePullSecretName": s.image_pull_secret_name,
            }))
        }
        other => return Err(PyValueError::new_err(format!("unknown response kind {other:?}"))),
    };
    to_py(py, &out.map_err(|e| PyValueError::new_err(e.to_string()))?)
}

/// sdk_serialize(info) -> dict: azureml-core's `AksCompute.serialize()` of a compute, from the
/// snake_case form `parse_response("compute", …)` gives (the core's writer: the camelCase keys
/// are the core's, not the package's).
#[pyfunction]
fn sdk_serialize<'py>(py: Python<'py>, info: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let v = from_py(info, "compute")?;
    let info: akscompute::response::ComputeInfo = serde_json::from_value(v).map_err(|e| {
        let message = format!("the compute cannot be serialized: {e}");
        convert::raise(py, "ComputeTargetException", &message, "bad_value", &Value::Null, &Value::Null)
    })?;
    to_py(py, &info.to_sdk_json())
}

/// sdk_system_service(service_type, version, public_ip_address) -> dict: azureml-core's
/// `SystemService.serialize()` (the core's writer).
#[pyfunction]
fn sdk_system_service<'py>(
    py: Python<'py>,
    service_type: Option<String>,
    version: Option<String>,
    public_ip_address: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut s = akscompute::response::SystemService::default();
    (s.service_type, s.version, s.public_ip_address) = (service_type, version, public_ip_address);
    to_py(py, &s.to_sdk_json())
}

/// sdk_ssl(status, cert, key, cname, leaf_domain_label, overwrite_existing_domain, renew) -> dict:
/// azureml-core's `SslConfiguration.serialize()` (the core's writer).
#[pyfunction]
#[pyo3(signature = (status, cert, key, cname, leaf_domain_label, overwrite_existing_domain, renew))]
#[allow(clippy::too_many_arguments)] // the fields of SslConfiguration(), in order
fn sdk_ssl<'py>(
    py: Python<'py>,
    status: Option<String>,
    cert: Option<String>,
    key: Option<String>,
    cname: Option<String>,
    leaf_domain_label: Option<String>,
    overwrite_existing_domain: bool,
    renew: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let mut ssl = akscompute::SslConfig::default();
    (ssl.status, ssl.cname, ssl.leaf_domain_label) = (status, cname, leaf_domain_label);
    (ssl.cert, ssl.key) = (cert.map(akscompute::Secret::new), key.map(akscompute::Secret::new));
    (ssl.overwrite_existing_domain, ssl.renew) = (Some(overwrite_existing_domain), Some(renew));
    to_py(py, &ssl.to_sdk_json())
}

/// sdk_ssl_fields(object_dict) -> (status, cert, key, cname, leaf_domain_label,
/// overwrite_existing_domain, renew): what azureml-core's `SslConfiguration.deserialize()` reads.
#[pyfunction]
#[allow(clippy::type_complexity)] // the arguments of SslConfiguration(), in order
fn sdk_ssl_fields(
    v: &Bound<'_, PyAny>,
) -> PyResult<(Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, bool, bool)> {
    let s = akscompute::SslConfig::from_sdk_json(&from_py(v, "ssl_configuration")?);
    let expose = |x: Option<akscompute::Secret>| x.map(|x| x.expose().to_string());
    let flag = |x: Option<bool>| x.unwrap_or(false);
    Ok((s.status, expose(s.cert), expose(s.key), s.cname, s.leaf_domain_label, flag(s.overwrite_existing_domain), flag(s.renew)))
}

/// vm_size(name) -> dict | None
#[pyfunction]
fn vm_size<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    match akscompute::vmsize::resolve(name, &[]) {
        Some(s) => to_py(py, &serde_json::to_value(&s).map_err(|e| PyValueError::new_err(e.to_string()))?),
        None => Ok(py.None().into_bound(py)),
    }
}

/// rules() -> list of {code, title, source, severities}
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &akscompute::registry::to_json())
}

/// The profile in force when none is chosen (the newest documentation).
#[pyfunction]
fn default_profile() -> &'static str {
    akscompute::Profile::default().as_str()
}

/// The locales with a message table (`en` among them).
#[pyfunction]
fn locales() -> Vec<&'static str> {
    akscompute::registry::locales()
}

/// chrome(key, params=None, locale=None) -> str: a text of the core's chrome (`ui.invalid`,
/// `ui.item`, `ui.line`, `ui.label.fix`, `ui.prefix`, …) in `locale`, filled with `params`
/// (`count`, `code`, `path`, `message`, `severity`, `label`, `requested`; others are ignored).
#[pyfunction]
#[pyo3(signature = (key, params=None, locale=None))]
fn chrome(key: &str, params: Option<&Bound<'_, pyo3::types::PyDict>>, locale: Option<&str>) -> PyResult<String> {
    const NAMES: [&str; 7] = ["count", "code", "path", "message", "severity", "label", "requested"];
    let mut filled = Vec::new();
    for (k, v) in params.into_iter().flat_map(|d| d.iter()) {
        let k: String = k.extract()?;
        let Some(name) = NAMES.iter().find(|n| **n == k) else { continue };
        let value = match v.extract::<u64>() {
            Ok(n) => akscompute::Param::from(n),
            Err(_) => akscompute::Param::from(v.str()?.to_cow()?.into_owned()),
        };
        filled.push((*name, value));
    }
    Ok(akscompute::locale::Locale::new(locale).text(key, &akscompute::Params(filled)))
}

/// Checks a profile name; returns its canonical form.
#[pyfunction]
fn profile_name(name: &str) -> PyResult<String> {
    name.parse::<akscompute::Profile>().map(|p| p.as_str().to_string()).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_object, m)?)?;
    m.add_function(wrap_pyfunction!(sdk_serialize, m)?)?;
    m.add_function(wrap_pyfunction!(sdk_ssl, m)?)?;
    m.add_function(wrap_pyfunction!(sdk_system_service, m)?)?;
    m.add_function(wrap_pyfunction!(sdk_ssl_fields, m)?)?;
    m.add_function(wrap_pyfunction!(shape_of, m)?)?;
    m.add_class::<Payloads>()?;
    m.add_function(wrap_pyfunction!(state::set_profile, m)?)?;
    m.add_function(wrap_pyfunction!(state::get_profile, m)?)?;
    m.add_function(wrap_pyfunction!(state::set_locale, m)?)?;
    m.add_function(wrap_pyfunction!(state::get_locale, m)?)?;
    m.add_class::<attrs::AttrTable>()?;
    m.add_class::<objects::Maker>()?;
    m.add_function(wrap_pyfunction!(sdk_create_payload, m)?)?;
    m.add_function(wrap_pyfunction!(sdk_attach_payload, m)?)?;
    m.add_function(wrap_pyfunction!(sdk_resource_id, m)?)?;
    m.add_function(wrap_pyfunction!(build_request, m)?)?;
    m.add_function(wrap_pyfunction!(export_as, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(vm_size, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(profile_name, m)?)?;
    m.add_function(wrap_pyfunction!(default_profile, m)?)?;
    m.add_function(wrap_pyfunction!(locales, m)?)?;
    m.add_function(wrap_pyfunction!(chrome, m)?)?;
    m.add_class::<client::Client>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
