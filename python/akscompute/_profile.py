"""The rule profile and the message language in force: one per interpreter, like azureml-core's
behaviour is one. Each call may take its own locale (``context={"locale": ...}``)."""
from __future__ import annotations

from . import _native

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:
    from typing import Optional

# The profile and the locale in force are the native module's (akscompute._native.set_profile,
# set_locale), where every configuration call reads them without a lookup here.
_unknown_said: set = set()  # type: ignore[type-arg]


def set_profile(profile: str) -> None:
    """Selects the rules: ``"sdk"`` (exactly azureml-core's checks and messages), ``"2020-10"``,
    ``"2021-04"`` or ``"2021-11"`` (the default: the newest documentation)."""
    _native.set_profile(profile)


def get_profile() -> str:
    """The profile in force."""
    return _native.get_profile()


def resolve_locale(locale: Optional[str]) -> str:
    """The language whose messages are used for ``locale``: ``nl-BE`` and ``de_AT.UTF-8`` fall
    back to their language, an unknown locale to English (said once, as a warning)."""
    if locale is None:
        return _native.get_locale()
    if not isinstance(locale, str):
        from ._errors import ConfigurationError

        raise ConfigurationError(f"locale: a language tag such as \"nl\" or \"de-AT\" is expected, not {type(locale).__name__}",
                                 code="wrong_type", errors=[{"kind": "wrong_type", "path": ["locale"], "message": "expected a string"}])
    tag = locale.split(".", 1)[0].split("@", 1)[0].strip().replace("_", "-").lower()
    known = _native.locales()
    if tag in known:
        return tag
    lang = tag.split("-", 1)[0]
    if lang in known:
        return lang
    if locale not in _unknown_said and len(_unknown_said) < 64:
        _unknown_said.add(locale)
        import warnings  # here: the module costs a tenth of akscompute's import, and warns only here

        from ._errors import AkscomputeWarning

        warnings.warn(AkscomputeWarning(_native.chrome("ui.fallback", {"requested": locale[:40]}, "en") + f" ({', '.join(known)})"), stacklevel=3)
    return "en"


def set_locale(locale: str) -> None:
    """The language of diagnostics, exception summaries and warnings: ``en``, ``de``, ``nl``,
    ``cs``, ``tr``, ``it`` (as the core has tables for them; others fall back to English)."""
    _native.set_locale(resolve_locale(locale))


def get_locale() -> str:
    """The language in force."""
    return _native.get_locale()
