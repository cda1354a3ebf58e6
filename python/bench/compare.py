"""akscompute and azureml-core side by side, in one run on this machine (figures, not a test):
import time, installed size and package count, time per provisioning_configuration() call and
per payload build. Run with `make bench-python`. `--json PATH` also writes the figures as JSON
(for `make bench-all`'s report, bench/report.py); `--no-footprint` skips the installed-size rows,
which build two fresh venvs from the network."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PY = sys.executable


def cold_imports(stmts: list, runs: int = 31) -> list:
    """Median wall time of a fresh interpreter running each of stmts, minus an empty
    interpreter's; the statements (and the empty interpreter) alternate round by round, so that a
    shared machine's slow moments slow each alike (12 rounds of one, then of the other, once
    made akscompute's import look five times slower than it was)."""
    def once(code: str) -> float:
        t = timeit.default_timer()
        subprocess.run([PY, "-c", code], check=True)
        return timeit.default_timer() - t
    times: list = [[] for _ in range(len(stmts) + 1)]
    for _ in range(runs):
        for i, code in enumerate(["pass", *stmts]):
            times[i].append(once(code))
    base = statistics.median(times[0])
    return [statistics.median(t) - base for t in times[1:]]


def importtime(module: str) -> float:
    """Cumulative microseconds of the module in `python -X importtime`."""
    out = subprocess.run([PY, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True).stderr
    for line in reversed(out.splitlines()):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return float(parts[1])
    return float("nan")


def venv_footprint(packages: list) -> tuple:
    """(installed MiB, package count) of a fresh venv with just these installed."""
    d = tempfile.mkdtemp()
    try:
        subprocess.run([sys.executable, "-m", "venv", d], check=True)
        base = set(subprocess.run([f"{d}/bin/python", "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True).stdout.split())
        site = subprocess.run([f"{d}/bin/python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True).stdout.strip()
        before = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(site) for f in fs)
        subprocess.run([f"{d}/bin/python", "-m", "pip", "install", "-q", *packages], check=True)
        after = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(site) for f in fs)
        now = set(subprocess.run([f"{d}/bin/python", "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True).stdout.split())
        return (after - before) / 2**20, len(now - base)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def per_call_pair(ours: tuple, theirs: tuple, number: int = 2000, rounds: int = 15) -> tuple:
    """(akscompute, azureml-core) microseconds per call, each the median of `rounds` rounds,
    the two packages' rounds alternating in one process: a machine that slows down for a while
    (a shared one does) slows both sides alike, so that their ratio holds. `ours` and `theirs`
    are (statement, setup) pairs."""
    timers = [timeit.Timer(stmt, setup=setup) for stmt, setup in (ours, theirs)]
    for t in timers:
        t.timeit(number // 10)  # warm: first calls, caches
    times: list = [[], []]
    for _ in range(rounds):
        for side, t in enumerate(timers):
            times[side].append(t.timeit(number) / number * 1e6)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", metavar="PATH", help="also write the figures to PATH as JSON")
    ap.add_argument("--no-footprint", action="store_true", help="skip installed size and package count")
    args = ap.parse_args()
    wheel = sorted(f for f in os.listdir(os.path.join(ROOT, "dist")) if f.endswith(".whl"))[-1]
    rows = []
    # Figures by name, in the units their names say: what bench/report.py reads.
    figures = {"wheel": wheel, "python": sys.version.split()[0]}
    ak_imp, az_imp = cold_imports(["import akscompute", "import azureml.core.compute"])
    figures.update(import_ms=ak_imp * 1e3, azureml_import_ms=az_imp * 1e3)
    rows.append(("import (fresh interpreter, median of 31, alternating)", f"{ak_imp * 1e3:.1f} ms", f"{az_imp * 1e3:.1f} ms", f"1/{az_imp / ak_imp:.0f}"))
    ak_it, az_it = importtime("akscompute"), importtime("azureml.core.compute")
    figures.update(importtime_ms=ak_it / 1e3, azureml_importtime_ms=az_it / 1e3)
    rows.append(("import (-X importtime, cumulative)", f"{ak_it / 1e3:.1f} ms", f"{az_it / 1e3:.1f} ms", f"1/{az_it / ak_it:.0f}"))
    if not args.no_footprint:
        ak_size, ak_n = venv_footprint([os.path.join(ROOT, "dist", wheel)])
        az_size, az_n = venv_footprint(["azureml-core==1.61.0"])
        figures.update(installed_mib=ak_size, azureml_installed_mib=az_size, packages=ak_n, azureml_packages=az_n)
        rows.append(("installed size", f"{ak_size:.1f} MiB", f"{az_size:.1f} MiB", f"1/{az_size / ak_size:.0f}"))
        rows.append(("packages installed", str(ak_n), str(az_n), ""))
    kw = "agent_count=3, vm_size='Standard_D3_v2', cluster_purpose='FastProd', vnet_name='v', vnet_resourcegroup_name='rg', subnet_name='s', service_cidr='10.0.0.0/16', dns_service_ip='10.0.0.10', docker_bridge_cidr='172.17.0.1/16'"
    az_setup = "import warnings; warnings.simplefilter('ignore'); from azureml.core.compute import AksCompute"
    for profile in ("sdk", "2021-11"):
        ak_setup = f"import warnings; warnings.simplefilter('ignore'); import akscompute; akscompute.set_profile('{profile}'); from akscompute import AksCompute"
        ak, az = per_call_pair((f"AksCompute.provisioning_configuration({kw})", ak_setup), (f"AksCompute.provisioning_configuration({kw})", az_setup))
        key = profile.replace("-", "_")
        figures.update({f"provisioning_configuration_{key}_us": ak, f"azureml_provisioning_configuration_{key}_us": az})
        rows.append((f"provisioning_configuration() [akscompute {profile}]", f"{ak:.2f} µs", f"{az:.2f} µs", f"{az / ak:.2f}x"))
    # AksUpdateConfiguration(...): a class's constructor (azureml-core has no factory for it).
    up = "None, 'InternalLoadBalancer', 'aks-subnet'"
    for profile in ("sdk", "2021-11"):
        ak_setup = f"import warnings; warnings.simplefilter('ignore'); import akscompute; akscompute.set_profile('{profile}'); from akscompute import AksUpdateConfiguration"
        az_setup_u = "import warnings; warnings.simplefilter('ignore'); from azureml.core.compute.aks import AksUpdateConfiguration"
        ak, az = per_call_pair((f"AksUpdateConfiguration({up})", ak_setup), (f"AksUpdateConfiguration({up})", az_setup_u))
        key = profile.replace("-", "_")
        figures.update({f"update_configuration_{key}_us": ak, f"azureml_update_configuration_{key}_us": az})
        rows.append((f"AksUpdateConfiguration() [akscompute {profile}]", f"{ak:.2f} µs", f"{az:.2f} µs", f"{az / ak:.2f}x"))
    ak_setup = f"import akscompute; akscompute.set_profile('sdk'); from akscompute import AksCompute; c = AksCompute.provisioning_configuration({kw})"
    az_setup2 = f"from azureml.core.compute import AksCompute; c = AksCompute.provisioning_configuration({kw})"
    ak, az = per_call_pair(("AksCompute._build_create_payload(c, 'eastus', 'sub')", ak_setup), ("AksCompute._build_create_payload(c, 'eastus', 'sub')", az_setup2))
    figures.update(build_create_payload_us=ak, azureml_build_create_payload_us=az)
    rows.append(("_build_create_payload()", f"{ak:.1f} µs", f"{az:.1f} µs", f"{az / ak:.1f}x"))
    print(f"akscompute ({wheel}) vs azureml-core 1.61.0, Python {sys.version.split()[0]}, one run on this machine")
    w = max(len(r[0]) for r in rows)
    print(f"{'':{w}}  {'akscompute':>12}  {'azureml-core':>13}  ratio")
    for r in rows:
        print(f"{r[0]:{w}}  {r[1]:>12}  {r[2]:>13}  {r[3]}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
