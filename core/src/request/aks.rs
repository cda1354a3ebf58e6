//! Requests on `Microsoft.ContainerService`: the cluster to attach and the versions AKS offers.
use super::{seg, Cloud, Method, Request, RequestError};

/// The Container Service api-version for ManagedCluster GET and Kubernetes Versions List.
pub const AKS_API_VERSION: &str = "2026-08-01";
/// The last api-version of the older List Orchestrators API.
pub const ORCHESTRATORS_API_VERSION: &str = "2019-04-01";

/// GET a ManagedCluster by its resource ID (the attach preflight's input).
pub fn managed_cluster_get(resource_id: &str, cloud: &Cloud) -> Result<Request, RequestError> {
    let c = crate::resource_id::parse_cluster_id(resource_id.trim())
        .map_err(|_| RequestError::missing("request.cluster_id", "resource_id", Vec::new()))?;
    Ok(Request::new(
        Method::Get,
        format!(
            "{}/subscriptions/{}/resourceGroups/{}/providers/Microsoft.ContainerService/managedClusters/{}?api-version={AKS_API_VERSION}",
            cloud.endpoint(),
            seg("resource_id", c.subscription)?,
            seg("resource_id", c.resource_group)?,
            seg("resource_id", c.name)?
        ),
        None,
    ))
}

fn loc(location: &str) -> Result<String, RequestError> {
    let l: String = location.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect();
    if l.is_empty() {
        return Err(RequestError::missing("request.region_missing", "location", Vec::new()));
    }
    seg("location", &l)
}

/// GET the Kubernetes versions AKS supports in a region (the newer `values[]` shape).
pub fn kubernetes_versions(subscription_id: &str, location: &str, cloud: &Cloud) -> Result<Request, RequestError> {
    Ok(Request::new(
        Method::Get,
        format!(
            "{}/subscriptions/{}/providers/Microsoft.ContainerService/locations/{}/kubernetesVersions?api-version={AKS_API_VERSION}",
            cloud.endpoint(),
            seg("subscription_id", subscription_id)?,
            loc(location)?
        ),
        None,
    ))
}

/// GET the older List Orchestrators answer (what the 2020-2021 pages describe).
pub fn orchestrators(subscription_id: &str, location: &str, cloud: &Cloud) -> Result<Request, RequestError> {
    Ok(Request::new(
        Method::Get,
        format!(
            "{}/subscriptions/{}/providers/Microsoft.ContainerService/locations/{}/orchestrators?api-version={ORCHESTRATORS_API_VERSION}&resource-type=managedClusters",
            cloud.endpoint(),
            seg("subscription_id", subscription_id)?,
            loc(location)?
        ),
        None,
    ))
}
