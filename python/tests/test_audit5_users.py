"""Fifth outside audit (s9e): code real users wrote, outside Microsoft's sample notebooks. Each
usage below makes the calls its source makes, with its arguments, restated (not copied); each runs
through azureml-core 1.61 and through the drop-in in the same interpreter and must agree at
configuration time (raise or not, the exception's class and message), in the attributes the code
reads back, and in the create/attach payload; then its whole flow runs against the emulator.

Sources (repository, path; a commit where the usage is only in the history):

 1. Azure/aml-compute  code/utils.py ``create_aks_cluster`` (the GitHub Action), with its
    parameter files .cloud/.azure/test/test_aks_compute.json and .cloud/.azure/aks_compute.json
 2. rebremer/blog-mlopsapim-git  pipelines/scripts/german-credit-aksprivate.py
 3. dacchampion/rappi_mle_poc  deploy_src/create_aks.py
 4. dacchampion/rappi_mle_poc  deploy_src/attach_aks_to_cluster.py
 5. microsoft/DeepSpeed-MII  examples/azure-aks/aks_utils.py (at e7e3ca2, removed in 0bdcaab)
 6. microsoft/computervision-recipes  scenarios/classification/22_deployment_on_azure_kubernetes_service.ipynb
 7. microsoft/computervision-recipes  scenarios/detection/20_deployment_on_kubernetes.ipynb
 8. microsoft/recommenders  examples/05_operationalize/als_movie_o16n.ipynb
 9. microsoft/recommenders  examples/05_operationalize/lightgbm_criteo_o16n.ipynb
10. microsoft/ai-utilities  azure_utils/machine_learning/contexts/realtime_score_context.py
    (``get_or_create_aks``: 6 x Standard_D2_v2, the GPU context's Standard_NC6)
11. microsoft/ai-utilities  same file, ``FPGARealtimeScore.create_aks`` (1 x Standard_PB6s)
12. microsoft/MLOpsPython  aml_service/archived/51-deployOnAks.py (at 54dcf26, removed in 7e6a2a0)
13. microsoft/nlp-recipes  examples/sentence_similarity/automl_with_pipelines_deployment_aks.ipynb
14-18. files the code search index holds without naming their repository (ids are the index's):
    14. 37032910614 a deploy script: ``AksCompute(ws, name)`` in a bare try, then
        ``provisioning_configuration(cluster_purpose='DevTest')`` (the string, not the constant)
    15. 42927631834 a deploy script: ``AksCompute.create(ws, name, config)`` with one
        ``STANDARD_A2`` node, DevTest
    16. 26111342152 a GPU deploy script: ``attach_configuration(resource_group=...,
        cluster_name=..., cluster_purpose=DEV_TEST)``
    17. 47279621477 a Databricks notebook: ``attach_configuration(resource_id=...)`` with the
        resource id written ``/resourcegroups/`` (lower case), attached as ``wine-endpoint-1``
    18. 14228236399 a helper module: ``attach_configuration(resource_id=...,
        cluster_purpose=None)``

Findings are tests marked ``xfail(strict=True)`` with the reason (the lead routes them).
"""
import json
import os
import types
import urllib.error
import urllib.request

import pytest

pytest.importorskip("azureml.core.compute", reason="azureml-core is the reference (make setup-python)")
from azureml.core.compute import AksCompute as RefAks  # noqa: E402

import akscompute  # noqa: E402
from akscompute import AksCompute as NewAks  # noqa: E402
from conftest import SUB, HeaderAuth  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "core", "tests", "fixtures")
CERT, KEY = os.path.join(FIXTURES, "ec_a.crt"), os.path.join(FIXTURES, "ec_a.key")
# The names some users give end in -<digits>, which the newest api-version refuses (NAME008).
OLDER_API = "2025-12-01"


# ---- configuration-time usages: each takes the implementation's AksCompute -----------------

