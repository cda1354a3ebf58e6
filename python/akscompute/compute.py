"""Operations on computes: ``ComputeTarget`` as in azureml-core, sending through akscompute's
ARM client (validation first, safe retries, create never sent twice, ``Retry-After`` polling).

As in azureml-core, ``ComputeTarget(workspace, name)`` reads the compute and returns an instance
of the class for its type (``AksCompute`` for AKS): each subclass names its ``_compute_type``.
"""
from __future__ import annotations

import sys

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional

from . import _native
from ._errors import ComputeTargetException, UserErrorException
from ._ops import client as _client, ws_context as _ws_context

# compute type (as ARM spells it) -> the class for it; filled by __init_subclass__.
_TYPES: Dict[str, type] = {}


def _not_found(name: Any) -> ComputeTargetException:
    return ComputeTargetException("ComputeTargetNotFound: Compute Target with name {} not found in provided workspace".format(name))


class ComputeTarget:
    """A compute in a workspace, as azureml-core's ``ComputeTarget``."""

    _compute_type: Optional[str] = None
    workspace: Any = None
    name: Optional[str] = None
    _operation: Optional[Dict[str, Any]] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls._compute_type and cls._compute_type not in _TYPES:
            _TYPES[cls._compute_type] = cls

    def __new__(cls, workspace: Any = None, name: Optional[str] = None) -> Any:
        """Reads the compute: an instance of the class for its type, or
        ``ComputeTargetException`` (ComputeTargetNotFound) when there is none of that name."""
        if not (workspace and name):
            return super().__new__(cls)
        if not isinstance(name, str):
            # A ComputeTargetException, so the samples' `except ComputeTargetException:` still
            # catches it (azureml-core's GET of such a name answers "not found").
            raise ComputeTargetException("name: a compute name is a str, not {}; give the compute's name as text".format(type(name).__name__))
        info = _client(workspace).get(_ws_context(workspace), name)
        if info is None:
            raise _not_found(name)
        return _typed(workspace, info)

    def __init__(self, workspace: Any = None, name: Optional[str] = None) -> None:
        """``ComputeTarget(workspace, name)`` reads the compute (``__new__`` does the work)."""

    def _initialize(self, workspace: Any, info: Dict[str, Any]) -> None:
        self.workspace = workspace
        self.id = info.get("id")
        self.name = info.get("name")
        self.location = info.get("location")
        self.type = info.get("compute_type")
        self.tags = info.get("tags")
        self.description = info.get("description")
        self.created_on = _when(info.get("created_on"))
        self.modified_on = _when(info.get("modified_on"))
        self.provisioning_state = info.get("provisioning_state")
        # ARM's list as ARM wrote it ([{"error": {"code", "message"}}]), as azureml-core keeps it.
        self.provisioning_errors = [{"error": e} for e in info.get("provisioning_errors") or ()] or None
        self.cluster_resource_id = info.get("cluster_resource_id")
        self.cluster_location = info.get("cluster_location")
        self.is_attached = info.get("is_attached")

    @staticmethod
    def create(workspace: Any, name: str, provisioning_configuration: Any) -> Any:
        """Creates the compute; returns it at once (``wait_for_completion`` waits)."""
        _check_name(workspace, name, provisioning_configuration)
        return provisioning_configuration._compute_type._create(workspace, name, provisioning_configuration)

    @staticmethod
    def attach(workspace: Any, name: str, attach_configuration: Any) -> Any:
        """Attaches the cluster; returns the compute at once (``wait_for_completion`` waits)."""
        return attach_configuration._compute_type._attach(workspace, name, attach_configuration)

    @staticmethod
    def list(workspace: Any) -> List[Any]:
        """Every compute of the workspace, each an instance of the class for its type."""
        return [_typed(workspace, info) for info in _client(workspace).list(_ws_context(workspace))]

    def wait_for_completion(self, show_output: bool = False, is_delete_operation: bool = False) -> None:
        """Waits for the operation, as azureml-core does (its printout included), but polls
        when the service says to rather than every 5 seconds. Ctrl-C (or a Jupyter interrupt)
        stops the wait at once; the operation goes on in Azure."""
        if self._operation is None:
            self.refresh_state()
            raise ComputeTargetException("Long running operation information not known, unable to poll. Current state is {}".format(self.provisioning_state))
        seen: Dict[str, Any] = {"current": None}

        def progress(state: str) -> None:
            if show_output:
                if seen["current"] is None:
                    sys.stdout.write("{}".format(state))
                else:
                    sys.stdout.write(".")
                    if state != seen["current"]:
                        sys.stdout.write("\n{}".format(state))
                sys.stdout.flush()
            seen["current"] = state

        result = _client(self.workspace).wait(_ws_context(self.workspace), self._operation, progress)
        state = result.get("status")
        print('Provisioning operation finished, operation "{}"'.format(state))
        if not is_delete_operation:
            self.refresh_state()
        if state != "Succeeded":
            raise ComputeTargetException("Compute object provisioning polling reached non-successful terminal state, current provisioning state: {}\n"
                                         "Provisioning operation error:\n{}".format(getattr(self, "provisioning_state", None), result.get("error")))

    def refresh_state(self) -> None:
        """Reads the compute again."""
        info = _client(self.workspace).get(_ws_context(self.workspace), self.name)
        if info is None:
            raise _not_found(self.name)
        operation = self._operation
        self._initialize(self.workspace, info)
        self._operation = operation

    def get_status(self) -> Optional[str]:
        """The provisioning state, read now."""
        self.refresh_state()
        return getattr(self, "provisioning_state", None)

    def _remove(self, action: str) -> None:
        self._operation = _client(self.workspace).remove(_ws_context(self.workspace), self.name, action)

    def delete(self) -> None:
        """Removes the compute, and the AKS cluster too if Azure ML created it."""
        self._remove("delete")

    def detach(self) -> None:
        """Removes the compute from the workspace; the AKS cluster stays."""
        self._remove("detach")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(workspace={getattr(self.workspace, 'name', None)!r}, name={self.name!r}, provisioning_state={getattr(self, 'provisioning_state', None)!r})"


