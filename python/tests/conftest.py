import contextlib
import json
import os
import stat
import subprocess
import sys
import types

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture(autouse=True)
def _default_profile():
    import akscompute

    akscompute.set_profile("2021-11")
    yield
    akscompute.set_profile("2021-11")


@pytest.fixture
def pem_files(tmp_path):
    fixtures = os.path.join(ROOT, "core", "tests", "fixtures")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text(open(os.path.join(fixtures, "ec_a.crt")).read())
    key.write_text(open(os.path.join(fixtures, "ec_a.key")).read())
    return str(cert), str(key)


EMULATOR = os.path.join(ROOT, "target", "debug", "akscompute-emulator")
SUB = "00000000-0000-0000-0000-000000000000"


class Credential:
    """What azure-identity credentials offer: get_token(scope) -> an object with .token."""

    def __init__(self, token):
        self._token = token
        self.scopes = []

    def get_token(self, scope):
        self.scopes.append(scope)
        return type("AccessToken", (), {"token": self._token, "expires_on": 0})()


@pytest.fixture
def emulator():
    """A fresh emulator per test: each starts from an empty workspace."""
    if not os.path.exists(EMULATOR):
        pytest.fail(f"{EMULATOR} is missing: make test-python builds it")
    p = subprocess.Popen([EMULATOR, "--operation-ms", "150", "--retry-after", "0"], stdout=subprocess.PIPE, text=True)
    endpoint, token = p.stdout.readline().split()
    yield endpoint, token
    p.kill()
    p.wait()


@contextlib.contextmanager
def hostile_workspace(mode):
    """An emulator in one of its ``--hostile`` modes, the drop-in pointed at it
    (``AKSCOMPUTE_ARM_ENDPOINT``): yields the workspace and the emulator's token, and stops
    the emulator and unsets the endpoint however the block ends."""
    p = subprocess.Popen([EMULATOR, "--operation-ms", "100", "--retry-after", "0", "--hostile", mode], stdout=subprocess.PIPE, text=True)
    try:
        endpoint, token = p.stdout.readline().split()
        os.environ["AKSCOMPUTE_ARM_ENDPOINT"] = endpoint
        import akscompute

        yield akscompute.Workspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth(token), location="eastus", poll_interval=0.02, timeout=20), token
    finally:
        p.kill()
        p.wait()
        p.stdout.close()
        os.environ.pop("AKSCOMPUTE_ARM_ENDPOINT", None)


class HeaderAuth:
    """What azureml-core's auth objects offer: get_authentication_header()."""

    def __init__(self, token):
        self._token = token

    def get_authentication_header(self):
        return {"Authorization": f"Bearer {self._token}"}


def fake_az(folder, token, calls):
    """An ``az`` that prints what ``az account get-access-token -o json`` prints, and counts calls."""
    path = folder / "az"
    path.write_text("#!/bin/sh\n"
                    f"echo \"$@\" >> {calls}\n"
                    f"echo '{{\"accessToken\": \"{token}\", \"expires_on\": 4102444800, \"tokenType\": \"Bearer\"}}'\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.fixture
def notebook(emulator, tmp_path, monkeypatch):
    """A notebook's folder: config.json beside it, `az login` done, the endpoint redirected."""
    endpoint, token = emulator
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "az-calls"
    fake_az(bin_dir, token, calls)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("AKSCOMPUTE_ARM_ENDPOINT", endpoint)
    work = tmp_path / "notebooks"
    work.mkdir()
    (work / "config.json").write_text(json.dumps({"subscription_id": SUB, "resource_group": "ml-rg", "workspace_name": "ml-ws",
                                                  "location": "eastus"}))
    monkeypatch.chdir(work)
    import akscompute._auth

    monkeypatch.setattr(akscompute._auth, "_default", None)
    return types.SimpleNamespace(endpoint=endpoint, token=token, calls=calls)
