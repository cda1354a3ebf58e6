"""A create the service fails (the emulator started with ``--fail``), through the drop-in as a
notebook meets it: ``wait_for_completion`` prints what azureml-core prints and raises its
ComputeTargetException with its message (the state, then the operation's error as the dict
azureml-core prints), and the compute reads back as azureml-core's does (``Failed``, ARM's
``provisioningErrors`` list, ``created_on`` a datetime)."""
import datetime
import subprocess

import pytest

from akscompute import AksCompute, ComputeTarget, ComputeTargetException, Workspace
from conftest import EMULATOR, SUB, Credential


@pytest.fixture
def ws(request):
    p = subprocess.Popen([EMULATOR, "--operation-ms", "100", "--retry-after", "0", "--fail", "fail-aks"], stdout=subprocess.PIPE, text=True)
    endpoint, token = p.stdout.readline().split()
    yield Workspace(SUB, "ml-rg", "ml-ws", "eastus", auth=Credential(token), cloud=endpoint, poll_interval=0.02)
    p.kill()
    p.wait()


def test_a_failed_create_is_reported_as_azureml_core_reports_it(ws, capsys):
    target = ComputeTarget.create(ws, "fail-aks", AksCompute.provisioning_configuration())
    with pytest.raises(ComputeTargetException) as e:
        target.wait_for_completion(show_output=True)
    out = capsys.readouterr().out
    # azureml-core's own printout: the last state and the summary on one line, as notebooks show it.
    assert out.startswith("InProgress") and out.endswith('\nFailedProvisioning operation finished, operation "Failed"\n'), out
    error = {"code": "QuotaExceeded", "message": "Operation could not be completed as it results in exceeding approved cores quota (emulated: --fail)."}
    assert e.value.message == ("Compute object provisioning polling reached non-successful terminal state, current provisioning state: Failed\n"
                               "Provisioning operation error:\n{}".format(error))
    assert target.provisioning_state == "Failed" and target.get_status() == "Failed"
    again = ComputeTarget(ws, "fail-aks")
    assert again.provisioning_errors == [{"error": error}]
    assert again.provisioning_errors[0]["error"]["message"].startswith("Operation could not be completed")
    assert isinstance(again.created_on, datetime.datetime) and again.created_on.tzinfo is not None
    assert again.modified_on >= again.created_on
    # The service filled in what the create left out.
    assert (again.agent_count, again.agent_vm_size) == (3, "Standard_D3_v2")


def test_other_computes_of_the_same_emulator_succeed(ws):
    target = ComputeTarget.create(ws, "good-aks", AksCompute.provisioning_configuration())
    target.wait_for_completion()
    assert target.provisioning_state == "Succeeded" and target.provisioning_errors is None
