//! akscompute for browsers and Node. Every function converts JS values to the core's JSON
//! shape, delegates, and converts back: validation results come back as data; misuse (a value
//! of the wrong shape) throws a real `Error` named `AkscomputeError` with a `code` and every
//! problem in `errors`.
mod cache;
mod convert;
mod locale;
#[cfg(feature = "requests")]
mod requests;
mod types;

use akscompute::{capacity, vmsize, Context, CreateConfig, Operation};
use convert::{output, to_error, JsResult};
use wasm_bindgen::prelude::*;

// One thread (no atomics): talc's dynamic WASM allocator grows the memory as dlmalloc did.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn validate(op: Operation, config: JsValue, ctx: JsValue) -> JsResult {
    let cfg = convert::crossing(&config, "config", &ctx)?;
    // Text read by the core's lean reader (parsed into one JSON value, walked by plain code:
    // a fraction of the streaming reader's size in the module, the same answers), so the module
    // holds one reader (a value whose large integers were made exact is written back as exact
    // text); the context is read again only when its text changed since the last call.
    let run = |read: Option<&akscompute::ReadContext>| {
        #[cfg(not(feature = "x509"))]
        convert::no_pem(&cfg)?;
        let cfg = cfg.into_text();
        let result = match read {
            Some(read) => akscompute::shape::validate_json_lean_in(op, &cfg, read),
            None => akscompute::shape::validate_json_lean(op, &cfg, None),
        };
        convert::output_validation(&result.map_err(|e| convert::config_error(e, &ctx))?)
    };
    if ctx.is_undefined() || ctx.is_null() {
        return run(None);
    }
    cache::with_context(&ctx, |read| run(Some(read)))
}

/// Every diagnostic of a create configuration.
#[wasm_bindgen(js_name = validateCreate, unchecked_return_type = "Validation")]
pub fn validate_create(
    #[wasm_bindgen(unchecked_param_type = "CreateConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
) -> JsResult {
    validate(Operation::Create, config, context)
}

/// Every diagnostic of an attach configuration (with the cluster in the context: the preflight).
#[wasm_bindgen(js_name = validateAttach, unchecked_return_type = "Validation")]
pub fn validate_attach(
    #[wasm_bindgen(unchecked_param_type = "AttachConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
) -> JsResult {
    validate(Operation::Attach, config, context)
}

/// Every diagnostic of an update configuration.
#[wasm_bindgen(js_name = validateUpdate, unchecked_return_type = "Validation")]
pub fn validate_update(
    #[wasm_bindgen(unchecked_param_type = "UpdateConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
) -> JsResult {
    validate(Operation::Update, config, context)
}

/// What a detach or delete does.
#[wasm_bindgen(js_name = validateDetach, unchecked_return_type = "Validation")]
pub fn validate_detach(
    #[wasm_bindgen(unchecked_param_type = "DetachConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
) -> JsResult {
    validate(Operation::Detach, config, context)
}

/// One VM size: vCPUs, GPUs, FPGA and where the facts come from; `null` when unknown.
#[wasm_bindgen(js_name = vmSize, unchecked_return_type = "VmSize | null")]
pub fn vm_size(name: &str) -> JsResult {
    match vmsize::resolve(name, &[]) {
        Some(s) => output(&s),
        None => Ok(JsValue::NULL),
    }
}

/// The whole catalog as `[name, vcpus, gpus, fpga]` rows, for suggestion lists.
#[wasm_bindgen(js_name = vmSizes, unchecked_return_type = "[string, number, number, boolean][]")]
pub fn vm_sizes() -> JsResult {
    let rows: Vec<(String, u32, u32, bool)> = vmsize::all().collect();
    output(&rows)
}

/// Nodes, vCPUs and GPUs a create asks for (with the defaults), or the context's cluster has.
#[wasm_bindgen(js_name = capacitySummary, unchecked_return_type = "CapacitySummary | null")]
pub fn capacity_summary(
    #[wasm_bindgen(unchecked_param_type = "\"create\" | \"attach\"")] operation: &str,
    #[wasm_bindgen(unchecked_param_type = "CreateConfig | AttachConfig")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
) -> JsResult {
    let ctx = match convert::optional_crossing(&context, "context", &context)? {
        Some(c) => convert::context_text(&c.into_text(), &context)?,
        None => Context::default(),
    };
    match operation {
        "create" => {
            let cfg = CreateConfig::from_json_lean(&convert::crossing(&config, "config", &context)?.into_text())
                .map_err(|e| convert::config_error(e, &context))?;
            output(&capacity::of_create(&cfg, &ctx))
        }
        "attach" => match capacity::of_cluster(&ctx) {
            Some(s) => output(&s),
            None => Ok(JsValue::NULL),
        },
        other => Err(to_error(
            "bad_value",
            &format!(
                "capacitySummary: operation {} is not \"create\" or \"attach\"",
                akscompute::diagnostic::quoted(&other.chars().take(40).collect::<String>())
            ),
            &[],
        )),
    }
}

/// Reads any supported-versions input (List Orchestrators or Kubernetes Versions JSON, or the
/// text of `az aks get-versions -o table`). What is wrong is thrown in the language of
/// `speaks`: a locale tag (`"nl"`), or an object with a `locale` (the context a validation takes).
#[wasm_bindgen(js_name = parseKubernetesVersions, unchecked_return_type = "KubernetesVersionList")]
pub fn parse_kubernetes_versions(
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>")] versions: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | { locale?: string } | undefined")] speaks: JsValue,
) -> JsResult {
    use akscompute::k8s::VersionList;
    // A tag is asked for as a context asks: the crossing's errors are worded by its `locale` too.
    let speaks = match speaks.as_string() {
        Some(tag) => {
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"locale".into(), &tag.into());
            o.into()
        }
        None => speaks,
    };
    // Text goes to the core's reader of such text as it is (its length checked there), not
    // through JSON.stringify and a parse into a JSON string first.
    let l = match versions.as_string() {
        Some(text) => VersionList::from_input(&text),
        None => VersionList::from_json(&convert::crossing(&versions, "versions", &speaks)?.into_value("versions", &speaks)?),
    };
    let l = l.map_err(|e| {
        let tag = if speaks.is_object() { js_sys::Reflect::get(&speaks, &"locale".into()).ok().and_then(|t| t.as_string()) } else { None };
        to_error("bad_value", &e.render(&akscompute::locale::Locale::new(tag.as_deref())), &[])
    })?;
    output(&l)
}

/// The rule registry: code, title, source and severity per profile.
#[wasm_bindgen(js_name = ruleCodes, unchecked_return_type = "RuleInfo[]")]
pub fn rule_codes() -> JsResult {
    output(akscompute::registry::rules())
}

/// True for an error this package threw (a type guard in TypeScript).
#[wasm_bindgen(js_name = isAkscomputeError, unchecked_return_type = "value is AkscomputeError")]
pub fn is_akscompute_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    // Reflect.get throws on a non-object, and a caught exception is slow: ask only objects.
    value.is_object()
        && js_sys::Reflect::get(&value, &"name".into()).ok().and_then(|n| n.as_string()).is_some_and(|n| n == convert::ERROR_NAME)
}
