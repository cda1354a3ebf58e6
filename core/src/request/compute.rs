//! Requests on `Microsoft.MachineLearningServices/workspaces/computes`.
use super::{sdk, ApiVersion, ComputeAddress, Method, Options, Request, RequestError};
use crate::config::{present, AttachConfig, CreateConfig, SslConfig, UnderlyingAction, UpdateConfig};
use crate::context::Context;
use crate::diagnostic::Param;
use crate::profile::Profile;
use serde_json::{json, Map, Value};

fn url(opts: &Options, path: &str) -> String {
    format!("{}{path}?api-version={}", opts.cloud.endpoint(), opts.api_version)
}

fn workspace_location(ctx: &Context, fallback: Option<&str>) -> Result<String, RequestError> {
    ctx.workspace
        .as_ref()
        .and_then(|w| w.location.clone())
        .or_else(|| fallback.map(String::from))
        .filter(|l| !l.trim().is_empty())
        .ok_or_else(|| RequestError::missing("request.location_missing", "context.workspace.location", Vec::new()))
}

/// Refuses a setting the api-version cannot carry, naming the version that can.
fn modern(opts: &Options, field: &str) -> Result<(), RequestError> {
    if opts.api_version.legacy() {
        return Err(RequestError::unsupported(
            "request.legacy_api",
            field,
            vec![("api_version", Param::text(opts.api_version.as_str())), ("field", Param::from(field))],
        ));
    }
    Ok(())
}

fn vm_key(v: ApiVersion) -> &'static str {
    if v.legacy() {
        "agentVMSize"
    } else {
        "agentVmSize"
    }
}

fn ssl_body(ssl: Option<&SslConfig>, opts: &Options) -> Result<Option<Value>, RequestError> {
    let Some(s) = ssl else { return Ok(None) };
    if s.has_custom() {
        let take = |v: &Option<crate::Secret>, f: &str| {
            v.as_ref()
                .filter(|x| !x.is_blank())
                .map(|x| x.expose().to_string())
                .ok_or_else(|| RequestError::missing("request.ssl_pem_missing", &format!("ssl.{f}"), vec![("field", Param::from(f))]))
        };
        let cname = s
            .cname
            .clone()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| RequestError::missing("request.ssl_cname_missing", "ssl.cname", Vec::new()))?;
        return Ok(Some(json!({"status": "Enabled", "cname": cname, "cert": take(&s.cert, "cert")?, "key": take(&s.key, "key")?})));
    }
    if s.has_leaf() {
        modern(opts, "ssl.leaf_domain_label")?;
        return Ok(Some(json!({
            "status": "Auto",
            "leafDomainLabel": s.leaf_domain_label,
            "overwriteExistingDomain": s.overwrite_existing_domain.unwrap_or(false),
        })));
    }
    Ok(None)
}

fn lb(inner: &mut Map<String, Value>, ty: &Option<String>, subnet: &Option<String>, opts: &Options) -> Result<(), RequestError> {
    if present(ty) {
        modern(opts, "load_balancer_type")?;
        inner.insert("loadBalancerType".into(), json!(ty));
    }
    if present(subnet) {
        modern(opts, "load_balancer_subnet")?;
        inner.insert("loadBalancerSubnet".into(), json!(subnet));
    }
    Ok(())
}

fn purpose(inner: &mut Map<String, Value>, p: &Option<String>, opts: &Options) -> Result<(), RequestError> {
    if present(p) {
        modern(opts, "cluster_purpose")?;
        inner.insert("clusterPurpose".into(), json!(p));
    }
    Ok(())
}

/// Create: PUT the compute with the AKS settings. Under `sdk`, azureml-core's body.
pub fn create(cfg: &CreateConfig, ctx: &Context, opts: &Options) -> Result<Request, RequestError> {
    create_body(cfg, ctx, opts).map_err(|e| e.in_context(ctx))
}

