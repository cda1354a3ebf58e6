"""Default credentials that work where azureml-core's would: azure-identity's
``DefaultAzureCredential`` when it is installed, else the Azure CLI's token (``az account
get-access-token``), fetched once per resource and reused until shortly before it expires."""
from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time

_lock = threading.Lock()
_default: object = None
_MARGIN = 300  # seconds: a token this close to its expiry is fetched again
_OUTPUT_LIMIT = 1 << 16  # az prints a few hundred bytes


class AccessToken:
    """What azure-identity's ``get_token`` returns: ``token`` and ``expires_on`` (seconds)."""

    __slots__ = ("token", "expires_on")

    def __init__(self, token: str, expires_on: int) -> None:
        self.token = token
        self.expires_on = expires_on

    def __repr__(self) -> str:  # never the token itself
        return f"AccessToken(token=<redacted>, expires_on={self.expires_on})"


class AzureCliCredential:
    """Tokens from ``az account get-access-token --resource R`` (``az login`` first)."""

    def __init__(self) -> None:
        self._cache: dict[str, AccessToken] = {}
        self._lock = threading.Lock()

    def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
        from ._errors import ComputeTargetException

        resource = scopes[0][: -len("/.default")] if scopes and scopes[0].endswith("/.default") else (scopes[0] if scopes else "")
        with self._lock:
            cached = self._cache.get(resource)
            if cached is not None and cached.expires_on - _MARGIN > time.time():
                return cached
            az = shutil.which("az")
            if az is None:
                raise ComputeTargetException("No credential: azure-identity is not installed and the Azure CLI (az) is not on PATH. "
                                             "Run `pip install azure-identity`, or install the Azure CLI and run `az login`, or pass "
                                             "auth=<a credential or token> to Workspace")
            try:
                done = subprocess.run([az, "account", "get-access-token", "--resource", resource, "--output", "json"],
                                      capture_output=True, timeout=120, check=False)
            except (OSError, subprocess.TimeoutExpired) as e:
                raise ComputeTargetException(f"No credential: `az account get-access-token` did not run ({type(e).__name__}); "
                                             "check the Azure CLI with `az account show`") from None
            if done.returncode != 0:
                # az's own words say what to do (`az login`); they hold no token.
                said = done.stderr[:400].decode("utf-8", "replace").strip()
                raise ComputeTargetException(f"No credential: `az account get-access-token` failed: {said or done.returncode}. "
                                             "Run `az login` (or pass auth= to Workspace)")
            try:
                answer = json.loads(done.stdout[:_OUTPUT_LIMIT].decode("utf-8"))
                token = answer["accessToken"]
                expires = answer.get("expires_on")
                if not isinstance(token, str) or not token:
                    raise ValueError("no accessToken")
                expires_on = int(expires) if isinstance(expires, (int, str)) and str(expires).isdigit() else _parse_local(answer.get("expiresOn"))
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                raise ComputeTargetException("No credential: `az account get-access-token` printed no token "
                                             "(update the Azure CLI, or pass auth= to Workspace)") from None
            got = AccessToken(token, expires_on)
            self._cache[resource] = got
            return got


def _parse_local(text: object) -> int:
    """Older CLIs give only ``expiresOn``, local time as ``2026-12-01 10:00:00.000000``."""
    if isinstance(text, str):
        try:
            return int(time.mktime(time.strptime(text.split(".")[0], "%Y-%m-%d %H:%M:%S")))
        except ValueError:
            pass
    return int(time.time()) + 600  # unknown: reuse it for a few minutes only


def default_credential() -> object:
    """One credential per interpreter: ``DefaultAzureCredential`` if azure-identity is
    installed, else the Azure CLI's tokens."""
    global _default
    with _lock:
        if _default is None:
            try:
                from azure.identity import DefaultAzureCredential  # type: ignore[import-not-found,unused-ignore]
            except ImportError:
                _default = AzureCliCredential()
            else:
                _default = DefaultAzureCredential()
        return _default
