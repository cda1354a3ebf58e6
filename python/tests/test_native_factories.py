"""AksCompute.provisioning_configuration and attach_configuration are native functions (no
Python frame): their argument handling is theirs, so it is checked here as Python's own would
behave for azureml-core's `def` with every default None."""
import inspect
import warnings

import pytest

import akscompute
from akscompute import AksCompute, ComputeTargetException
from akscompute.aks import AksAttachConfiguration, AksProvisioningConfiguration

CREATE = ["agent_count", "vm_size", "ssl_cname", "ssl_cert_pem_file", "ssl_key_pem_file", "location", "vnet_resourcegroup_name",
          "vnet_name", "subnet_name", "service_cidr", "dns_service_ip", "docker_bridge_cidr", "cluster_purpose", "load_balancer_type",
          "load_balancer_subnet"]


def test_signature_and_doc():
    sig = inspect.signature(AksCompute.provisioning_configuration)
    assert [(p.name, p.default, p.kind) for p in sig.parameters.values()] == [(n, None, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in CREATE]
    assert list(inspect.signature(AksCompute.attach_configuration).parameters) == ["resource_group", "cluster_name", "resource_id",
                                                                                   "cluster_purpose", "load_balancer_type", "load_balancer_subnet"]
    assert AksCompute.provisioning_configuration.__doc__.startswith("A configuration to create")
    assert AksCompute.provisioning_configuration.__module__ == "akscompute.aks"


def test_positional_keyword_and_dict_arguments_agree():
    by_position = AksCompute.provisioning_configuration(3, "Standard_D3_v2", None, None, None, "eastus")
    by_keyword = AksCompute.provisioning_configuration(location="eastus", vm_size="Standard_D3_v2", agent_count=3)
    # Keyword names that are equal strings but not the interned ones are matched by equality.
    names = {"".join(["loca", "tion"]): "eastus", "vm_" + "size": "Standard_D3_v2", "agent_" + "count": 3}
    by_dict = AksCompute.provisioning_configuration(**names)
    for c in (by_position, by_keyword, by_dict):
        assert type(c) is AksProvisioningConfiguration
        assert (c.agent_count, c.vm_size, c.location, c.vnet_name, c.overwrite_existing_domain) == (3, "Standard_D3_v2", "eastus", None, False)
        assert list(vars(c)) == ["_compute_type", "leaf_domain_label", "overwrite_existing_domain"] + CREATE
    a = AksCompute.attach_configuration("rg", cluster_name="aks")
    assert type(a) is AksAttachConfiguration and (a.resource_group, a.cluster_name, a.resource_id) == ("rg", "aks", None)


@pytest.mark.parametrize("call,message", [
    (lambda: AksCompute.provisioning_configuration(foo=1), "AksCompute.provisioning_configuration() got an unexpected keyword argument 'foo'"),
    (lambda: AksCompute.provisioning_configuration(3, agent_count=3), "AksCompute.provisioning_configuration() got multiple values for argument 'agent_count'"),
    (lambda: AksCompute.provisioning_configuration(*range(16)),
     "AksCompute.provisioning_configuration() takes from 0 to 15 positional arguments but 16 were given"),
    (lambda: AksCompute.attach_configuration(cluster="x"), "AksCompute.attach_configuration() got an unexpected keyword argument 'cluster'"),
])
def test_argument_errors_are_pythons(call, message):
    with pytest.raises(TypeError) as e:
        call()
    assert str(e.value) == message


def test_the_rules_run_in_the_call_and_warnings_name_the_callers_line():
    akscompute.set_profile("2021-11")
    with pytest.raises(ComputeTargetException) as e:
        AksCompute.provisioning_configuration(agent_count=0)
    assert "CAP003" in str(e.value)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_D2_v2")
    assert [x.filename for x in w] == [__file__] and "CAP001" in str(w[0].message)


def test_a_bad_value_still_reaches_the_core_reader():
    # A float is not the plain type of agent_count: the core's reader says what is wrong.
    with pytest.raises(ComputeTargetException):
        AksCompute.provisioning_configuration(agent_count=2.5)


def test_text_is_read_as_the_strings_own_utf8():
    # Non-ASCII text reaches the rules as it is (named in the warning); a lone surrogate is not
    # text: the core's reader says so, naming the field, and nothing is left raised behind it.
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        c = AksCompute.provisioning_configuration(vm_size="Standärd_D3_v2")
    assert c.vm_size == "Standärd_D3_v2" and "Standärd_D3_v2" in str(w[0].message)
    with pytest.raises(akscompute.ConfigurationError) as e:
        AksCompute.provisioning_configuration(vm_size="a\ud800b")
    assert "config.vm_size" in str(e.value)
    assert AksCompute.provisioning_configuration(vm_size="Standard_D3_v2").vm_size == "Standard_D3_v2"


def test_update_and_attach_constructors_are_native_with_azureml_cores_parameters():
    """AksUpdateConfiguration(...) and AksAttachConfiguration(...) run a native __init__ (a
    method descriptor, no Python frame): the same parameters, attributes and argument errors as
    azureml-core's def with every default None."""
    from akscompute import AksUpdateConfiguration, SslConfiguration

    for cls, names in ((AksUpdateConfiguration, ["ssl_configuration", "load_balancer_type", "load_balancer_subnet"]),
                       (AksAttachConfiguration, ["resource_group", "cluster_name", "resource_id", "cluster_purpose", "load_balancer_type",
                                                 "load_balancer_subnet"])):
        assert type(cls.__dict__["__init__"]).__name__ == "method_descriptor", cls
        params = list(inspect.signature(cls.__init__).parameters.values())
        assert [(p.name, p.default) for p in params[1:]] == [(n, None) for n in names]
    u = AksUpdateConfiguration(None, load_balancer_subnet="aks-subnet", load_balancer_type="InternalLoadBalancer")
    assert list(vars(u).items()) == [("_compute_type", AksCompute), ("ssl_configuration", None),
                                     ("load_balancer_type", "InternalLoadBalancer"), ("load_balancer_subnet", "aks-subnet")]
    u.__init__(load_balancer_type="PublicIp")  # again, as Python's __init__ would: every attribute set anew
    assert (u.load_balancer_type, u.load_balancer_subnet) == ("PublicIp", None)
    with pytest.raises(TypeError, match=r"^AksUpdateConfiguration.__init__\(\) got an unexpected keyword argument 'ssl'$"):
        AksUpdateConfiguration(ssl=None)
    with pytest.raises(TypeError, match="multiple values for argument 'ssl_configuration'"):
        AksUpdateConfiguration(None, ssl_configuration=None)
    with pytest.raises(TypeError, match="takes from 0 to 3 positional arguments but 4 were given"):
        AksUpdateConfiguration(None, None, None, None)
    with pytest.raises(TypeError):
        AksUpdateConfiguration.__init__(object())  # not an AksUpdateConfiguration: the descriptor refuses it
    with pytest.raises(ComputeTargetException, match="TLS001"):
        AksUpdateConfiguration(SslConfiguration(cname="a.com"))
    with pytest.raises(ComputeTargetException, match="LB"):
        AksAttachConfiguration("rg", "aks", load_balancer_type="Nope")


def test_a_subclass_of_a_native_constructor_checks_with_its_own_validate_configuration():
    from akscompute import AksUpdateConfiguration

    seen = []

    class Mine(AksUpdateConfiguration):
        def validate_configuration(self):
            seen.append(self.load_balancer_type)

    m = Mine(load_balancer_type="Nope")
    assert seen == ["Nope"] and m.load_balancer_subnet is None and isinstance(m, AksUpdateConfiguration)
