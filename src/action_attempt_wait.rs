//! Waiting for an action attempt (the asynchronous result of, say, programming an access code onto
//! a lock) to succeed or fail.

use crate::action_attempts::GetRequest;
use crate::client::Seam;
use crate::error::{Error, Result};
use crate::types::{ActionAttempt, ActionAttemptStatus};
use std::time::{Duration, Instant};

/// How long to wait for an action attempt, and how often to ask.
/// Defaults as Seam's SDKs: 10 s, polling every second.
///
/// ```
/// # use std::time::Duration;
/// let options = seam::WaitOptions::default().timeout(Duration::from_secs(30));
/// # assert_eq!(options.poll_interval, Duration::from_secs(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaitOptions {
    /// How long to wait in all.
    pub timeout: Duration,
    /// How long to wait between two polls.
    pub poll_interval: Duration,
}

impl WaitOptions {
    /// These options with another overall timeout.
    pub fn timeout(self, timeout: Duration) -> Self {
        WaitOptions { timeout, ..self }
    }

    /// These options with another interval between polls.
    pub fn poll_interval(self, poll_interval: Duration) -> Self {
        WaitOptions { poll_interval, ..self }
    }
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions { timeout: Duration::from_secs(10), poll_interval: Duration::from_secs(1) }
    }
}

impl Seam {
    /// Polls `/action_attempts/get` until the attempt succeeds (returned) or fails
    /// ([`Error::ActionAttemptFailed`]), or `options.timeout` passes ([`Error::ActionAttemptTimeout`],
    /// with the last state seen). An attempt that has already settled is returned at once.
    pub async fn wait_for_action_attempt(&self, attempt: ActionAttempt, options: WaitOptions) -> Result<ActionAttempt> {
        let started = Instant::now();
        let mut attempt = attempt;
        loop {
            match attempt.status {
                ActionAttemptStatus::Success => return Ok(attempt),
                ActionAttemptStatus::Error => return Err(Error::ActionAttemptFailed(Box::new(attempt))),
                ActionAttemptStatus::Pending | ActionAttemptStatus::Unknown(_) => {}
            }
            let waited = started.elapsed();
            tracing::debug!(
                action_attempt_id = attempt.action_attempt_id.as_str(),
                action_type = %attempt.action_type,
                status = %attempt.status,
                waited_ms = waited.as_millis() as u64,
                "action attempt pending"
            );
            if waited >= options.timeout {
                return Err(Error::ActionAttemptTimeout { attempt: Box::new(attempt), waited });
            }
            tokio::time::sleep(options.poll_interval.min(options.timeout - waited)).await;
            attempt = self.action_attempts().get(GetRequest::new(attempt.action_attempt_id.clone())).await?;
        }
    }
}
