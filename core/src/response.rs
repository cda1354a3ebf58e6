//! Parsers for what ARM answers: a compute resource (every field azureml-core's `AksCompute`
//! exposes), list pages, async operation status, listKeys. A malformed answer is an error
//! naming what is missing. The ManagedCluster and versions parsers live in `cluster` and `k8s`.
use crate::config::SslConfig;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::fmt;

/// A response that lacks what it must have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ResponseError {
    /// What was being read (`compute resource`, `operation status`, …).
    pub what: &'static str,
    /// The JSON path that is missing or wrong.
    pub path: String,
    /// What is wrong there, in English.
    pub message: String,
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} response: {} ({})", self.what, self.message, self.path)
    }
}
impl std::error::Error for ResponseError {}

impl ResponseError {
    /// A response error about `what`, at `path`: for a binding's own reader of an answer the
    /// core parses in part (the versions list).
    pub fn new(what: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        ResponseError { what, path: path.into(), message: message.into() }
    }
}

fn err<T>(what: &'static str, path: &str, message: &str) -> Result<T, ResponseError> {
    Err(ResponseError { what, path: path.into(), message: message.into() })
}

fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(String::from)
}

/// One ARM error (`{code, message}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ArmError {
    /// The service's error code (`ResourceNotFound`, `BadRequest`, …); empty when ARM gave none.
    pub code: String,
    /// The service's explanation, as ARM wrote it (on one line: its control characters but
    /// tabs, and its line separators, escaped); empty when ARM gave none.
    pub message: String,
}

/// The most characters of an ARM error's message (and, far fewer, of its code) kept: the
/// service's run to a few hundred, and an answer from the network may hold megabytes that every
/// error, log line and exception would carry on.
const ARM_MESSAGE_CHARS: usize = 4096;
const ARM_CODE_CHARS: usize = 128;

impl ArmError {
    /// Reads `{code, message}`, `{error: {code, message}}` and the old double-nested `{error: {error: {…}}}`;
    /// a message longer than 4,096 characters (a code longer than 128) is cut there, with "…".
    pub fn from_json(v: &Value) -> Option<Self> {
        let mut cur = v;
        for _ in 0..3 {
            if cur.get("code").is_some() || cur.get("message").is_some() {
                let text = |key: &str, max: usize| cur.get(key).and_then(Value::as_str).map(|t| one_line(t, max)).unwrap_or_default();
                return Some(ArmError { code: text("code", ARM_CODE_CHARS), message: text("message", ARM_MESSAGE_CHARS) });
            }
            cur = cur.get("error")?;
        }
        None
    }
}

/// Text from the network as an error or a log line carries it: cut at `max` characters, and its control
/// characters escaped (`\u{1b}`, `\r`, `\n`) but for tabs, so that an exception or an error line
/// printed on a terminal or written to a log cannot clear it, colour a forged line, move the
/// cursor or start a line of its own. The other line separators (NEL, U+2028, U+2029, which
/// editors, log viewers and some terminals break at) are escaped with them, and so are the
/// invisible characters that reorder or hide text (bidi overrides and isolates, zero-width
/// marks): `\u{202e}` would show a forged word backwards-spelled as another.
pub fn one_line(t: &str, max: usize) -> String {
    let t = crate::text::clip(t, max);
    let drives = |c: char| (c.is_control() && c != '\t') || crate::text::reorders_or_hides(c);
    if !t.chars().any(drives) {
        return t;
    }
    t.chars().map(|c| if drives(c) { c.escape_default().to_string() } else { c.to_string() }).collect()
}

impl fmt::Display for ArmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// A system service the cluster runs for Azure ML.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SystemService {
    /// What the service does (ARM's `systemServiceType`, azureml-core's `serviceType`), e.g. `ScoringFrontEnd`.
    pub service_type: Option<String>,
    /// The deployed version of the service, as ARM reports it.
    pub version: Option<String>,
    /// The public IP the service answers on; None while it has none (an internal load balancer,
    /// or still provisioning).
    pub public_ip_address: Option<String>,
}

/// The TLS settings a GET returns (never the certificate or key).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SslState {
    /// `Enabled`, `Disabled` or `Auto`, as ARM wrote it.
    pub status: Option<String>,
    /// The domain name of the user's own certificate; None with a Microsoft certificate.
    pub cname: Option<String>,
    /// The label of a Microsoft certificate's domain (`label.region.cloudapp.azure.com`).
    pub leaf_domain_label: Option<String>,
    /// Whether the leaf domain label was taken over from another cluster; None when ARM omits it.
    pub overwrite_existing_domain: Option<bool>,
}

