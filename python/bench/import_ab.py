"""Two interpreters' `import akscompute` side by side (figures, not a test): each round starts a
fresh interpreter of each, alternating, so that a shared machine's slow moments slow both alike.
Prints the medians of wall time (minus an empty interpreter's) and of `-X importtime`'s
cumulative figure for the package and for `akscompute._native`.

    python python/bench/import_ab.py OLD_PYTHON NEW_PYTHON [--rounds 31]

Each PYTHON is a venv's interpreter with one akscompute wheel installed (and nothing of the
repository on its path): how the import regression of issue #16 was measured.
"""
import argparse
import statistics
import subprocess
import timeit


def wall(py: str, code: str) -> float:
    t = timeit.default_timer()
    subprocess.run([py, "-c", code], check=True, cwd="/")
    return timeit.default_timer() - t


def importtime(py: str) -> dict:
    """Cumulative microseconds by module name, from `-X importtime`."""
    err = subprocess.run([py, "-X", "importtime", "-c", "import akscompute"], capture_output=True, text=True, check=True, cwd="/").stderr
    out = {}
    for line in err.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            out[parts[2]] = float(parts[1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pythons", nargs="+")
    ap.add_argument("--rounds", type=int, default=31)
    args = ap.parse_args()
    rows = {py: {"wall": [], "empty": [], "pkg": [], "native": []} for py in args.pythons}
    for _ in range(args.rounds):
        for py in args.pythons:
            r = rows[py]
            r["empty"].append(wall(py, "pass"))
            r["wall"].append(wall(py, "import akscompute"))
            it = importtime(py)
            r["pkg"].append(it.get("akscompute", float("nan")))
            r["native"].append(it.get("akscompute._native", float("nan")))
    med = statistics.median
    print(f"{'interpreter':60}  {'wall-empty':>10}  {'importtime':>10}  {'_native':>8}   (medians of {args.rounds})")
    for py, r in rows.items():
        print(f"{py:60}  {(med(r['wall']) - med(r['empty'])) * 1e3:8.2f}ms  {med(r['pkg']) / 1e3:8.2f}ms  {med(r['native']) / 1e3:6.2f}ms")


if __name__ == "__main__":
    main()