fn create_body(cfg: &CreateConfig, ctx: &Context, opts: &Options) -> Result<Request, RequestError> {
    let addr = ComputeAddress::from_context(ctx, cfg.name.as_deref())?;
    let location = workspace_location(ctx, cfg.location.as_deref())?;
    let body = if opts.profile == Profile::Sdk {
        sdk::create_payload(cfg, &location, &addr.subscription_id)?
    } else {
        let mut inner = Map::new();
        if let Some(n) = cfg.agent_count {
            inner.insert("agentCount".into(), json!(n));
        }
        if present(&cfg.vm_size) {
            inner.insert(vm_key(opts.api_version).into(), json!(cfg.vm_size));
        }
        purpose(&mut inner, &cfg.cluster_purpose, opts)?;
        lb(&mut inner, &cfg.load_balancer_type, &cfg.load_balancer_subnet, opts)?;
        if let Some(s) = ssl_body(cfg.ssl.as_ref(), opts)? {
            inner.insert("sslConfiguration".into(), s);
        }
        if let Some(v) = cfg.vnet.as_ref().filter(|v| present(&v.name)) {
            let need = |x: &Option<String>, f: &str| {
                let field = format!("vnet.{f}");
                x.clone()
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| RequestError::missing("request.vnet_incomplete", &field, vec![("field", Param::from(field.clone()))]))
            };
            let subnet_id = crate::resource_id::subnet_id(
                &addr.subscription_id,
                &need(&v.resource_group, "resource_group")?,
                &need(&v.name, "name")?,
                &need(&v.subnet, "subnet")?,
            );
            inner.insert(
                "aksNetworkingConfiguration".into(),
                json!({
                    "subnetId": subnet_id,
                    "serviceCidr": need(&v.service_cidr, "service_cidr")?,
                    "dnsServiceIP": need(&v.dns_service_ip, "dns_service_ip")?,
                    "dockerBridgeCidr": need(&v.docker_bridge_cidr, "docker_bridge_cidr")?,
                }),
            );
        }
        let mut props = Map::new();
        props.insert("computeType".into(), json!("AKS"));
        if present(&cfg.location) {
            props.insert("computeLocation".into(), json!(cfg.location));
        }
        if present(&cfg.description) {
            props.insert("description".into(), json!(cfg.description));
        }
        if !inner.is_empty() {
            props.insert("properties".into(), Value::Object(inner));
        }
        let mut body = Map::new();
        body.insert("location".into(), json!(location));
        if !cfg.tags.is_empty() {
            body.insert("tags".into(), json!(cfg.tags));
        }
        body.insert("properties".into(), Value::Object(props));
        Value::Object(body)
    };
    Ok(Request::new(Method::Put, url(opts, &addr.path()?), Some(body)))
}

/// The ID of the cluster an attach names: given, or built from the workspace's subscription.
pub fn attach_target_id(cfg: &AttachConfig, ctx: &Context, profile: Profile) -> Result<String, RequestError> {
    if let Some(id) = cfg.resource_id.as_deref().filter(|s| !s.trim().is_empty()) {
        // Sent as given: the rules refuse what ARM would not take (ATT002, a trailing slash
        // included), and a request built without them must not fix the ID up behind their back.
        return Ok(id.trim().to_string());
    }
    let sub = ctx.workspace.as_ref().and_then(|w| w.subscription_id.clone()).filter(|s| !s.is_empty()).ok_or_else(|| {
        RequestError::missing("request.attach_subscription_missing", "context.workspace.subscription_id", Vec::new()).in_context(ctx)
    })?;
    let need = |v: &Option<String>, field: &str| {
        v.clone()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| RequestError::missing("request.cluster_missing", field, Vec::new()).in_context(ctx))
    };
    let rg = need(&cfg.resource_group, "resource_group")?;
    let name = need(&cfg.cluster_name, "cluster_name")?;
    Ok(if profile == Profile::Sdk { sdk::resource_id(&sub, &rg, &name) } else { crate::resource_id::cluster_id(&sub, &rg, &name) })
}

/// Attach: PUT the compute with `resourceId`. Under `sdk`, azureml-core's body with the
/// workspace location filled in, as `ComputeTarget.attach` does before sending.
pub fn attach(cfg: &AttachConfig, ctx: &Context, opts: &Options) -> Result<Request, RequestError> {
    attach_body(cfg, ctx, opts).map_err(|e| e.in_context(ctx))
}

fn attach_body(cfg: &AttachConfig, ctx: &Context, opts: &Options) -> Result<Request, RequestError> {
    let addr = ComputeAddress::from_context(ctx, cfg.name.as_deref())?;
    let location = workspace_location(ctx, None)?;
    let id = attach_target_id(cfg, ctx, opts.profile)?;
    let body = if opts.profile == Profile::Sdk {
        let mut b = sdk::attach_payload(cfg, &id)?;
        b["location"] = json!(location);
        b
    } else {
        let mut inner = Map::new();
        purpose(&mut inner, &cfg.cluster_purpose, opts)?;
        lb(&mut inner, &cfg.load_balancer_type, &cfg.load_balancer_subnet, opts)?;
        if let Some(s) = ssl_body(cfg.ssl.as_ref(), opts)? {
            inner.insert("sslConfiguration".into(), s);
        }
        let mut props = Map::new();
        props.insert("computeType".into(), json!("AKS"));
        props.insert("resourceId".into(), json!(id));
        if !inner.is_empty() {
            props.insert("properties".into(), Value::Object(inner));
        }
        json!({"location": location, "properties": props})
    };
    Ok(Request::new(Method::Put, url(opts, &addr.path()?), Some(body)))
}

