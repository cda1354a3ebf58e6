//! ARM resource IDs of AKS clusters.

/// The parts of `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterId<'a> {
    /// The subscription's ID.
    pub subscription: &'a str,
    /// The cluster's resource group.
    pub resource_group: &'a str,
    /// The cluster's name.
    pub name: &'a str,
}

/// What is wrong with a resource ID, as a message key suffix and a detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// Not `/subscriptions/…/resourceGroups/…/providers/…/…/…`.
    Shape,
    /// The subscription is not a GUID.
    Subscription,
    /// Another provider or resource type than `Microsoft.ContainerService/managedClusters`.
    Provider(String),
    /// The cluster name breaks AKS's naming rule.
    Name,
    /// A well-formed ID with a `/` after the name: azureml-core counts ten segments and refuses
    /// it, and ARM never writes one, so it is refused rather than quietly cut.
    TrailingSlash,
}

pub(crate) fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Resource group names: 1-90 of letters, digits, `-_.()`, not ending in a period.
pub(crate) fn valid_resource_group(s: &str) -> bool {
    !s.is_empty() && s.len() <= 90 && !s.ends_with('.') && s.chars().all(|c| c.is_alphanumeric() || "-_.()".contains(c))
}

/// AKS cluster names: 1-63, letters, digits, `-`, `_`, starting and ending alphanumeric.
pub(crate) fn valid_cluster_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
}

/// Parses an AKS cluster ID. Segment names compare case-insensitively, as ARM does.
pub fn parse_cluster_id(id: &str) -> Result<ClusterId<'_>, IdProblem> {
    // Nine segments into an array, found by one pass over the bytes: an ID is checked on every
    // keystroke, and `split` plus a list cost ten times more.
    // Read without its trailing slashes, so that an ID with one is told apart from others
    // (TrailingSlash, last: any other problem is the one to fix first).
    let (given, id) = (id.len(), id.trim_end_matches('/'));
    let mut parts = [""; 9];
    let (mut n, mut start) = (0, 0);
    for (i, b) in id.bytes().enumerate() {
        if b == b'/' {
            *parts.get_mut(n).ok_or(IdProblem::Shape)? = id.get(start..i).unwrap_or_default();
            (n, start) = (n + 1, i + 1);
        }
    }
    *parts.get_mut(n).ok_or(IdProblem::Shape)? = id.get(start..).unwrap_or_default();
    if n != 8
        || !parts[0].is_empty()
        || !parts[1].eq_ignore_ascii_case("subscriptions")
        || !parts[3].eq_ignore_ascii_case("resourcegroups")
        || !parts[5].eq_ignore_ascii_case("providers")
        || parts[2].is_empty()
        || parts[4].is_empty()
    {
        return Err(IdProblem::Shape);
    }
    if !parts[6].eq_ignore_ascii_case("Microsoft.ContainerService") || !parts[7].eq_ignore_ascii_case("managedClusters") {
        return Err(IdProblem::Provider(format!("{}/{}", parts[6], parts[7])));
    }
    if !is_guid(parts[2]) {
        return Err(IdProblem::Subscription);
    }
    if !valid_resource_group(parts[4]) || !valid_cluster_name(parts[8]) {
        return Err(IdProblem::Name);
    }
    if id.len() != given {
        return Err(IdProblem::TrailingSlash);
    }
    Ok(ClusterId { subscription: parts[2], resource_group: parts[4], name: parts[8] })
}

/// The subscription of any ARM ID.
pub fn subscription_of(id: &str) -> Option<&str> {
    let mut it = id.split('/');
    it.next()?;
    let s = it.next()?;
    s.eq_ignore_ascii_case("subscriptions").then(|| it.next()).flatten().filter(|s| !s.is_empty())
}

/// An ARM resource ID: `/subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}/` then
/// the type and name steps (`virtualNetworks/{vnet}/subnets/{subnet}`). The one builder of
/// every ID and ARM path the core writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArmId<'a> {
    /// The subscription's ID.
    pub subscription: &'a str,
    /// The resource group.
    pub resource_group: &'a str,
    /// The provider namespace, e.g. `Microsoft.ContainerService`.
    pub namespace: &'a str,
    /// Type and name segments after the namespace, in order (a collection ends on a type).
    pub steps: &'a [&'a str],
}

