"""The drop-in as a notebook uses it."""
import json
import pathlib
import pickle
import warnings

import pytest

import akscompute
from akscompute import (AksCompute, AksUpdateConfiguration, AkscomputeWarning, ComputeTargetException, ConfigurationError,
                        SslConfiguration, Workspace)


def test_defaults_pass_and_infos_wait_in_diagnostics():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cfg = AksCompute.provisioning_configuration()
    codes = [d.code for d in cfg.diagnostics()]
    assert codes == ["VER001", "LB006", "OPS003"]
    assert AksCompute.ClusterPurpose.FAST_PROD == "FastProd" and AksCompute.ClusterPurpose.DEV_TEST == "DevTest"


def test_errors_raise_with_every_diagnostic():
    with pytest.raises(ComputeTargetException) as e:
        AksCompute.provisioning_configuration(agent_count=2, vnet_name="v", service_cidr="10.0.0.0/16", dns_service_ip="10.1.0.10")
    codes = sorted(d.code for d in e.value.diagnostics)
    assert codes == ["CAP003", "NET001", "NET003"]
    assert "CAP003 at agent_count" in e.value.message and "NET003 at vnet.dns_service_ip" in e.value.message


def test_warnings_point_at_the_callers_line():
    with pytest.warns(AkscomputeWarning, match="CAP001") as w:
        AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_D2_v2")
    assert w[0].filename == __file__


def test_enable_ssl_validates_and_reads_the_pem_files(pem_files, tmp_path):
    cert, key = pem_files
    cfg = AksCompute.provisioning_configuration().enable_ssl(ssl_cname="www.contoso.com", ssl_cert_pem_file=cert, ssl_key_pem_file=key)
    assert not [d for d in cfg.diagnostics() if d.severity == "error"]
    with pytest.warns(AkscomputeWarning, match="TLS007"):
        AksCompute.provisioning_configuration().enable_ssl(ssl_cname="shop.fabrikam.com", ssl_cert_pem_file=cert, ssl_key_pem_file=key)
    with pytest.raises(ComputeTargetException) as e:
        AksCompute.provisioning_configuration().enable_ssl(ssl_cname="www.contoso.com", ssl_cert_pem_file=str(tmp_path / "missing.pem"), ssl_key_pem_file=key)
    assert [d.code for d in e.value.diagnostics] == ["TLS006"]


def test_sdk_profile_is_azureml_core():
    akscompute.set_profile("sdk")
    assert akscompute.get_profile() == "sdk"
    AksCompute.provisioning_configuration(agent_count=0, vm_size="Standard_D1", load_balancer_type="Nope")
    with pytest.raises(ComputeTargetException) as e:
        AksCompute.attach_configuration(resource_group="rg")
    assert e.value.message == "cluster_name is not provided."
    with pytest.raises(ComputeTargetException) as e:
        AksUpdateConfiguration(SslConfiguration(cname="a.com"))
    assert e.value.message.startswith("Invalid configuration, not all ssl information provided.")
    with pytest.raises(ValueError):
        akscompute.set_profile("1999")


def test_payloads_match_azureml_cores_shape(pem_files):
    cert, key = pem_files
    cfg = AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_D3_v2").enable_ssl(leaf_domain_label="contoso")
    assert AksCompute.build_create_payload(cfg, "eastus", "sub") == {
        "location": "eastus",
        "properties": {"computeType": "AKS", "properties": {"agentCount": 3, "agentVmSize": "Standard_D3_v2",
                                                            "sslConfiguration": {"status": "Auto", "leafDomainLabel": "contoso", "overwriteExistingDomain": False}}},
    }
    att = AksCompute.attach_configuration(resource_group="rg", cluster_name="aks1").enable_ssl(ssl_cname="www.contoso.com", ssl_cert_pem_file=cert, ssl_key_pem_file=key)
    rid = AksCompute._build_resource_id("sub", "rg", "aks1")
    body = AksCompute._build_attach_payload(att, rid)
    assert body["properties"]["resourceId"] == "/subscriptions/sub/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1"
    assert body["properties"]["properties"]["sslConfiguration"]["key"] == open(key).read()


