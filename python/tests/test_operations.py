"""The drop-in's operations through the native ARM client, against the local emulator (started
here on 127.0.0.1 with a free port)."""
import pytest

import akscompute
from akscompute import AksCompute, AksUpdateConfiguration, ClientFailure, ComputeTarget, ComputeTargetException, UserErrorException, Workspace
from conftest import SUB, Credential

@pytest.fixture
def ws(emulator, request):
    endpoint, token = emulator
    return Workspace(SUB, "ml-rg", f"ws-{request.node.name[:20].replace('_', '-')}", "eastus", auth=Credential(token), cloud=endpoint, poll_interval=0.02)


def test_create_wait_read_update_credentials_delete(ws, capsys):
    cfg = AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_D3_v2")
    target = ComputeTarget.create(ws, "prod-aks", cfg)
    assert isinstance(target, AksCompute) and target.provisioning_state == "Creating"
    target.wait_for_completion(show_output=True)
    out = capsys.readouterr().out
    assert out.startswith("InProgress") and "\nSucceeded" in out and 'Provisioning operation finished, operation "Succeeded"' in out
    assert target.provisioning_state == "Succeeded" and target.get_status() == "Succeeded"
    again = AksCompute(ws, "prod-aks")
    assert (again.agent_count, again.agent_vm_size, again.is_attached) == (3, "Standard_D3_v2", False)
    assert ws._auth.scopes[0].endswith("/.default")
    again.update(AksUpdateConfiguration(None, "InternalLoadBalancer", "aks-lb"))
    again.wait_for_completion()
    assert AksCompute(ws, "prod-aks").load_balancer_type == "InternalLoadBalancer"
    keys = again.get_credentials()
    assert "prod-aks" in keys["userKubeConfig"]
    assert [t.name for t in ComputeTarget.list(ws)] == ["prod-aks"]
    again.delete()
    again.wait_for_completion(is_delete_operation=True)
    with pytest.raises(ComputeTargetException, match="ComputeTargetNotFound"):
        AksCompute(ws, "prod-aks")


def test_create_is_refused_before_sending_when_the_name_exists(ws):
    ComputeTarget.create(ws, "myaks", AksCompute.provisioning_configuration()).wait_for_completion()
    with pytest.raises(ClientFailure) as e:
        ComputeTarget.create(ws, "myaks", AksCompute.provisioning_configuration())
    assert e.value.code == "already_exists" and "nothing was sent" in e.value.message


def test_attach_twice_is_refused(ws):
    rid = f"/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks1"
    first = ComputeTarget.attach(ws, "first", AksCompute.attach_configuration(resource_id=rid))
    first.wait_for_completion()
    assert first.is_attached
    with pytest.raises(ClientFailure) as e:
        ComputeTarget.attach(ws, "second", AksCompute.attach_configuration(resource_id=rid))
    assert e.value.code == "already_attached"
    first.detach()
    first.wait_for_completion(is_delete_operation=True)


def test_reserved_names_and_credentials(ws, emulator):
    akscompute.set_profile("sdk")
    with pytest.raises(UserErrorException, match="local is a reserved name"):
        ComputeTarget.create(ws, "local", AksCompute.provisioning_configuration())
    akscompute.set_profile("2021-11")

    class AzuremlAuth:  # azureml-core's auth objects give a header
        def get_authentication_header(self):
            return {"Authorization": f"Bearer {emulator[1]}"}

    ws2 = Workspace(SUB, "ml-rg", "ws-auth", "eastus", auth=AzuremlAuth(), cloud=emulator[0], poll_interval=0.02)
    assert ComputeTarget.list(ws2) == []
    bad = Workspace(SUB, "ml-rg", "ws-bad", "eastus", auth="wrong-secret-token", cloud=emulator[0])
    with pytest.raises(ClientFailure) as e:
        ComputeTarget.list(bad)
    assert e.value.code == "arm" and "401" in e.value.message and "wrong-secret-token" not in str(e.value)


def test_serialize_round_trip(ws):
    t = ComputeTarget.create(ws, "ser-aks", AksCompute.provisioning_configuration(cluster_purpose="DevTest", agent_count=1))
    t.wait_for_completion()
    d = t.serialize()
    assert d["properties"]["properties"]["clusterPurpose"] == "DevTest"
    back = AksCompute.deserialize(ws, d)
    assert (back.name, back.cluster_purpose, back.agent_count) == ("ser-aks", "DevTest", 1)
    with pytest.raises(ComputeTargetException, match="Invalid cluster payload"):
        AksCompute.deserialize(ws, {"properties": {}})
