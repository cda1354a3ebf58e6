"""The compute cells of Microsoft's Azure ML sample notebooks (production-deploy-to-aks,
production-deploy-to-aks-ssl, production-deploy-to-aks-gpu), in the samples' own code, against
the emulator. Each runs two ways:

- ``migrated``: every import changed as MIGRATION.md says, the workspace from ``config.json``
  (``Workspace.from_config()``), the token from the Azure CLI (a stand-in ``az`` on PATH) and
  the endpoint from ``AKSCOMPUTE_ARM_ENDPOINT``;
- ``one_line``: azureml-core installed and used, only the compute import changed: the
  workspace is azureml-core's ``Workspace`` and ``ComputeTargetException`` comes from
  ``azureml.core.compute_target``, as the samples import it.
"""
import sys
import types

import pytest

import akscompute
import akscompute._auth
from conftest import SUB, HeaderAuth

AKS_RG = "aks-rg"
OLDER_API = "2025-12-01"


@pytest.fixture(params=["migrated", "one_line"])
def way(request, notebook):
    """The names a notebook's cells use, imported one way or the other, and its workspace."""
    if request.param == "migrated":
        from akscompute import AksCompute, ComputeTarget, ComputeTargetException, Workspace

        ws = Workspace.from_config()
    else:
        pytest.importorskip("azureml.core", reason="azureml-core is in the test venv (make setup-python)")
        from azureml.core import Workspace
        from azureml.core.compute_target import ComputeTargetException

        from akscompute import AksCompute, ComputeTarget  # the one changed line

        ws = Workspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth(notebook.token), _location="eastus", _disable_service_check=True)
    # The emulator's operations take 150 ms: poll faster than the 5 s a notebook would.
    ws.poll_interval = 0.02
    # The samples' names end in -<digits> (my-aks-9), which api-version 2026-07-01 refuses
    # (NAME008, tested below): these cells send the api-version before it.
    ws.api_version = OLDER_API
    return types.SimpleNamespace(name=request.param, ws=ws, AksCompute=AksCompute, ComputeTarget=ComputeTarget,
                                 ComputeTargetException=ComputeTargetException)


def create_if_missing_cell(ws, AksCompute, ComputeTarget, ComputeTargetException):
    """production-deploy-to-aks: "Verify that cluster does not exist already"."""
    # Choose a name for your AKS cluster
    aks_name = 'my-aks-9'

    # Verify that cluster does not exist already
    try:
        aks_target = ComputeTarget(workspace=ws, name=aks_name)
        print('Found existing cluster, use it.')
    except ComputeTargetException:
        # Use the default configuration (can also provide parameters to customize)
        prov_config = AksCompute.provisioning_configuration()

        # Create the cluster
        aks_target = ComputeTarget.create(workspace=ws,
                                          name=aks_name,
                                          provisioning_configuration=prov_config)

    if aks_target.get_status() != "Succeeded":
        aks_target.wait_for_completion(show_output=True)
    return aks_target


def test_create_if_missing_cell_runs_twice(way, capsys):
    first = create_if_missing_cell(way.ws, way.AksCompute, way.ComputeTarget, way.ComputeTargetException)
    out = capsys.readouterr().out
    assert "Found existing" not in out and 'Provisioning operation finished, operation "Succeeded"' in out
    assert isinstance(first, akscompute.AksCompute) and first.provisioning_state == "Succeeded"
    again = create_if_missing_cell(way.ws, way.AksCompute, way.ComputeTarget, way.ComputeTargetException)
    assert capsys.readouterr().out == "Found existing cluster, use it.\n"
    # ComputeTarget(workspace, name) is the typed compute, as in azureml-core.
    assert type(again) is akscompute.AksCompute and again.get_status() == "Succeeded" and not again.is_attached
    assert [type(t).__name__ for t in way.ComputeTarget.list(way.ws)] == ["AksCompute"]