def aml_compute_action(aks, parameters):
    """1: the Action builds the configuration from a JSON file of parameters, the networking
    CIDRs in the constructor, and sets the rest as attributes when all of a group is given."""
    p = parameters
    config = aks.provisioning_configuration(agent_count=p.get("agent_count", None), vm_size=p.get("vm_size", None),
                                            location=p.get("location", None), service_cidr=p.get("service_cidr", None),
                                            dns_service_ip=p.get("dns_service_ip", None), docker_bridge_cidr=p.get("docker_bridge_cidr", None))
    purpose = p.get("cluster_purpose", "").lower()
    if "dev" in purpose or "test" in purpose:
        config.cluster_purpose = aks.ClusterPurpose.DEV_TEST
    if p.get("vnet_resource_group_name") and p.get("vnet_name") and p.get("subnet_name"):
        config.vnet_resourcegroup_name, config.vnet_name, config.subnet_name = p["vnet_resource_group_name"], p["vnet_name"], p["subnet_name"]
    if p.get("ssl_cname") and p.get("ssl_cert_pem_file") and p.get("ssl_key_pem_file"):
        config.ssl_cname, config.ssl_cert_pem_file, config.ssl_key_pem_file = p["ssl_cname"], p["ssl_cert_pem_file"], p["ssl_key_pem_file"]
    if p.get("load_balancer_type") == "InternalLoadBalancer" and p.get("load_balancer_subnet"):
        config.load_balancer_type, config.load_balancer_subnet = p["load_balancer_type"], p["load_balancer_subnet"]
    return config


ACTION_TEST_PARAMETERS = {"name": "aks-intTest", "compute_type": "akscluster", "agent_count": 3, "vm_size": "Standard_D3_v2",
                          "location": "southcentralUS"}
# The template filled in: the CIDRs reach the constructor without the network's name, which
# azureml-core refuses at once (so does the drop-in: NET001, same message under "sdk").
ACTION_TEMPLATE_FILLED = dict(ACTION_TEST_PARAMETERS, service_cidr="10.0.0.0/16", dns_service_ip="10.0.0.10",
                              docker_bridge_cidr="172.17.0.1/16", cluster_purpose="DevTest", vnet_resource_group_name="net-rg",
                              vnet_name="vnet1", subnet_name="aks", ssl_cname="www.contoso.com", ssl_cert_pem_file=CERT,
                              ssl_key_pem_file=KEY, load_balancer_type="InternalLoadBalancer", load_balancer_subnet="aks")
ACTION_NO_NETWORK = {k: v for k, v in ACTION_TEMPLATE_FILLED.items() if k not in ("service_cidr", "dns_service_ip", "docker_bridge_cidr",
                                                                                 "vnet_resource_group_name", "vnet_name", "subnet_name")}


def private_aks(aks):
    """2: internal load balancer in the constructor, the network set as attributes after."""
    config = aks.provisioning_configuration(load_balancer_type="InternalLoadBalancer")
    config.vnet_resourcegroup_name = "mlops-rg"
    config.vnet_name = "mlops-vnet"
    config.service_cidr = "10.1.0.0/16"
    config.dns_service_ip = "10.1.0.10"
    config.subnet_name = "aks"
    config.load_balancer_subnet = "aks"
    config.docker_bridge_cidr = "172.17.0.1/16"
    return config


CREATE = {
    "aml-compute-test-parameters": lambda aks: aml_compute_action(aks, ACTION_TEST_PARAMETERS),
    "aml-compute-template-filled": lambda aks: aml_compute_action(aks, ACTION_TEMPLATE_FILLED),
    "aml-compute-template-no-network": lambda aks: aml_compute_action(aks, ACTION_NO_NETWORK),
    "mlopsapim-private": private_aks,
    "rappi-default": lambda aks: aks.provisioning_configuration(),
    "deepspeed-mii-nc6-promo": lambda aks: aks.provisioning_configuration(vm_size="Standard_NC6_Promo"),
    "cv-recipes-classification-cpu": lambda aks: aks.provisioning_configuration(vm_size="Standard_D3_v2", agent_count=3),
    "cv-recipes-detection-gpu": lambda aks: aks.provisioning_configuration(vm_size="STANDARD_NC6", agent_count=3),
    "ai-utilities-cpu": lambda aks: aks.provisioning_configuration(agent_count=6, vm_size="Standard_D2_v2", location="eastus"),
    "ai-utilities-gpu": lambda aks: aks.provisioning_configuration(agent_count=6, vm_size="Standard_NC6", location="eastus"),
    "ai-utilities-fpga": lambda aks: aks.provisioning_configuration(vm_size="Standard_PB6s", agent_count=1, location="eastus"),
    "mlopspython-f4s": lambda aks: aks.provisioning_configuration(agent_count=6, vm_size="Standard_F4s", location="eastus"),
    "index-devtest-string": lambda aks: aks.provisioning_configuration(cluster_purpose="DevTest"),
    "index-one-a2-devtest": lambda aks: aks.provisioning_configuration(agent_count=1, cluster_purpose=aks.ClusterPurpose.DEV_TEST,
                                                                       vm_size="STANDARD_A2"),
}

