"""What the operations share: one native ARM client per credential and endpoint, the context a
workspace gives, and the configuration as sent (the PEM files read as azureml-core reads them)."""
from __future__ import annotations

import time

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Tuple

from . import _native
from ._errors import ComputeTargetException
from ._fields import shape_of
from ._profile import get_locale, get_profile, resolve_locale
from .workspace import Workspace, _as_dict, _cloud_of, _credential_of

_clients: Dict[Any, Any] = {}


def client(workspace: Any) -> Any:
    """One native client per credential, endpoint, profile and polling settings."""
    auth = _credential_of(workspace)
    cloud = _cloud_of(workspace)
    poll = getattr(workspace, "poll_interval", 5.0)
    timeout = getattr(workspace, "timeout", 3600.0)
    api_version = getattr(workspace, "api_version", None)
    key = (id(auth), cloud, get_profile(), poll, timeout, api_version)
    found = _clients.get(key)
    if found is None or found[0] is not auth:
        found = (auth, _native.Client(auth, cloud=cloud, api_version=api_version, profile=get_profile(), poll_interval=poll, timeout=timeout))
        _clients[key] = found
    return found[1]


def ws_context(workspace: Any, locale: Optional[str] = None) -> Dict[str, Any]:
    ctx: Dict[str, Any] = {"workspace": _as_dict(workspace), "profile": get_profile(), "locale": resolve_locale(locale) if locale else get_locale()}
    api_version = getattr(workspace, "api_version", None)
    if isinstance(api_version, str):
        ctx["api_version"] = api_version  # the rules check the name against what is sent
    if get_profile() != "sdk":
        # The core reads no clock; certificates are checked at the time of the call.
        ctx["now"] = int(time.time())
    return ctx


def workspace_location(workspace: Any) -> str:
    """The workspace's region, from Resource Manager (azureml-core's ``Workspace.location``)."""
    return client(workspace).workspace_location(ws_context(workspace))  # type: ignore[no-any-return]


def read_ssl_files(config: Any) -> Tuple[str, str]:
    """azureml-core reads the PEM files when it builds the payload, and says so when it cannot."""
    try:
        with open(config.ssl_cert_pem_file, "r") as cert_file:
            cert_data = cert_file.read(1 << 20)
        with open(config.ssl_key_pem_file, "r") as key_file:
            key_data = key_file.read(1 << 20)
    except (IOError, OSError):  # exactly what azureml-core catches: a None path is its TypeError too
        import traceback  # only on this path: it costs an import a few milliseconds long

        said = traceback.format_exc().splitlines()[-1]
        # A key's text given where its file's path goes becomes the error's file name: never shown.
        for path in (config.ssl_cert_pem_file, config.ssl_key_pem_file):
            if isinstance(path, str) and "-----BEGIN" in path:
                said = said.replace(repr(path), "<PEM text given as a file path>").replace(path, "<PEM text given as a file path>")
        if "-----BEGIN" in said:
            said = "{}: <PEM text given as a file path>".format(said.split(":", 1)[0])
        raise ComputeTargetException("Error while reading ssl information:\n" "{}".format(said))
    return cert_data, key_data


def send_shape(config: Any, operation: str) -> Dict[str, Any]:
    """The configuration with the PEM files' text in place of their paths."""
    shape = shape_of(config, operation)
    if getattr(config, "ssl_cname", None):
        cert, key = read_ssl_files(config)
        shape["ssl"]["cert"], shape["ssl"]["key"] = cert, key
    return shape


def start(target: Any, workspace: Any, name: str, kind: str, config: Any) -> Any:
    """Sends a create or attach, and reads the compute once (azureml-core returns it Creating)."""
    shape = send_shape(config, kind)
    shape["name"] = name
    c = client(workspace)
    ctx = ws_context(workspace)
    if not ctx["workspace"].get("location") and not shape.get("location"):
        # azureml-core's Workspace reads its region from the service (config.json as the portal
        # writes it holds none): akscompute's on first use of ws.location, kept there.
        if isinstance(workspace, Workspace):
            ctx["workspace"]["location"] = workspace.location
        else:
            ctx["workspace"]["location"] = c.workspace_location(ctx)
            if getattr(workspace, "location", 0) is None:
                try:
                    workspace.location = ctx["workspace"]["location"]
                except AttributeError:  # azureml-core's Workspace.location is read-only
                    pass
    op = getattr(c, kind)(shape, ctx)
    target.workspace, target.name = workspace, name
    target._operation = op
    info = c.get(ws_context(workspace), name)
    if info is not None:
        target._initialize(workspace, info)
        target._operation = op
    return target
