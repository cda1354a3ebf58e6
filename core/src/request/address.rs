//! Where a compute lives: its workspace and name, as URL paths and as an ARM ID.
use super::{error, seg, RequestError};

/// The workspace a compute lives in, and the compute's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComputeAddress {
    /// The Azure subscription (a GUID, as ARM writes it) that holds the workspace.
    pub subscription_id: String,
    /// The resource group of the workspace.
    pub resource_group: String,
    /// The Azure Machine Learning workspace's name.
    pub workspace: String,
    /// The compute's name; empty for a workspace-level address ([`ComputeAddress::workspace_of`]).
    pub name: String,
}

impl ComputeAddress {
    /// Takes the workspace from the context and the name from the configuration. The name must
    /// pass the NAME rules (NAME001-NAME004, the same code validation runs) before any request
    /// carries it.
    pub fn from_context(ctx: &crate::Context, name: Option<&str>) -> Result<Self, RequestError> {
        let mut addr = Self::workspace_of(ctx)?;
        let name = name
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| RequestError::missing("request.name_missing", "name", Vec::new()).in_context(ctx))?;
        let problems = error::name_problems(name, ctx);
        if !problems.is_empty() {
            return Err(RequestError::name_invalid(name, problems).in_context(ctx));
        }
        addr.name = name.to_string();
        Ok(addr)
    }

    /// The workspace alone (a list of its computes); `name` is left empty.
    pub fn workspace_of(ctx: &crate::Context) -> Result<Self, RequestError> {
        let ws = ctx.workspace.clone().unwrap_or_default();
        let need = |v: Option<String>, key: &'static str, field: &str| {
            v.filter(|s| !s.trim().is_empty()).ok_or_else(|| RequestError::missing(key, field, Vec::new()).in_context(ctx))
        };
        Ok(ComputeAddress {
            subscription_id: need(ws.subscription_id, "request.subscription_missing", "context.workspace.subscription_id")?,
            resource_group: need(ws.resource_group, "request.resource_group_missing", "context.workspace.resource_group")?,
            workspace: need(ws.name, "request.workspace_missing", "context.workspace.name")?,
            name: String::new(),
        })
    }

    /// `/subscriptions/…/workspaces/{ws}`, percent-encoded.
    pub fn workspace_path(&self) -> Result<String, RequestError> {
        Ok(format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.MachineLearningServices/workspaces/{}",
            seg("context.workspace.subscription_id", &self.subscription_id)?,
            seg("context.workspace.resource_group", &self.resource_group)?,
            seg("context.workspace.name", &self.workspace)?
        ))
    }

    /// `/subscriptions/…/workspaces/{ws}/computes`, percent-encoded.
    pub fn collection_path(&self) -> Result<String, RequestError> {
        Ok(format!("{}/computes", self.workspace_path()?))
    }

    /// `…/computes/{name}`.
    pub fn path(&self) -> Result<String, RequestError> {
        Ok(format!("{}/{}", self.collection_path()?, seg("name", &self.name)?))
    }

    /// The compute's ARM ID (unencoded, as ARM prints IDs).
    pub fn id(&self) -> String {
        self.arm_id(&["workspaces", &self.workspace, "computes", &self.name]).id()
    }

    fn arm_id<'a>(&'a self, steps: &'a [&'a str]) -> crate::resource_id::ArmId<'a> {
        crate::resource_id::ArmId {
            subscription: &self.subscription_id,
            resource_group: &self.resource_group,
            namespace: "Microsoft.MachineLearningServices",
            steps,
        }
    }
}
