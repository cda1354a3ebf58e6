//! The client's `tracing` events: one per request, answer, retry, reconciliation and poll.
//! No subscriber is installed here: an application that installs none pays one atomic load per
//! event. The bearer token is never given to an event (it lives only in the header being
//! built); request bodies are logged, at TRACE, only as the core's redacted preview (TLS key
//! and certificate, kubeconfigs replaced); answer bodies are never logged, since list-keys
//! answers hold kubeconfigs. Text from the server (URLs it gave, header values) is cut and
//! its control characters escaped, so it cannot forge log lines or drive a terminal.
use akscompute::request::Request;
use std::fmt;
use std::time::Duration;

/// The event target: subscribers filter on it (`akscompute_client=debug`).
pub(crate) const TARGET: &str = "akscompute_client";

/// Text from outside as it may appear in a log line.
pub(crate) struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The core's escaping of network text, as ARM's error messages get it: one line, no
        // terminal control, no reordering marks.
        f.write_str(&akscompute::response::one_line(self.0, 1000))
    }
}

/// The `api-version` of a URL's query, or `-`.
fn api_version(url: &str) -> &str {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query.split('&').find_map(|p| p.strip_prefix("api-version=")).unwrap_or("-")
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A fresh `x-ms-client-request-id` (a random UUID, as the Azure SDKs send): ARM records it,
/// so a log line can be matched with the service's own logs. One per request, kept by its
/// retries.
pub(crate) fn client_request_id() -> String {
    let n = fastrand::u128(..);
    // Version 4, variant 1.
    let n = (n & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let h = format!("{n:032x}");
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// A request about to go (`attempt` counts from 1).
pub(crate) fn request(r: &Request, attempt: u32, client_request_id: &str) {
    tracing::debug!(
        target: TARGET,
        method = %r.method.as_str(),
        url = %Shown(&r.url),
        api_version = %Shown(api_version(&r.url)),
        attempt,
        client_request_id = %client_request_id,
        "request"
    );
    if let Some(body) = r.body() {
        if tracing::enabled!(target: TARGET, tracing::Level::TRACE) {
            // The preview replaces every secret (TLS key and certificate, kubeconfigs).
            let preview = r.preview();
            tracing::trace!(target: TARGET, body = %preview.get("body").unwrap_or(body), "request body (secrets redacted)");
        }
    }
}

/// An answer's status line and the ids ARM support asks for.
pub(crate) fn answer(status: u16, took: Duration, headers: &[(String, String)]) {
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map_or("-", |(_, v)| v.as_str());
    tracing::debug!(
        target: TARGET,
        status,
        ms = ms(took),
        request_id = %Shown(header("x-ms-request-id")),
        correlation_id = %Shown(header("x-ms-correlation-request-id")),
        "answer"
    );
}

/// An attempt that got no answer.
pub(crate) fn no_answer(message: &str, took: Duration, maybe_sent: bool) {
    tracing::debug!(target: TARGET, error = %Shown(message), ms = ms(took), maybe_sent, "no answer");
}

/// A request about to be repeated (`attempt` is the next one, counting from 1).
pub(crate) fn retry(r: &Request, attempt: u32, reason: &str, wait: Duration) {
    tracing::info!(
        target: TARGET,
        method = %r.method.as_str(),
        url = %Shown(&r.url),
        attempt,
        reason = %Shown(reason),
        wait_ms = ms(wait),
        "retry"
    );
}

/// A create or attach whose answer was lost or was a 5xx, settled by a GET.
pub(crate) fn reconcile(kind: &str, name: &str) {
    tracing::info!(target: TARGET, operation = %kind, name = %Shown(name), "no clear answer: looking for the compute before sending again");
}

/// An operation URL the client will not poll (another origin); the compute is watched instead.
pub(crate) fn foreign_operation_url(kind: &str, name: &str, why: &str) {
    tracing::warn!(target: TARGET, operation = %kind, name = %Shown(name), reason = %Shown(why), "operation URL not followed: watching the compute instead");
}

/// One poll of a wait.
pub(crate) fn poll(kind: &str, name: &str, status: &str, next: Option<Duration>) {
    match next {
        Some(wait) => {
            tracing::debug!(target: TARGET, operation = %kind, name = %Shown(name), status = %Shown(status), wait_ms = ms(wait), "poll")
        }
        None => tracing::debug!(target: TARGET, operation = %kind, name = %Shown(name), status = %Shown(status), "poll: done"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_text_cannot_break_a_log_line() {
        let shown = Shown("https://x/\n\u{1b}[31mDEBUG: forged").to_string();
        assert!(!shown.contains('\n') && !shown.contains('\u{1b}'), "{shown}");
        assert_eq!(Shown(&"a".repeat(5000)).to_string().chars().count(), 1001);
        // The line separators that are no control characters start a line in a log viewer too.
        let shown = Shown("id\u{2028}INFO forged\u{2029}\u{85}x").to_string();
        assert_eq!(shown, "id\\u{2028}INFO forged\\u{2029}\\u{85}x");
    }

    #[test]
    fn client_request_ids_are_version_4_uuids() {
        let (a, b) = (client_request_id(), client_request_id());
        assert_ne!(a, b);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{a}");
        assert!(parts[2].starts_with('4') && "89ab".contains(&parts[3][..1]), "{a}");
    }

    #[test]
    fn the_api_version_is_read_from_the_query() {
        assert_eq!(api_version("https://m/x?api-version=2024-10-01&$skip=2"), "2024-10-01");
        assert_eq!(api_version("https://m/x?$skip=2&api-version=1"), "1");
        assert_eq!(api_version("https://m/x"), "-");
    }
}
