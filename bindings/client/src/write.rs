//! Writing: create, attach, update, detach and delete. Create and attach are not idempotent
//! (OPS001), so their PUT is sent once and a lost answer is settled by a GET; a write whose
//! outcome nothing could tell is [`ClientError::OutcomeUnknown`], not a failure.
use crate::transport::Repeat;
use crate::{log, Client, ClientError};
use akscompute::request::{self, Request};
use akscompute::{AttachConfig, Context, CreateConfig, UnderlyingAction, UpdateConfig};
use std::sync::atomic::Ordering;

/// An accepted operation, to wait for with [`Client::wait`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// create, attach, update, delete or detach.
    pub kind: &'static str,
    /// The compute's name.
    pub name: String,
    /// The `Azure-AsyncOperation` URL; `None` when the service gave none (or the answer was lost
    /// and the compute was found by a GET): waiting then watches the compute itself.
    pub async_url: Option<String>,
    /// The create's answer was lost and a GET found the compute: it was not sent twice.
    pub reconciled: bool,
}

impl Client {
    /// The answer's `Azure-AsyncOperation` URL when it may be polled: on the endpoint's own
    /// origin (the core's rule for links a response names). One elsewhere, or on plain http, is
    /// dropped so that no token goes there; the wait then watches the compute itself.
    fn operation_url(&self, a: &crate::transport::Answer, kind: &str, name: &str) -> Option<String> {
        let url = a.header("azure-asyncoperation")?;
        match request::operation_status(url, &self.options) {
            Ok(_) => Some(url.to_string()),
            Err(e) => {
                log::foreign_operation_url(kind, name, &e.to_string());
                None
            }
        }
    }

    /// A create or attach PUT: sent once; a lost answer or a 5xx is settled by a GET, and the
    /// PUT goes again only when the GET shows nothing was created.
    async fn put_once(&self, ctx: &Context, name: &str, req: &Request, kind: &'static str) -> Result<Operation, ClientError> {
        // True while a PUT may have been applied without anyone having seen it.
        let mut reached = false;
        for _ in 0..self.retry.max_attempts {
            let outcome = self.send_tracked(req, Repeat::Once, None, &mut reached).await;
            if outcome.as_ref().is_ok_and(|a| a.status >= 500) {
                reached = true;
            }
            match outcome {
                // Any 2xx, as azureml-core takes it: ARM's asynchronous pattern allows 202.
                Ok(a) if (200..300).contains(&a.status) => {
                    return Ok(Operation { kind, name: name.into(), async_url: self.operation_url(&a, kind, name), reconciled: false });
                }
                Ok(a) if a.status == 409 => return Err(ClientError::AlreadyExists { name: name.into() }),
                Ok(a) if a.status < 500 => return Err(a.arm_error()),
                Ok(_) | Err(ClientError::Transport { .. }) => {
                    self.stats.reconciliations.fetch_add(1, Ordering::Relaxed);
                    log::reconcile(kind, name);
                    match self.get_raw(ctx, name, None).await {
                        Ok(Some(_)) => return Ok(Operation { kind, name: name.into(), async_url: None, reconciled: true }),
                        // Not there: the PUT was not applied, so it may go again.
                        Ok(None) => reached = false,
                        // No answer, or only refusals to answer (429, 5xx): nothing settled it.
                        Err(cause) if reached && cause.is_no_answer() => {
                            return Err(ClientError::OutcomeUnknown { operation: kind, name: name.into(), cause: Box::new(cause) })
                        }
                        Err(e) => return Err(e),
                    }
                    tokio::time::sleep(self.retry.delay(0, None)).await;
                }
                Err(e) => return Err(e),
            }
        }
        let cause = ClientError::no_answer(req, self.retry.max_attempts, None);
        Err(if reached { ClientError::OutcomeUnknown { operation: kind, name: name.into(), cause: Box::new(cause) } } else { cause })
    }

    /// Creates a compute (and its cluster). Validates first; an existing name is refused
    /// without a PUT.
    pub async fn create(&self, cfg: &CreateConfig, ctx: &Context) -> Result<Operation, ClientError> {
        let ctx = self.ctx(ctx);
        let name = cfg.name.clone().unwrap_or_default();
        let v = akscompute::validate_create(cfg, &ctx);
        if !v.is_valid() {
            return Err(ClientError::Invalid(v));
        }
        // Built before the existence check, so a name the NAME rules refuse is never sent.
        let req = request::create(cfg, &ctx, &self.options)?;
        // Read as a compute: a 200 whose body is none (a hostile or broken server) is a wrong
        // answer, not proof that the name is taken.
        if self.get(&ctx, &name).await?.is_some() {
            return Err(ClientError::AlreadyExists { name });
        }
        self.put_once(&ctx, &name, &req, "create").await
    }