/// A compute resource, with the fields azureml-core's `AksCompute` exposes. Its serde form is
/// the snake_case one the bindings hand their users; [`ComputeInfo::to_sdk_json`] writes
/// azureml-core's camelCase form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ComputeInfo {
    /// The compute's ARM ID (`/subscriptions/…/workspaces/{ws}/computes/{name}`).
    pub id: String,
    /// The compute's name in its workspace.
    pub name: String,
    /// The resource's region (ARM's top-level `location`); None when ARM omits it.
    pub location: Option<String>,
    /// The resource's tags, as the JSON object ARM returned; None when it has none.
    pub tags: Option<Value>,
    /// `properties.computeType`: `AKS` for the computes this crate builds; other types are read too.
    pub compute_type: String,
    /// The user's free-text description.
    pub description: Option<String>,
    /// When the compute was created, as ARM's ISO 8601 text (not parsed: the core has no clock).
    pub created_on: Option<String>,
    /// When the compute last changed, as ARM's ISO 8601 text.
    pub modified_on: Option<String>,
    /// `Creating`, `Updating`, `Succeeded`, `Failed`, `Deleting`, `Canceled`, …, as ARM wrote it.
    pub provisioning_state: Option<String>,
    /// Why provisioning failed, one entry per error ARM listed; empty when it did not fail.
    pub provisioning_errors: Vec<ArmError>,
    /// `properties.resourceId`: the AKS cluster behind the compute.
    pub cluster_resource_id: Option<String>,
    /// `properties.computeLocation`: the region the AKS cluster runs in.
    pub cluster_location: Option<String>,
    /// True when an existing cluster was attached, false when Azure ML created it.
    pub is_attached: Option<bool>,
    /// The agent pool's VM size (`agentVmSize`, or the legacy api-versions' `agentVMSize`).
    pub agent_vm_size: Option<String>,
    /// How many agent nodes the cluster has.
    pub agent_count: Option<i64>,
    /// `FastProd`, `DenseProd` or `DevTest`; None when ARM omits it (the api-versions before
    /// 2025-12-01 have no such field).
    pub cluster_purpose: Option<String>,
    /// The cluster's API server FQDN.
    pub cluster_fqdn: Option<String>,
    /// `PublicIp` or `InternalLoadBalancer`; None when ARM omits it (the api-versions before
    /// 2025-12-01 have no such field).
    pub load_balancer_type: Option<String>,
    /// The subnet of an internal load balancer; None with a public IP.
    pub load_balancer_subnet: Option<String>,
    /// The services Azure ML runs on the cluster; empty until it has deployed them.
    pub system_services: Vec<SystemService>,
    /// The TLS settings of the scoring endpoint; None when ARM returned none.
    pub ssl_configuration: Option<SslState>,
}