ATTACH = {
    "rappi-attach": lambda aks: aks.attach_configuration(resource_group="rappi_rg", cluster_name="rappi-cp-cluster"),
    "index-gpu-attach-devtest": lambda aks: aks.attach_configuration(resource_group="gpu-rg", cluster_name="gpu-aks",
                                                                     cluster_purpose=aks.ClusterPurpose.DEV_TEST),
    "index-databricks-lower-case-id": lambda aks: aks.attach_configuration(
        resource_id=f"/subscriptions/{SUB}/resourcegroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/wine-aks"),
    "index-helper-purpose-none": lambda aks: aks.attach_configuration(
        resource_id=f"/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks1", cluster_purpose=None),
}

# Where the drop-in is stricter under its default profile, the rule that says so.
STRICTER = {"ai-utilities-fpga": ["CAP003"]}

CREATE_ATTRS = ["agent_count", "vm_size", "location", "ssl_cname", "ssl_cert_pem_file", "ssl_key_pem_file", "leaf_domain_label",
                "overwrite_existing_domain", "vnet_resourcegroup_name", "vnet_name", "subnet_name", "service_cidr", "dns_service_ip",
                "docker_bridge_cidr", "cluster_purpose", "load_balancer_type", "load_balancer_subnet"]
ATTACH_ATTRS = ["resource_group", "cluster_name", "resource_id", "cluster_purpose", "ssl_cname", "ssl_cert_pem_file", "ssl_key_pem_file",
                "leaf_domain_label", "overwrite_existing_domain", "load_balancer_type", "load_balancer_subnet"]


def outcome(f):
    try:
        return ("ok", f())
    except Exception as e:  # either side may raise anything; the comparison says whether alike
        return (type(e).__name__, getattr(e, "message", None) or str(e))


def payload(kind, config, ref_config):
    """The create or attach payload of ``config``, built by its own package's AksCompute (the
    resource ID of an attach as azureml-core builds it, for both)."""
    builder = NewAks if type(config).__module__.startswith("akscompute") else RefAks
    if kind == "create":
        return builder._build_create_payload(config, "eastus", SUB)
    rid = ref_config.resource_id or RefAks._build_resource_id(SUB, ref_config.resource_group, ref_config.cluster_name)
    return builder._build_attach_payload(config, rid)


CASES = [("create", k) for k in CREATE] + [("attach", k) for k in ATTACH]


@pytest.mark.parametrize("kind,usage", CASES, ids=[u for _, u in CASES])
def test_under_the_sdk_profile_each_usage_is_azureml_cores(kind, usage):
    akscompute.set_profile("sdk")
    build = (CREATE if kind == "create" else ATTACH)[usage]
    ref, new = outcome(lambda: build(RefAks)), outcome(lambda: build(NewAks))
    assert (ref[0], ref[1] if ref[0] != "ok" else None) == (new[0], new[1] if new[0] != "ok" else None)
    if ref[0] != "ok":
        return
    attrs = CREATE_ATTRS if kind == "create" else ATTACH_ATTRS
    assert {a: getattr(new[1], a) for a in attrs} == {a: getattr(ref[1], a) for a in attrs}
    assert outcome(lambda: payload(kind, new[1], ref[1])) == outcome(lambda: payload(kind, ref[1], ref[1]))


@pytest.mark.parametrize("kind,usage", CASES, ids=[u for _, u in CASES])
def test_under_the_default_profile_a_difference_is_a_cited_rule(kind, usage, recwarn):
    build = (CREATE if kind == "create" else ATTACH)[usage]
    ref, new = outcome(lambda: build(RefAks)), outcome(lambda: build(NewAks))
    if usage in STRICTER:
        assert ref[0] == "ok" and new[0] == "ComputeTargetException"
        with pytest.raises(akscompute.ComputeTargetException) as e:
            build(NewAks)
        assert [d.code for d in e.value.diagnostics if d.severity == "error"] == STRICTER[usage]
        return
    assert ref[0] == new[0], (ref, new)
    if ref[0] == "ok":
        assert outcome(lambda: payload(kind, new[1], ref[1])) == outcome(lambda: payload(kind, ref[1], ref[1]))
    else:
        # The message names the rule; the class is azureml-core's.
        assert "NET001" in new[1], new[1]


