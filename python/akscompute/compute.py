"""Operations on computes: ``ComputeTarget`` as in azureml-core, sending through akscompute's
ARM client (validation first, safe retries, create never sent twice, ``Retry-After`` polling)."""
from __future__ import annotations

import sys
import time

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional

from . import _native
from ._errors import ClientFailure, ComputeTargetException, UserErrorException
from ._profile import get_profile
from .workspace import _as_dict

_RESERVED = ["amlcompute", "local", "containerinstance"]
_clients: Dict[Any, Any] = {}


def _client(workspace: Any) -> Any:
    """One native client per credential, cloud and profile."""
    auth = getattr(workspace, "_auth", None)
    if auth is None:
        raise ComputeTargetException("The workspace has no credential: pass auth=<an azure-identity credential, or a token> to akscompute.Workspace")
    cloud = getattr(workspace, "cloud", "public")
    key = (id(auth), cloud, get_profile(), getattr(workspace, "poll_interval", 5.0))
    if key not in _clients:
        _clients[key] = _native.Client(auth, cloud=cloud, profile=get_profile(), poll_interval=getattr(workspace, "poll_interval", 5.0))
    return _clients[key]


def _ws_context(workspace: Any) -> Dict[str, Any]:
    ctx: Dict[str, Any] = {"workspace": _as_dict(workspace), "profile": get_profile()}
    if get_profile() != "sdk":
        ctx["now"] = int(time.time())
    return ctx


class ComputeTarget:
    """A compute in a workspace, as azureml-core's ``ComputeTarget``."""

    def __init__(self, workspace: Any, name: Optional[str]) -> None:
        self.workspace = workspace
        self.name: Optional[str] = name
        self._operation: Optional[Dict[str, Any]] = None
        if workspace is None and name is None:
            return
        info = _client(workspace).get(_ws_context(workspace), name)
        if info is None:
            raise ComputeTargetException("ComputeTargetNotFound: Compute Target with name {} not found in provided workspace".format(name))
        self._initialize(workspace, info)

    def _initialize(self, workspace: Any, info: Dict[str, Any]) -> None:
        self.workspace = workspace
        self.id = info.get("id")
        self.name = info.get("name")
        self.location = info.get("location")
        self.type = info.get("compute_type")
        self.tags = info.get("tags")
        self.description = info.get("description")
        self.created_on = info.get("created_on")
        self.modified_on = info.get("modified_on")
        self.provisioning_state = info.get("provisioning_state")
        self.provisioning_errors = info.get("provisioning_errors") or None
        self.cluster_resource_id = info.get("cluster_resource_id")
        self.cluster_location = info.get("cluster_location")
        self.is_attached = info.get("is_attached")

    @staticmethod
    def create(workspace: Any, name: str, provisioning_configuration: Any) -> Any:
        """Creates the compute; returns it at once (``wait_for_completion`` waits)."""
        if get_profile() == "sdk" and name in _RESERVED:
            raise UserErrorException("Please specify a different target name. {} is a reserved name.".format(name))
        return provisioning_configuration._compute_type._create(workspace, name, provisioning_configuration)

    @staticmethod
    def attach(workspace: Any, name: str, attach_configuration: Any) -> Any:
        """Attaches the cluster; returns the compute at once (``wait_for_completion`` waits)."""
        return attach_configuration._compute_type._attach(workspace, name, attach_configuration)

    @staticmethod
    def list(workspace: Any) -> List[Any]:
        """Every AKS compute of the workspace (other compute types are left out)."""
        from .aks import AksCompute

        out = []
        for info in _client(workspace).list(_ws_context(workspace)):
            if info.get("compute_type") == "AKS":
                target = AksCompute(None, None)
                target._initialize(workspace, info)
                out.append(target)
        return out

    def wait_for_completion(self, show_output: bool = False, is_delete_operation: bool = False) -> None:
        """Waits for the operation, as azureml-core does (its printout included), but polls
        when the service says to rather than every 5 seconds."""
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
            raise ComputeTargetException("ComputeTargetNotFound: Compute Target with name {} not found in provided workspace".format(self.name))
        operation = self._operation
        self._initialize(self.workspace, info)
        self._operation = operation

    def get_status(self) -> Optional[str]:
        """The provisioning state, read now."""
        self.refresh_state()
        return self.provisioning_state

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


def _send_shape(config: Any) -> Dict[str, Any]:
    """The configuration with the PEM files' text in place of their paths, read as azureml-core reads them."""
    from .aks import _read_ssl_files

    shape: Dict[str, Any] = config._shape(for_payload=True)
    if getattr(config, "ssl_cname", None):
        cert, key = _read_ssl_files(config)
        shape["ssl"]["cert"], shape["ssl"]["key"] = cert, key
    return shape


def _start(target: Any, workspace: Any, name: str, kind: str, config: Any) -> Any:
    shape = _send_shape(config)
    shape["name"] = name
    client = _client(workspace)
    try:
        op = getattr(client, kind)(shape, _ws_context(workspace))
    except ClientFailure:
        raise
    target.workspace, target.name = workspace, name
    target._operation = op
    info = client.get(_ws_context(workspace), name)
    if info is not None:
        target._initialize(workspace, info)
        target._operation = op
    return target
