//! The same client for code without an async runtime (the CLI, Python): each call runs on a
//! small runtime of its own.
use crate::{ClientError, Operation, TokenProvider};
use akscompute::request::Options;
use akscompute::response::{AksSecrets, ComputeInfo, OperationStatus};
use akscompute::{AttachConfig, Context, CreateConfig, UnderlyingAction, UpdateConfig};
use std::sync::Arc;

pub struct Client {
    pub inner: crate::Client,
    rt: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl Client {
    pub fn new(options: Options, tokens: Arc<dyn TokenProvider>) -> Result<Self, ClientError> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| ClientError::Transport(e.to_string()))?;
        // reqwest's client must be made inside a runtime.
        let inner = rt.block_on(async { crate::Client::new(options, tokens) })?;
        Ok(Client { inner, rt })
    }
    pub fn get(&self, ctx: &Context, name: &str) -> Result<Option<ComputeInfo>, ClientError> {
        self.rt.block_on(self.inner.get(ctx, name))
    }
    pub fn list(&self, ctx: &Context) -> Result<Vec<ComputeInfo>, ClientError> {
        self.rt.block_on(self.inner.list(ctx))
    }
    pub fn list_keys(&self, ctx: &Context, name: &str) -> Result<AksSecrets, ClientError> {
        self.rt.block_on(self.inner.list_keys(ctx, name))
    }
    pub fn managed_cluster(&self, resource_id: &str) -> Result<serde_json::Value, ClientError> {
        self.rt.block_on(self.inner.managed_cluster(resource_id))
    }
    pub fn kubernetes_versions(&self, subscription_id: &str, location: &str) -> Result<akscompute::k8s::VersionList, ClientError> {
        self.rt.block_on(self.inner.kubernetes_versions(subscription_id, location))
    }
    pub fn create(&self, cfg: &CreateConfig, ctx: &Context) -> Result<Operation, ClientError> {
        self.rt.block_on(self.inner.create(cfg, ctx))
    }
    pub fn attach(&self, cfg: &AttachConfig, ctx: &Context) -> Result<Operation, ClientError> {
        self.rt.block_on(self.inner.attach(cfg, ctx))
    }
    pub fn update(&self, cfg: &UpdateConfig, ctx: &Context) -> Result<(Operation, Vec<String>), ClientError> {
        self.rt.block_on(self.inner.update(cfg, ctx))
    }
    pub fn delete_or_detach(&self, ctx: &Context, name: &str, action: UnderlyingAction) -> Result<Option<Operation>, ClientError> {
        self.rt.block_on(self.inner.delete_or_detach(ctx, name, action))
    }
    pub fn wait(&self, ctx: &Context, op: &Operation, progress: &mut (dyn FnMut(&str) + Send)) -> Result<OperationStatus, ClientError> {
        self.rt.block_on(self.inner.wait(ctx, op, progress))
    }
}
