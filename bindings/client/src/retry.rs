//! When to try again, and how long to wait: exponential backoff with full jitter, and the
//! server's `Retry-After` when it gives one.
use std::time::Duration;

/// How often and how patiently a request that is safe to repeat is repeated.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// The first backoff's ceiling; it doubles per attempt.
    pub base_delay: Duration,
    /// No wait is longer, `Retry-After` included.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 6, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(30) }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` (0-based): `Retry-After` if given (capped), else a
    /// random delay up to base x 2^attempt (full jitter, so clients that failed together do not
    /// come back together).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(r) = retry_after {
            return r.min(self.max_delay);
        }
        let cap = self.base_delay.saturating_mul(1u32 << attempt.min(16)).min(self.max_delay);
        Duration::try_from_secs_f64(cap.as_secs_f64() * fastrand::f64()).unwrap_or(cap)
    }
}

/// How waiting for an operation goes.
#[derive(Clone, Debug)]
pub struct PollPolicy {
    /// Used when the service gives no `Retry-After` (azureml-core always waits 5 s).
    pub default_interval: Duration,
    /// Never poll faster than this, whatever `Retry-After` says.
    pub min_interval: Duration,
    /// Give up after this long.
    pub timeout: Duration,
    /// Ignore `Retry-After` and always wait `default_interval` (azureml-core's behaviour; for comparison).
    pub fixed: bool,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            default_interval: Duration::from_secs(5),
            min_interval: Duration::from_millis(100),
            timeout: Duration::from_secs(3600),
            fixed: false,
        }
    }
}

/// The longest wait a number of seconds can ask for: larger ones (`1e20`, `inf`) mean the same.
pub const MAX_SECONDS: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// Seconds from outside (a header, a Python float) as a duration that cannot overflow: negative
/// and NaN are `None`, anything beyond [`MAX_SECONDS`] is [`MAX_SECONDS`].
pub fn seconds(s: f64) -> Option<Duration> {
    if s.is_nan() || s < 0.0 {
        return None;
    }
    Some(Duration::try_from_secs_f64(s).unwrap_or(MAX_SECONDS).min(MAX_SECONDS))
}

/// `Retry-After` in seconds, or as an HTTP date (RFC 9110 allows both, and the Azure SDKs read
/// both): the time from now until then, nothing for a date already past. Anything negative or
/// neither form is absent. `1e20` or `18446744073709551615` is [`MAX_SECONDS`]: the caller's
/// deadline decides what to do with it.
pub fn parse_retry_after(v: Option<&str>) -> Option<Duration> {
    parse_retry_after_at(v, std::time::SystemTime::now())
}

/// [`parse_retry_after`] with the time an HTTP date is measured from.
pub fn parse_retry_after_at(v: Option<&str>, now: std::time::SystemTime) -> Option<Duration> {
    let v = v?.trim();
    match v.parse::<f64>() {
        Ok(s) => seconds(s),
        Err(_) => {
            let at = httpdate::parse_http_date(v).ok()?;
            Some(at.duration_since(now).unwrap_or(Duration::ZERO).min(MAX_SECONDS))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_retry_after_values_do_not_panic() {
        for (v, want) in [
            ("1e20", Some(MAX_SECONDS)),
            ("18446744073709551615", Some(MAX_SECONDS)),
            ("inf", Some(MAX_SECONDS)),
            ("1.5", Some(Duration::from_millis(1500))),
            (" 3 ", Some(Duration::from_secs(3))),
            ("-1", None),
            ("-inf", None),
            ("NaN", None),
            ("Wed, 21 Oct 2015 07:28:00 GMT", Some(Duration::ZERO)),
            ("", None),
            ("soon", None),
            ("Wed, 21 Oct 2015 07:28:00", None),
        ] {
            assert_eq!(parse_retry_after(Some(v)), want, "{v:?}");
        }
        // The HTTP-date form: the time until then (IMF-fixdate, and the obsolete RFC 850 and
        // asctime forms HTTP readers must take).
        let now = httpdate::parse_http_date("Tue, 01 Dec 2026 21:00:00 GMT").unwrap();
        for v in ["Tue, 01 Dec 2026 21:00:30 GMT", "Tuesday, 01-Dec-26 21:00:30 GMT", "Tue Dec  1 21:00:30 2026"] {
            assert_eq!(parse_retry_after_at(Some(v), now), Some(Duration::from_secs(30)), "{v:?}");
        }
        assert_eq!(parse_retry_after_at(Some("Fri, 31 Dec 9999 23:59:59 GMT"), now), Some(MAX_SECONDS));
        let p = RetryPolicy { max_attempts: 3, base_delay: Duration::MAX, max_delay: Duration::MAX };
        assert!(p.delay(16, None) <= Duration::MAX);
        assert_eq!(p.delay(0, Some(MAX_SECONDS)), MAX_SECONDS);
    }
}