def test_the_action_templates_mistake_is_refused_alike_and_named():
    """The filled-in template of source 1 gives the CIDRs without the network's name: azureml-core
    refuses in the constructor; the drop-in names the missing settings (NET001)."""
    with pytest.raises(Exception) as want:
        aml_compute_action(RefAks, ACTION_TEMPLATE_FILLED)
    with pytest.raises(akscompute.ComputeTargetException) as got:
        aml_compute_action(NewAks, ACTION_TEMPLATE_FILLED)
    assert type(want.value).__name__ == "ComputeTargetException"
    assert [d.code for d in got.value.diagnostics] == ["NET001"]
    assert "name, resource_group, subnet" in got.value.message


# ---- the flows, against the emulator ---------------------------------------------------------

@pytest.fixture
def emu(emulator, monkeypatch):
    endpoint, token = emulator
    monkeypatch.setenv("AKSCOMPUTE_ARM_ENDPOINT", endpoint)
    ws = akscompute.Workspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth(token), location="eastus", poll_interval=0.02, api_version=OLDER_API)
    return types.SimpleNamespace(ws=ws, endpoint=endpoint, token=token)


def test_aml_compute_action_flow(emu, capsys):
    from akscompute import ComputeTarget, ComputeTargetException

    ws, p = emu.ws, ACTION_TEST_PARAMETERS
    try:
        compute = ComputeTarget(workspace=ws, name=p["name"])
    except ComputeTargetException:
        config = aml_compute_action(NewAks, p)
        compute = ComputeTarget.create(workspace=ws, name=p["name"], provisioning_configuration=config)
        compute.wait_for_completion(show_output=True)
    compute.wait_for_completion(show_output=True)
    assert compute.provisioning_state == "Succeeded"
    again = ComputeTarget(workspace=ws, name=p["name"])
    assert (again.agent_count, again.agent_vm_size, again.cluster_location.lower()) == (3, "Standard_D3_v2", "southcentralus")


def test_private_aks_flow_reads_the_internal_load_balancer_back(emu):
    from akscompute import ComputeTarget

    target = ComputeTarget.create(workspace=emu.ws, name="german-credit-aks", provisioning_configuration=private_aks(NewAks))
    target.wait_for_completion(show_output=True)
    back = NewAks(emu.ws, "german-credit-aks")
    assert (back.provisioning_state, back.load_balancer_type, back.load_balancer_subnet) == ("Succeeded", "InternalLoadBalancer", "aks")


def test_compute_targets_membership_flow_runs_twice(emu, capsys):
    """6: ``if name not in ws.compute_targets: create ... else: ws.compute_targets[name]``."""
    from akscompute import ComputeTarget

    ws = emu.ws
    for _ in range(2):
        aks_name = "imgclass-aks-cpu"
        if aks_name not in ws.compute_targets:
            prov_config = NewAks.provisioning_configuration(vm_size="Standard_D3_v2", agent_count=3)
            aks_target = ComputeTarget.create(workspace=ws, name=aks_name, provisioning_configuration=prov_config)
            aks_target.wait_for_completion(show_output=True)
            print(f"created {aks_target.name}")
        else:
            aks_target = ws.compute_targets[aks_name]
            print(f"retrieved {aks_target.name}")
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith(("created", "retrieved"))]
    assert lines == ["created imgclass-aks-cpu", "retrieved imgclass-aks-cpu"]
    assert type(aks_target) is NewAks and aks_target.provisioning_state == "Succeeded"


def test_mlopspython_calls_compute_targets_as_a_method_and_falls_back_to_create(emu):
    """12: ``ws.compute_targets()`` was a method in early SDKs; in azureml-core 1.61 it is a dict
    and calling it raises TypeError, which the script's bare ``except`` turns into a create."""
    from akscompute import ComputeTarget

    ws = emu.ws
    with pytest.raises(TypeError):
        ws.compute_targets()
    try:
        compute_list = ws.compute_targets()
        aks_target, = (c for c in compute_list if c.name == "aks120206")
    except Exception:  # the script's bare except
        prov_config = NewAks.provisioning_configuration(agent_count=6, vm_size="Standard_F4s", location="eastus")
        aks_target = ComputeTarget.create(workspace=ws, name="aks120206", provisioning_configuration=prov_config)
        aks_target.wait_for_completion(show_output=True)
    assert (aks_target.provisioning_state, aks_target.provisioning_errors) == ("Succeeded", None)


def test_ai_utilities_get_or_create_runs_twice(emu):
    ws = emu.ws
    for _ in range(2):
        if "aks-score" in ws.compute_targets:
            target = NewAks(ws, "aks-score")
        else:
            config = NewAks.provisioning_configuration(agent_count=6, vm_size="Standard_D2_v2", location="eastus")
            target = akscompute.ComputeTarget.create(workspace=ws, name="aks-score", provisioning_configuration=config)
            target.wait_for_completion(show_output=True)
    assert (target.get_status(), target.agent_count, target.agent_vm_size) == ("Succeeded", 6, "Standard_D2_v2")


