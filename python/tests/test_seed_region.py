"""The seeds' create and attach cells with config.json as the portal's "Download config.json"
writes it: the subscription, resource group and workspace name, no region. azureml-core's
Workspace reads its location from Resource Manager, and the computes go there; so does the
drop-in (it failed with "Give context.workspace.location" before)."""
import json
import os
import subprocess

import pytest

from conftest import EMULATOR, SUB, fake_az


@pytest.fixture
def portal_notebook(tmp_path, monkeypatch):
    p = subprocess.Popen([EMULATOR, "--operation-ms", "100", "--retry-after", "0", "--workspace-location", "westus2"],
                         stdout=subprocess.PIPE, text=True)
    try:
        endpoint, token = p.stdout.readline().split()
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        fake_az(bin_dir, token, tmp_path / "az-calls")
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
        monkeypatch.setenv("AKSCOMPUTE_ARM_ENDPOINT", endpoint)
        (tmp_path / "config.json").write_text(json.dumps({"subscription_id": SUB, "resource_group": "myresourcegroup",
                                                          "workspace_name": "myworkspace"}))
        monkeypatch.chdir(tmp_path)
        import akscompute._auth

        monkeypatch.setattr(akscompute._auth, "_default", None)
        yield
    finally:
        p.kill()
        p.wait()


def test_seed_cells_with_the_portals_config_json_go_to_the_workspaces_region(portal_notebook):
    from akscompute import AksCompute, ComputeTarget, Workspace

    ws = Workspace.from_config()
    ws.poll_interval = 0.02
    # "Create a new AKS cluster"
    prov_config = AksCompute.provisioning_configuration(cluster_purpose=AksCompute.ClusterPurpose.DEV_TEST)
    aks_name = 'myaks'
    aks_target = ComputeTarget.create(workspace=ws, name=aks_name, provisioning_configuration=prov_config)
    aks_target.wait_for_completion(show_output=True)
    assert aks_target.provisioning_state == "Succeeded"
    assert ws.location == "westus2", "kept on the workspace, as azureml-core's Workspace holds it"
    # "Attach an existing AKS cluster"
    resource_group = 'myresourcegroup'
    cluster_name = 'myexistingcluster'
    attach_config = AksCompute.attach_configuration(resource_group=resource_group, cluster_name=cluster_name)
    aks_target = ComputeTarget.attach(Workspace.from_config(), 'myaks2', attach_config)
    aks_target.wait_for_completion(show_output=True)
    assert aks_target.provisioning_state == "Succeeded"
    assert {t.name: t.location for t in ComputeTarget.list(ws)} == {"myaks": "westus2", "myaks2": "westus2"}
