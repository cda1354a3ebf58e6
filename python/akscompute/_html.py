"""How a configuration looks in Jupyter: its settings and its diagnostics, in one table."""
from __future__ import annotations

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # typing costs a notebook ~15 ms to import: types are for checkers only
    from typing import Any, Dict, List

from html import escape

_COLORS = {"error": "#b10e1c", "warning": "#8a5300", "info": "#0b5394"}
_SECRET = {"cert", "key"}


def _flat(prefix: str, value: Any, out: List[Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flat(f"{prefix}.{k}" if prefix else k, v, out)
    else:
        last = prefix.rsplit(".", 1)[-1]
        # Every certificate and key value, whatever it looks like (a base64 body, a broken
        # header): what is shown here is saved into the notebook file.
        shown = "&lt;redacted&gt;" if last in _SECRET and value is not None else escape(repr(value))
        out.append((prefix, shown))


def render(title: str, shape: Dict[str, Any], diagnostics: List[Any], profile: str) -> str:
    rows: List[Any] = []
    _flat("", shape, rows)
    by_field: Dict[str, List[Any]] = {}
    for d in diagnostics:
        by_field.setdefault(d.field(), []).append(d)
    cell = "padding:2px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #ddd"
    html = [f'<div class="akscompute"><strong>{escape(title)}</strong> <span style="color:#666">(profile {escape(profile)})</span>',
            '<table style="border-collapse:collapse;margin-top:4px">',
            f'<tr><th style="{cell}">field</th><th style="{cell}">value</th><th style="{cell}">diagnostics</th></tr>']

    def diag_html(ds: List[Any]) -> str:
        return "<br>".join(f'<span style="color:{_COLORS.get(d.severity, "#000")};font-weight:600">{escape(d.severity)} {escape(d.code)}</span> {escape(d.message)}' for d in ds)

    for field, shown in rows:
        html.append(f'<tr><td style="{cell}"><code>{escape(field)}</code></td><td style="{cell}">{shown}</td><td style="{cell}">{diag_html(by_field.pop(field, []))}</td></tr>')
    for field, ds in by_field.items():
        html.append(f'<tr><td style="{cell}"><code>{escape(field)}</code></td><td style="{cell}"></td><td style="{cell}">{diag_html(ds)}</td></tr>')
    errors = sum(1 for d in diagnostics if d.severity == "error")
    html.append("</table>")
    html.append(f'<div style="margin-top:4px;font-weight:600;color:{"#b10e1c" if errors else "#0e7a0d"}">'
                f'{errors} error{"s" if errors != 1 else ""}, {len(diagnostics) - errors} other finding{"s" if len(diagnostics) - errors != 1 else ""}</div></div>')
    return "".join(html)