impl ArmId<'_> {
    /// An AKS cluster's steps.
    pub const CLUSTER: (&'static str, &'static str) = ("Microsoft.ContainerService", "managedClusters");

    /// The ID as ARM prints it.
    pub fn id(&self) -> String {
        self.write("resourceGroups")
    }

    /// The ID as azureml-core builds it (lower-case `resourcegroups`).
    pub fn sdk_id(&self) -> String {
        self.write("resourcegroups")
    }

    fn write(&self, groups: &str) -> String {
        let mut out = format!("/subscriptions/{}/{groups}/{}/providers/{}", self.subscription, self.resource_group, self.namespace);
        for step in self.steps {
            out.push('/');
            out.push_str(step);
        }
        out
    }
}

/// An AKS cluster's ARM ID.
pub fn cluster_id(subscription: &str, resource_group: &str, name: &str) -> String {
    ArmId { subscription, resource_group, namespace: ArmId::CLUSTER.0, steps: &[ArmId::CLUSTER.1, name] }.id()
}

/// The ID azureml-core builds from resource group and name (lower-case `resourcegroups`, as it does).
pub fn build_cluster_id(subscription: &str, resource_group: &str, name: &str) -> String {
    ArmId { subscription, resource_group, namespace: ArmId::CLUSTER.0, steps: &[ArmId::CLUSTER.1, name] }.sdk_id()
}

/// A subnet's ARM ID.
pub fn subnet_id(subscription: &str, resource_group: &str, vnet: &str, subnet: &str) -> String {
    ArmId { subscription, resource_group, namespace: "Microsoft.Network", steps: &["virtualNetworks", vnet, "subnets", subnet] }.id()
}

/// ARM IDs compare case-insensitively, and a trailing slash does not matter.
pub fn same_id(a: &str, b: &str) -> bool {
    a.trim_end_matches('/').eq_ignore_ascii_case(b.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    const OK: &str =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1";
    #[test]
    fn parses_and_refuses() {
        assert_eq!(parse_cluster_id(OK).map(|c| c.name), Ok("aks1"));
        assert_eq!(parse_cluster_id("/subscriptions/x"), Err(IdProblem::Shape));
        // Exactly nine segments; a slash after them is its own problem, whatever came before.
        assert_eq!(parse_cluster_id(&format!("{OK}/")), Err(IdProblem::TrailingSlash));
        assert_eq!(parse_cluster_id(&format!("{OK}//")), Err(IdProblem::TrailingSlash));
        assert_eq!(parse_cluster_id("/subscriptions/x/"), Err(IdProblem::Shape));
        assert_eq!(parse_cluster_id(&OK.replace("aks1", "-aks1/")), Err(IdProblem::Name));
        assert_eq!(parse_cluster_id(&format!("{OK}/agentPools/x")), Err(IdProblem::Shape));
        assert_eq!(parse_cluster_id(&format!("x{OK}")), Err(IdProblem::Shape));
        assert_eq!(parse_cluster_id(&OK.replace("/rg1/", "//")), Err(IdProblem::Shape));
        assert_eq!(parse_cluster_id(""), Err(IdProblem::Shape));
        assert_eq!(parse_cluster_id(&OK.replace("00000000-0000", "zz")), Err(IdProblem::Subscription));
        assert!(matches!(parse_cluster_id(&OK.replace("ContainerService", "Compute")), Err(IdProblem::Provider(_))));
        assert_eq!(subscription_of(OK), Some("00000000-0000-0000-0000-000000000000"));
        assert!(same_id(OK, &OK.to_uppercase()));
        assert!(same_id(&build_cluster_id("00000000-0000-0000-0000-000000000000", "rg1", "aks1"), OK));
        assert_eq!(
            build_cluster_id("s", "g", "n"),
            "/subscriptions/s/resourcegroups/g/providers/Microsoft.ContainerService/managedClusters/n"
        );
        assert_eq!(cluster_id("s", "g", "n"), "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/n");
        assert_eq!(
            subnet_id("s", "g", "v", "n"),
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/n"
        );
        let id = ArmId { subscription: "s", resource_group: "g", namespace: "Microsoft.X", steps: &["ws", "w", "computes"] };
        assert_eq!(id.id(), "/subscriptions/s/resourceGroups/g/providers/Microsoft.X/ws/w/computes");
    }
}
