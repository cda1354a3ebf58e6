//! ARM requests as plain values `{method, url, headers, body}`. The core builds them; it never
//! sends them (`bindings/client` does). Every rendering meant for people redacts the secrets.
mod aks;
mod compute;
mod error;
mod json;
pub mod sdk;

pub use aks::{kubernetes_versions, managed_cluster_get, orchestrators};
pub use compute::{
    attach, attach_target_id, create, delete_or_detach, get, list, list_keys, list_next, operation_status, update, UpdatePlan,
};
pub use error::{RequestError, RequestErrorKind};
pub use json::{build_json, JsonBuildError};

use crate::diagnostic::Param;
use crate::secret::REDACTED;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// A request to send. `Debug`, `Display` and `Serialize` show it with secrets redacted;
/// [`Request::body`] and [`Request::headers`] give the exact values to send.
#[derive(Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    headers: Vec<(String, String)>,
    body: Option<Value>,
}

/// Body keys that hold secrets, wherever they appear: TLS material and kubeconfigs.
const SECRET_KEYS: [&str; 4] = ["cert", "key", "userKubeConfig", "adminKubeConfig"];

fn redact(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let secret = SECRET_KEYS.contains(&k.as_str()) && x.as_str().is_some_and(|s| !s.is_empty());
                    (k.clone(), if secret { Value::String(REDACTED.into()) } else { redact(x) })
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(redact).collect()),
        other => other.clone(),
    }
}

/// A header value as people may see it.
pub fn redact_header(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization") {
        match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} {REDACTED}"),
            None => REDACTED.into(),
        }
    } else {
        value.to_string()
    }
}

impl Request {
    pub(crate) fn new(method: Method, url: String, body: Option<Value>) -> Self {
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        if body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        Request { method, url, headers, body }
    }

    /// The exact body to send, secrets included.
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }

    /// The exact headers to send.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// Adds a header (the client adds `Authorization` this way).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// The request as people may see it: `{method, url, headers, body}` with secrets redacted.
    pub fn preview(&self) -> Value {
        self.to_json(true)
    }

    /// `{method, url, headers, body}`: redacted for people, or exact for the code that sends it.
    pub fn to_json(&self, redacted: bool) -> Value {
        let header = |k: &str, v: &str| if redacted { redact_header(k, v) } else { v.to_string() };
        let body = match (&self.body, redacted) {
            (Some(b), true) => redact(b),
            (Some(b), false) => b.clone(),
            (None, _) => Value::Null,
        };
        let mut m = Map::new();
        m.insert("method".into(), Value::String(self.method.as_str().into()));
        m.insert("url".into(), Value::String(self.url.clone()));
        m.insert("headers".into(), Value::Object(self.headers.iter().map(|(k, v)| (k.clone(), Value::String(header(k, v)))).collect()));
        m.insert("body".into(), body);
        Value::Object(m)
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Request {}", self.preview())
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method.as_str(), self.url)
    }
}

impl Serialize for Request {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.preview().serialize(s)
    }
}

/// The Machine Learning Services api-versions the builders speak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiVersion {
    /// What azureml-core 1.61 sends.
    V2020_02_02,
    V2021_01_01,
    V2025_12_01,
    /// The newest stable (default).
    #[default]
    V2026_07_01,
}

impl ApiVersion {
    pub const ALL: [ApiVersion; 4] = [ApiVersion::V2020_02_02, ApiVersion::V2021_01_01, ApiVersion::V2025_12_01, ApiVersion::V2026_07_01];

    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2020_02_02 => "2020-02-02",
            ApiVersion::V2021_01_01 => "2021-01-01",
            ApiVersion::V2025_12_01 => "2025-12-01",
            ApiVersion::V2026_07_01 => "2026-07-01",
        }
    }

    /// Versions before 2025-12-01 lack cluster purpose, load balancer settings, the `Auto` TLS
    /// status and leaf domain labels, and spell the VM size `agentVMSize`.
    pub fn legacy(self) -> bool {
        self <= ApiVersion::V2021_01_01
    }
}

impl std::str::FromStr for ApiVersion {
    type Err = RequestError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApiVersion::ALL.into_iter().find(|v| v.as_str() == s.trim()).ok_or_else(|| {
            RequestError::unsupported(
                "request.api_version",
                "api_version",
                vec![
                    ("value", Param::from(crate::text::clip(s, 40))),
                    ("versions", Param::List(ApiVersion::ALL.map(|v| v.as_str().to_string()).to_vec())),
                ],
            )
        })
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which Azure cloud, by its Resource Manager endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Cloud {
    #[default]
    Public,
    China,
    UsGovernment,
    /// Any other endpoint (an Azure Stack, or a local emulator), without a trailing slash.
    Custom(String),
}

impl Cloud {
    /// The Resource Manager base URL.
    pub fn endpoint(&self) -> &str {
        match self {
            Cloud::Public => "https://management.azure.com",
            Cloud::China => "https://management.chinacloudapi.cn",
            Cloud::UsGovernment => "https://management.usgovcloudapi.net",
            Cloud::Custom(u) => u.trim_end_matches('/'),
        }
    }

