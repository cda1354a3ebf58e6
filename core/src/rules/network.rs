//! NET and LB: the custom virtual network and the load balancer.
use super::{nonempty, shown, Op, Sink};
use crate::config::{CreateConfig, VnetConfig};
use crate::diagnostic::{Param, Path};
use crate::registry::codes::*;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

pub(crate) const LB_TYPES: &[&str] = crate::config::LoadBalancerType::NAMES;
/// Ranges AKS may not use for the service address range (configure-azure-cni).
const RESERVED: [Ipv4Net; 4] = [
    Ipv4Net::new_assert(Ipv4Addr::new(169, 254, 0, 0), 16),
    Ipv4Net::new_assert(Ipv4Addr::new(172, 30, 0, 0), 16),
    Ipv4Net::new_assert(Ipv4Addr::new(172, 31, 0, 0), 16),
    Ipv4Net::new_assert(Ipv4Addr::new(192, 0, 2, 0), 24),
];

fn at(field: &'static str) -> Path {
    Path::from(["vnet", field])
}

/// A CIDR with its prefix required (the API's pattern makes it optional, the network does not).
fn cidr(s: &mut Sink<'_>, value: Option<&str>, field: &'static str) -> Option<Ipv4Net> {
    let v = crate::text::trim(value?);
    match v.parse::<Ipv4Net>() {
        Ok(n) => Some(n),
        Err(_) => {
            let variant = if v.parse::<Ipv4Addr>().is_ok() { "no_prefix" } else { "cidr" };
            s.emit(NET002, variant, at(field), vec![("field", Param::from(field)), ("value", shown(v))]);
            None
        }
    }
}

/// Two ranges overlap when one holds the other's network: they agree on the shorter prefix
/// (compared as numbers: no truncated copies).
fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    let shorter = if a.prefix_len() <= b.prefix_len() { a.netmask() } else { b.netmask() };
    (u32::from(a.addr()) ^ u32::from(b.addr())) & u32::from(shorter) == 0
}

