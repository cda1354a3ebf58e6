//! The same client for code without an async runtime (the CLI, Python): each call runs on a
//! small runtime of its own.
use crate::{ClientError, Operation, TokenProvider};
use akscompute::request::Options;
use akscompute::response::{AksSecrets, ComputeInfo, OperationStatus};
use akscompute::{AttachConfig, Context, CreateConfig, UnderlyingAction, UpdateConfig};
use std::sync::Arc;

/// The blocking client: [`crate::Client`] and a current-thread runtime to run its calls on.
pub struct Client {
    /// The async client, for its policies, limits and counters.
    pub inner: crate::Client,
    rt: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl Client {
    /// Builds the async client inside a runtime of its own; see [`crate::Client::new`].
    pub fn new(options: Options, tokens: Arc<dyn TokenProvider>) -> Result<Self, ClientError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ClientError::transport_setup("cannot start a runtime", e))?;
        // reqwest's client must be made inside a runtime.
        let inner = rt.block_on(async { crate::Client::new(options, tokens) })?;
        Ok(Client { inner, rt })
    }
    /// See [`crate::Client::get`].
    pub fn get(&self, ctx: &Context, name: &str) -> Result<Option<ComputeInfo>, ClientError> {
        self.rt.block_on(self.inner.get(ctx, name))
    }
    /// See [`crate::Client::list`].
    pub fn list(&self, ctx: &Context) -> Result<Vec<ComputeInfo>, ClientError> {
        self.rt.block_on(self.inner.list(ctx))
    }
    /// See [`crate::Client::list_keys`].
    pub fn list_keys(&self, ctx: &Context, name: &str) -> Result<AksSecrets, ClientError> {
        self.rt.block_on(self.inner.list_keys(ctx, name))
    }
    /// See [`crate::Client::workspace_location`].
    pub fn workspace_location(&self, ctx: &Context) -> Result<String, ClientError> {
        self.rt.block_on(self.inner.workspace_location(ctx))
    }
    /// See [`crate::Client::managed_cluster`].
    pub fn managed_cluster(&self, resource_id: &str) -> Result<serde_json::Value, ClientError> {
        self.rt.block_on(self.inner.managed_cluster(resource_id))
    }
    /// See [`crate::Client::kubernetes_versions`].
    pub fn kubernetes_versions(&self, subscription_id: &str, location: &str) -> Result<akscompute::k8s::VersionList, ClientError> {
        self.rt.block_on(self.inner.kubernetes_versions(subscription_id, location))
    }
    /// See [`crate::Client::create`].
    pub fn create(&self, cfg: &CreateConfig, ctx: &Context) -> Result<Operation, ClientError> {
        self.rt.block_on(self.inner.create(cfg, ctx))
    }
    /// See [`crate::Client::attach`].
    pub fn attach(&self, cfg: &AttachConfig, ctx: &Context) -> Result<Operation, ClientError> {
        self.rt.block_on(self.inner.attach(cfg, ctx))
    }
    /// See [`crate::Client::update`].
    pub fn update(&self, cfg: &UpdateConfig, ctx: &Context) -> Result<(Operation, Vec<String>), ClientError> {
        self.rt.block_on(self.inner.update(cfg, ctx))
    }
    /// See [`crate::Client::delete_or_detach`].
    pub fn delete_or_detach(&self, ctx: &Context, name: &str, action: UnderlyingAction) -> Result<Option<Operation>, ClientError> {
        self.rt.block_on(self.inner.delete_or_detach(ctx, name, action))
    }
    /// See [`crate::Client::wait`].
    pub fn wait(&self, ctx: &Context, op: &Operation, progress: &mut (dyn FnMut(&str) + Send)) -> Result<OperationStatus, ClientError> {
        self.rt.block_on(self.inner.wait(ctx, op, progress))
    }
}