def test_gpu_cell_then_delete(way, capsys):
    ws, AksCompute, ComputeTarget, ComputeTargetException = way.ws, way.AksCompute, way.ComputeTarget, way.ComputeTargetException
    # production-deploy-to-aks-gpu
    gpu_cluster_name = "aks-gpu-cluster"
    gpu_cluster_location = "eastus"
    try:
        gpu_cluster = ComputeTarget(workspace=ws, name=gpu_cluster_name)
        print("Found existing gpu cluster")
    except ComputeTargetException:
        print("Creating new gpu-cluster")
        compute_config = AksCompute.provisioning_configuration(cluster_purpose=AksCompute.ClusterPurpose.DEV_TEST,
                                                               agent_count=1,
                                                               vm_size="Standard_NC6s_v3",
                                                               location=gpu_cluster_location)
        gpu_cluster = ComputeTarget.create(ws, gpu_cluster_name, compute_config)
        gpu_cluster.wait_for_completion(show_output=True)
    assert capsys.readouterr().out.startswith("Creating new gpu-cluster\n")
    assert (gpu_cluster.cluster_purpose, gpu_cluster.agent_count, gpu_cluster.agent_vm_size) == ("DevTest", 1, "Standard_NC6s_v3")
    gpu_cluster.delete()
    gpu_cluster.wait_for_completion(is_delete_operation=True)
    with pytest.raises(ComputeTargetException, match="ComputeTargetNotFound"):
        ComputeTarget(workspace=ws, name=gpu_cluster_name)


def test_tls_cell(way):
    ws, AksCompute, ComputeTarget = way.ws, way.AksCompute, way.ComputeTarget
    # production-deploy-to-aks-ssl
    provisioning_config = AksCompute.provisioning_configuration()
    provisioning_config.enable_ssl(leaf_domain_label="contoso", overwrite_existing_domain=True)
    aks_name = 'my-aks-ssl-1'
    aks_target = ComputeTarget.create(workspace=ws,
                                      name=aks_name,
                                      provisioning_configuration=provisioning_config)
    aks_target.wait_for_completion(show_output=True)
    print(aks_target.provisioning_state)
    print(aks_target.provisioning_errors)
    assert aks_target.provisioning_state == "Succeeded" and aks_target.provisioning_errors is None
    ssl = ComputeTarget(workspace=ws, name=aks_name).ssl_configuration
    assert (ssl.leaf_domain_label, ssl.overwrite_existing_domain) == ("contoso", True)


def test_virtual_network_cell(way):
    ws, AksCompute, ComputeTarget = way.ws, way.AksCompute, way.ComputeTarget
    # production-deploy-to-aks: "set virtual network information", attributes after the call
    config = AksCompute.provisioning_configuration(location="eastus2")
    config.vnet_resourcegroup_name = "mygroup"
    config.vnet_name = "mynetwork"
    config.subnet_name = "default"
    config.service_cidr = "10.0.0.0/16"
    config.dns_service_ip = "10.0.0.10"
    config.docker_bridge_cidr = "172.17.0.1/16"
    aks_target = ComputeTarget.create(workspace=ws,
                                      name="myaks",
                                      provisioning_configuration=config)
    aks_target.wait_for_completion(show_output=True)
    assert aks_target.provisioning_state == "Succeeded" and aks_target.cluster_location == "eastus2"


def test_virtual_network_mistake_set_as_attribute_is_caught_by_the_samples_handler(way):
    ws, AksCompute, ComputeTarget, ComputeTargetException = way.ws, way.AksCompute, way.ComputeTarget, way.ComputeTargetException
    config = AksCompute.provisioning_configuration(location="eastus2")
    config.vnet_resourcegroup_name = "mygroup"
    config.vnet_name = "mynetwork"
    config.subnet_name = "default"
    config.service_cidr = "10.0.0.0/16"
    config.dns_service_ip = "10.1.0.10"  # outside the service CIDR
    config.docker_bridge_cidr = "172.17.0.1/16"
    try:
        ComputeTarget.create(workspace=ws, name="myaks", provisioning_configuration=config)
    except ComputeTargetException as e:  # the samples' handler catches akscompute's refusal
        assert "NET003" in e.message and [d.code for d in e.diagnostics if d.severity == "error"] == ["NET003"]
    else:
        pytest.fail("the configuration was sent")
    assert way.ComputeTarget.list(ws) == []


