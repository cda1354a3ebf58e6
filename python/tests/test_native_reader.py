"""The native paths of the configuration classes: attributes read straight into the core's
configuration give what the dict path gives; serialize()/deserialize() are the core's writer and
reader, compared with azureml-core 1.61's own; diagnostics speak the locale in force."""
import random

import pytest

import akscompute
from akscompute import AksCompute, ComputeTargetException, ConfigurationError, _native
from akscompute._diagnostic import Diagnostic
from akscompute._fields import CREATE, NATIVE

VALUES = {"agent_count": [None, 0, 1, 3, 12, "3", 2.5], "vm_size": [None, "Standard_D3_v2", "Standard_NC6s_v3", "Nope"],
          "cluster_purpose": [None, "FastProd", "DevTest", "x"], "location": [None, "eastus", "mars"],
          "vnet_name": [None, "v"], "subnet_name": [None, "s"], "service_cidr": [None, "10.0.0.0/16", "bad"],
          "dns_service_ip": [None, "10.0.0.10"], "docker_bridge_cidr": [None, "172.17.0.1/16"],
          "load_balancer_type": [None, "InternalLoadBalancer", "PublicIp"], "load_balancer_subnet": [None, "lb"],
          "ssl_cname": [None, "a.contoso.com"], "leaf_domain_label": [None, "contoso"], "overwrite_existing_domain": [False, True, 1]}


class Attrs:
    """Any object with the attributes (an azureml-core configuration, say)."""


def _dict_shape(obj):
    """The shape as a plain dict, by the table: what the native reader must equal."""
    out = {}
    for attr, path in CREATE:
        v = getattr(obj, attr, None)
        if v is None or (attr == "overwrite_existing_domain" and not v):
            continue
        if attr == "overwrite_existing_domain":
            v = True
        at = out
        for k in path[:-1]:
            at = at.setdefault(k, {})
        at[path[-1]] = v
    return out


def _outcome(call):
    try:
        return ("ok", [(d["code"], d["severity"], d["path"], d["message"]) for d in call()])
    except ConfigurationError as e:
        return ("shape", e.code, [(x["kind"], x["path"]) for x in e.errors])


@pytest.mark.parametrize("profile", ["sdk", "2020-10", "2021-11"])
def test_attributes_read_natively_give_what_the_dict_gives(profile):
    rng = random.Random(20261201)
    for _ in range(300):
        obj = Attrs()
        for attr, values in VALUES.items():
            if rng.random() < 0.5:
                setattr(obj, attr, rng.choice(values))
        shape = _dict_shape(obj)
        assert _native.shape_of(obj, NATIVE["create"]) == shape
        ctx = {"profile": profile, "locale": "de", "name_later": True, "now": 1_800_000_000}
        want = _outcome(lambda: _native.validate("create", shape, ctx, "warning"))
        got = _outcome(lambda: _native.validate_object("create", obj, NATIVE["create"], profile, "de", 1_800_000_000, "warning"))
        assert got == want, shape