def test_deepspeed_mii_get_target_then_index_create_through_akscompute_class(emu):
    from akscompute import ComputeTarget, ComputeTargetException

    ws = emu.ws
    try:
        ComputeTarget(workspace=ws, name="V100-node")
    except ComputeTargetException:
        target = ComputeTarget.create(workspace=ws, name="V100-node",
                                      provisioning_configuration=NewAks.provisioning_configuration(vm_size="Standard_NC6_Promo"))
        target.wait_for_completion(show_output=True)
    # 15: the create called through the subclass, as azureml-core allows (an inherited static).
    one = NewAks.create(ws, "devtest-a2", NewAks.provisioning_configuration(agent_count=1, cluster_purpose=NewAks.ClusterPurpose.DEV_TEST,
                                                                             vm_size="STANDARD_A2"))
    one.wait_for_completion(show_output=True)
    assert [(t.name, t.provisioning_state) for t in sorted(ComputeTarget.list(ws), key=lambda t: t.name)] == [
        ("V100-node", "Succeeded"), ("devtest-a2", "Succeeded")]
    assert NewAks(ws, "devtest-a2").cluster_purpose == "DevTest"


def test_attach_usages_then_detach(emu):
    from akscompute import ComputeTarget

    ws = emu.ws
    for name, usage in [("titanicaks", "rappi-attach"), ("gpu-cluster", "index-gpu-attach-devtest"),
                        ("wine-endpoint-1", "index-databricks-lower-case-id"), ("aks-helper", "index-helper-purpose-none")]:
        target = ComputeTarget.attach(ws, name, ATTACH[usage](NewAks))
        target.wait_for_completion(show_output=True)
        assert target.provisioning_state == "Succeeded" and target.is_attached, usage
    assert NewAks(ws, "gpu-cluster").cluster_purpose == "DevTest"
    assert NewAks(ws, "wine-endpoint-1").cluster_resource_id.lower().endswith("/managedclusters/wine-aks")
    for t in ComputeTarget.list(ws):
        t.detach()
        t.wait_for_completion(is_delete_operation=True)
    assert ComputeTarget.list(ws) == []


# ---- azureml-core itself against the emulator ------------------------------------------------

class _EmulatorAuth:
    """What azureml-core asks of its auth object, pointed at the emulator (its Resource Manager
    endpoint, the bearer header)."""

    def __init__(self, endpoint, token):
        self._endpoint, self._token = endpoint, token

    def get_authentication_header(self):
        return {"Authorization": "Bearer " + self._token}

    def _get_cloud_type(self):
        return types.SimpleNamespace(name="AzureCloud", endpoints=types.SimpleNamespace(resource_manager=self._endpoint + "/"))


def reference_workspace(emu, monkeypatch):
    import time

    import azureml.core.compute.compute as reference_compute
    from azureml.core import Workspace

    # azureml-core polls every 5 s (time.sleep(5)); the emulator's operations take 150 ms.
    sleep = time.sleep
    monkeypatch.setattr(reference_compute, "time", types.SimpleNamespace(sleep=lambda _s: sleep(0.02), time=time.time))

    from azureml.core.authentication import AbstractAuthentication

    auth = type("EmulatorAuth", (_EmulatorAuth, AbstractAuthentication), {})(emu.endpoint, emu.token)
    ws = Workspace(SUB, "ml-rg", "ml-ws", auth=auth, _location="eastus", _disable_service_check=True)
    # azureml-core finds the compute endpoint by service discovery; the emulator is that endpoint.
    ws._service_context = types.SimpleNamespace(_get_api_url=lambda: emu.endpoint)
    return ws


READ_BACK = ["name", "provisioning_state", "provisioning_errors", "is_attached", "cluster_resource_id", "cluster_location",
             "agent_count", "agent_vm_size", "cluster_purpose", "load_balancer_type", "load_balancer_subnet"]


# azureml-core's own create and attach of every usage, at its own api-version (2020-02-02), read
# back by azureml-core and by the drop-in: the differential of the flows. (Findings A and B of
# this audit stopped it until the emulator answered every AKS key azureml-core reads and took
# what 1.61 sends at 2020-02-02: tests/emulator/tests/fidelity.rs.)
CREATE_OK = [u for u in CREATE if u != "aml-compute-template-filled"]


