"""More of the samples, in their own code, against the emulator: the how-to page's cells (the
seeds: attach by resource group and cluster name with positional arguments, the internal load
balancer update, detach and re-attach with TLS) and the notebook cells test_samples.py leaves
out (an upper-case VM size, ComputeTarget(ws, name) positional, the deprecated
AksCompute.attach, delete after create)."""
import pytest

import akscompute
from conftest import SUB, HeaderAuth

AKS_RG = "myresourcegroup"
OLDER_API = "2025-12-01"


@pytest.fixture
def ws(notebook):
    from akscompute import Workspace

    ws = Workspace.from_config()
    ws.poll_interval = 0.02
    ws.api_version = OLDER_API
    return ws


def test_automl_cell_upper_case_vm_size(ws, capsys):
    from akscompute import AksCompute, ComputeTarget
    from akscompute import ComputeTargetException

    # auto-ml-classification-credit-card-fraud-local
    aks_name = "scoring-explain"
    try:
        aks_target = ComputeTarget(workspace=ws, name=aks_name)
        print("Found existing cluster, use it.")
    except ComputeTargetException:
        prov_config = AksCompute.provisioning_configuration(vm_size="STANDARD_D3_V2")
        aks_target = ComputeTarget.create(
            workspace=ws, name=aks_name, provisioning_configuration=prov_config
        )
    aks_target.wait_for_completion(show_output=True)
    assert aks_target.provisioning_state == "Succeeded"
    assert aks_target.agent_vm_size.lower() == "standard_d3_v2"


def test_app_insights_cells_positional_read_then_delete(ws):
    from akscompute import AksCompute, ComputeTarget, ComputeTargetException

    # enable-app-insights-in-production-service
    aks_name = "my-aks-insights"
    creating_compute = False
    try:
        aks_target = ComputeTarget(ws, aks_name)
        print("Using existing AKS compute target {}.".format(aks_name))
    except ComputeTargetException:
        print("Creating a new AKS compute target {}.".format(aks_name))
        prov_config = AksCompute.provisioning_configuration()
        aks_target = ComputeTarget.create(workspace=ws,
                                          name=aks_name,
                                          provisioning_configuration=prov_config)
        creating_compute = True
    if creating_compute and aks_target.provisioning_state != "Succeeded":
        aks_target.wait_for_completion(show_output=True)
    assert aks_target.provisioning_state == "Succeeded" and aks_target.provisioning_errors is None
    if creating_compute:
        aks_target.delete()
    aks_target.wait_for_completion(is_delete_operation=True)
    assert ComputeTarget.list(ws) == []


def test_how_to_page_attach_update_detach_reattach_with_tls(ws, pem_files, capsys):
    from akscompute import AksCompute, ComputeTarget
    from akscompute import AksUpdateConfiguration

    cert, key = pem_files
    # "Attach an existing AKS cluster"
    resource_group = AKS_RG
    cluster_name = 'myexistingcluster'
    attach_config = AksCompute.attach_configuration(resource_group=resource_group,
                                                    cluster_name=cluster_name)
    aks_target = ComputeTarget.attach(ws, 'myaks', attach_config)
    aks_target.wait_for_completion(show_output=True)
    assert aks_target.is_attached and aks_target.cluster_resource_id.lower().endswith(
        f"/resourcegroups/{AKS_RG}/providers/microsoft.containerservice/managedclusters/myexistingcluster")

    # "internal load balancer": update after attach
    aks_target = AksCompute(ws, "myaks")
    subnet_name = "default"
    update_config = AksUpdateConfiguration(None, "InternalLoadBalancer", subnet_name)
    aks_target.update(update_config)
    aks_target.wait_for_completion(show_output=True)
    assert (AksCompute(ws, "myaks").load_balancer_type, AksCompute(ws, "myaks").load_balancer_subnet) == ("InternalLoadBalancer", "default")

    # "Update the cluster": detach, then re-attach with TLS
    compute_target = ComputeTarget(workspace=ws, name="myaks")
    compute_target.detach()
    compute_target.wait_for_completion(show_output=True, is_delete_operation=True)
    attach_config = AksCompute.attach_configuration(resource_group=resource_group, cluster_name=cluster_name)
    attach_config.enable_ssl(ssl_cert_pem_file=cert, ssl_key_pem_file=key, ssl_cname="www.contoso.com")
    attach_config.validate_configuration()
    compute_target = ComputeTarget.attach(workspace=ws, name="myaks", attach_configuration=attach_config)
    compute_target.wait_for_completion(show_output=True)
    ssl = AksCompute(ws, "myaks").ssl_configuration
    assert (ssl.status, ssl.cname) == ("Enabled", "www.contoso.com")