def test_unreadable_pem_at_payload_time_says_so_like_azureml_core(pem_files):
    akscompute.set_profile("sdk")
    cfg = AksCompute.provisioning_configuration(ssl_cname="a.com", ssl_cert_pem_file="/nonexistent/cert.pem", ssl_key_pem_file=pem_files[1])
    with pytest.raises(ComputeTargetException) as e:
        AksCompute.build_create_payload(cfg, "eastus", "sub")
    assert e.value.message == "Error while reading ssl information:\nFileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/cert.pem'"


def test_a_key_given_where_its_file_path_goes_is_never_echoed(pem_files):
    # The key's text as ssl_key_pem_file: the files are read when the payload is built, and the
    # error names the file, which here is the key itself.
    key_text = open(pem_files[1]).read()
    cfg = AksCompute.provisioning_configuration(ssl_cname="a.com", ssl_cert_pem_file=pem_files[0], ssl_key_pem_file=key_text)
    with pytest.raises(ComputeTargetException) as e:
        AksCompute.build_create_payload(cfg, "eastus", "sub")
    said = e.value.message
    assert said.startswith("Error while reading ssl information:\n") and "<PEM text given as a file path>" in said, said
    body = [line for line in key_text.splitlines() if line and not line.startswith("-----")]
    assert "BEGIN" not in said and not any(line[:8] in said or line[-8:] in said for line in body), said


def test_shape_errors_name_the_field():
    with pytest.raises(ConfigurationError) as e:
        AksCompute.provisioning_configuration(agent_count="three")
    assert e.value.code == "wrong_type" and e.value.errors[0]["path"] == ["agent_count"]
    assert isinstance(e.value, ValueError) and isinstance(e.value, ComputeTargetException)


def test_exceptions_pickle_and_keep_their_data():
    try:
        AksCompute.provisioning_configuration(agent_count=-1)
    except ComputeTargetException as e:
        again = pickle.loads(pickle.dumps(e))
        assert again.message == e.message and [d.code for d in again.diagnostics] == [d.code for d in e.diagnostics]
    c = pickle.loads(pickle.dumps(ConfigurationError("m", code="unknown_field", errors=[{"path": ["x"]}])))
    assert (c.code, c.errors) == ("unknown_field", [{"path": ["x"]}])


def test_diagnostics_take_a_context_with_workspace_objects():
    class AzuremlLikeWorkspace:  # what azureml-core's Workspace offers
        subscription_id = "00000000-0000-0000-0000-000000000000"
        resource_group = "rg"
        name = "ws"
        location = "eastus"

    from akscompute.workspace import _as_dict
    att = AksCompute.attach_configuration(resource_id="/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1")
    for ws in (AzuremlLikeWorkspace(), Workspace("00000000-0000-0000-0000-000000000000", "rg", "ws", "eastus")):
        codes = [d.code for d in att.diagnostics({"workspace": _as_dict(ws)})]
        assert "ATT004" in codes


def test_jupyter_shows_a_table_without_secrets(pem_files):
    cert, key = pem_files
    cfg = AksCompute.provisioning_configuration(agent_count=3).enable_ssl(ssl_cname="www.contoso.com", ssl_cert_pem_file=cert, ssl_key_pem_file=key)
    html = cfg._repr_html_()
    assert "<table" in html and "agent_count" in html and "LB006" in html
    assert open(key).read().splitlines()[1] not in html
    shown = repr(SslConfiguration(cert="CERTTEXT", key="KEYTEXT"))
    assert "<redacted>" in shown and "KEYTEXT" not in shown and "CERTTEXT" not in shown


def test_catalog_and_registry():
    assert akscompute.vm_size("standard_d3_v2")["vcpus"] == 4
    assert akscompute.vm_size("Large") is None
    registry = json.loads((pathlib.Path(__file__).resolve().parents[2] / "core/data/rules.json").read_text(encoding="utf-8"))
    assert [r["code"] for r in akscompute.rules()] == [r["code"] for r in registry["rules"]]
