"""Write the message tables a browser fetches (every language but azureml-core's texts, which
are built in; English too, which the lean module fetches): the same entries as core/data/messages, minus the command line's own
`ui.cli.*` texts, which no browser shows, and without indentation.

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
        kept = {k: v for k, v in entries.items() if not k.startswith("ui.cli.")}
        text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (target / table.name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
