"""A workspace as a value: what akscompute needs to address a compute, found as azureml-core
finds it (``Workspace.from_config()``, ``Workspace.get``), with credentials that work where
azureml-core's would.

``AKSCOMPUTE_ARM_ENDPOINT`` (an ``https://`` URL, or ``http://`` on loopback) sends every
workspace's requests to another Resource Manager endpoint: a sovereign cloud, a proxy, or the
local emulator the tests use, without editing a notebook.
"""
from __future__ import annotations

import os

# The annotations are written so that typing.get_type_hints can evaluate them without the
# typing module (whose import would double akscompute's): builtin generics, ``X | None``.

ENDPOINT_VARIABLE = "AKSCOMPUTE_ARM_ENDPOINT"
_CONFIG_LIMIT = 1 << 20  # a config.json is a few hundred bytes; a bigger one is not one


class Workspace:
    """Subscription, resource group, name and region of an Azure Machine Learning workspace.

    Usable wherever azureml-core takes a ``Workspace``; azureml-core's own ``Workspace`` objects
    are accepted too (their attributes are read, nothing else).
    """

    __slots__ = ("subscription_id", "resource_group", "name", "_location", "_auth", "cloud", "poll_interval", "timeout", "api_version")

    def __init__(self, subscription_id: str, resource_group: str, name: str | None = None, location: str | None = None, auth: object = None,
                 cloud: str = "public", poll_interval: float = 5.0, timeout: float = 3600.0, *, workspace_name: str | None = None,
                 api_version: str | None = None) -> None:
        """``auth`` is what gives tokens: an azure-identity credential (anything with
        ``get_token(scope)``), azureml-core's auth object, or a token string; None uses the
        default credentials (``default_credential()``). ``cloud`` is public, china, usgov or a
        Resource Manager URL (``AKSCOMPUTE_ARM_ENDPOINT`` overrides it). ``poll_interval`` (used
        only when the service gives no ``Retry-After``) and ``timeout`` are in seconds.
        ``api_version`` is the Machine Learning Services api-version to send (default: the
        newest the core knows; the rules check names against its pattern, NAME008).

        As azureml-core's ``Workspace(subscription_id, resource_group, workspace_name, auth)``:
        ``workspace_name=`` is the name, and a credential given fourth is the credential."""
        if name is None:
            name = workspace_name
        if not name:
            from ._errors import UserErrorException

            raise UserErrorException("Workspace needs the workspace's name: Workspace(subscription_id, resource_group, name)")
        if location is not None and not isinstance(location, str) and auth is None:
            location, auth = None, location
        self.subscription_id = subscription_id
        self.resource_group = resource_group
        self.name = name
        self._location = location
        self._auth = auth
        self.cloud = cloud
        self.poll_interval = poll_interval
        self.timeout = timeout
        self.api_version = api_version

    @staticmethod
    def get(name: str, auth: object = None, subscription_id: str | None = None, resource_group: str | None = None,
            location: str | None = None, cloud: str = "public") -> Workspace:
        """The workspace of that name, as azureml-core's ``Workspace.get`` (``subscription_id``
        and ``resource_group`` are needed: akscompute does not search subscriptions)."""
        missing = [k for k, v in (("name", name), ("subscription_id", subscription_id), ("resource_group", resource_group)) if not v]
        if missing:
            from ._errors import UserErrorException

            raise UserErrorException("Workspace.get needs {}: pass {}".format(", ".join(missing), ", ".join(f"{k}=..." for k in missing)))
        ws = Workspace(str(subscription_id), str(resource_group), name, location, auth=auth, cloud=cloud)
        # azureml-core's Workspace.get builds its Workspace with the service check: the workspace
        # is read from Resource Manager at once (an error if there is none), and its region is
        # Resource Manager's, whatever location was given.
        ws._location = ws._fetch_location()
        return ws

    @staticmethod
    def from_config(path: str | None = None, auth: object = None, _logger: object = None, _file_name: str | None = None) -> Workspace:
        """The workspace a ``config.json`` names, found as azureml-core finds it: ``path`` if it
        is the file; else, from ``path`` (default: the current folder) up through its parents,
        ``.azureml/config.json``, then ``aml_config/config.json``, then ``config.json``
        (``_file_name`` in place of ``config.json`` if given; ``project.json`` is the legacy name).
        The file holds ``subscription_id``, ``resource_group`` and ``workspace_name`` (or an ARM
        ``Scope``), and may hold ``location``."""
        from ._errors import UserErrorException

        start = os.path.abspath(os.path.expanduser(path or "."))
        files = [_file_name] if _file_name else ["config.json", "project.json"]
        kind = _kind_of(start)
        if kind not in (None, "a file", "a folder"):
            # A named pipe, a device or a socket given as the file: azureml-core searched "in"
            # it and said "could not be found"; reading one would hang or never end.
            raise _not_a_file(start, kind)
        not_files: list[str] = []
        found = start if kind == "a file" else _find_config(start, files, not_files)
        if found is None:
            raise UserErrorException(
                "The workspace configuration file config.json, could not be found in {} or its parent directories. Please check "
                "whether the workspace configuration file exists, or provide the full path to the configuration file as an "
                "argument. You can download a configuration file for your workspace, via http://ml.azure.com and clicking on "
                "the name of your workspace in the right top.{}".format(start, "".join(f" ({n}, not a file.)" for n in not_files[:3])))
        sub, rg, name, location = _read_config(found)
        # Workspace.get reads the workspace, and its region, from Resource Manager, as
        # azureml-core's from_config does (which reads no location from the file at all).
        return Workspace.get(name, auth=auth, subscription_id=sub, resource_group=rg, location=location)

    @property
    def location(self) -> str | None:
        """The workspace's region. Read from Resource Manager on first use when not known (as
        azureml-core's ``Workspace.location`` does for a workspace built without its service
        check), then kept; ``Workspace.get`` and ``from_config`` read it when they build the
        workspace, as azureml-core's do."""
        if self._location is None:
            self._location = self._fetch_location()
        return self._location

    @location.setter
    def location(self, value: str | None) -> None:
        self._location = value

    def _fetch_location(self) -> str:
        """The region Resource Manager gives for this workspace (a GET of the workspace)."""
        from ._ops import workspace_location  # here: a bare Workspace needs no client

        return workspace_location(self)

    @property
    def compute_targets(self) -> dict[str, object]:
        """Every compute of the workspace by name, as azureml-core's ``Workspace.compute_targets``
        (``if name not in ws.compute_targets: ComputeTarget.create(...)``, as the samples do)."""
        from .compute import ComputeTarget  # here: compute imports the client, which a bare Workspace does not need

        return {t.name: t for t in ComputeTarget.list(self)}

    def __repr__(self) -> str:
        return f"Workspace.create(name='{self.name}', subscription_id='{self.subscription_id}', resource_group='{self.resource_group}')"

    def __eq__(self, other: object) -> bool:
        # The workspace's identity, as hashed: its region, read from Resource Manager on first
        # use, must not make two handles on one workspace unequal once one has asked.
        return isinstance(other, Workspace) and self._key() == other._key()

    def _key(self) -> tuple[object, object, object]:
        return (self.subscription_id, self.resource_group, self.name)

    def __hash__(self) -> int:
        return hash(self._key())


