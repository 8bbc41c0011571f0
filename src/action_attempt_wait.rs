//! Waiting for an action attempt (the asynchronous result of, say, programming an access code onto
//! a lock) to succeed or fail.

use crate::action_attempts::GetRequest;
use crate::client::Seam;
use crate::error::{Error, Result};
use crate::types::{ActionAttempt, ActionAttemptStatus};
use std::time::{Duration, Instant};

/// How long to wait for an action attempt, and how often to ask.
/// Defaults as Seam's SDKs: 10 s, polling every second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    pub timeout: Duration,
    pub poll_interval: Duration,
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
            if waited >= options.timeout {
                return Err(Error::ActionAttemptTimeout { attempt: Box::new(attempt), waited });
            }
            tokio::time::sleep(options.poll_interval.min(options.timeout - waited)).await;
            attempt = self.action_attempts().get(GetRequest::new(attempt.action_attempt_id.clone())).await?;
        }
    }
}
