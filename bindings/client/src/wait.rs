//! Waiting for an operation: its `Azure-AsyncOperation` URL at the pace the service asks, or
//! the compute itself when there is no such URL.
use crate::transport::{Deadline, Repeat};
use crate::{log, parse_retry_after, Client, ClientError, Operation, MAX_SECONDS};
use akscompute::request;
use akscompute::response::OperationStatus;
use akscompute::Context;
use serde_json::Value;
use std::time::Instant;

impl Client {
    /// Waits for an operation: polls its `Azure-AsyncOperation` URL when the service's
    /// `Retry-After` says to (or the policy's interval), or watches the compute itself.
    /// `progress` hears the status at every poll.
    pub async fn wait(
        &self,
        ctx: &Context,
        op: &Operation,
        progress: &mut (dyn FnMut(&str) + Send),
    ) -> Result<OperationStatus, ClientError> {
        let start = Instant::now();
        let deadline = Deadline { start, end: start.checked_add(self.poll.timeout).unwrap_or(start + MAX_SECONDS), list: false };
        loop {
            let (status, retry_after) = match &op.async_url {
                Some(url) => {
                    let a = self
                        .send_tracked(&request::operation_status(url, &self.options)?, Repeat::Safe, Some(deadline), &mut false)
                        .await?;
                    if a.status != 200 {
                        return Err(a.arm_error());
                    }
                    (OperationStatus::from_json(&a.body)?, parse_retry_after(a.header("retry-after")))
                }
                None => {
                    let current = self.get_raw(ctx, &op.name, Some(deadline)).await?;
                    let state = match (&current, op.kind) {
                        (None, "delete" | "detach") => "Succeeded".to_string(),
                        (None, _) => return Err(ClientError::NotFound { name: op.name.clone() }),
                        (Some(c), _) => c.pointer("/properties/provisioningState").and_then(Value::as_str).unwrap_or("Unknown").to_string(),
                    };
                    let status = match state.as_str() {
                        "Succeeded" | "Failed" | "Canceled" => state,
                        _ => "InProgress".to_string(),
                    };
                    (OperationStatus { status, error: None }, None)
                }
            };
            // Every poll is reported (azureml-core prints a dot per poll); callers that only
            // care about changes compare with the last status they saw.
            progress(&status.status);
            if status.is_terminal() {
                log::poll(op.kind, &op.name, &status.status, None);
                if status.succeeded() {
                    return Ok(status);
                }
                let (code, message) = status.error.as_ref().map(|e| (e.code.clone(), e.message.clone())).unwrap_or_default();
                return Err(ClientError::OperationFailed { status: status.status, code, message });
            }
            let asked = retry_after.filter(|_| !self.poll.fixed);
            let wait = asked.unwrap_or(self.poll.default_interval).max(self.poll.min_interval);
            let left = deadline.end.saturating_duration_since(Instant::now());
            if wait > left {
                return Err(match asked {
                    Some(retry_after) if retry_after > left => ClientError::RetryAfterBeyondDeadline { retry_after, left },
                    _ => ClientError::Timeout { waited: start.elapsed() },
                });
            }
            log::poll(op.kind, &op.name, &status.status, Some(wait));
            tokio::time::sleep(wait).await;
        }
    }
}