def _find_config(start: str, files: list[str], not_files: list[str]) -> str | None:
    """The first config file up from ``start``, as azureml-core looks; a candidate that is there
    but not a file (a folder, a named pipe) is passed over as azureml-core does, and told in
    ``not_files``, so that "could not be found" can say what stood at the path instead."""
    for folder in (".azureml", "aml_config", None):
        for file in files:
            current = start
            while True:
                candidate = os.path.join(current, folder, file) if folder else os.path.join(current, file)
                kind = _kind_of(candidate)
                if kind == "a file":
                    return candidate
                if kind is not None:
                    not_files.append(f"{candidate} is {kind}")
                parent = os.path.dirname(current)
                if parent == current:
                    break
                current = parent
    return None


def _kind_of(path: str) -> str | None:
    """What is at ``path`` (links followed), in words; None when nothing is."""
    try:
        return _mode_kind(os.stat(path).st_mode)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return None


def _mode_kind(mode: int) -> str:
    import stat

    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _not_a_file(path: str, kind: str) -> Exception:
    from ._errors import UserErrorException

    return UserErrorException(f"The config file {path} is {kind}, not a file: give the path of the workspace's config.json "
                              "or of the folder that holds it")


def _read_config(found: str) -> tuple[str, str, str, str | None]:
    import json

    from ._errors import UserErrorException

    try:
        # Opened without waiting, then held to a regular file: the path was a file when it was
        # found, but may have been replaced by a named pipe since, whose open() would wait for a writer.
        fd = os.open(found, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            kind = _mode_kind(os.fstat(f.fileno()).st_mode)
            if kind != "a file":
                raise _not_a_file(found, kind)
            raw = f.read(_CONFIG_LIMIT + 1)
    except OSError as e:
        raise UserErrorException(f"The config file {found} cannot be read: {e.strerror}") from None
    if len(raw) > _CONFIG_LIMIT:
        raise UserErrorException(f"The config file {found} is larger than 1 MiB: it is not a workspace configuration")
    try:
        config = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError) as e:  # RecursionError: nesting past Python's stack
        raise UserErrorException(f"The config file {found} is not JSON ({e}): it should hold subscription_id, resource_group "
                                 "and workspace_name") from None
    if not isinstance(config, dict):
        raise UserErrorException(f"The config file {found} holds a JSON {type(config).__name__}, not an object with "
                                 "subscription_id, resource_group and workspace_name")
    scope = config.get("Scope")
    if isinstance(scope, str) and scope:
        pieces = scope.split("/")
        if len(pieces) < 9:
            raise UserErrorException(f"The config file {found} has a Scope that is not a workspace's ARM ID: "
                                     "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<name>")
        sub, rg, name = pieces[2], pieces[4], pieces[8]
    else:
        missing = [k for k in ("subscription_id", "resource_group", "workspace_name") if not isinstance(config.get(k), str) or not config.get(k)]
        if missing:
            raise UserErrorException("The config file found in: {} does not seem to contain the required parameters. Please make "
                                     "sure it contains your subscription_id, resource_group and workspace_name (missing: {}).".format(
                                         found, ", ".join(missing)))
        sub, rg, name = config["subscription_id"], config["resource_group"], config["workspace_name"]
    location = config.get("location")
    return sub, rg, name, location if isinstance(location, str) and location else None


