//! Reading: a compute, the workspace's computes page by page, kubeconfigs, a cluster, and the
//! Kubernetes versions of a region. Every read is safe to repeat.
use crate::transport::{Deadline, Repeat};
use crate::{Client, ClientError};
use akscompute::request;
use akscompute::response::{AksSecrets, ComputeInfo, ListPage, ResponseError};
use akscompute::Context;
use serde_json::Value;

impl Client {
    /// GET a compute; `None` when there is none.
    pub async fn get(&self, ctx: &Context, name: &str) -> Result<Option<ComputeInfo>, ClientError> {
        Ok(self.get_raw(ctx, name, None).await?.map(|v| ComputeInfo::from_json(&v)).transpose()?)
    }

    /// The compute as JSON; its attempts and pauses end at `deadline` when there is one (a
    /// wait's).
    pub(crate) async fn get_raw(&self, ctx: &Context, name: &str, deadline: Option<Deadline>) -> Result<Option<Value>, ClientError> {
        let a = self.send_tracked(&request::get(ctx, Some(name), &self.options)?, Repeat::Safe, deadline, &mut false).await?;
        match a.status {
            200 => Ok(Some(a.body)),
            404 => Ok(None),
            _ => Err(a.arm_error()),
        }
    }

    /// Every compute of the workspace, following `nextLink`, up to [`crate::Limits::max_pages`]
    /// pages, [`crate::Limits::max_body`] bytes and [`crate::Limits::max_list_time`] in all.
    pub async fn list(&self, ctx: &Context) -> Result<Vec<ComputeInfo>, ClientError> {
        let start = std::time::Instant::now();
        let end = start.checked_add(self.limits.max_list_time).unwrap_or(start + crate::MAX_SECONDS);
        let deadline = Deadline { start, end, list: true };
        let mut out = Vec::new();
        let mut req = request::list(ctx, &self.options)?;
        let mut seen = std::collections::HashSet::new();
        let mut read = 0usize;
        for _ in 0..self.limits.max_pages {
            deadline.allows(std::time::Duration::ZERO)?;
            seen.insert(req.url.clone());
            let a = self.send_tracked(&req, Repeat::Safe, Some(deadline), &mut false).await?;
            if a.status != 200 {
                return Err(a.arm_error());
            }
            read = read.saturating_add(a.body_len);
            if read > self.limits.max_body {
                return Err(ClientError::TooLarge { limit: self.limits.max_body });
            }
            let page = ListPage::from_json(&a.body)?;
            out.extend(page.computes);
            match page.next_link {
                Some(next) if seen.contains(&next) => return Err(ClientError::LinkLoop { link: next.chars().take(200).collect() }),
                Some(next) => req = request::list_next(&next, &self.options)?,
                None => return Ok(out),
            }
        }
        Err(ClientError::TooManyPages { limit: self.limits.max_pages })
    }

    /// The kubeconfigs (secrets).
    pub async fn list_keys(&self, ctx: &Context, name: &str) -> Result<AksSecrets, ClientError> {
        let a = self.send(&request::list_keys(ctx, Some(name), &self.options)?, Repeat::Safe).await?;
        match a.status {
            200 => Ok(AksSecrets::from_json(&a.body)?),
            404 => Err(ClientError::NotFound { name: name.into() }),
            _ => Err(a.arm_error()),
        }
    }

    /// The workspace's region (GET of the workspace), for a create or attach whose context
    /// and configuration name none: azureml-core's `Workspace` asks the service the same way.
    pub async fn workspace_location(&self, ctx: &Context) -> Result<String, ClientError> {
        let a = self.send(&request::workspace_get(ctx, &self.options)?, Repeat::Safe).await?;
        if a.status == 200 {
            Ok(akscompute::response::workspace_location(&a.body)?)
        } else {
            Err(a.arm_error())
        }
    }

    /// A ManagedCluster as ARM returns it (the attach preflight's `cluster`).
    pub async fn managed_cluster(&self, resource_id: &str) -> Result<Value, ClientError> {
        let a = self.send(&request::managed_cluster_get(resource_id, &self.options.cloud)?, Repeat::Safe).await?;
        if a.status == 200 {
            Ok(a.body)
        } else {
            Err(a.arm_error())
        }
    }

    /// The Kubernetes versions AKS supports in a region.
    pub async fn kubernetes_versions(&self, subscription_id: &str, location: &str) -> Result<akscompute::k8s::VersionList, ClientError> {
        let a = self.send(&request::kubernetes_versions(subscription_id, location, &self.options.cloud)?, Repeat::Safe).await?;
        if a.status != 200 {
            return Err(a.arm_error());
        }
        akscompute::k8s::VersionList::from_json(&a.body)
            .map_err(|e| ClientError::Response(ResponseError::new("kubernetes versions", "", e.to_string())))
    }
}