/// NET001-NET005.
pub(super) fn vnet(s: &mut Sink<'_>, v: Option<&VnetConfig>) {
    let Some(v) = v else { return };
    let fields: [(&'static str, &Option<String>); 6] = [
        ("name", &v.name),
        ("resource_group", &v.resource_group),
        ("subnet", &v.subnet),
        ("service_cidr", &v.service_cidr),
        ("dns_service_ip", &v.dns_service_ip),
        ("docker_bridge_cidr", &v.docker_bridge_cidr),
    ];
    let is_missing = |(_, f): &&(&'static str, &Option<String>)| nonempty(f).is_none();
    // Counted first: the list is made only for the message (nearly every vnet has all six).
    if (1..6).contains(&fields.iter().filter(is_missing).count()) {
        let missing: Vec<String> = fields.iter().filter(is_missing).map(|(n, _)| (*n).to_string()).collect();
        let path = if missing.len() == 1 {
            at(fields.iter().find(|(n, _)| *n == missing[0]).map(|(n, _)| *n).unwrap_or("name"))
        } else {
            Path::from(["vnet"])
        };
        s.emit(NET001, "", path, vec![("missing", Param::List(missing))]);
    }
    if !s.on(NET002) {
        return;
    }
    let service = cidr(s, nonempty(&v.service_cidr), "service_cidr");
    let bridge = cidr(s, nonempty(&v.docker_bridge_cidr), "docker_bridge_cidr");
    let dns = match nonempty(&v.dns_service_ip).map(crate::text::trim) {
        None => None,
        Some(d) => match d.parse::<Ipv4Addr>() {
            Ok(a) => Some(a),
            Err(_) => {
                s.emit(NET002, "ip", at("dns_service_ip"), vec![("field", Param::from("dns_service_ip")), ("value", shown(d))]);
                None
            }
        },
    };
    if let Some(sv) = service {
        // AKS requires a service range smaller than /12: a /12 itself is refused.
        if sv.prefix_len() <= 12 {
            s.emit(
                NET005,
                "",
                at("service_cidr"),
                vec![("value", Param::from(sv.to_string())), ("prefix", Param::from(u32::from(sv.prefix_len())))],
            );
        }
    }
    if let (Some(sv), Some(d)) = (service, dns) {
        let net = sv.trunc();
        let first = u32::from(net.network()).checked_add(1).map(Ipv4Addr::from);
        let variant = if !net.contains(&d) {
            Some("outside")
        } else if d == net.network() {
            Some("network")
        } else if Some(d) == first {
            Some("first")
        } else if d == net.broadcast() {
            Some("broadcast")
        } else {
            None
        };
        if let Some(variant) = variant {
            s.emit(
                NET003,
                variant,
                at("dns_service_ip"),
                vec![("ip", Param::from(d.to_string())), ("service_cidr", Param::from(net.to_string()))],
            );
        }
    }
    if let (Some(sv), Some(br)) = (service, bridge) {
        if overlaps(sv, br) {
            s.emit(
                NET004,
                "bridge",
                at("service_cidr"),
                vec![("service_cidr", Param::from(sv.to_string())), ("other", Param::from(br.to_string()))],
            );
        }
    }
    if let Some(sub) = s.ctx.subnet_address_prefix.as_deref().and_then(|p| crate::text::trim(p).parse::<Ipv4Net>().ok()) {
        for (field, net) in [("service_cidr", service), ("docker_bridge_cidr", bridge)] {
            if let Some(n) = net.filter(|n| overlaps(*n, sub)) {
                s.emit(
                    NET004,
                    "subnet",
                    at(field),
                    vec![("service_cidr", Param::from(n.to_string())), ("other", Param::from(sub.trunc().to_string()))],
                );
            }
        }
    }
    if let Some(sv) = service {
        for rn in RESERVED {
            if overlaps(sv, rn) {
                s.emit(
                    NET004,
                    "reserved",
                    at("service_cidr"),
                    vec![("service_cidr", Param::from(sv.to_string())), ("other", Param::from(rn.to_string()))],
                );
            }
        }
    }
}

/// LB001 and LB002. azureml-core checks the type on attach only, and the subnet on attach
/// (no type, or PublicIp) and update (PublicIp), each with its own message.
pub(super) fn load_balancer(s: &mut Sink<'_>, ty: Option<&str>, subnet: Option<&str>, op: Op) {
    let ty = ty.filter(|t| !t.is_empty());
    let subnet = subnet.filter(|t| !t.is_empty());
    let type_path = || Path::from(["load_balancer_type"]);
    let subnet_path = || Path::from(["load_balancer_subnet"]);
    if s.sdk() {
        match op {
            Op::Attach => {
                if let Some(t) = ty {
                    if !LB_TYPES.contains(&t) {
                        s.emit(LB001, "", type_path(), vec![("type", shown(t))]);
                    } else if t == "PublicIp" && subnet.is_some() {
                        s.emit(LB002, "", subnet_path(), vec![]);
                    }
                } else if subnet.is_some() {
                    s.emit(LB002, "", subnet_path(), vec![]);
                }
            }
            Op::Update => {
                if subnet.is_some() && ty == Some("PublicIp") {
                    s.emit(LB002, "update", subnet_path(), vec![]);
                }
            }
            Op::Create => {}
        }
        return;
    }
    if let Some(t) = ty {
        if !LB_TYPES.contains(&t) {
            let hint = crate::text::suggest(t, LB_TYPES).unwrap_or("PublicIp");
            s.emit(LB001, "", type_path(), vec![("type", shown(t)), ("suggestion", Param::from(hint))]);
            return;
        }
    }
    let Some(sn) = subnet else { return };
    let current = if op == Op::Update { s.ctx.compute.as_ref().and_then(|c| c.load_balancer_type.as_deref()) } else { None };
    let effective = ty.or(current).unwrap_or("PublicIp");
    if effective != "InternalLoadBalancer" {
        let params = vec![("subnet", shown(sn)), ("type", Param::from(effective))];
        s.emit(LB002, "", subnet_path(), params);
    }
}

/// LB003, LB004 and LB006 on create: what Azure ML cannot create for you.
pub(super) fn create_only(s: &mut Sink<'_>, cfg: &CreateConfig) {
    if let Some(sku) = nonempty(&cfg.load_balancer_sku) {
        if !sku.eq_ignore_ascii_case("basic") {
            s.emit(LB003, "", Path::from(["load_balancer_sku"]), vec![("sku", shown(sku))]);
        }
    }
    if !cfg.api_server_authorized_ip_ranges.is_empty() {
        s.emit(LB004, "create", Path::from(["api_server_authorized_ip_ranges"]), vec![]);
    }
    s.always(LB006);
}

/// LB004 and LB005 on an attached cluster with API server authorized IP ranges.
pub(super) fn authorized_ranges(s: &mut Sink<'_>) {
    let Some(c) = s.ctx.cluster.as_ref() else { return };
    if c.authorized_ip_ranges.is_empty() {
        return;
    }
    let n = c.authorized_ip_ranges.len();
    let basic = c.load_balancer_sku.as_deref() == Some("basic");
    let path = Path::from(["cluster", "authorized_ip_ranges"]);
    if basic {
        s.emit(LB004, "", path.clone(), vec![("count", Param::from(n))]);
    }
    s.emit(LB005, "", path, vec![("count", Param::from(n))]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_overlap_when_one_holds_the_others_network() {
        let nets: Vec<Ipv4Net> = [
            "10.0.0.0/8",
            "10.0.0.5/16",
            "10.1.0.0/16",
            "10.0.128.0/17",
            "172.17.0.1/16",
            "0.0.0.0/0",
            "10.0.0.10/32",
            "11.0.0.0/8",
            "10.255.255.255/32",
        ]
        .iter()
        .filter_map(|n| n.parse().ok())
        .collect();
        assert_eq!(nets.len(), 9);
        for a in &nets {
            for b in &nets {
                let (ta, tb) = (a.trunc(), b.trunc());
                let by_containment = ta.contains(&tb.network()) || tb.contains(&ta.network());
                assert_eq!(overlaps(*a, *b), by_containment, "{a} {b}");
            }
        }
        assert!(!overlaps(nets[0], nets[7]) && overlaps(nets[0], nets[8]));
    }
}
