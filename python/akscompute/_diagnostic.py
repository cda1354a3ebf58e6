"""Diagnostics as Python values."""
from __future__ import annotations

from . import _native

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # typing costs a notebook ~15 ms to import: types are for checkers only
    from typing import Any, Dict, List, Mapping, Optional, Tuple, Union


if TYPE_CHECKING:
    PathSegment = Union[str, int]


class Diagnostic:
    """One finding: a stable ``code``, a ``severity`` (error, warning, info), the ``path`` of the
    field, the ``message`` and ``fix`` for people, and the ``params`` that filled them."""

    __slots__ = ("code", "severity", "path", "message", "fix", "params")

    def __init__(self, code: str, severity: str, path: List[PathSegment], message: str, fix: str = "", params: Any = None) -> None:
        self.code = code
        self.severity = severity
        self.path = list(path)
        self.message = message
        self.fix = fix
        self.params: Dict[str, Any] = dict(params or {})

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Diagnostic":
        return cls(d["code"], d["severity"], d["path"], d["message"], d.get("fix", ""), d.get("params"))

    def field(self, locale: Optional[str] = None) -> str:
        """``ssl.cname`` or ``cluster.agent_pools[1].vm_size``; the whole configuration in the
        core's words in ``locale`` (default: ``akscompute.set_locale``'s)."""
        out = ""
        for seg in self.path:
            out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
        return out or _native.chrome("ui.path.root", None, _locale(locale))

    def render(self, locale: Optional[str] = None) -> str:
        """The line the CLI prints, in the core's words in ``locale`` (default:
        ``akscompute.set_locale``'s): "warning CAP001 at vm_size: … fix: …"."""
        lang = _locale(locale)
        text = _native.chrome("ui.line", {"severity": _native.chrome(f"ui.label.{self.severity}", None, lang), "code": self.code,
                                          "path": self.field(lang), "message": self.message}, lang)
        if self.fix:
            text += " " + _native.chrome("ui.prefix", {"label": _native.chrome("ui.label.fix", None, lang)}, lang) + self.fix
        return text

    def to_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "path": list(self.path), "message": self.message, "fix": self.fix, "params": dict(self.params)}

    def _key(self) -> Tuple[str, str, Tuple[PathSegment, ...], str]:
        return (self.code, self.severity, tuple(self.path), self.message)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Diagnostic) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Diagnostic({self.severity} {self.code} at {self.field()}: {self.message})"

    def __str__(self) -> str:
        return self.render()


def _locale(locale: Optional[str]) -> str:
    from ._profile import get_locale, resolve_locale  # _profile needs nothing of this module: imported on first use

    return resolve_locale(locale) if locale else get_locale()
