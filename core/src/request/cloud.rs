//! Azure clouds by their Resource Manager endpoint, and the checks that keep a token and a TLS
//! key from travelling to an endpoint they must not reach.
use super::{seg, RequestError};
use crate::diagnostic::Param;

/// Which Azure cloud, by its Resource Manager endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Cloud {
    /// Azure's global cloud, `management.azure.com` (the default).
    #[default]
    Public,
    /// Azure China, operated by 21Vianet: `management.chinacloudapi.cn`.
    China,
    /// Azure Government: `management.usgovcloudapi.net`.
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

#[cfg(test)]
mod tests {
    use super::*;
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
