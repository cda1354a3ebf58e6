"""Exceptions and warnings. Defined here, in Python, so they pickle and subclass like any
Python class; the native module raises them by name."""
from __future__ import annotations

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # typing costs a notebook ~15 ms to import: types are for checkers only
    from typing import Any, List, Optional



class AzureMLException(Exception):
    """The root of akscompute's errors (azureml-core has a class of the same name)."""

    def __init__(self, exception_message: str, **kwargs: Any) -> None:
        super().__init__(exception_message)
        self.message = exception_message

    def __str__(self) -> str:
        return self.message


class ComputeTargetException(AzureMLException):
    """Raised for a configuration the rules refuse, as azureml-core's class of the same name.

    ``message`` is azureml-core's exact text under the ``sdk`` profile; ``diagnostics`` lists
    every error (``Diagnostic``), so nothing is lost to the first one.
    """

    def __init__(self, exception_message: str, diagnostics: Optional[List[Any]] = None, **kwargs: Any) -> None:
        super().__init__(exception_message, **kwargs)
        self.diagnostics = list(diagnostics or [])

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.message, self.diagnostics))


class UserErrorException(AzureMLException):
    """azureml-core raises this for a reserved compute name; so does akscompute under ``sdk``."""


class ConfigurationError(ComputeTargetException, ValueError):
    """A value of the wrong shape: an unknown field, a wrong type (``code`` says which).

    ``errors`` lists every problem as ``{"kind", "path", "message"}``.
    """

    def __init__(self, exception_message: str, code: str = "bad_value", errors: Optional[List[Any]] = None) -> None:
        super().__init__(exception_message)
        self.code = code
        self.errors = list(errors or [])

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.message, self.code, self.errors))


class AkscomputeWarning(UserWarning):
    """A rule's warning: it will work, but is likely a mistake or has a documented cost."""


class ClientFailure(ComputeTargetException):
    """An operation that did not go through (raised by the native client): ``code`` says why
    (``already_exists``, ``already_attached``, ``not_found``, ``arm``, ``transport``, ``timeout``,
    ``invalid``, …); for ``invalid``, ``diagnostics`` lists every error."""

    def __init__(self, exception_message: str, code: str = "arm", errors: Optional[List[Any]] = None) -> None:
        from ._diagnostic import Diagnostic

        super().__init__(exception_message, diagnostics=[Diagnostic.from_dict(d) for d in (errors or []) if isinstance(d, dict)])
        self.code = code

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.message, self.code, [d.to_dict() for d in self.diagnostics]))
