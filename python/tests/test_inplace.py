"""The in-place mode with azureml-core's own classes (``patch_azureml``), ``check`` on either
package's objects, and ``Workspace.from_config``'s search and errors."""
import json

import pytest

import akscompute
from akscompute import UserErrorException, Workspace
from conftest import SUB, Credential

aks = pytest.importorskip("azureml.core.compute.aks", reason="azureml-core is in the test venv (make setup-python)")
from azureml.core.compute import AksCompute as RefAks, ComputeTarget as RefTarget  # noqa: E402
from azureml.exceptions import ComputeTargetException as RefException  # noqa: E402


@pytest.fixture
def patched():
    akscompute.patch_azureml()
    yield
    akscompute.unpatch_azureml()


def test_azureml_classes_run_every_rule_when_patched(patched):
    with pytest.raises(RefException) as e:
        RefAks.provisioning_configuration(agent_count=2, vnet_name="v", service_cidr="10.0.0.0/16", dns_service_ip="10.1.0.10")
    codes = sorted(d.code for d in e.value.diagnostics)
    assert codes == ["CAP003", "NET001", "NET003"] and "NET003 at vnet.dns_service_ip" in e.value.message
    cfg = RefAks.provisioning_configuration()
    assert type(cfg) is aks.AksProvisioningConfiguration  # the objects stay azureml-core's
    with pytest.raises(RefException, match="TLS"):
        cfg.enable_ssl(ssl_cname="www.contoso.com")
    att = RefAks.attach_configuration(resource_group="rg", cluster_name="aks1")
    att.load_balancer_type = "InternalLoadBalancer"
    att.leaf_domain_label = "contoso"
    with pytest.raises(RefException) as e:
        att.validate_configuration()
    assert e.value.diagnostics and all(d.severity == "error" for d in e.value.diagnostics)
    with pytest.raises(RefException):
        aks.AksUpdateConfiguration(aks.SslConfiguration(status="Enabled", leaf_domain_label="a--b"), load_balancer_type="Nope")


def test_create_and_attach_check_the_name_before_azureml_sends(patched):
    class NotAWorkspace:  # azureml-core would fail on it: the rules must answer first
        subscription_id, resource_group, name, location = SUB, "rg", "ws", "eastus"

    with pytest.raises(RefException) as e:
        RefTarget.create(NotAWorkspace(), "-bad-", RefAks.provisioning_configuration())
    assert any(d.code.startswith("NAME") for d in e.value.diagnostics)
    att = RefAks.attach_configuration(resource_id=f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1")
    with pytest.raises(RefException) as e:
        RefTarget.attach(NotAWorkspace(), "x" * 40, att)
    assert any(d.code.startswith("NAME") for d in e.value.diagnostics)
    # A valid call reaches azureml-core's own code (which then fails on the fake workspace).
    with pytest.raises(Exception) as e:
        RefTarget.create(NotAWorkspace(), "good-name", RefAks.provisioning_configuration())
    assert not isinstance(e.value, akscompute.ComputeTargetException)


def test_patch_twice_is_harmless_and_unpatch_restores():
    before = aks.AksProvisioningConfiguration.__dict__["validate_configuration"]
    akscompute.patch_azureml()
    akscompute.patch_azureml(profile="sdk")
    try:
        RefAks.provisioning_configuration(agent_count=2)  # sdk: azureml-core's checks only
        akscompute.patch_azureml()
        with pytest.raises(RefException):
            RefAks.provisioning_configuration(agent_count=2)
    finally:
        akscompute.unpatch_azureml()
    assert aks.AksProvisioningConfiguration.__dict__["validate_configuration"] is before
    RefAks.provisioning_configuration(agent_count=2)  # azureml-core alone accepts it
    akscompute.unpatch_azureml()  # twice: harmless too


def test_check_reads_either_packages_objects():
    ref = RefAks.provisioning_configuration(agent_count=2)
    found = akscompute.check(ref, workspace={"subscription_id": SUB, "resource_group": "rg", "name": "ws", "location": "eastus"})
    assert "CAP003" in [d.code for d in found] and all(isinstance(d, akscompute.Diagnostic) for d in found)
    att = RefAks.attach_configuration(resource_id="/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1")
    assert "ATT004" in [d.code for d in akscompute.check(att, workspace=Workspace(SUB, "rg", "ws", "eastus"))]
    with pytest.raises(akscompute.ConfigurationError):
        akscompute.check(object())


def _config(folder, **body):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(body))


