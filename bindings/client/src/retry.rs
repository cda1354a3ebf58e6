//! When to try again, and how long to wait: exponential backoff with full jitter, and the
//! server's `Retry-After` when it gives one.
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_delay: Duration,
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
        Duration::from_secs_f64(cap.as_secs_f64() * fastrand::f64())
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

/// `Retry-After` in seconds (the HTTP-date form is rare in ARM and treated as absent).
pub fn parse_retry_after(v: Option<&str>) -> Option<Duration> {
    v?.trim().parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0).map(Duration::from_secs_f64)
}