@pytest.mark.parametrize("usage", CREATE_OK)
def test_azureml_cores_own_create_reads_back_as_through_the_drop_in(emu, usage, monkeypatch):
    from azureml.core.compute import ComputeTarget as RefTarget

    ref_ws, name = reference_workspace(emu, monkeypatch), "user-aks"
    RefTarget.create(ref_ws, name, CREATE[usage](RefAks)).wait_for_completion(show_output=False)
    ref, new = RefTarget(ref_ws, name), NewAks(emu.ws, name)
    assert ref.provisioning_state == "Succeeded"
    assert {a: getattr(new, a) for a in READ_BACK} == {a: getattr(ref, a) for a in READ_BACK}


@pytest.mark.parametrize("usage", list(ATTACH))
def test_azureml_cores_own_attach_reads_back_as_through_the_drop_in(emu, usage, monkeypatch):
    from azureml.core.compute import ComputeTarget as RefTarget

    ref_ws, name = reference_workspace(emu, monkeypatch), "user-attached"
    RefTarget.attach(ref_ws, name, ATTACH[usage](RefAks)).wait_for_completion(show_output=False)
    ref, new = RefTarget(ref_ws, name), NewAks(emu.ws, name)
    assert ref.is_attached is True and ref.provisioning_state == "Succeeded"
    assert {a: getattr(new, a) for a in READ_BACK} == {a: getattr(ref, a) for a in READ_BACK}


def test_the_emulator_does_not_return_the_private_key_it_was_sent(emu):
    config = NewAks.provisioning_configuration(ssl_cert_pem_file=CERT, ssl_key_pem_file=KEY, ssl_cname="www.contoso.com")
    akscompute.ComputeTarget.create(emu.ws, "tls-aks", config).wait_for_completion()
    url = (f"{emu.endpoint}/subscriptions/{SUB}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws/"
           f"computes/tls-aks?api-version={OLDER_API}")
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + emu.token})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = json.loads(r.read())
    ssl = body["properties"]["properties"]["sslConfiguration"]
    assert ssl["cname"] == "www.contoso.com"
    assert "PRIVATE KEY" not in json.dumps(body)


def test_aml_compute_action_run_twice_fails_where_azureml_core_fails(emu):
    """1, second run: the Action finds the compute and waits on it. A compute read with
    ``ComputeTarget(ws, name)`` has no operation to poll; azureml-core raises "Long running
    operation information not known" there (compute.py wait_for_completion, 'No operation
    endpoint'), so the Action's second run fails; the drop-in does the same, word for word."""
    from azureml.exceptions import ComputeTargetException  # the Action's import

    from akscompute import ComputeTarget

    p = ACTION_TEST_PARAMETERS
    ComputeTarget.create(emu.ws, p["name"], aml_compute_action(NewAks, p)).wait_for_completion()
    compute = ComputeTarget(workspace=emu.ws, name=p["name"])
    with pytest.raises(ComputeTargetException) as e:
        compute.wait_for_completion(show_output=True)
    assert e.value.message == "Long running operation information not known, unable to poll. Current state is Succeeded"


def test_the_actions_handler_catches_a_refusal_in_the_one_line_way(emu, recwarn):
    """1 and 11: the Action wraps create and wait in ``except ComputeTargetException`` imported
    from azureml.exceptions; the drop-in's refusal (CAP003) is caught there, nothing sent."""
    from azureml.exceptions import ComputeTargetException

    from akscompute import ComputeTarget

    caught = None
    try:
        t = ComputeTarget.create(workspace=emu.ws, name="fpga-aks", provisioning_configuration=CREATE["ai-utilities-fpga"](NewAks))
        t.wait_for_completion(show_output=True)
    except ComputeTargetException as exception:
        caught = exception
    assert caught is not None and "CAP003" in caught.message
    assert ComputeTarget.list(emu.ws) == []


def test_mlops_template_compute_targets_get_and_type_check_runs_twice(emu):
    """A template's helper (index 28640489412): ``workspace.compute_targets.get(name)``, then
    ``type(target) is AksCompute`` before reusing it; a dev/test cluster otherwise."""
    from akscompute import AksCompute, ComputeTarget

    made = []
    for _ in range(2):
        aks_target = emu.ws.compute_targets.get("mlops-aks")
        if aks_target is not None and type(aks_target) is AksCompute:
            continue
        prov_config = AksCompute.provisioning_configuration(cluster_purpose=AksCompute.ClusterPurpose.DEV_TEST)
        aks_target = ComputeTarget.create(workspace=emu.ws, name="mlops-aks", provisioning_configuration=prov_config)
        aks_target.wait_for_completion(show_output=True)
        made.append(aks_target.name)
    assert made == ["mlops-aks"]