/// An update: the PUT, and what the caller should know about it.
#[derive(Clone, Debug, PartialEq)]
pub struct UpdatePlan {
    /// The PUT of the merged resource, ready to send.
    pub request: Request,
    /// Facts about the merge: secrets the GET did not return, settings kept as they are.
    pub notes: Vec<String>,
}

/// Fields ARM fills in and refuses (or ignores) on PUT: never sent back.
const READ_ONLY_TOP: [&str; 4] = ["id", "name", "type", "systemData"];
const READ_ONLY_PROPS: [&str; 5] = ["provisioningState", "createdOn", "modifiedOn", "provisioningErrors", "isAttachedCompute"];

/// Update: AKS computes have no PATCH, so the current resource (a GET of it) is merged with
/// the update and PUT back, without its read-only fields.
pub fn update(cfg: &UpdateConfig, current: &Value, ctx: &Context, opts: &Options) -> Result<UpdatePlan, RequestError> {
    update_body(cfg, current, ctx, opts).map_err(|e| e.in_context(ctx))
}

fn update_body(cfg: &UpdateConfig, current: &Value, ctx: &Context, opts: &Options) -> Result<UpdatePlan, RequestError> {
    let addr = ComputeAddress::from_context(ctx, cfg.name.as_deref().or_else(|| current.get("name").and_then(Value::as_str)))?;
    let Some(mut body) = current.as_object().cloned() else {
        return Err(RequestError::missing("request.current_not_object", "context.compute", Vec::new()));
    };
    let mut notes = Vec::new();
    for k in READ_ONLY_TOP {
        body.remove(k);
    }
    if let Some(id) = body.get_mut("identity").and_then(Value::as_object_mut) {
        id.remove("principalId");
        id.remove("tenantId");
    }
    let props = body.entry("properties").or_insert_with(|| json!({"computeType": "AKS"}));
    let Some(props) = props.as_object_mut() else {
        return Err(RequestError::missing("request.current_properties", "context.compute.properties", Vec::new()));
    };
    if let Some(t) = props.get("computeType").and_then(Value::as_str).filter(|t| !t.eq_ignore_ascii_case("AKS")) {
        return Err(RequestError::unsupported(
            "request.not_aks",
            "context.compute.properties.computeType",
            vec![("compute_type", Param::from(crate::text::clip(t, 40)))],
        ));
    }
    for k in READ_ONLY_PROPS {
        props.remove(k);
    }
    let inner = props.entry("properties").or_insert_with(|| json!({}));
    if inner.is_null() {
        *inner = json!({});
    }
    let Some(inner) = inner.as_object_mut() else {
        return Err(RequestError::missing("request.current_aks_properties", "context.compute.properties.properties", Vec::new()));
    };
    inner.remove("systemServices");
    if let Some(n) = cfg.agent_count {
        inner.insert("agentCount".into(), json!(n));
    }
    if let Some(wanted) = cfg.vm_size.as_deref().filter(|s| !s.is_empty()) {
        let cur = inner.get("agentVmSize").or_else(|| inner.get("agentVMSize")).and_then(Value::as_str);
        if let Some(c) = cur.filter(|c| !c.eq_ignore_ascii_case(wanted)) {
            return Err(RequestError::unsupported(
                "request.vm_size_change",
                "vm_size",
                vec![("current", Param::from(crate::text::clip(c, 40))), ("wanted", Param::from(crate::text::clip(wanted, 40)))],
            ));
        }
    }
    lb(inner, &cfg.load_balancer_type, &cfg.load_balancer_subnet, opts)?;
    let current_ssl = inner.get("sslConfiguration").cloned().filter(Value::is_object);
    match cfg.ssl.as_ref() {
        Some(s) if s.status.as_deref().is_some_and(|st| st.eq_ignore_ascii_case("disabled")) => {
            inner.insert("sslConfiguration".into(), json!({"status": "Disabled"}));
        }
        Some(s) if s.renew == Some(true) => {
            let leaf = current_ssl.as_ref().and_then(|c| c.get("leafDomainLabel")).and_then(Value::as_str).filter(|l| !l.is_empty());
            if leaf.is_none() {
                return Err(RequestError::unsupported("request.renew_without_leaf", "ssl.renew", Vec::new()));
            }
            let mut c = current_ssl.unwrap_or_default();
            c["renew"] = json!(true);
            inner.insert("sslConfiguration".into(), c);
        }
        Some(s) if s.has_custom() => {
            if let Some(v) = ssl_body(Some(s), opts)? {
                inner.insert("sslConfiguration".into(), v);
            }
        }
        Some(s) if s.has_leaf() => {
            if let Some(v) = ssl_body(Some(s), opts)? {
                inner.insert("sslConfiguration".into(), v);
            }
        }
        _ => {
            // A GET never returns cert and key: sending the TLS block back would carry it without
            // them, so it is left out and the service keeps the TLS settings it has.
            if inner.remove("sslConfiguration").is_some_and(|c| c.get("status").and_then(Value::as_str) == Some("Enabled")) {
                notes.push(crate::locale::Locale::new(ctx.locale.as_deref()).text("request.note_ssl_kept", &crate::Params::default()));
            }
        }
    }
    if inner.is_empty() {
        props.remove("properties");
    }
    Ok(UpdatePlan { request: Request::new(Method::Put, url(opts, &addr.path()?), Some(Value::Object(body))), notes })
}