def _when(text: Optional[str]) -> Any:
    """ARM's ISO 8601 time as the aware ``datetime`` azureml-core's ``dateutil.parser.parse``
    gives; text that is no such time stays text (an ARM answer is outside input)."""
    if not text:
        return None
    import datetime
    import re

    # fromisoformat before 3.11 knows neither "Z" nor ARM's 7-digit fractions.
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?", text)
    if m is None:
        return text
    fraction = "." + (m.group(2) + "000000")[:6] if m.group(2) else ""
    zone = {None: "", "Z": "+00:00"}.get(m.group(3), m.group(3))  # no zone: naive, as dateutil gives
    try:
        return datetime.datetime.fromisoformat(m.group(1) + fraction + zone)
    except ValueError:  # a month 13, a hour 25
        return text


def _text(when: Any) -> Any:
    """``_when`` undone, for the core's writer: a datetime as ISO 8601 text."""
    return when.isoformat() if hasattr(when, "isoformat") else when


def _typed(workspace: Any, info: Dict[str, Any]) -> Any:
    """An instance of the class for the compute's type (a plain ``ComputeTarget`` for the types
    akscompute has no class for), initialised from the parsed GET answer."""
    cls = _TYPES.get(info.get("compute_type") or "", ComputeTarget)
    target: Any = object.__new__(cls)
    target._initialize(workspace, info)
    return target


def _check_name(workspace: Any, name: Any, config: Any) -> None:
    """azureml-core refuses a reserved name (NAME007) with ``UserErrorException`` before anything
    else; the core says which names and with what words."""
    from ._profile import get_profile

    if get_profile() != "sdk" or not isinstance(name, str):
        return  # the client validates every rule, NAME007 among them, before it sends
    found = _native.validate("create", {"name": name}, _ws_context(workspace), "error")
    for d in found:
        if d["code"] == "NAME007":
            raise UserErrorException(d["message"])
