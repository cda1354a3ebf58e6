"""A workspace as a value: what akscompute needs to address a compute."""
from __future__ import annotations

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # typing costs a notebook ~15 ms to import: types are for checkers only
    from typing import Any, Dict, Optional



class Workspace:
    """Subscription, resource group, name and region of an Azure Machine Learning workspace.

    Usable wherever azureml-core takes a ``Workspace``; azureml-core's own ``Workspace`` objects
    are accepted too (their attributes are read, nothing else).
    """

    __slots__ = ("subscription_id", "resource_group", "name", "location", "_auth", "cloud", "poll_interval")

    def __init__(self, subscription_id: str, resource_group: str, name: str, location: Optional[str] = None, auth: Any = None,
                 cloud: str = "public", poll_interval: float = 5.0) -> None:
        """``auth`` is what gives tokens: an azure-identity credential (anything with
        ``get_token(scope)``), azureml-core's auth object, or a token string. ``cloud`` is public,
        china, usgov or a Resource Manager URL. ``poll_interval`` is used only when the service
        gives no ``Retry-After``."""
        self.subscription_id = subscription_id
        self.resource_group = resource_group
        self.name = name
        self.location = location
        self._auth = auth
        self.cloud = cloud
        self.poll_interval = poll_interval

    def __repr__(self) -> str:
        return f"Workspace(subscription_id={self.subscription_id!r}, resource_group={self.resource_group!r}, name={self.name!r}, location={self.location!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Workspace) and _as_dict(self) == _as_dict(other)


def _as_dict(ws: Any) -> Dict[str, Any]:
    """The context's ``workspace`` from a Workspace, an azureml-core Workspace, or a dict."""
    if ws is None:
        return {}
    if isinstance(ws, dict):
        return {k: ws.get(k) for k in ("subscription_id", "resource_group", "name", "location") if ws.get(k) is not None}
    out = {}
    for k in ("subscription_id", "resource_group", "name", "location"):
        v = getattr(ws, k, None)
        if v is None and k == "subscription_id":
            v = getattr(ws, "_subscription_id", None)
        if v is not None:
            out[k] = v
    return out