    /// The token scope for the endpoint (`https://management.azure.com/.default`).
    pub fn scope(&self) -> String {
        format!("{}/.default", self.endpoint())
    }

    /// `public`, `china`, `usgov`, or an `http(s)://` URL.
    pub fn parse(s: &str) -> Result<Self, RequestError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "public" | "azurecloud" | "azure" => Ok(Cloud::Public),
            "china" | "azurechinacloud" => Ok(Cloud::China),
            "usgov" | "usgovernment" | "azureusgovernment" => Ok(Cloud::UsGovernment),
            u if u.starts_with("https://") || u.starts_with("http://") => {
                let c = Cloud::Custom(s.trim().trim_end_matches('/').to_string());
                c.check()?;
                Ok(c)
            }
            _ => Err(RequestError::unsupported("request.cloud_unknown", "cloud", vec![("value", Param::from(crate::text::clip(s, 60)))])),
        }
    }

    /// Refuses an endpoint the token and the TLS key must not travel to: plain `http` except on
    /// loopback (127.0.0.0/8, `::1`, `localhost`: an emulator), credentials in the URL, a query
    /// or fragment, or a path with dot segments. The client checks this again before sending.
    pub fn check(&self) -> Result<(), RequestError> {
        let Cloud::Custom(u) = self else { return Ok(()) };
        let bad = |key: &'static str| Err(RequestError::unsupported(key, "cloud", vec![("value", Param::from(crate::text::clip(u, 60)))]));
        let lower = u.to_ascii_lowercase();
        let (plain, rest) = match (lower.strip_prefix("https://"), lower.strip_prefix("http://")) {
            (Some(r), _) => (false, r),
            (None, Some(r)) => (true, r),
            _ => return bad("request.cloud_scheme"),
        };
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') || rest.contains(['?', '#']) || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return bad("request.cloud_form");
        }
        for s in path.split('/').skip(1) {
            seg("cloud", s)?;
        }
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
        };
        if host.is_empty() {
            return bad("request.cloud_host");
        }
        let loopback = host.trim_end_matches('.') == "localhost"
            || host.parse::<std::net::Ipv4Addr>().is_ok_and(|a| a.is_loopback())
            || host.parse::<std::net::Ipv6Addr>().is_ok_and(|a| a.is_loopback());
        if plain && !loopback {
            return bad("request.cloud_http");
        }
        Ok(())
    }
}

/// How to build: which api-version, which cloud, which rule profile (`sdk` reproduces
/// azureml-core's bodies exactly).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub api_version: ApiVersion,
    pub cloud: Cloud,
    pub profile: crate::profile::Profile,
}

/// What stays as it is in a path segment: RFC 3986's unreserved characters and `()` (ARM IDs
/// use them); everything else is percent-encoded, so a value can never add a segment or a query.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'(').remove(b')');

/// A value as one URL path segment, percent-encoded. Empty, `.` and `..` are refused, also when
/// they only appear after percent-decoding (`%2e%2E`, however often encoded): URL parsers,
/// proxies and servers resolve dot segments, and `…/computes/..` is the workspace itself.
pub(crate) fn seg(field: &str, s: &str) -> Result<String, RequestError> {
    let mut plain = std::borrow::Cow::Borrowed(s);
    // Each decoding that changes anything shortens the text, so this ends.
    loop {
        let next = percent_encoding::percent_decode_str(&plain).decode_utf8_lossy().into_owned();
        if next == *plain {
            break;
        }
        plain = std::borrow::Cow::Owned(next);
    }
    if matches!(plain.trim(), "" | "." | "..") {
        return Err(RequestError::invalid("request.segment", field, vec![("value", Param::from(crate::text::clip(s, 40)))]));
    }
    Ok(percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
}

/// The workspace a compute lives in, and the compute's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComputeAddress {
    pub subscription_id: String,
    pub resource_group: String,
    pub workspace: String,
    pub name: String,
}