def test_custom_certificate_at_provisioning(ws, pem_files):
    from akscompute import AksCompute, ComputeTarget

    cert, key = pem_files
    # production-deploy-to-aks: the commented-out custom certificate line
    provisioning_config = AksCompute.provisioning_configuration(ssl_cert_pem_file=cert, ssl_key_pem_file=key, ssl_cname="www.contoso.com")
    t = ComputeTarget.create(ws, "myaks-tls", provisioning_config)
    t.wait_for_completion()
    assert AksCompute(ws, "myaks-tls").ssl_configuration.cname == "www.contoso.com"


def test_deprecated_attach_says_what_azureml_core_says(ws):
    ref = pytest.importorskip("azureml.core.compute")
    from akscompute import AksCompute, ComputeTargetException

    rid = f"/subscriptions/{SUB}/resourceGroups/{AKS_RG}/providers/Microsoft.ContainerService/managedClusters/c1"
    with pytest.raises(Exception) as want:
        ref.AksCompute.attach(ws, "old", rid)
    with pytest.raises(ComputeTargetException) as got:
        AksCompute.attach(ws, "old", rid)
    assert type(want.value).__name__ == type(got.value).__name__
    assert got.value.message == want.value.message


@pytest.mark.parametrize("name", [5, b"my-aks", 3.5])
def test_a_name_that_is_no_text_is_caught_by_the_samples_handler(ws, name):
    from akscompute import AksCompute, ComputeTarget, ComputeTargetException

    with pytest.raises(ComputeTargetException, match="^name: a compute name is a str"):
        ComputeTarget(workspace=ws, name=name)
    with pytest.raises(ComputeTargetException, match="^name: "):
        AksCompute(ws, name)


def test_get_credentials_is_the_listkeys_answer_as_azureml_core_returns_it(ws):
    from akscompute import AksCompute, ComputeTarget

    t = ComputeTarget.create(ws, "creds-aks", AksCompute.provisioning_configuration())
    t.wait_for_completion()
    creds = t.get_credentials()
    # azureml-core returns the answer's JSON whole: these four keys, as the service writes them.
    assert sorted(creds) == ["adminKubeConfig", "computeType", "imagePullSecretName", "userKubeConfig"]
    assert creds["computeType"] == "AKS" and "creds-aks" in creds["userKubeConfig"]


def test_azureml_examples_setup_workspace_aks_loop_runs_twice(ws, capsys):
    """azureml-examples v1/python-sdk/setup-workspace.py: the AKS targets, created when
    ws.compute_targets lacks them, with the script's upper-case VM sizes."""
    from akscompute import AksCompute, ComputeTarget

    akscomputes = {
        "aks-cpu-deploy": {"vm_size": "STANDARD_DS3_V2", "agent_count": 3},
        "aks-gpu-deploy": {"vm_size": "STANDARD_NC6S_V3", "agent_count": 3},
    }
    for _ in range(2):
        for ct_name in akscomputes:
            if ct_name not in ws.compute_targets:
                compute_config = AksCompute.provisioning_configuration(
                    **akscomputes[ct_name]
                )
                ct = ComputeTarget.create(ws, ct_name, compute_config)
                ct.wait_for_completion(show_output=True)
    assert capsys.readouterr().out.count("Provisioning operation finished") == 2, "created once each"
    targets = ws.compute_targets
    assert sorted(targets) == ["aks-cpu-deploy", "aks-gpu-deploy"]
    assert all(type(t).__name__ == "AksCompute" and t.provisioning_state == "Succeeded" for t in targets.values())
