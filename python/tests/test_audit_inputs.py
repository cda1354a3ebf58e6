"""Outside audit (s7e): inputs no sample writes, and sample cells the other sample tests do not
run (the FPGA notebooks' one-node cluster, drift-on-aks's ``ws.compute_targets.get``)."""
import json

import pytest

import akscompute
from conftest import SUB, HeaderAuth, hostile_workspace


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


class Listener:
    """A host the token must never reach (127.0.0.2): records whatever arrives."""

    def __init__(self):
        import socket
        import threading

        self.got = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.2", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.2:{self.sock.getsockname()[1]}/subscriptions/x/stolen"

        def serve():
            while True:
                try:
                    conn, _ = self.sock.accept()
                except OSError:
                    return
                self.got.append(conn.recv(65536))
                conn.close()

        threading.Thread(target=serve, daemon=True).start()


@pytest.mark.parametrize("mode,code", [("redirect-to", "redirect"), ("redirect-loop", "redirect"), ("huge=40000000", "too_large"),
                                       ("bad-utf8", "response"), ("deep=100000", "response")])
def test_the_drop_in_against_a_hostile_resource_manager(mode, code, tmp_path):
    """The samples' lookup, list and create against answers no real ARM gives: each ends in a
    ComputeTargetException with a short message, no token in it, nothing sent to another host."""
    away = Listener()
    if mode == "redirect-to":
        mode = f"redirect-to={away.url}"
    with hostile_workspace(mode) as (ws, token):
        for call in (lambda: akscompute.ComputeTarget(workspace=ws, name="myaks"), lambda: akscompute.ComputeTarget.list(ws),
                     lambda: akscompute.ComputeTarget.create(ws, "myaks", akscompute.AksCompute.provisioning_configuration())):
            with pytest.raises(akscompute.ComputeTargetException) as e:
                call()
            assert token not in e.value.message and len(e.value.message) < 2000, e.value.message[:300]
            if code is not None:
                assert e.value.code == code, (e.value.code, e.value.message[:300])
    assert away.got == []


def test_an_operation_url_on_another_host_is_not_polled_and_the_create_still_completes(tmp_path, capsys):
    away = Listener()
    with hostile_workspace(f"async-to={away.url}") as (ws, _token):
        target = akscompute.ComputeTarget.create(ws, "myaks", akscompute.AksCompute.provisioning_configuration())
        target.wait_for_completion(show_output=True)
        assert target.provisioning_state == "Succeeded"
        target.delete()
        target.wait_for_completion(is_delete_operation=True)
        assert akscompute.ComputeTarget.list(ws) == []
    assert away.got == []
