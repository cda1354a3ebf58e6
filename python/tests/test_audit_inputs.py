"""Outside audit (s7e): inputs no sample writes, and sample cells the other sample tests do not
run (the FPGA notebooks' one-node cluster, drift-on-aks's ``ws.compute_targets.get``)."""
import json

import pytest

import akscompute
from conftest import SUB, HeaderAuth


def test_a_config_json_nested_past_pythons_stack_is_named_not_a_recursion_error(tmp_path, monkeypatch):
    # 1 MiB allows 500,000 levels: json.loads gives up with RecursionError, which is no
    # ValueError and escaped the handler that names the file.
    (tmp_path / "config.json").write_text("[" * 100_000 + "]" * 100_000)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(akscompute.UserErrorException) as e:
        akscompute.Workspace.from_config()
    assert "config.json is not JSON" in e.value.message and "subscription_id" in e.value.message


@pytest.fixture
def ws(emulator):
    endpoint, token = emulator
    import os

    os.environ["AKSCOMPUTE_ARM_ENDPOINT"] = endpoint
    w = akscompute.Workspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth(token), location="eastus", poll_interval=0.02)
    yield w
    del os.environ["AKSCOMPUTE_ARM_ENDPOINT"]


def fpga_cell(ws):
    """accelerated-models-quickstart: "Create AKS compute" (Standard_PB6s, one node, production)."""
    from akscompute import AksCompute, ComputeTarget

    prov_config = AksCompute.provisioning_configuration(vm_size = "Standard_PB6s",
                                                        agent_count = 1,
                                                        location = "eastus")
    aks_name = 'my-aks-pb6'
    aks_target = ComputeTarget.create(workspace = ws,
                                      name = aks_name,
                                      provisioning_configuration = prov_config)
    aks_target.wait_for_completion(show_output = True)
    return aks_target


def test_the_fpga_notebooks_one_node_production_cluster_is_refused_before_sending(ws, recwarn):
    with pytest.raises(akscompute.ComputeTargetException) as e:
        fpga_cell(ws)
    assert [d.code for d in e.value.diagnostics if d.severity == "error"] == ["CAP003"]
    assert akscompute.ComputeTarget.list(ws) == []
    # azureml-core checks no node minimum: under "sdk" the cell runs as it did.
    akscompute.set_profile("sdk")
    target = fpga_cell(ws)
    assert (target.provisioning_state, target.agent_count, target.agent_vm_size) == ("Succeeded", 1, "Standard_PB6s")


def test_drift_on_aks_cell_runs_twice(ws, capsys):
    def cell():
        from akscompute import AksCompute, ComputeTarget

        prov_config = AksCompute.provisioning_configuration()
        aks_name = 'drift-aks'
        aks_target = ws.compute_targets.get(aks_name)
        if not aks_target:
            aks_target = ComputeTarget.create(workspace = ws,
                                              name = aks_name,
                                              provisioning_configuration = prov_config)
            aks_target.wait_for_completion(show_output = True)
        return aks_target

    first = cell()
    assert 'Provisioning operation finished, operation "Succeeded"' in capsys.readouterr().out
    again = cell()
    assert capsys.readouterr().out == "" and type(again) is akscompute.AksCompute
    assert again.provisioning_state == "Succeeded" and again.name == first.name == "drift-aks"