impl ComputeInfo {
    /// Reads a compute resource (GET, or one item of a list).
    pub fn from_json(v: &Value) -> Result<Self, ResponseError> {
        const W: &str = "compute resource";
        if !v.is_object() {
            return err(W, "", "expected a JSON object");
        }
        let Some(id) = s(v, "id") else { return err(W, "id", "the resource has no id") };
        let Some(name) = s(v, "name") else { return err(W, "name", "the resource has no name") };
        let Some(p) = v.get("properties").filter(|p| p.is_object()) else {
            return err(W, "properties", "the resource has no properties object");
        };
        let Some(compute_type) = s(p, "computeType") else { return err(W, "properties.computeType", "the compute type is missing") };
        let inner = p.get("properties").filter(|x| x.is_object());
        let g = |k: &str| inner.and_then(|i| s(i, k));
        let ssl = inner.and_then(|i| i.get("sslConfiguration")).filter(|x| x.is_object()).map(|x| SslState {
            status: s(x, "status"),
            cname: s(x, "cname"),
            leaf_domain_label: s(x, "leafDomainLabel"),
            overwrite_existing_domain: x.get("overwriteExistingDomain").and_then(Value::as_bool),
        });
        let errors = p
            .get("provisioningErrors")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(ArmError::from_json).collect())
            .unwrap_or_default();
        let services = inner
            .and_then(|i| i.get("systemServices"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| SystemService {
                        // ARM says systemServiceType; azureml-core's own serialize() writes
                        // serviceType, so what it wrote reads back.
                        service_type: s(x, "systemServiceType").or_else(|| s(x, "serviceType")),
                        version: s(x, "version"),
                        public_ip_address: s(x, "publicIpAddress"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(ComputeInfo {
            id,
            name,
            location: s(v, "location"),
            tags: v.get("tags").filter(|t| !t.is_null()).cloned(),
            compute_type,
            description: s(p, "description"),
            created_on: s(p, "createdOn"),
            modified_on: s(p, "modifiedOn"),
            provisioning_state: s(p, "provisioningState"),
            provisioning_errors: errors,
            cluster_resource_id: s(p, "resourceId"),
            cluster_location: s(p, "computeLocation"),
            is_attached: p.get("isAttachedCompute").and_then(Value::as_bool),
            agent_vm_size: g("agentVmSize").or_else(|| g("agentVMSize")),
            agent_count: inner.and_then(|i| i.get("agentCount")).and_then(Value::as_i64),
            cluster_purpose: g("clusterPurpose"),
            cluster_fqdn: g("clusterFqdn"),
            load_balancer_type: g("loadBalancerType"),
            load_balancer_subnet: g("loadBalancerSubnet"),
            system_services: services,
            ssl_configuration: ssl,
        })
    }
}

impl ComputeInfo {
    /// azureml-core 1.61's `AksCompute.serialize()`: the resource in ARM's camelCase shape, every
    /// key present (null when unknown), system services as `serviceType`, the TLS settings with
    /// `cert` and `key` null (a GET never returns them) and `renew` false.
    pub fn to_sdk_json(&self) -> Value {
        let services: Option<Vec<Value>> =
            (!self.system_services.is_empty()).then(|| self.system_services.iter().map(SystemService::to_sdk_json).collect());
        let ssl = self.ssl_configuration.as_ref().map(|x| {
            SslConfig {
                status: x.status.clone(),
                cname: x.cname.clone(),
                leaf_domain_label: x.leaf_domain_label.clone(),
                overwrite_existing_domain: x.overwrite_existing_domain,
                ..SslConfig::default()
            }
            .to_sdk_json()
        });
        let errors: Option<Vec<Value>> = (!self.provisioning_errors.is_empty())
            .then(|| self.provisioning_errors.iter().map(|e| json!({"error": {"code": e.code, "message": e.message}})).collect());
        let aks = json!({
            "agentVmSize": self.agent_vm_size, "agentCount": self.agent_count, "clusterPurpose": self.cluster_purpose,
            "clusterFqdn": self.cluster_fqdn, "systemServices": services, "sslConfiguration": ssl,
            "loadBalancerType": self.load_balancer_type, "loadBalancerSubnet": self.load_balancer_subnet,
        });
        json!({
            "id": self.id, "name": self.name, "tags": self.tags, "location": self.location,
            "properties": {
                "computeType": self.compute_type, "computeLocation": self.cluster_location, "description": self.description,
                "resourceId": self.cluster_resource_id, "isAttachedCompute": self.is_attached,
                "provisioningState": self.provisioning_state, "provisioningErrors": errors, "properties": aks,
            },
        })
    }
}

impl SystemService {
    /// azureml-core's `SystemService.serialize()` (`serviceType`, where ARM says `systemServiceType`).
    pub fn to_sdk_json(&self) -> Value {
        json!({"serviceType": self.service_type, "version": self.version, "publicIpAddress": self.public_ip_address})
    }
}

/// azureml-core's `SslConfiguration` object (the TLS settings of an update), as its
/// `serialize()` writes it and its `deserialize()` reads it: the configuration's own
/// [`SslConfig`] (its certificate and key stay [`Secret`]s), in azureml-core's keys. Unlike a
/// GET's [`SslState`], it holds the certificate and key text the user gave.
///
/// The configurations are `non_exhaustive` (they grow as the documentation does): outside the
/// core one is read from JSON or built from its default, never spelled out whole.
///
/// ```
/// let mut ssl = akscompute::SslConfig::default();
/// ssl.cname = Some("www.contoso.com".into());
/// assert_eq!(ssl.to_sdk_json()["renew"], false);
/// ```
///
/// ```compile_fail
/// let ssl = akscompute::SslConfig {
///     cname: None, cert: None, key: None, leaf_domain_label: None,
///     overwrite_existing_domain: None, status: None, renew: None,
/// };
/// ```
impl SslConfig {
    /// azureml-core's `SslConfiguration.serialize()`: every key, the flags false when unset,
    /// the certificate and key in clear (the caller asked for the object as data).
    pub fn to_sdk_json(&self) -> Value {
        json!({
            "status": self.status, "cert": self.cert.as_ref().map(Secret::expose), "key": self.key.as_ref().map(Secret::expose),
            "cname": self.cname, "leafDomainLabel": self.leaf_domain_label,
            "overwriteExistingDomain": self.overwrite_existing_domain.unwrap_or(false), "renew": self.renew.unwrap_or(false),
        })
    }

    /// azureml-core's `SslConfiguration.deserialize()`: what is absent is None; a value of
    /// another type is absent too, as a GET's fields are.
    pub fn from_sdk_json(v: &Value) -> Self {
        let flag = |k: &str| v.get(k).and_then(Value::as_bool);
        SslConfig {
            status: s(v, "status"),
            cert: s(v, "cert").map(Secret::new),
            key: s(v, "key").map(Secret::new),
            cname: s(v, "cname"),
            leaf_domain_label: s(v, "leafDomainLabel"),
            overwrite_existing_domain: flag("overwriteExistingDomain"),
            renew: flag("renew"),
        }
    }
}

/// One page of `GET …/computes`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPage {
    /// The computes on this page, of every compute type, in ARM's order.
    pub computes: Vec<ComputeInfo>,
    /// The URL of the next page (ARM's `nextLink`); None on the last page. It comes from the
    /// network: [`crate::request::list_next`] checks it before a request follows it.
    pub next_link: Option<String>,
}

impl ListPage {
    /// Reads a page; one malformed compute fails the page, with its index in the error's path.
    pub fn from_json(v: &Value) -> Result<Self, ResponseError> {
        let Some(items) = v.get("value").and_then(Value::as_array) else {
            return err("compute list", "value", "a list page must have a \"value\" array");
        };
        let mut computes = Vec::with_capacity(items.len());
        for (i, it) in items.iter().enumerate() {
            computes.push(ComputeInfo::from_json(it).map_err(|e| ResponseError {
                what: "compute list",
                path: format!("value[{i}].{}", e.path),
                message: e.message,
            })?);
        }
        Ok(ListPage { computes, next_link: s(v, "nextLink").filter(|l| !l.is_empty()) })
    }
}

/// Where an async operation stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OperationStatus {
    /// As the service wrote it (cut at 128 characters, control characters and line
    /// separators escaped): `InProgress`, `Succeeded`, `Failed`, `Canceled`, …
    pub status: String,
    /// Why the operation failed; None while it runs or when it succeeded.
    pub error: Option<ArmError>,
}

impl OperationStatus {
    /// Reads the body of a poll of the `Azure-AsyncOperation` URL.
    pub fn from_json(v: &Value) -> Result<Self, ResponseError> {
        let Some(status) = s(v, "status") else { return err("operation status", "status", "the operation has no status") };
        // Shown in "the operation ended {status}": as escaped as the error beside it.
        let status = one_line(&status, ARM_CODE_CHARS);
        Ok(OperationStatus { status, error: v.get("error").and_then(ArmError::from_json) })
    }
    /// Finished, one way or another.
    pub fn is_terminal(&self) -> bool {
        ["succeeded", "failed", "canceled", "cancelled"].contains(&self.status.to_ascii_lowercase().as_str())
    }
    /// Finished well (compared without regard to case, as ARM's casing varies).
    pub fn succeeded(&self) -> bool {
        self.status.eq_ignore_ascii_case("succeeded")
    }
}

/// listKeys for an AKS compute: the kubeconfigs are secrets.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AksSecrets {
    /// The kubeconfig YAML for the cluster's user role; None when the compute has none.
    pub user_kube_config: Option<Secret>,
    /// The kubeconfig YAML with cluster-admin rights; None when the compute has none.
    pub admin_kube_config: Option<Secret>,
    /// The Kubernetes secret the cluster pulls the workspace's images with (a name, not a secret).
    pub image_pull_secret_name: Option<String>,
}