impl ComputeAddress {
    /// Takes the workspace from the context and the name from the configuration. The name must
    /// pass the NAME rules (NAME001-NAME004, the same code validation runs) before any request
    /// carries it.
    pub fn from_context(ctx: &crate::Context, name: Option<&str>) -> Result<Self, RequestError> {
        let mut addr = Self::workspace_of(ctx)?;
        let name = name
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| RequestError::missing("request.name_missing", "name", Vec::new()).in_context(ctx))?;
        let problems = error::name_problems(name, ctx);
        if !problems.is_empty() {
            return Err(RequestError::name_invalid(name, problems).in_context(ctx));
        }
        addr.name = name.to_string();
        Ok(addr)
    }

    /// The workspace alone (a list of its computes); `name` is left empty.
    pub fn workspace_of(ctx: &crate::Context) -> Result<Self, RequestError> {
        let ws = ctx.workspace.clone().unwrap_or_default();
        let need = |v: Option<String>, key: &'static str, field: &str| {
            v.filter(|s| !s.trim().is_empty()).ok_or_else(|| RequestError::missing(key, field, Vec::new()).in_context(ctx))
        };
        Ok(ComputeAddress {
            subscription_id: need(ws.subscription_id, "request.subscription_missing", "context.workspace.subscription_id")?,
            resource_group: need(ws.resource_group, "request.resource_group_missing", "context.workspace.resource_group")?,
            workspace: need(ws.name, "request.workspace_missing", "context.workspace.name")?,
            name: String::new(),
        })
    }

    /// `/subscriptions/…/workspaces/{ws}/computes`, percent-encoded.
    pub fn collection_path(&self) -> Result<String, RequestError> {
        Ok(format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.MachineLearningServices/workspaces/{}/computes",
            seg("context.workspace.subscription_id", &self.subscription_id)?,
            seg("context.workspace.resource_group", &self.resource_group)?,
            seg("context.workspace.name", &self.workspace)?
        ))
    }

    /// `…/computes/{name}`.
    pub fn path(&self) -> Result<String, RequestError> {
        Ok(format!("{}/{}", self.collection_path()?, seg("name", &self.name)?))
    }

    /// The compute's ARM ID (unencoded, as ARM prints IDs).
    pub fn id(&self) -> String {
        self.arm_id(&["workspaces", &self.workspace, "computes", &self.name]).id()
    }

    fn arm_id<'a>(&'a self, steps: &'a [&'a str]) -> crate::resource_id::ArmId<'a> {
        crate::resource_id::ArmId {
            subscription: &self.subscription_id,
            resource_group: &self.resource_group,
            namespace: "Microsoft.MachineLearningServices",
            steps,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn redacts_secrets_everywhere_people_look() {
        let r = Request::new(
            Method::Put,
            "https://x/y".into(),
            Some(serde_json::json!({"properties": {"properties": {"sslConfiguration": {"cert": "CERTBODY", "key": "KEYBODY", "cname": "a.com"}}}})),
        )
        .with_header("Authorization", "Bearer TOKEN");
        for shown in [format!("{r:?}"), r.to_string(), serde_json::to_string(&r).unwrap_or_default(), r.preview().to_string()] {
            for secret in ["CERTBODY", "KEYBODY", "TOKEN"] {
                assert!(!shown.contains(secret), "{secret} in {shown}");
            }
        }
        assert!(r.preview().to_string().contains("a.com"));
        assert_eq!(
            r.body().and_then(|b| b.pointer("/properties/properties/sslConfiguration/key")).and_then(Value::as_str),
            Some("KEYBODY")
        );
        assert!(r.headers().iter().any(|(k, v)| k == "Authorization" && v == "Bearer TOKEN"));
    }

    #[test]
    fn names_cannot_escape_their_segment() {
        assert_eq!(seg("f", "a/b?c#d e"), Ok("a%2Fb%3Fc%23d%20e".into()));
        assert_eq!(seg("f", "rg.(1)_-~"), Ok("rg.(1)_-~".into()));
        assert_eq!(seg("f", "100%"), Ok("100%25".into()));
        assert_eq!(seg("f", "a.b..c"), Ok("a.b..c".into()));
    }

    #[test]
    fn dot_segments_are_refused_however_encoded() {
        for bad in ["", " ", ".", "..", "%2e", "%2E", "%2e%2e", "%2E.", ".%2e", "%252e%252E", "%25252e.", " .. "] {
            let e = seg("context.workspace.name", bad);
            assert!(
                matches!(&e, Err(e) if e.kind() == RequestErrorKind::Invalid && e.field() == "context.workspace.name"),
                "{bad:?}: {e:?}"
            );
        }
    }

    #[test]
    fn clouds() {
        assert_eq!(Cloud::parse("china").map(|c| c.scope()), Ok("https://management.chinacloudapi.cn/.default".into()));
        assert_eq!(Cloud::parse("http://127.0.0.1:8080/").map(|c| c.endpoint().to_string()), Ok("http://127.0.0.1:8080".into()));
        assert!(Cloud::parse("mars").is_err());
        for ok in
            ["http://127.0.0.1:8080", "http://127.9.9.9", "http://[::1]:9000/arm", "http://LOCALHOST:1", "https://arm.contoso.com:8443/x"]
        {
            assert!(Cloud::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://management.contoso.com",
            "http://10.0.0.1:8080",
            "http://127.0.0.1.evil.com",
            "http://127.0.0.1@evil.com",
            "http://localhost.evil.com",
            "http://[::2]",
            "https://arm.contoso.com/../x",
            "https://arm.contoso.com?x=1",
            "https://",
        ] {
            let e = Cloud::parse(bad).expect_err(bad);
            assert_eq!(e.field(), "cloud", "{bad}");
        }
        assert!(Cloud::Custom("http://example.com".into()).check().is_err(), "a Custom built directly is checked too");
    }
}
