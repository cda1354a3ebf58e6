"""Write the message tables a browser fetches (every language but azureml-core's texts, which
are built in; English too, which the lean module fetches): the same entries as core/data/messages, minus the command line's own
`ui.cli.*` texts, which no browser shows, and without indentation. English also leaves out the
request builders' `request.*` texts: only the lean module reads this table (the main module, the
one that builds requests, has English compiled in and refuses it), and it builds no requests
(1 KiB of the 8 KiB gzipped it fetches with the module). Other languages keep them, since
akscompute/form hands their tables to the main module too.

usage: tables.py SOURCE_DIR OUT_DIR
"""
import json
import pathlib
import sys

BUILT_IN = {"sdk"}


def main(source: str, out: str) -> None:
    target = pathlib.Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for table in sorted(pathlib.Path(source).glob("*.json")):
        if table.stem in BUILT_IN:
            continue
        entries = json.loads(table.read_text(encoding="utf-8"))
        dropped = ("ui.cli.", "request.") if table.stem == "en" else ("ui.cli.",)
        kept = {k: v for k, v in entries.items() if not k.startswith(dropped)}
        text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (target / table.name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