/// Detach (the cluster stays) or delete (the cluster goes, if Azure ML created it).
/// azureml-core sends the action in lower case; the spec's enum is `Detach`/`Delete`.
pub fn delete_or_detach(ctx: &Context, name: Option<&str>, action: UnderlyingAction, opts: &Options) -> Result<Request, RequestError> {
    let addr = ComputeAddress::from_context(ctx, name)?;
    let a = match (action, opts.profile == Profile::Sdk) {
        (UnderlyingAction::Detach, true) => "detach",
        (UnderlyingAction::Delete, true) => "delete",
        (UnderlyingAction::Detach, false) => "Detach",
        (UnderlyingAction::Delete, false) => "Delete",
    };
    let path = addr.path().map_err(|e| e.in_context(ctx))?;
    Ok(Request::new(Method::Delete, format!("{}&underlyingResourceAction={a}", url(opts, &path)), None))
}

/// GET one compute.
pub fn get(ctx: &Context, name: Option<&str>, opts: &Options) -> Result<Request, RequestError> {
    let addr = ComputeAddress::from_context(ctx, name)?;
    Ok(Request::new(Method::Get, url(opts, &addr.path().map_err(|e| e.in_context(ctx))?), None))
}

/// GET the workspace itself: its `location` is the region a create or attach that names none
/// goes to. azureml-core's `Workspace` reads it from this answer (config.json, as the portal
/// writes it, holds only the subscription, resource group and name).
pub fn workspace_get(ctx: &Context, opts: &Options) -> Result<Request, RequestError> {
    let addr = ComputeAddress::workspace_of(ctx)?;
    Ok(Request::new(Method::Get, url(opts, &addr.workspace_path().map_err(|e| e.in_context(ctx))?), None))
}

/// GET the workspace's computes (first page; follow `nextLink` with [`list_next`]).
pub fn list(ctx: &Context, opts: &Options) -> Result<Request, RequestError> {
    let addr = ComputeAddress::workspace_of(ctx)?;
    Ok(Request::new(Method::Get, url(opts, &addr.collection_path().map_err(|e| e.in_context(ctx))?), None))
}

/// A URL the service handed back (`nextLink`, `Azure-AsyncOperation`) is followed only on the
/// endpoint's own origin: a token must never be sent to a host a response names.
fn same_origin(link: &str, opts: &Options, what: &str) -> Result<(), RequestError> {
    let base = opts.cloud.endpoint();
    let Some(rest) = link.strip_prefix(base).filter(|rest| rest.starts_with('/') || rest.is_empty()) else {
        return Err(RequestError::unsupported(
            "request.foreign_link",
            what,
            vec![("link", Param::from(what)), ("base", Param::from(base))],
        ));
    };
    // The answer's URL is held to the same rule as the paths the builders make: no segment
    // that is empty, `.` or `..`, which would let it address another resource on the host.
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    for s in path.split('/').skip(1) {
        super::seg(what, s)?;
    }
    Ok(())
}

/// GET the next page of a list.
pub fn list_next(next_link: &str, opts: &Options) -> Result<Request, RequestError> {
    same_origin(next_link, opts, "nextLink")?;
    Ok(Request::new(Method::Get, next_link.to_string(), None))
}

/// POST listKeys: the kubeconfigs (secrets; redacted in every rendering for people).
pub fn list_keys(ctx: &Context, name: Option<&str>, opts: &Options) -> Result<Request, RequestError> {
    let addr = ComputeAddress::from_context(ctx, name)?;
    let path = addr.path().map_err(|e| e.in_context(ctx))?;
    Ok(Request::new(Method::Post, url(opts, &format!("{path}/listKeys")), None))
}

/// GET an operation's status from its `Azure-AsyncOperation` URL (the api-version is added
/// when the URL lacks one, as azureml-core does).
pub fn operation_status(async_url: &str, opts: &Options) -> Result<Request, RequestError> {
    same_origin(async_url, opts, "Azure-AsyncOperation")?;
    let u = if async_url.contains("api-version=") {
        async_url.to_string()
    } else {
        format!("{async_url}{}api-version={}", if async_url.contains('?') { '&' } else { '?' }, opts.api_version)
    };
    Ok(Request::new(Method::Get, u, None))
}