impl AksSecrets {
    /// Reads a listKeys answer; one for another compute type is an error.
    pub fn from_json(v: &Value) -> Result<Self, ResponseError> {
        if !v.is_object() {
            return err("listKeys", "", "expected a JSON object");
        }
        if let Some(t) = s(v, "computeType").filter(|t| !t.eq_ignore_ascii_case("AKS")) {
            return err("listKeys", "computeType", &format!("the secrets are for a {} compute, not AKS", one_line(&t, 40)));
        }
        Ok(AksSecrets {
            user_kube_config: s(v, "userKubeConfig").map(Secret::new),
            admin_kube_config: s(v, "adminKubeConfig").map(Secret::new),
            image_pull_secret_name: s(v, "imagePullSecretName"),
        })
    }
}

/// The region of a workspace, from ARM's answer to a GET of it: what a create or attach that
/// names no location is sent with, as azureml-core's `Workspace.location` reads it there. The
/// answer comes from the network, so a region is held to what regions are (letters, digits,
/// spaces, at most 64 bytes) before a request carries it.
pub fn workspace_location(v: &Value) -> Result<String, ResponseError> {
    let Some(l) = v.get("location").and_then(Value::as_str).map(str::trim).filter(|l| !l.is_empty()) else {
        return err("workspace", "location", "the workspace has no location");
    };
    if l.len() > 64 || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') {
        return err("workspace", "location", "the workspace's location is not a region name (letters, digits and spaces)");
    }
    Ok(l.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arm_error_from_the_network_is_cut_to_a_readable_length() {
        let e = ArmError::from_json(&json!({"error": {"code": "C".repeat(10_000), "message": "é".repeat(1 << 20)}})).unwrap();
        assert_eq!((e.code.chars().count(), e.message.chars().count()), (129, 4097));
        assert!(e.message.ends_with('…') && e.code.ends_with('…'));
        let short = ArmError::from_json(&json!({"code": "NotFound", "message": "no such compute"})).unwrap();
        assert_eq!((short.code.as_str(), short.message.as_str()), ("NotFound", "no such compute"));
    }

    /// A hostile server's escape sequences (clear the screen, colour a forged line, move the
    /// cursor back with CR, ring the bell, the one-byte CSI) must not reach a terminal through
    /// an exception or an error line; line breaks and tabs stay readable.
    #[test]
    fn an_arm_errors_control_characters_are_escaped() {
        let e = ArmError::from_json(
            &json!({"error": {"code": "Bad\u{1b}[2J", "message": "one\r\n\u{1b}[31mFAKE: ok\u{1b}[0m\u{7}\u{9b}31m\tend"}}),
        )
        .unwrap();
        assert_eq!(e.code, "Bad\\u{1b}[2J");
        assert_eq!(e.message, "one\\r\\n\\u{1b}[31mFAKE: ok\\u{1b}[0m\\u{7}\\u{9b}31m\tend");
        let status =
            OperationStatus::from_json(&json!({"status": "Failed", "error": {"code": "X", "message": "\u{1b}]0;owned\u{7}"}})).unwrap();
        assert!(status.error.is_some_and(|e| !e.message.contains('\u{1b}') && !e.message.contains('\u{7}')));
        // Bidi overrides and zero-width marks, which reorder or hide what a terminal shows.
        let e = ArmError::from_json(&json!({"code": "X", "message": "ok \u{202e}deliaF\u{202c} \u{200b}\u{2066}x\u{2069} é"})).unwrap();
        assert_eq!(e.message, "ok \\u{202e}deliaF\\u{202c} \\u{200b}\\u{2066}x\\u{2069} é");
    }

    /// A message that starts a line of its own (LF, CR, NEL, U+2028, U+2029) would forge a log
    /// line or a line of the CLI's output: each is escaped, and the message stays one line.
    #[test]
    fn an_arm_errors_line_breaks_are_escaped() {
        let forged = "Conflict.\nINFO compute aks1 created\r\nok\u{85}NEL\u{2028}LS\u{2029}PS\u{b}VT\u{c}FF\tkept";
        let e = ArmError::from_json(&json!({"error": {"code": "Bad\nRequest", "message": forged}})).unwrap();
        assert_eq!(e.code, "Bad\\nRequest");
        assert_eq!(e.message, "Conflict.\\nINFO compute aks1 created\\r\\nok\\u{85}NEL\\u{2028}LS\\u{2029}PS\\u{b}VT\\u{c}FF\tkept");
        assert_eq!(e.to_string().lines().count(), 1);
        let st =
            OperationStatus::from_json(&json!({"status": "Failed\nINFO forged", "error": {"code": "X", "message": "a\u{2028}b"}})).unwrap();
        assert_eq!(st.status, "Failed\\nINFO forged");
        assert!(!st.is_terminal());
        assert_eq!(st.error.map(|e| e.message).as_deref(), Some("a\\u{2028}b"));
    }

    #[test]
    fn a_workspace_location_is_a_region_name_or_an_error() {
        assert_eq!(workspace_location(&json!({"location": " eastus2 "})).as_deref(), Ok("eastus2"));
        assert_eq!(workspace_location(&json!({"location": "East US 2"})).as_deref(), Ok("East US 2"));
        for bad in [json!({}), json!({"location": ""}), json!({"location": 3}), json!([]), json!({"location": "east/../us"})] {
            assert_eq!(workspace_location(&bad).map_err(|e| e.path), Err("location".to_string()), "{bad}");
        }
        let long = "a".repeat(65);
        assert!(workspace_location(&json!({"location": long})).is_err());
    }

    fn get() -> Value {
        json!({
            "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/aks1",
            "name": "aks1", "location": "eastus", "tags": {"team": "ml"},
            "properties": {
                "computeType": "AKS", "computeLocation": "eastus", "description": "d", "resourceId": "/x/managedClusters/c",
                "isAttachedCompute": false, "provisioningState": "Failed",
                "provisioningErrors": [{"error": {"code": "QuotaExceeded", "message": "no cores"}}],
                "properties": {
                    "agentVmSize": "Standard_D3_v2", "agentCount": 3, "clusterPurpose": "FastProd", "clusterFqdn": "f",
                    "loadBalancerType": "PublicIp", "loadBalancerSubnet": null,
                    "systemServices": [{"systemServiceType": "ScoringFrontEnd", "version": "1", "publicIpAddress": "1.2.3.4"}],
                    "sslConfiguration": {"status": "Enabled", "cname": "a.b", "leafDomainLabel": null, "overwriteExistingDomain": true},
                },
            },
        })
    }

    #[test]
    fn the_sdk_form_is_azureml_cores_serialize() {
        let out = ComputeInfo::from_json(&get()).unwrap().to_sdk_json();
        let p = &out["properties"];
        assert_eq!(p["provisioningErrors"], json!([{"error": {"code": "QuotaExceeded", "message": "no cores"}}]));
        assert_eq!(
            p["properties"]["systemServices"],
            json!([{"serviceType": "ScoringFrontEnd", "version": "1", "publicIpAddress": "1.2.3.4"}])
        );
        assert_eq!(
            p["properties"]["sslConfiguration"],
            json!({"status": "Enabled", "cert": null, "key": null, "cname": "a.b", "leafDomainLabel": null,
                   "overwriteExistingDomain": true, "renew": false})
        );
        assert_eq!((out["tags"].clone(), p["properties"]["agentCount"].clone()), (json!({"team": "ml"}), json!(3)));
        // Every key azureml-core writes is there, null when unknown.
        let bare = ComputeInfo { id: "i".into(), name: "n".into(), compute_type: "AKS".into(), ..ComputeInfo::default() }.to_sdk_json();
        assert!(bare["properties"]["properties"].as_object().is_some_and(|m| m.len() == 8 && m.values().all(Value::is_null)));
        assert!(bare["properties"]["provisioningErrors"].is_null() && bare["properties"].as_object().is_some_and(|m| m.len() == 8));
    }

    #[test]
    fn the_sdk_ssl_object_round_trips_in_azureml_cores_keys() {
        let v = json!({"status": "Enabled", "cert": "C", "key": "K", "cname": "a.b", "leafDomainLabel": null,
                       "overwriteExistingDomain": true, "renew": false});
        let ssl = SslConfig::from_sdk_json(&v);
        assert_eq!((ssl.cert.as_ref().map(Secret::expose), ssl.overwrite_existing_domain), (Some("C"), Some(true)));
        assert_eq!(ssl.to_sdk_json(), v);
        assert!(!format!("{ssl:?}").contains('K'), "the key stays out of Debug");
        let empty = SslConfig::from_sdk_json(&json!({}));
        assert_eq!(empty, SslConfig::default());
        assert_eq!(empty.to_sdk_json()["renew"], json!(false));
    }

    #[test]
    fn what_azureml_core_serialized_reads_back() {
        let info = ComputeInfo::from_json(&get()).unwrap();
        let again = ComputeInfo::from_json(&info.to_sdk_json()).unwrap();
        assert_eq!(again.system_services, info.system_services);
        assert_eq!(again, info);
        // And the snake_case form the bindings hand out reads back as well.
        let snake: ComputeInfo = serde_json::from_value(serde_json::to_value(&info).unwrap()).unwrap();
        assert_eq!(snake, info);
    }
}
