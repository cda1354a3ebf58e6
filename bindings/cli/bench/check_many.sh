#!/usr/bin/env bash
# Configurations per second for `akscompute check` over a folder of N files (default 10,000),
# on every core and on one. A figure for reports, not a test: nothing here passes or fails.
set -euo pipefail
N=${N:-10000}
BIN=${BIN:-target/release/akscompute}
DIR=target/bench-cli/fleet
rm -rf "$DIR" && mkdir -p "$DIR"
# A realistic mix: valid creates, invalid ones (three errors each), custom networks, TLS labels.
for i in $(seq 1 "$N"); do
  case $((i % 4)) in
    0) printf '{"name": "prod-aks-%05d", "agent_count": 3, "vm_size": "Standard_D3_v2"}' "$i" ;;
    1) printf '{"name": "ab%d", "agent_count": 1, "cluster_purpose": "FastProd"}' "$i" ;;
    2) printf '{"name": "net-aks-%05d", "vnet": {"resource_group": "netrg", "name": "vnet1", "subnet": "default", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"}, "load_balancer_type": "InternalLoadBalancer"}' "$i" ;;
    3) printf '{"name": "tls-aks-%05d", "ssl": {"leaf_domain_label": "contoso%d"}, "cluster_purpose": "DevTest", "agent_count": 1}' "$i" "$i" ;;
  esac > "$DIR/c$i.json"
done
run() {
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" check create "$DIR" -o none "$@" || true
  t1=$(date +%s.%N)
  awk -v n="$N" -v a="$t0" -v b="$t1" -v what="$*" 'BEGIN { printf "%-10s %6d configurations in %.2f s: %.0f configurations/s\n", (what == "" ? "all cores" : what), n, b - a, n / (b - a) }'
}
echo "cores: $(nproc)"
run
run --jobs 1
