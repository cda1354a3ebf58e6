//! An ARM request as a plain value, and its redaction: what people see never carries a token,
//! a TLS key or a kubeconfig, while the sender gets the exact bytes.
use crate::secret::REDACTED;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// Reads a resource, a list page or an operation's status; never changes anything.
    Get,
    /// Creates or replaces a compute (ARM has no PATCH for AKS computes, so an update is a PUT too).
    Put,
    /// Calls an action on a compute (`listKeys`).
    Post,
    /// Removes a compute: a detach, or a delete of the cluster too (`underlyingResourceAction`).
    Delete,
}

impl Method {
    /// The method as it goes on the wire, upper case.
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
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, `api-version` query included. Every segment that came from input is
    /// percent-encoded, and the URL carries no secret, so `Display` shows it as it is.
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
}