    /// Attaches a cluster. The workspace's computes are listed first: the same cluster under
    /// another name (ATT007) or a taken name (NAME005) is refused before any PUT.
    pub async fn attach(&self, cfg: &AttachConfig, ctx: &Context) -> Result<Operation, ClientError> {
        let mut ctx = self.ctx(ctx);
        // Built once before anything is sent, so a name or ID no request may carry sends nothing.
        request::attach(cfg, &ctx, &self.options)?;
        let existing = self.list(&ctx).await?;
        ctx.existing_computes = existing
            .iter()
            .map(|c| {
                let mut e = akscompute::ExistingCompute::default();
                (e.name, e.resource_id) = (c.name.clone(), c.cluster_resource_id.clone());
                e
            })
            .collect();
        let v = akscompute::validate_attach(cfg, &ctx);
        let name = cfg.name.clone().unwrap_or_default();
        if let Some(d) = v.diagnostics.iter().find(|d| d.code == "ATT007") {
            let existing = d.params.get("existing").map(|p| {
                let mut s = String::new();
                if let akscompute::Param::Str(x) = p {
                    s.push_str(x);
                }
                s
            });
            return Err(ClientError::AlreadyAttached {
                cluster: request::attach_target_id(cfg, &ctx, ctx.profile)?,
                existing: existing.unwrap_or_default(),
            });
        }
        if v.diagnostics.iter().any(|d| d.code == "NAME005") {
            return Err(ClientError::AlreadyExists { name });
        }
        if !v.is_valid() {
            return Err(ClientError::Invalid(v));
        }
        let req = request::attach(cfg, &ctx, &self.options)?;
        self.put_once(&ctx, &name, &req, "attach").await
    }

    /// Updates a compute: GET it, merge, PUT it back (AKS computes have no PATCH). Returns the
    /// operation and what the merge could not carry.
    pub async fn update(&self, cfg: &UpdateConfig, ctx: &Context) -> Result<(Operation, Vec<String>), ClientError> {
        let mut ctx = self.ctx(ctx);
        let name = cfg.name.clone().unwrap_or_default();
        let current = self.get_raw(&ctx, &name, None).await?.ok_or_else(|| ClientError::NotFound { name: name.clone() })?;
        ctx.compute = akscompute::cluster::ComputeFacts::from_json(&current).ok();
        let v = akscompute::validate_update(cfg, &ctx);
        if !v.is_valid() {
            return Err(ClientError::Invalid(v));
        }
        let plan = request::update(cfg, &current, &ctx, &self.options)?;
        let mut reached = false;
        let a = match self.send_tracked(&plan.request, Repeat::Safe, None, &mut reached).await {
            Err(cause @ ClientError::Transport { .. }) if reached => {
                return Err(ClientError::OutcomeUnknown { operation: "update", name, cause: Box::new(cause) })
            }
            other => other?,
        };
        if !(200..300).contains(&a.status) {
            return Err(a.arm_error());
        }
        Ok((Operation { kind: "update", async_url: self.operation_url(&a, "update", &name), name, reconciled: false }, plan.notes))
    }

    /// Detaches (the cluster stays) or deletes (the cluster goes, if Azure ML created it).
    /// A compute that is not there is already gone: that is success, with nothing to wait for
    /// (`None`). When an earlier attempt's answer was lost and a retry finds it gone, this very
    /// request removed it: `Some`, `reconciled`, nothing left to wait for.
    pub async fn delete_or_detach(&self, ctx: &Context, name: &str, action: UnderlyingAction) -> Result<Option<Operation>, ClientError> {
        let ctx = self.ctx(ctx);
        let kind = if action == UnderlyingAction::Delete { "delete" } else { "detach" };
        let req = request::delete_or_detach(&ctx, Some(name), action, &self.options)?;
        let mut reached = false;
        let a = match self.send_tracked(&req, Repeat::Safe, None, &mut reached).await {
            Err(cause @ ClientError::Transport { .. }) if reached => {
                return Err(ClientError::OutcomeUnknown { operation: kind, name: name.into(), cause: Box::new(cause) })
            }
            other => other?,
        };
        match a.status {
            204 | 404 if reached => Ok(Some(Operation { kind, name: name.into(), async_url: None, reconciled: true })),
            200 | 202 => Ok(Some(Operation { kind, name: name.into(), async_url: self.operation_url(&a, kind, name), reconciled: false })),
            204 | 404 => Ok(None),
            _ => Err(a.arm_error()),
        }
    }
}
