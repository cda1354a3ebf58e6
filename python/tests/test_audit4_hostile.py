"""Outside audit (s8e): a Resource Manager (or a proxy before it) that echoes the bearer token
back in its error message and in the request-id headers the client logs. The drop-in's
exceptions and the ``akscompute_client`` log lines show ``<redacted>`` in its place."""
import logging
import os
import subprocess

import pytest

import akscompute
from conftest import EMULATOR, SUB, HeaderAuth


@pytest.fixture
def echoing():
    p = subprocess.Popen([EMULATOR, "--operation-ms", "100", "--retry-after", "0", "--hostile", "echo-token"], stdout=subprocess.PIPE, text=True)
    endpoint, token = p.stdout.readline().split()
    os.environ["AKSCOMPUTE_ARM_ENDPOINT"] = endpoint
    ws = akscompute.Workspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth(token), location="eastus", poll_interval=0.02, timeout=20)
    try:
        yield ws, token
    finally:
        p.kill()
        p.wait()
        del os.environ["AKSCOMPUTE_ARM_ENDPOINT"]


def test_a_token_the_server_echoes_back_is_in_no_exception_and_no_log_line(echoing, caplog):
    ws, token = echoing
    caplog.set_level(logging.DEBUG)
    calls = (lambda: akscompute.ComputeTarget(workspace=ws, name="myaks"), lambda: akscompute.ComputeTarget.list(ws),
             lambda: akscompute.ComputeTarget.create(ws, "myaks", akscompute.AksCompute.provisioning_configuration()))
    for call in calls:
        with pytest.raises(akscompute.ComputeTargetException) as e:
            call()
        assert token not in e.value.message and token not in str(e.value) and token not in repr(e.value), e.value.message[:300]
        assert "<redacted>" in e.value.message, e.value.message[:300]
    assert token not in caplog.text, caplog.text[-2000:]