def test_attach_cell(way):
    ws, AksCompute, ComputeTarget = way.ws, way.AksCompute, way.ComputeTarget
    # production-deploy-to-aks: attach an existing cluster
    resource_id = f'/subscriptions/{SUB}/resourcegroups/{AKS_RG}/providers/Microsoft.ContainerService/managedClusters/my-aks-0605d37425356b7d01'
    create_name = 'my-existing-aks'
    attach_config = AksCompute.attach_configuration(resource_id=resource_id)
    aks_target = ComputeTarget.attach(workspace=ws, name=create_name, attach_configuration=attach_config)
    aks_target.wait_for_completion(True)
    assert aks_target.is_attached and aks_target.cluster_resource_id.lower() == resource_id.lower()


def test_workspace_cell_from_config(notebook, capsys):
    from akscompute import Workspace  # from azureml.core.workspace import Workspace

    ws = Workspace.from_config()
    print(ws.name, ws.resource_group, ws.location, ws.subscription_id, sep='\n')
    assert capsys.readouterr().out == f"ml-ws\nml-rg\neastus\n{SUB}\n"
    assert akscompute.ComputeTarget.list(ws) == [] and akscompute.ComputeTarget.list(ws) == []
    # The Azure CLI's token is fetched once and reused until it expires.
    calls = notebook.calls.read_text().splitlines()
    assert len(calls) == 1 and calls[0].startswith("account get-access-token --resource ")


def test_without_az_or_azure_identity_the_error_says_what_to_do(notebook, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    # from_config reads the workspace from Resource Manager (as azureml-core's does): it needs the token first.
    with pytest.raises(akscompute.ComputeTargetException) as e:
        akscompute.Workspace.from_config()
    assert "az login" in e.value.message and "azure-identity" in e.value.message
    ws = akscompute.Workspace(SUB, "ml-rg", "ml-ws", "eastus")
    with pytest.raises(akscompute.ComputeTargetException) as e:
        akscompute.ComputeTarget.list(ws)
    assert "az login" in e.value.message and "azure-identity" in e.value.message


def test_one_line_change_catches_azureml_exceptions_everywhere(way):
    """An invalid configuration, a missing compute, a client failure: all are azureml-core's
    ComputeTargetException too, with akscompute's .message and .diagnostics."""
    if way.name != "one_line":
        pytest.skip("azureml-core's classes only")
    from azureml.exceptions import AzureMLException, ComputeTargetException, UserErrorException

    with pytest.raises(ComputeTargetException) as e:
        way.AksCompute.provisioning_configuration(agent_count=-1)
    assert isinstance(e.value, akscompute.ComputeTargetException) and isinstance(e.value, AzureMLException)
    assert e.value.message.startswith("Invalid configuration (1 error)") and e.value.diagnostics[0].code == "CAP005"
    assert str(e.value) == e.value.message
    with pytest.raises(ComputeTargetException, match="ComputeTargetNotFound"):
        way.AksCompute(way.ws, "nope")
    bad = type(way.ws)(SUB, "ml-rg", "ml-ws", auth=HeaderAuth("wrong"), _location="eastus", _disable_service_check=True)
    with pytest.raises(ComputeTargetException) as e:
        way.ComputeTarget.list(bad)
    assert isinstance(e.value, akscompute.ClientFailure) and e.value.code == "arm" and "wrong" not in e.value.message
    akscompute.set_profile("sdk")
    with pytest.raises(UserErrorException, match="local is a reserved name"):
        way.ComputeTarget.create(way.ws, "local", way.AksCompute.provisioning_configuration())
    assert "azureml.exceptions" in sys.modules


def test_the_samples_names_are_refused_under_the_newest_api_version_before_anything_is_sent(notebook):
    from akscompute import AksCompute, ComputeTarget, ComputeTargetException, Workspace

    ws = Workspace.from_config()
    with pytest.raises(ComputeTargetException) as e:
        ComputeTarget.create(workspace=ws, name="my-aks-9", provisioning_configuration=AksCompute.provisioning_configuration())
    assert [d.code for d in e.value.diagnostics if d.severity == "error"] == ["NAME008"] and "2026-07-01" in e.value.message
    assert ComputeTarget.list(ws) == []
