"""Exceptions and warnings. Defined here, in Python, so they pickle and subclass like any
Python class; the native module raises them through ``_native_error``.

When the user's code has loaded azureml-core's exceptions (``azureml.exceptions``, which
``azureml.core.compute_target`` imports), every exception akscompute makes is also an instance
of azureml-core's class of the same role, so ``except ComputeTargetException:`` written against
azureml-core catches it. akscompute never imports azureml itself (that costs about a second):
``__new__`` looks in ``sys.modules`` at the moment the exception is made.
"""
from __future__ import annotations

import sys

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # typing costs a notebook ~15 ms to import: types are for checkers only
    from typing import Any, Dict, List, Optional, Tuple

# akscompute class name -> the azureml.exceptions class it stands for.
_AZUREML_ROLE = {
    "AzureMLException": "AzureMLException",
    "ComputeTargetException": "ComputeTargetException",
    "UserErrorException": "UserErrorException",
}
_twins: Dict[Tuple[type, type], type] = {}


def _azureml_counterpart(cls: type) -> Optional[type]:
    """azureml-core's class for ``cls``'s role, if the user's code has loaded azureml-core."""
    mod = sys.modules.get("azureml.exceptions")
    if mod is None:
        return None
    for klass in cls.__mro__:
        role = _AZUREML_ROLE.get(klass.__name__)
        if role is not None and klass.__module__ == __name__:
            counterpart = getattr(mod, role, None)
            return counterpart if isinstance(counterpart, type) else None
    return None


def _twin(cls: type) -> type:
    """A class deriving from ``cls`` and from azureml-core's counterpart (made once, cached)."""
    if getattr(cls, "_akscompute_twin", False):
        return cls
    other = _azureml_counterpart(cls)
    if other is None or issubclass(cls, other):
        return cls
    key = (cls, other)
    made = _twins.get(key)
    if made is None:
        made = type(cls.__name__, (cls, other), {"_akscompute_twin": True, "_azureml_base": other, "__module__": cls.__module__,
                                                 "__qualname__": cls.__qualname__, "__doc__": cls.__doc__})
        _twins[key] = made
    return made


class AzureMLException(Exception):
    """The root of akscompute's errors (azureml-core has a class of the same name).

    Every subclass takes the same arguments: ``(exception_message, diagnostics=None, *,
    code=None, errors=None)``; ``code`` says which kind of failure it is, ``errors`` lists shape
    problems as ``{"kind", "path", "message"}`` and ``diagnostics`` lists every rule's finding.
    """

    _akscompute_twin = False
    _azureml_base: Optional[type] = None
    _default_code = "error"

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return Exception.__new__(_twin(cls), *args)

    def __init__(self, exception_message: str, diagnostics: Optional[List[Any]] = None, *, code: Optional[str] = None,
                 errors: Optional[List[Any]] = None, **kwargs: Any) -> None:
        # With azureml-core's class behind this one its __init__ runs too (it sets what its own
        # methods read), and its ``message`` property stores the text where it looks for it.
        base = type(self)._azureml_base
        if base is not None:
            base.__init__(self, exception_message)  # type: ignore[misc]
        else:
            Exception.__init__(self, exception_message)
        self.message = exception_message
        self.code = code or self._default_code
        self.errors = list(errors or [])
        self.diagnostics = _diagnostics(diagnostics)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # The base class, not the twin: unpickling makes the twin again if azureml is loaded there.
        base = next(k for k in type(self).__mro__ if not getattr(k, "_akscompute_twin", False))
        return (_rebuild, (base, self.message, [d.to_dict() for d in self.diagnostics], self.code, self.errors))


def _rebuild(cls: type, message: str, diagnostics: List[Any], code: str, errors: List[Any]) -> Any:
    return cls(message, diagnostics, code=code, errors=errors)


def _diagnostics(items: Optional[List[Any]]) -> List[Any]:
    from ._diagnostic import Diagnostic

    return [Diagnostic.from_dict(d) if isinstance(d, dict) else d for d in (items or [])]


class ComputeTargetException(AzureMLException):
    """Raised for a configuration the rules refuse, as azureml-core's class of the same name.

    ``message`` is azureml-core's exact text under the ``sdk`` profile; ``diagnostics`` lists
    every error (``Diagnostic``), so nothing is lost to the first one.
    """


class UserErrorException(AzureMLException):
    """azureml-core raises this for a reserved compute name and a missing or incomplete
    ``config.json``; so does akscompute."""


class ConfigurationError(ComputeTargetException, ValueError):
    """A value of the wrong shape: an unknown field, a wrong type (``code`` says which).

    ``errors`` lists every problem as ``{"kind", "path", "message"}``.
    """

    _default_code = "bad_value"


class AkscomputeWarning(UserWarning):
    """A rule's warning: it will work, but is likely a mistake or has a documented cost."""


class ClientFailure(ComputeTargetException):
    """An operation that did not go through (raised by the native client): ``code`` says why
    (``already_exists``, ``already_attached``, ``not_found``, ``arm``, ``transport``, ``timeout``,
    ``invalid``, …); for ``invalid``, ``diagnostics`` lists every error."""

    _default_code = "arm"


_NATIVE = {"ComputeTargetException": ComputeTargetException, "ConfigurationError": ConfigurationError, "ClientFailure": ClientFailure,
           "UserErrorException": UserErrorException}


def _native_error(kind: str, message: str, code: str, errors: Any, diagnostics: Any) -> BaseException:
    """What the native module raises: one constructor contract for every class."""
    cls = _NATIVE.get(kind, ComputeTargetException)
    return cls(message, diagnostics if isinstance(diagnostics, list) else None, code=code,
               errors=errors if isinstance(errors, list) else None)
