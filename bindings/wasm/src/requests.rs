//! What a form does not need on every keystroke: the ARM requests, the ARM template and the
//! `az` command line. Only the main module has them (feature `requests`); the lean module
//! `akscompute_form` leaves them out, and `akscompute/form` hands these calls to the main module
//! once `loadFull()` has loaded it.
use crate::convert::{self, input_text, optional, output, to_error, JsResult};
use akscompute::request::{self, ApiVersion, Cloud, Options};
use akscompute::{export, AttachConfig, Context, CreateConfig, DetachConfig, UpdateConfig};
use wasm_bindgen::prelude::*;

fn options(opts: JsValue, ctx: &Context) -> Result<(Options, bool), JsValue> {
    let o = optional(opts, "options")?.unwrap_or_default();
    let api_version = match o.get("apiVersion").and_then(|v| v.as_str()) {
        Some(v) => v.parse::<ApiVersion>().map_err(|e| convert::request_error(&e))?,
        None => ApiVersion::default(),
    };
    let cloud = match o.get("cloud").and_then(|v| v.as_str()) {
        Some(c) => Cloud::parse(c).map_err(|e| convert::request_error(&e))?,
        None => Cloud::Public,
    };
    let secrets = o.get("includeSecrets").and_then(|v| v.as_bool()).unwrap_or(false);
    Ok((Options { api_version, cloud, profile: ctx.profile }, secrets))
}

fn request_out(r: akscompute::request::Request, include_secrets: bool) -> JsResult {
    output(&r.to_json(!include_secrets))
}

/// A request built from a configuration and a required context: each input read (every shape
/// problem thrown at once), the options read against the context, then built.
fn build<T>(
    config: JsValue,
    context: JsValue,
    opts: JsValue,
    read: fn(&str) -> Result<T, akscompute::ConfigError>,
    make: impl FnOnce(&T, &Context, &Options) -> Result<akscompute::request::Request, akscompute::request::RequestError>,
) -> JsResult {
    let cfg = read(&input_text(&config, "config", &context)?).map_err(|e| convert::config_error(e, &context))?;
    let ctx = context_required(&context)?;
    let (o, secrets) = options(opts, &ctx)?;
    request_out(make(&cfg, &ctx, &o).map_err(|e| convert::request_error(&e))?, secrets)
}

/// The create request. Secrets are redacted unless `options.includeSecrets` is true.
#[wasm_bindgen(js_name = buildCreateRequest, unchecked_return_type = "ArmRequest")]
pub fn build_create_request(
    #[wasm_bindgen(unchecked_param_type = "CreateConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context")] context: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions | undefined")] opts: JsValue,
) -> JsResult {
    build(config, context, opts, CreateConfig::from_json_lean, request::create)
}

/// The attach request. Secrets are redacted unless `options.includeSecrets` is true.
#[wasm_bindgen(js_name = buildAttachRequest, unchecked_return_type = "ArmRequest")]
pub fn build_attach_request(
    #[wasm_bindgen(unchecked_param_type = "AttachConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context")] context: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions | undefined")] opts: JsValue,
) -> JsResult {
    build(config, context, opts, AttachConfig::from_json_lean, request::attach)
}

/// The update request: the current compute (context `compute`, as a GET returns it) merged
/// with the update and PUT back; `notes` say what the merge could not carry.
#[wasm_bindgen(js_name = buildUpdateRequest, unchecked_return_type = "ArmRequest & { notes: string[] }")]
pub fn build_update_request(
    #[wasm_bindgen(unchecked_param_type = "UpdateConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context")] context: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions | undefined")] opts: JsValue,
) -> JsResult {
    let cfg = UpdateConfig::from_json_lean(&input_text(&config, "config", &context)?).map_err(|e| convert::config_error(e, &context))?;
    let raw = input_text(&context, "context", &context)?;
    let ctx = convert::context_text(&raw, &context)?;
    // The current compute is merged as JSON, not read as a shape: its text as a value (the
    // context reader has already refused a context that is not an object).
    let current = convert::parse(&raw, "context", &context)?.get_mut("compute").map(serde_json::Value::take).unwrap_or_default();
    let (o, secrets) = options(opts, &ctx)?;
    let plan = request::update(&cfg, &current, &ctx, &o).map_err(|e| convert::request_error(&e))?;
    let out = request_out(plan.request, secrets)?;
    js_sys::Reflect::set(&out, &"notes".into(), &output(&plan.notes)?)?;
    Ok(out)
}

/// The detach (`action: "detach"`, the default) or delete request.
#[wasm_bindgen(js_name = buildDetachRequest, unchecked_return_type = "ArmRequest")]
pub fn build_detach_request(
    #[wasm_bindgen(unchecked_param_type = "DetachConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context")] context: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions | undefined")] opts: JsValue,
) -> JsResult {
    build(config, context, opts, DetachConfig::from_json_lean, |c, ctx, o| request::delete_or_detach(ctx, c.name.as_deref(), c.action, o))
}

fn context_required(value: &JsValue) -> Result<Context, JsValue> {
    convert::context_text(&input_text(value, "context", value)?, value)
}

/// The ARM template resource for a create or an attach (secrets as securestring parameters).
#[wasm_bindgen(js_name = armTemplate, unchecked_return_type = "Record<string, unknown>")]
pub fn arm_template(
    #[wasm_bindgen(unchecked_param_type = "\"create\" | \"attach\"")] operation: &str,
    #[wasm_bindgen(unchecked_param_type = "CreateConfig | AttachConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context")] context: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions | undefined")] opts: JsValue,
) -> JsResult {
    let cfg = input_text(&config, "config", &context)?;
    let ctx = context_required(&context)?;
    let (o, _) = options(opts, &ctx)?;
    output(&export::export_named("arm-template", operation, cfg.as_str(), &ctx, &o).map_err(|e| export_error(e, &context))?.into_value())
}

/// An export error as the error the other entry points throw for the same cause, in the
/// language of `speaks` (the call's context).
fn export_error(e: export::ExportError, speaks: &JsValue) -> JsValue {
    match e {
        export::ExportError::Config(c) => convert::config_error(c, speaks),
        export::ExportError::Request(r) => convert::request_error(&r),
        other => to_error("bad_value", &other.to_string(), &[]),
    }
}

/// The equivalent `az ml computetarget …` command line.
#[wasm_bindgen(js_name = azCommand)]
pub fn az_command(
    #[wasm_bindgen(unchecked_param_type = "\"create\" | \"attach\" | \"update\" | \"detach\" | \"delete\"")] operation: &str,
    #[wasm_bindgen(unchecked_param_type = "CreateConfig | AttachConfig | UpdateConfig | DetachConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
) -> Result<String, JsValue> {
    let cfg = input_text(&config, "config", &context)?;
    let ctx = match convert::optional_crossing(&context, "context", &context)? {
        Some(c) => convert::context_text(&c.into_text(), &context)?,
        None => Context::default(),
    };
    match export::export_named("az-cli", operation, cfg.as_str(), &ctx, &request::Options::default())
        .map_err(|e| export_error(e, &context))?
    {
        export::Exported::Command(c) => Ok(c),
        other => Ok(other.into_value().to_string()),
    }
}