ATTACH_VALUES = {"resource_id": [None, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c", "x", 3],
                 "resource_group": [None, "rg", ""], "cluster_name": [None, "c", 2.5], "cluster_purpose": [None, "DevTest", "x"],
                 "load_balancer_type": [None, "InternalLoadBalancer", "nope"], "load_balancer_subnet": [None, "lb", ["lb"]],
                 "ssl_cname": [None, "a.contoso.com"], "leaf_domain_label": [None, "contoso"], "overwrite_existing_domain": [False, True]}
UPDATE_VALUES = {"load_balancer_type": [None, "InternalLoadBalancer", "PublicIp", 1], "load_balancer_subnet": [None, "lb"]}
SSL_VALUES = {"status": [None, "Enabled", "Disabled", "Auto", "x", 2], "cname": [None, "a.contoso.com"], "leaf_domain_label": [None, "contoso"],
              "overwrite_existing_domain": [False, True], "renew": [False, True, "yes"], "cert": [None, "not pem"]}


def _random(rng, values):
    obj = Attrs()
    for attr, choices in values.items():
        if rng.random() < 0.5:
            setattr(obj, attr, rng.choice(choices))
    return obj


@pytest.mark.parametrize("profile", ["sdk", "2021-11"])
@pytest.mark.parametrize("operation", ["attach", "update"])
def test_attach_and_update_objects_read_natively_give_what_their_shape_gives(profile, operation):
    """The typed reader (straight into the core's configuration) against the core's reader of
    the same object's JSON shape, for the tables the create test does not cover."""
    rng = random.Random(20261202)
    for _ in range(300):
        if operation == "attach":
            obj = _random(rng, ATTACH_VALUES)
        else:
            obj = _random(rng, UPDATE_VALUES)
            if rng.random() < 0.7:
                obj.ssl_configuration = _random(rng, SSL_VALUES)
        shape = _native.shape_of(obj, NATIVE[operation])
        ctx = {"profile": profile, "locale": "nl", "name_later": True, "now": 1_800_000_000}
        want = _outcome(lambda: _native.validate(operation, shape, ctx, "warning"))
        got = _outcome(lambda: _native.validate_object(operation, obj, NATIVE[operation], profile, "nl", 1_800_000_000, "warning"))
        assert got == want, shape


def test_the_native_constructors_set_azureml_cores_attributes():
    from azureml.core.compute import AksCompute as RefAks
    from azureml.core.compute.aks import AksUpdateConfiguration as RefUpdate

    from akscompute import AksUpdateConfiguration

    kw = {"agent_count": 4, "vm_size": "Standard_D4_v2", "location": "eastus", "cluster_purpose": "DevTest"}
    pairs = [(RefAks.provisioning_configuration(**kw), AksCompute.provisioning_configuration(**kw)),
             (RefAks.attach_configuration(resource_group="rg", cluster_name="c"), AksCompute.attach_configuration(resource_group="rg", cluster_name="c")),
             (RefUpdate(None, "PublicIp"), AksUpdateConfiguration(None, "PublicIp"))]
    for ref, new in pairs:
        assert vars(new).keys() == vars(ref).keys(), type(new).__name__
        assert {k: v for k, v in vars(new).items() if k != "_compute_type"} == {k: v for k, v in vars(ref).items() if k != "_compute_type"}
        assert new._compute_type is AksCompute


def test_a_subclass_constructor_runs_its_own_validate_configuration():
    from akscompute.aks import AksProvisioningConfiguration

    seen = []

    class Mine(AksProvisioningConfiguration):
        def validate_configuration(self):
            seen.append(self.vm_size)

    Mine(None, "Nope_Size", *([None] * 13))
    assert seen == ["Nope_Size"]


def test_a_value_json_cannot_hold_names_its_attribute():
    obj = Attrs()
    obj.vnet_name = object()
    with pytest.raises(ConfigurationError) as e:
        _native.validate_object("create", obj, NATIVE["create"], "2021-11")
    assert e.value.code == "wrong_type" and e.value.errors[0]["path"] == ["config", "vnet", "name"]


def test_an_attribute_that_raises_is_the_objects_error_not_an_unset_field():
    class Broken:
        @property
        def vm_size(self):
            raise KeyError("boom")

    with pytest.raises(KeyError):
        _native.shape_of(Broken(), NATIVE["create"])


def test_update_reads_its_ssl_configuration_object():
    from akscompute import SslConfiguration

    obj = Attrs()
    obj.load_balancer_type = "PublicIp"
    obj.ssl_configuration = SslConfiguration(status="Enabled", leaf_domain_label="contoso", renew=True)
    assert _native.shape_of(obj, NATIVE["update"]) == {"load_balancer_type": "PublicIp",
                                                      "ssl": {"status": "Enabled", "leaf_domain_label": "contoso", "renew": True}}


GET = {
    "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/aks1",
    "name": "aks1", "location": "eastus", "tags": {"team": "ml"},
    "properties": {
        "computeType": "AKS", "computeLocation": "eastus", "description": "d", "resourceId": "/x/managedClusters/c",
        "isAttachedCompute": False, "provisioningState": "Succeeded", "provisioningErrors": None,
        "createdOn": "2026-01-01T00:00:00Z", "modifiedOn": "2026-01-02T00:00:00Z",
        "properties": {
            "agentVmSize": "Standard_D3_v2", "agentCount": 3, "clusterPurpose": "FastProd", "clusterFqdn": "f.eastus.azmk8s.io",
            "loadBalancerType": "PublicIp", "loadBalancerSubnet": None,
            "systemServices": [{"systemServiceType": "ScoringFrontEnd", "version": "1.0", "publicIpAddress": "1.2.3.4"}],
            "sslConfiguration": {"status": "Enabled", "cname": "a.contoso.com", "leafDomainLabel": None, "overwriteExistingDomain": False},
        },
    },
}


def azureml_compute(body):
    """azureml-core 1.61's own AksCompute initialised from a GET answer: the reference."""
    aks = pytest.importorskip("azureml.core.compute.aks", reason="azureml-core is the reference; make test installs it")
    target = object.__new__(aks.AksCompute)

    class Ws:
        subscription_id, resource_group, name = "s", "rg", "ws"
        _auth = None

        @staticmethod
        def _auth_object():
            return None

    target._get_resource_manager_endpoint = lambda ws: "https://management.azure.com"
    target._initialize(Ws(), body)
    return target


def _azureml_serialize(body):
    """azureml-core 1.61's own AksCompute.serialize() of the same GET answer."""
    return azureml_compute(body).serialize()


@pytest.mark.parametrize("change", ["as-is", "no-ssl", "no-services", "errors"])
def test_serialize_is_azureml_cores_and_reads_back(change):
    import copy

    body = copy.deepcopy(GET)
    inner = body["properties"]["properties"]
    if change == "no-ssl":
        del inner["sslConfiguration"]
    elif change == "no-services":
        inner["systemServices"] = None
    elif change == "errors":
        body["properties"]["provisioningErrors"] = [{"error": {"code": "QuotaExceeded", "message": "no cores"}}]
    ours = AksCompute.deserialize(None, body).serialize()
    want = _azureml_serialize(body)
    want["id"] = body["id"]  # azureml-core builds the id from its workspace; ours is the resource's own
    assert ours == want
    # What azureml-core's serialize() wrote (serviceType, not ARM's systemServiceType) reads back.
    again = AksCompute.deserialize(None, ours)
    assert again.serialize() == ours
    if change == "as-is":
        assert again.system_services[0].service_type == "ScoringFrontEnd"


def test_deserialize_still_refuses_what_is_not_an_aks_compute():
    with pytest.raises(ComputeTargetException):
        AksCompute.deserialize(None, {"properties": {"computeType": "AmlCompute"}})


def test_diagnostic_str_speaks_the_locale_in_force():
    d = Diagnostic("CAP005", "error", [], "m", "f")
    assert str(d) == "error CAP005 at (configuration): m fix: f"
    try:
        akscompute.set_locale("de")
        de = str(d)
    finally:
        akscompute.set_locale("en")
    assert de == d.render("de") and de != str(d)
    for lang in _native.locales():
        if lang != "en":
            assert d.render(lang) != d.render("en"), lang
    assert d.field("nl") == _native.chrome("ui.path.root", None, "nl")


def test_every_attribute_table_path_is_a_field_of_the_cores_generated_shape():
    # The attribute names are azureml-core's; where they go is the core's shape, generated into
    # _shapes.py (`make generate`): the table may not name a field the core does not have, and
    # its flags and files are the shape's bools and secrets.
    from akscompute import _fields
    from akscompute._shapes import SHAPES

    def field(shape, path):
        f = None
        for key in path:
            assert shape is not None and key in shape, path
            f = shape[key]
            shape = f.fields
        return f

    tables = [(SHAPES[op], rows) for op, rows in _fields.TABLES.items()] + [(SHAPES["update"]["ssl"].fields, _fields.UPDATE_SSL)]
    for shape, rows in tables:
        for attr, path in rows:
            f = field(shape, path)
            if attr in _fields._FLAGS:
                assert f.type == "bool", attr
            if attr in _fields._FILES:
                assert f.type == "secret", attr


@pytest.mark.parametrize("lang", ["de", "nl", "cs", "tr", "it"])
def test_a_shape_errors_summary_speaks_the_locale_too(lang):
    try:
        akscompute.set_locale(lang)
        with pytest.raises(ConfigurationError) as e:
            AksCompute.provisioning_configuration(agent_count="3")
    finally:
        akscompute.set_locale("en")
    with pytest.raises(ConfigurationError) as en:
        AksCompute.provisioning_configuration(agent_count="3")
    first = e.value.message.splitlines()[0]
    assert first != en.value.message.splitlines()[0] and "1" in first
    assert e.value.errors[0]["message"] in e.value.message
    with pytest.raises(ConfigurationError) as d:
        _native.validate("create", {"agent_count": "3"}, {"locale": lang})
    assert d.value.message == e.value.message


@pytest.mark.parametrize("fields", [
    {"status": "Enabled", "cert": "C", "key": "K", "cname": "a.b"},
    {"leaf_domain_label": "contoso", "overwrite_existing_domain": True, "renew": True},
    {},
])
def test_ssl_configuration_and_system_service_serialize_as_azureml_core_does(fields):
    aks = pytest.importorskip("azureml.core.compute.aks", reason="azureml-core is the reference; make test installs it")
    from akscompute import SslConfiguration, SystemService

    ours, theirs = SslConfiguration(**fields).serialize(), aks.SslConfiguration(**fields).serialize()
    assert ours == theirs
    back = SslConfiguration.deserialize(theirs)
    assert back.serialize() == aks.SslConfiguration.deserialize(theirs).serialize()
    assert SystemService("ScoringFrontEnd", "1.0", "1.2.3.4").serialize() == aks.SystemService("ScoringFrontEnd", "1.0", "1.2.3.4").serialize()


def test_an_objects_own_attributes_are_read_as_they_are_now():
    """akscompute's objects are read from their instance dict: a value set after construction
    counts, and a deleted attribute is an unset field (as getattr would have it)."""
    akscompute.set_profile("sdk")
    try:
        c = AksCompute.provisioning_configuration(agent_count=4, vm_size="Standard_D4_v2")
        c.agent_count = 6
        del c.vm_size
        inner = AksCompute._build_create_payload(c, "eastus", "sub")["properties"]["properties"]
        assert inner == {"agentCount": 6}
        c.agent_count = "6"
        with pytest.raises(ConfigurationError) as e:
            c.validate_configuration()
        assert e.value.errors[0]["path"] == ["agent_count"]
    finally:
        akscompute.set_profile("2021-11")
