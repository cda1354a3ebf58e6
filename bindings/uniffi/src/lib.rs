//! akscompute for Kotlin, Swift and Python (UniFFI, proc-macros). Every function converts the
//! records (in `convert`) and delegates to the core; validation results are data, misuse is an
//! `AkscomputeError`.
mod convert;
mod types;

use akscompute as core;
pub use types::*;

uniffi::setup_scaffolding!();

/// Every diagnostic of a create configuration.
#[uniffi::export]
pub fn validate_create(config: CreateConfig, context: Context) -> Result<Validation, AkscomputeError> {
    let (ctx, _) = convert::context(&context)?;
    Ok(convert::validation(core::validate_create(&convert::create(&config), &ctx)))
}

/// Every diagnostic of an attach configuration (with `cluster_json`, the preflight).
#[uniffi::export]
pub fn validate_attach(config: AttachConfig, context: Context) -> Result<Validation, AkscomputeError> {
    let (ctx, _) = convert::context(&context)?;
    Ok(convert::validation(core::validate_attach(&convert::attach(&config), &ctx)))
}

/// Every diagnostic of an update configuration (with `compute_json`, the current compute).
#[uniffi::export]
pub fn validate_update(config: UpdateConfig, context: Context) -> Result<Validation, AkscomputeError> {
    let (ctx, _) = convert::context(&context)?;
    Ok(convert::validation(core::validate_update(&convert::update(&config), &ctx)))
}

/// What a detach or delete does and does not remove.
#[uniffi::export]
pub fn validate_detach(config: DetachConfig, context: Context) -> Result<Validation, AkscomputeError> {
    let (ctx, _) = convert::context(&context)?;
    Ok(convert::validation(core::validate_detach(&convert::detach(&config), &ctx)))
}

/// The JSON shapes of `schemas/` (what the CLI and the shared vectors use): operation is
/// create, attach, update or detach.
#[uniffi::export]
pub fn validate_json(operation: String, config_json: String, context_json: Option<String>) -> Result<Validation, AkscomputeError> {
    let op: core::Operation =
        operation.parse().map_err(|m: String| AkscomputeError::InvalidInput { code: "bad_value".into(), detail: m, problems: vec![] })?;
    core::validate_json(op, &config_json, context_json.as_deref())
        .map(convert::validation)
        .map_err(|e| convert::config_error(e, &convert::locale_in(context_json.as_deref())))
}

/// The create request (secrets redacted unless `options.include_secrets`).
#[uniffi::export]
pub fn build_create_request(config: CreateConfig, context: Context, options: RequestOptions) -> Result<ArmRequest, AkscomputeError> {
    let (ctx, _) = convert::context(&context)?;
    let o = convert::options(&options, &ctx)?;
    let r = core::request::create(&convert::create(&config), &ctx, &o).map_err(|e| convert::request_error(&e))?;
    Ok(convert::request(r, options.include_secrets, vec![]))
}

/// The attach request (secrets redacted unless `options.include_secrets`).
#[uniffi::export]
pub fn build_attach_request(config: AttachConfig, context: Context, options: RequestOptions) -> Result<ArmRequest, AkscomputeError> {
    let (ctx, _) = convert::context(&context)?;
    let o = convert::options(&options, &ctx)?;
    let r = core::request::attach(&convert::attach(&config), &ctx, &o).map_err(|e| convert::request_error(&e))?;
    Ok(convert::request(r, options.include_secrets, vec![]))
}

/// The update request: `context.compute_json` (a GET of the compute) merged and PUT back.
#[uniffi::export]
pub fn build_update_request(config: UpdateConfig, context: Context, options: RequestOptions) -> Result<ArmRequest, AkscomputeError> {
    let (ctx, compute) = convert::context(&context)?;
    let o = convert::options(&options, &ctx)?;
    let p = core::request::update(&convert::update(&config), &compute, &ctx, &o).map_err(|e| convert::request_error(&e))?;
    Ok(convert::request(p.request, options.include_secrets, p.notes))
}

/// The detach or delete request.
#[uniffi::export]
pub fn build_detach_request(config: DetachConfig, context: Context, options: RequestOptions) -> Result<ArmRequest, AkscomputeError> {
    let (ctx, _) = convert::context(&context)?;
    let o = convert::options(&options, &ctx)?;
    let d = convert::detach(&config);
    let r = core::request::delete_or_detach(&ctx, d.name.as_deref(), d.action, &o).map_err(|e| convert::request_error(&e))?;
    Ok(convert::request(r, options.include_secrets, vec![]))
}

