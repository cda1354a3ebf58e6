"""The PyO3 module (``akscompute._native``) or UniFFI's Python (``akscompute_uniffi``) over the
parity inputs: one answer line per input (README.md).

Usage: python tests/parity/run_python.py pyo3|uniffi INPUTS OUT
"""
import json
import sys

# A Python user may hold deeply nested values; json.loads needs the room to build them.
sys.setrecursionlimit(100_000)


def dotted(path):
    """The same dotted form as the core's Path Display."""
    if not path:
        return "(configuration)"
    out = ""
    for i, s in enumerate(path):
        out += f"[{s}]" if isinstance(s, int) else (s if i == 0 else f".{s}")
    return out


def parse(line):
    """A Python user holds values, not text: the text goes through json.loads."""
    config = json.loads(line["config"])
    context = None if line["context"] is None else json.loads(line["context"])
    return config, context


def pyo3(line):
    from akscompute import _native
    from akscompute._errors import ConfigurationError

    try:
        config, context = parse(line)
    except (ValueError, RecursionError):
        return {"misuse": {"kind": "syntax", "errors": [["syntax", "(configuration)"]]}}
    try:
        ds = _native.validate(line["op"], config, context)
    except ConfigurationError as e:
        return {"misuse": {"kind": e.code, "errors": [[x["kind"], dotted(x["path"])] for x in e.errors]}}
    except BaseException as e:  # noqa: BLE001 - anything else is what this test looks for
        return {"crash": f"{type(e).__name__}: {str(e)[:200]}"}
    return {
        "ok": {
            "valid": not any(d["severity"] == "error" for d in ds),
            "diagnostics": [[d["code"], d["severity"], d["path"], d["message"], d["fix"]] for d in ds],
        }
    }


def uniffi(line):
    import akscompute_uniffi as ak

    def seg(s):
        return s.name if isinstance(s, ak.PathSegment.KEY) else s.index

    try:
        v = ak.validate_json(line["op"], line["config"], line["context"])
    except ak.AkscomputeError.InvalidInput as e:
        return {"misuse": {"kind": e.code, "errors": [[p.kind, p.field] for p in e.problems]}}
    except BaseException as e:  # noqa: BLE001 - anything else is what this test looks for
        return {"crash": f"{type(e).__name__}: {str(e)[:200]}"}
    return {
        "ok": {
            "valid": v.valid,
            "diagnostics": [[d.code, d.severity.name.lower(), [seg(s) for s in d.path], d.message, d.fix] for d in v.diagnostics],
        }
    }


def main():
    which, inputs, out = sys.argv[1:4]
    run = {"pyo3": pyo3, "uniffi": uniffi}[which]
    with open(inputs, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for text in f:
            if text.strip():
                line = json.loads(text)
                # ensure_ascii (the default) writes a lone surrogate as an escape instead of failing.
                w.write(json.dumps({"id": line["id"], **run(line)}) + "\n")


if __name__ == "__main__":
    main()
