//! # akscompute-client
//!
//! Sends the requests the core builds: create, attach, update, detach and delete an AKS
//! compute, wait for the operation, and read computes, kubeconfigs, clusters and versions.
//!
//! - Every configuration is validated by the core first; errors come back as
//!   [`ClientError::Invalid`] with every diagnostic, before anything is sent.
//! - Requests that are safe to repeat (GET, DELETE, an update PUT) are retried with backoff and
//!   jitter on 429, 5xx and dropped connections, honouring `Retry-After`.
//! - Create is not idempotent (rule OPS001): a create whose answer was lost is reconciled
//!   with a GET instead of being sent twice, and a name that exists is reported as
//!   [`ClientError::AlreadyExists`] without a PUT. Before attaching, the workspace's computes are
//!   listed and an existing attachment of the same cluster is refused (ATT007).
//! - Waiting polls `Azure-AsyncOperation` when the service says to (`Retry-After`), not every
//!   5 seconds.
//! - Bearer tokens come from a [`TokenProvider`]; no Debug, log or error shows one. With the
//!   `azure-identity` feature, `AzureCredential` adapts the Azure SDK's credentials
//!   (`DefaultAzureCredential` and the others of `azure_identity`).
//! - Logging goes through `tracing` (target `akscompute_client`), and no subscriber is
//!   installed: one event per request, answer, retry, reconciliation and poll; never the token,
//!   a request body's secrets (TLS key, certificate) or an answer body.
//! - The server is not trusted either: no redirect is followed (ARM does not redirect these
//!   calls, and a 307 would carry the TLS key elsewhere), bodies and list pages are capped
//!   ([`Limits`]), a list ends after [`Limits::max_list_time`], a `nextLink` seen before ends the list, plain `http` is refused except on
//!   loopback, a `Retry-After` beyond the wait's deadline ends the wait, an attempt ends after
//!   [`Limits::max_time`] (and at the wait's deadline) however slowly the answer drips, and
//!   a token the server echoes back is replaced by `<redacted>` in everything it sent.
//! - A write whose answer was lost is not reported as failed: when nothing later could tell,
//!   the error is [`ClientError::OutcomeUnknown`].
#![deny(missing_docs)]

#[cfg(feature = "azure-identity")]
mod azure;
mod client;
mod error;
mod log;
mod read;
mod retry;
mod tls;
mod token;
mod transport;
mod wait;
mod write;

#[cfg(feature = "blocking")]
pub mod blocking;

#[cfg(feature = "azure-identity")]
pub use azure::AzureCredential;
pub use client::{Client, Limits, Stats};
pub use error::{Cause, ClientError};
pub use retry::{parse_retry_after, parse_retry_after_at, seconds, PollPolicy, RetryPolicy, MAX_SECONDS};
pub use token::{StaticToken, TokenFuture, TokenProvider};
pub use transport::Answer;
pub use write::Operation;