/// What the catalog (or the naming convention) knows of a VM size.
#[uniffi::export]
pub fn vm_size(name: String) -> Option<VmSizeInfo> {
    core::vmsize::resolve(&name, &[]).map(|s| VmSizeInfo {
        name: s.name,
        vcpus: s.vcpus,
        gpus: s.gpus,
        fpga: s.fpga,
        memory_gib: s.memory_gib,
        source: match s.source {
            core::vmsize::SizeSource::Override => "override",
            core::vmsize::SizeSource::Catalog => "catalog",
            core::vmsize::SizeSource::Name => "name",
        }
        .into(),
    })
}

/// Reads `az aks get-versions` output (table text, or either API's JSON); what is wrong with it
/// in the language of `locale` (a tag such as `"de"`; English without one).
#[uniffi::export(default(locale = None))]
pub fn parse_kubernetes_versions(text: String, locale: Option<String>) -> Result<Vec<KubernetesVersion>, AkscomputeError> {
    let l = core::k8s::VersionList::from_input(&text).map_err(|e| AkscomputeError::InvalidInput {
        code: "bad_value".into(),
        detail: e.render(&convert::locale(locale.as_deref())),
        problems: vec![],
    })?;
    Ok(l.entries
        .iter()
        .map(|e| KubernetesVersion {
            version: e.version.to_string(),
            preview: e.preview,
            is_default: e.default,
            upgrades: e.upgrades.iter().map(|u| u.to_string()).collect(),
        })
        .collect())
}

/// What the JVM's `akscomputeCall` (bindings/uniffi/jvm) says of a text the generated code could
/// not encode as UTF-8 (a lone surrogate), in the language of `locale`: such a text never reaches
/// the core, so its words are asked for here, from the same tables as every other message.
#[uniffi::export(default(locale = None))]
pub fn not_unicode_message(locale: Option<String>) -> String {
    convert::locale(locale.as_deref()).text("shape.syntax.not_unicode", &core::Params::default())
}

/// The rule registry.
#[uniffi::export]
pub fn rule_codes() -> Vec<RuleInfo> {
    core::rule_registry()
        .iter()
        .map(|r| {
            let s = |p| r.severity(p).map(convert::severity);
            RuleInfo {
                code: r.code.into(),
                title: r.title.into(),
                source: r.source.into(),
                sdk: s(core::Profile::Sdk),
                oct2020: s(core::Profile::P2020_10),
                apr2021: s(core::Profile::P2021_04),
                nov2021: s(core::Profile::P2021_11),
            }
        })
        .collect()
}

/// The request for configurations in the JSON shapes of `schemas/` (what the CLI and the shared
/// vectors use): operation is create, attach, update (context `compute` = the current
/// resource), detach or delete.
#[uniffi::export]
pub fn build_request_json(
    operation: String,
    config_json: String,
    context_json: String,
    options: RequestOptions,
) -> Result<ArmRequest, AkscomputeError> {
    // Its errors in the context's language, as every other entry point words them.
    let locale = convert::locale_in(Some(&context_json));
    let read = |input: &'static str, text: &str| {
        if text.len() > core::shape::MAX_JSON_TEXT {
            return Err(convert::config_error(core::ConfigError::too_big(input, text.len()), &locale));
        }
        serde_json::from_str::<serde_json::Value>(text)
            .map_err(|e| convert::config_error(core::ConfigError::syntax(input, &e, text), &locale))
    };
    let (cfg, raw) = (read("config", &config_json)?, read("context", &context_json)?);
    // build_json takes the profile from the context itself.
    let o = convert::options_in(&options, core::Profile::default(), &locale)?;
    let plan = core::request::build_json(&operation, &cfg, &raw, o.api_version, o.cloud).map_err(|e| match e {
        core::request::JsonBuildError::Config(e) => convert::config_error(e, &locale),
        core::request::JsonBuildError::Request(e) => convert::request_error(&e),
        other => AkscomputeError::InvalidInput { code: "bad_value".into(), detail: other.to_string(), problems: vec![] },
    })?;
    Ok(convert::request(plan.request, options.include_secrets, plan.notes))
}