def test_the_docs_detach_then_wait_raises_not_found_as_azureml_core_does(emu):
    """The re-attach snippet users copy: ``detach()`` then ``wait_for_completion(show_output=True)``
    without ``is_delete_operation``. azureml-core reads the compute again after the wait
    (refresh_state builds ``AksCompute(ws, name)``), which is gone: ComputeTargetNotFound."""
    from akscompute import ComputeTarget, ComputeTargetException

    ComputeTarget.attach(emu.ws, "myaks", ATTACH["rappi-attach"](NewAks)).wait_for_completion()
    compute_target = ComputeTarget(workspace=emu.ws, name="myaks")
    compute_target.detach()
    with pytest.raises(ComputeTargetException, match="^ComputeTargetNotFound: Compute Target with name myaks not found"):
        compute_target.wait_for_completion(show_output=True)
    # The snippet goes on to attach again: it works once the detach is done.
    again = ComputeTarget.attach(emu.ws, "myaks", ATTACH["rappi-attach"](NewAks))
    again.wait_for_completion()
    assert again.provisioning_state == "Succeeded"


# Sizes Azure no longer offers, in the users' code: the core's own catalog knows them as retired
# (core/data/vm-sizes.csv: rows whose source is not the newest autoscaler revision, 03e49d9;
# /work/shared/reference/vm-sizes/SOURCES.md names NC/NC_Promo v1, PB6s, A0-A11 among them).
# Found by this audit; CAP010 (s9g) now says it. ai-utilities-fpga is refused at construction
# (CAP003, one node), so its CAP010 is checked by the shared vectors (audit5-users.json), not here.
RETIRED_IN_USERS_CODE = ["deepspeed-mii-nc6-promo", "cv-recipes-detection-gpu", "ai-utilities-gpu", "index-one-a2-devtest"]


@pytest.mark.parametrize("usage", RETIRED_IN_USERS_CODE)
def test_a_retired_vm_size_is_said_before_sending(usage):
    diagnostics = CREATE[usage](NewAks).diagnostics()
    assert any(d.code == "CAP010" and list(d.path) == ["vm_size"] and d.severity == "warning" for d in diagnostics), diagnostics


@pytest.mark.parametrize("kind,usage", CASES, ids=[u for _, u in CASES])
def test_in_place_each_usage_is_judged_as_by_the_drop_in(kind, usage, recwarn):
    """MIGRATION's third way: the users' code unchanged, ``patch_azureml()`` first. Every usage
    passes or fails as through the drop-in, with the same codes, in azureml-core's class."""
    from azureml.exceptions import ComputeTargetException as RefException

    build = (CREATE if kind == "create" else ATTACH)[usage]

    def codes(f):
        try:
            config = f()
            config.validate_configuration()
            return "ok", []
        except Exception as e:  # the class is compared below
            return type(e), sorted(d.code for d in getattr(e, "diagnostics", None) or [] if d.severity == "error")

    new = codes(lambda: build(NewAks))
    akscompute.patch_azureml()
    try:
        ref = codes(lambda: build(RefAks))
    finally:
        akscompute.unpatch_azureml()
    assert ref[1] == new[1]
    assert (ref[0] == "ok") == (new[0] == "ok") and (ref[0] == "ok" or issubclass(ref[0], RefException))


def test_the_actions_config_file_written_by_azureml_core_is_found(emu, tmp_path):
    """1: Azure/aml-workspace writes the workspace's config with azureml-core's ``write_config(path,
    file_name="aml_arm_config.json")`` (into ``.azureml/``); the compute Action reads it back with
    ``Workspace.from_config(path=GITHUB_WORKSPACE, _file_name="aml_arm_config.json", auth=...)``."""
    from azureml.core import Workspace as RefWorkspace

    RefWorkspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth(emu.token), _disable_service_check=True, _location="eastus").write_config(
        path=str(tmp_path), file_name="aml_arm_config.json")
    assert (tmp_path / ".azureml" / "aml_arm_config.json").is_file()
    ws = akscompute.Workspace.from_config(path=str(tmp_path), _file_name="aml_arm_config.json", auth=HeaderAuth(emu.token))
    assert (ws.subscription_id, ws.resource_group, ws.name) == (SUB, "ml-rg", "ml-ws") and ws.location