def _cloud_of(workspace: object) -> str:
    """The Resource Manager endpoint: ``AKSCOMPUTE_ARM_ENDPOINT`` when set, else the workspace's cloud."""
    override = os.environ.get(ENDPOINT_VARIABLE)
    if override:
        return override
    cloud = getattr(workspace, "cloud", None)
    if isinstance(cloud, str) and cloud:
        return cloud
    return "public"


def _credential_of(workspace: object) -> object:
    """The workspace's credential, or the default credentials when it has none."""
    auth = getattr(workspace, "_auth", None)
    if auth is None:
        from ._auth import default_credential

        return default_credential()
    return auth


def _as_dict(ws: object) -> dict[str, object]:
    """The context's ``workspace`` from a Workspace, an azureml-core Workspace, or a dict."""
    keys = ("subscription_id", "resource_group", "name", "location")
    if ws is None:
        return {}
    if isinstance(ws, dict):
        return {k: ws.get(k) for k in keys if ws.get(k) is not None}
    out: dict[str, object] = {}
    if isinstance(ws, Workspace):
        # The region as known so far: asking Resource Manager is the caller's choice (ws.location).
        for k, v in (("subscription_id", ws.subscription_id), ("resource_group", ws.resource_group), ("name", ws.name),
                     ("location", ws._location)):
            if v is not None:
                out[k] = v
        return out
    for k in keys:
        try:
            v = getattr(ws, k, None)
        except Exception:  # azureml-core's Workspace.location asks the service: without it, no location
            v = None
        if v is None and k in ("subscription_id", "location"):
            v = getattr(ws, "_" + k, None)
        if v is not None:
            out[k] = v
    return out
