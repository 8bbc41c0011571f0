//! When to try a request again, and how long to wait first.

use std::time::{Duration, SystemTime};

/// Retries with exponential backoff and jitter. By default: 2 retries, waits from 0.5 s doubling up
/// to 10 s, and a server's `Retry-After` honoured up to 60 s.
///
/// A request is retried after a refused connection or a 429 (the server did not run it), and after a
/// timeout, a broken connection or a 5xx only when the operation is safe to repeat
/// ([`crate::Operation::RETRY_SAFE`]). A `Retry-After` on a 429 or a 5xx (such as a 503) replaces the
/// backoff. No retry starts that could not end before the call's deadline.
/// Change one setting with its method: `RetryPolicy::default().max_retries(5)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 switches retrying off.
    pub max_retries: u32,
    /// The wait before the first retry; each later one doubles it.
    pub initial_backoff: Duration,
    /// The longest wait between attempts that backoff produces.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the retries.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries: every call makes exactly one attempt.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..Self::default() }
    }

    /// This policy with another number of retries after the first attempt.
    pub fn max_retries(self, max_retries: u32) -> Self {
        RetryPolicy { max_retries, ..self }
    }

    /// This policy with another wait before the first retry.
    pub fn initial_backoff(self, initial_backoff: Duration) -> Self {
        RetryPolicy { initial_backoff, ..self }
    }

    /// This policy with another longest backoff.
    pub fn max_backoff(self, max_backoff: Duration) -> Self {
        RetryPolicy { max_backoff, ..self }
    }

    /// This policy with another longest `Retry-After` honoured.
    pub fn max_retry_after(self, max_retry_after: Duration) -> Self {
        RetryPolicy { max_retry_after, ..self }
    }

    /// The wait before retry number `retry` (0-based): a server's `Retry-After` if it gave one, else
    /// exponential backoff with "equal jitter" (between half and all of the backoff), so that clients
    /// that failed together do not retry together. `None` when the server asks for longer than allowed.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if let Some(wait) = retry_after {
            return (wait <= self.max_retry_after).then_some(wait);
        }
        let backoff = self.initial_backoff.saturating_mul(2u32.saturating_pow(retry)).min(self.max_backoff);
        let half = backoff / 2;
        Some(half + half.mul_f64(fastrand::f64()))
    }
}

/// `Retry-After` as seconds or as an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let policy = RetryPolicy::default();
        for retry in 0..8 {
            let full = policy.initial_backoff.saturating_mul(1 << retry).min(policy.max_backoff);
            for _ in 0..50 {
                let delay = policy.delay(retry, None).unwrap();
                assert!(delay >= full / 2 && delay <= full, "retry {retry}: {delay:?} not within {full:?}");
            }
        }
    }

    #[test]
    fn retry_after_wins_up_to_its_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(0, Some(Duration::from_secs(3))), Some(Duration::from_secs(3)));
        assert_eq!(policy.delay(0, Some(Duration::from_secs(61))), None);
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