def test_ai_utilities_imports_changed_halfway_still_run_the_rules(emu):
    """10 imports ComputeTarget from ``azureml.core`` and AksCompute from
    ``azureml.core.compute``: a user who changes only the AksCompute import hands the drop-in's
    configuration to azureml-core's ``ComputeTarget.create``, which calls the configuration's own
    ``_compute_type._create``: the drop-in creates it, and its rules still run before sending."""
    from azureml.core import ComputeTarget, Workspace  # kept
    from azureml.exceptions import ComputeTargetException

    from akscompute import AksCompute  # the one import changed

    ws = Workspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth(emu.token), _location="eastus", _disable_service_check=True)
    with pytest.raises(ComputeTargetException) as e:
        # A name azureml-core would send and the newest api-version refuses (NAME008).
        ComputeTarget.create(workspace=ws, name="aks-score-1", provisioning_configuration=AksCompute.provisioning_configuration())
    assert "NAME008" in e.value.message
    prov_config = AksCompute.provisioning_configuration(agent_count=6, vm_size="Standard_D2_v2", location="eastus")
    aks_target = ComputeTarget.create(workspace=ws, name="aks-score", provisioning_configuration=prov_config)
    aks_target.wait_for_completion(show_output=True)
    assert type(aks_target) is AksCompute and AksCompute(ws, "aks-score").provisioning_state == "Succeeded"


def test_leaf_label_create_then_renew_update_then_disable(emu):
    """The certificate-renewal snippet users copy into their pipelines (SslConfiguration with
    renew=True in an AksUpdateConfiguration), after a create with a leaf domain label; then TLS
    turned off. azureml-core's renew keeps the compute's TLS settings and sets only renew
    (aks.py _build_update_payload), so the label and its overwrite flag read back unchanged."""
    from akscompute import AksUpdateConfiguration, ComputeTarget, SslConfiguration

    config = NewAks.provisioning_configuration()
    config.enable_ssl(leaf_domain_label="myaks")
    ComputeTarget.create(emu.ws, "myaks", config).wait_for_completion()
    aks_target = NewAks(emu.ws, "myaks")
    aks_target.update(AksUpdateConfiguration(SslConfiguration(leaf_domain_label="myaks", overwrite_existing_domain=True, renew=True)))
    aks_target.wait_for_completion(show_output=True)
    ssl = NewAks(emu.ws, "myaks").ssl_configuration
    assert (ssl.status, ssl.leaf_domain_label, ssl.overwrite_existing_domain) == ("Auto", "myaks", False)
    aks_target.update(AksUpdateConfiguration(SslConfiguration(status="Disabled")))
    aks_target.wait_for_completion()
    assert NewAks(emu.ws, "myaks").ssl_configuration.status == "Disabled"


def test_a_get_body_put_back_is_accepted_as_resource_manager_does(emu):
    akscompute.ComputeTarget.create(emu.ws, "roundtrip", NewAks.provisioning_configuration()).wait_for_completion()
    url = (f"{emu.endpoint}/subscriptions/{SUB}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws/"
           f"computes/roundtrip?api-version={OLDER_API}")
    headers = {"Authorization": "Bearer " + emu.token, "Content-Type": "application/json"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        body = r.read()
    put = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(put, timeout=10) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = (e.code, e.read()[:300])
    assert status in (200, 201), status


def test_azureml_cores_attach_puts_the_workspace_location_as_the_shared_vector_says(emu, monkeypatch):
    """_build_attach_payload leaves the template's "" in location, but ComputeTarget._attach sets
    the workspace's before the PUT: the body 1.61 sends is the shared request vector's, the one
    the core builds under sdk (tests/vectors/requests.json, attach-by-group-sdk)."""
    import requests
    from azureml.core.compute import ComputeTarget as RefTarget

    sent, put = [], requests.Session.put

    def recording(self, url, *args, **kwargs):
        sent.append(kwargs.get("json"))
        return put(self, url, *args, **kwargs)

    monkeypatch.setattr(requests.Session, "put", recording)
    ref_ws = reference_workspace(emu, monkeypatch)
    config = RefAks.attach_configuration(resource_group="aks-rg", cluster_name="aks1")
    RefTarget.attach(ref_ws, "myaks", config).wait_for_completion(show_output=False)
    doc = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "tests", "vectors", "requests.json")))
    case = next(c for c in doc["request_cases"] if c["id"] == "attach-by-group-sdk")
    assert (ref_ws.location, case["context"]["workspace"]["location"]) == ("eastus", "eastus")
    assert sent == [case["expect_request"]["body"]]