def test_from_config_searches_as_azureml_core(tmp_path, monkeypatch, emulator):
    # from_config reads the workspace from Resource Manager, as azureml-core's does: the emulator's.
    monkeypatch.setenv("AKSCOMPUTE_ARM_ENDPOINT", emulator[0])
    auth = Credential(emulator[1])
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    _config(tmp_path, subscription_id=SUB, resource_group="plain", workspace_name="ws")
    _config(tmp_path / "a" / ".azureml", subscription_id=SUB, resource_group="dotted", workspace_name="ws")
    monkeypatch.chdir(deep)
    assert Workspace.from_config(auth=auth).resource_group == "dotted"  # .azureml/ anywhere up comes first
    assert Workspace.from_config(path=str(tmp_path), auth=auth).resource_group == "plain"
    assert Workspace.from_config(path=str(tmp_path / "config.json"), auth=auth).resource_group == "plain"
    scope = f"/subscriptions/{SUB}/resourceGroups/scoped/providers/Microsoft.MachineLearningServices/workspaces/sws"
    _config(tmp_path / "s", Scope=scope)
    ws = Workspace.from_config(path=str(tmp_path / "s"), auth=auth)
    assert (ws.subscription_id, ws.resource_group, ws.name) == (SUB, "scoped", "sws")


def test_from_config_errors_name_the_file_and_the_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserErrorException, match="could not be found in " + str(tmp_path)):
        Workspace.from_config(_file_name="nothing-here.json")
    _config(tmp_path / "w", subscription_id=SUB, workspace_name="ws")
    with pytest.raises(UserErrorException) as e:
        Workspace.from_config(path=str(tmp_path / "w"))
    assert str(tmp_path / "w" / "config.json") in e.value.message and "missing: resource_group" in e.value.message
    (tmp_path / "j").mkdir()
    (tmp_path / "j" / "config.json").write_text("{not json")
    with pytest.raises(UserErrorException, match="is not JSON"):
        Workspace.from_config(path=str(tmp_path / "j"))
    with pytest.raises(UserErrorException, match="resource_group=..."):
        Workspace.get("ws", subscription_id=SUB)
    # Loaded azureml-core: the error is azureml-core's UserErrorException too.
    from azureml.exceptions import UserErrorException as RefUserError

    with pytest.raises(RefUserError):
        Workspace.from_config(path=str(tmp_path / "w"))


def test_endpoint_variable_redirects_every_workspace(monkeypatch):
    from akscompute.workspace import _cloud_of

    assert _cloud_of(Workspace(SUB, "rg", "ws")) == "public"
    monkeypatch.setenv("AKSCOMPUTE_ARM_ENDPOINT", "http://127.0.0.1:1")
    assert _cloud_of(Workspace(SUB, "rg", "ws", cloud="china")) == "http://127.0.0.1:1"
    assert akscompute.workspace.ENDPOINT_VARIABLE == "AKSCOMPUTE_ARM_ENDPOINT"


def test_akscompute_errors_are_azureml_cores_and_pickle_as_such():
    import pickle

    from azureml.exceptions import AzureMLException as RefBase, UserErrorException as RefUserError

    e = akscompute.ConfigurationError("bad", code="wrong_type", errors=[{"kind": "wrong_type", "path": ["x"], "message": "m"}])
    assert isinstance(e, RefException) and isinstance(e, ValueError) and isinstance(e, RefBase)
    assert (e.message, str(e), e.inner_exception) == ("bad", "bad", None)  # azureml-core's own attributes work too
    again = pickle.loads(pickle.dumps(e))
    assert isinstance(again, RefException) and (again.message, again.code, again.errors) == (e.message, e.code, e.errors)
    assert isinstance(UserErrorException("reserved"), RefUserError)
    assert type(akscompute.ComputeTargetException("a")) is type(akscompute.ComputeTargetException("b"))  # made once
