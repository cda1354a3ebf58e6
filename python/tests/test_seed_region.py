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
def portal_notebook(tmp_path, monkeypatch, request):
    # The region Resource Manager gives the workspace; "" is a workspace it does not have.
    region = getattr(request, "param", "westus2")
    p = subprocess.Popen([EMULATOR, "--operation-ms", "100", "--retry-after", "0", "--workspace-location", region],
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
        yield p
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


def test_from_config_reads_the_workspace_and_its_region_from_resource_manager_at_once(portal_notebook):
    """azureml-core's from_config builds its Workspace with the service check: the region is
    known before any compute is made (it was None until the first create or attach)."""
    from akscompute import Workspace

    ws = Workspace.from_config()
    portal_notebook.kill()
    portal_notebook.wait()
    assert ws.location == "westus2", "read when the workspace was built, and kept (the service is gone now)"


def test_resource_managers_region_wins_over_config_json_as_in_azureml_core(portal_notebook, tmp_path):
    from akscompute import Workspace

    (tmp_path / "config.json").write_text(json.dumps({"subscription_id": SUB, "resource_group": "myresourcegroup",
                                                      "workspace_name": "myworkspace", "location": "eastus"}))
    assert Workspace.from_config().location == "westus2"
    assert Workspace.get("myworkspace", subscription_id=SUB, resource_group="myresourcegroup", location="eastus").location == "westus2"


@pytest.mark.parametrize("portal_notebook", [""], indirect=True)
def test_a_workspace_resource_manager_does_not_have_is_an_error_when_built(portal_notebook):
    from akscompute import ComputeTargetException, Workspace

    with pytest.raises(ComputeTargetException, match="no such workspace"):
        Workspace.from_config()
    with pytest.raises(ComputeTargetException, match="no such workspace"):
        Workspace.get("myworkspace", subscription_id=SUB, resource_group="myresourcegroup")


def test_a_workspace_built_without_a_region_asks_on_first_use_and_keeps_it(portal_notebook):
    """Workspace(...) itself reads nothing (as azureml-core's built without its service check):
    ws.location asks Resource Manager on first use, as azureml-core's property does."""
    from akscompute import Workspace

    ws = Workspace(SUB, "myresourcegroup", "myworkspace")
    other = Workspace(SUB, "myresourcegroup", "myworkspace")
    assert ws._location is None
    assert ws.location == "westus2"
    # Two handles on one workspace stay equal (and hash alike) once one has asked its region.
    assert ws == other and hash(ws) == hash(other) and other._location is None
    portal_notebook.kill()
    portal_notebook.wait()
    assert ws.location == "westus2"
    ws.location = "northeurope"
    assert ws.location == "northeurope"
