"""The native module's fast paths read what the slow ones read: the profile and locale held
natively, a new object's dict copied from a template, an instance dict walked once by identity,
and `_build_create_payload` as the native method itself."""
import inspect
import warnings

import pytest

import akscompute
from akscompute import AksCompute, _native
from akscompute.aks import AksProvisioningConfiguration

KW = dict(agent_count=3, vm_size="Standard_D3_v2", vnet_name="v", vnet_resourcegroup_name="rg", subnet_name="s",
          service_cidr="10.0.0.0/16", dns_service_ip="10.0.0.10", docker_bridge_cidr="172.17.0.1/16")


def test_profile_and_locale_are_the_native_modules():
    akscompute.set_profile("sdk")
    assert _native.get_profile() == akscompute.get_profile() == "sdk"
    akscompute.set_locale("de_DE.UTF-8")
    try:
        assert _native.get_locale() == akscompute.get_locale() == "de"
        # The locale in force is the one the configuration call's error is in.
        akscompute.set_profile("2021-11")
        with pytest.raises(akscompute.ComputeTargetException) as german:
            AksCompute.provisioning_configuration(agent_count=2)
    finally:
        akscompute.set_locale("en")
    with pytest.raises(akscompute.ComputeTargetException) as english:
        AksCompute.provisioning_configuration(agent_count=2)
    assert "CAP003" in str(german.value) and "CAP003" in str(english.value) and str(german.value) != str(english.value)
    with pytest.raises(ValueError):
        _native.set_profile("2099-01")
    with pytest.raises(ValueError):
        _native.set_locale("xx")
    assert akscompute.get_profile() == "2021-11" and akscompute.get_locale() == "en"


def test_a_new_objects_dict_holds_every_attribute_once_in_the_constructors_order():
    c = AksCompute.provisioning_configuration(**KW)
    names = list(inspect.signature(AksProvisioningConfiguration.__init__).parameters)[1:]
    assert list(vars(c))[3:] == names
    assert [vars(c)[n] for n in names] == [KW.get(n) for n in names]
    # Each object its own dict: changing one leaves the next untouched.
    c.vm_size = "Standard_D4_v2"
    assert AksCompute.provisioning_configuration(**KW).vm_size == "Standard_D3_v2"


def test_the_instance_dict_is_read_whatever_its_keys_are():
    akscompute.set_profile("sdk")
    c = AksCompute.provisioning_configuration(**KW)
    base = AksCompute._build_create_payload(c, "eastus", "sub")
    # A key that is an equal string but another object than the interned name.
    del c.__dict__["vm_size"]
    c.__dict__["".join(["vm_", "size"])] = "Standard_D4_v2"
    assert AksCompute._build_create_payload(c, "eastus", "sub")["properties"]["properties"]["agentVmSize"] == "Standard_D4_v2"
    # A deleted attribute is the class's, as getattr says.
    del c.__dict__["vm_size"]
    AksProvisioningConfiguration.vm_size = "Standard_D5_v2"
    try:
        assert AksCompute._build_create_payload(c, "eastus", "sub")["properties"]["properties"]["agentVmSize"] == "Standard_D5_v2"
    finally:
        del AksProvisioningConfiguration.vm_size
    c.vm_size = "Standard_D3_v2"
    assert AksCompute._build_create_payload(c, "eastus", "sub") == base


def test_build_create_payload_reads_the_tls_files_first_and_says_what_azureml_core_says(pem_files):
    akscompute.set_profile("sdk")
    cert, key = pem_files
    c = AksCompute.provisioning_configuration(**KW)
    c.enable_ssl(ssl_cname="www.contoso.com", ssl_cert_pem_file=cert, ssl_key_pem_file=key)
    ssl = AksCompute._build_create_payload(c, "eastus", "sub")["properties"]["properties"]["sslConfiguration"]
    assert ssl["cert"] == open(cert).read() and ssl["key"] == open(key).read() and ssl["cname"] == "www.contoso.com"
    c.ssl_cert_pem_file = "/nonexistent/cert.pem"
    with pytest.raises(akscompute.ComputeTargetException, match="Error while reading ssl information"):
        AksCompute._build_create_payload(c, "eastus", "sub")

    class Bare:
        pass

    # An object without ssl_cname fails as azureml-core's `config.ssl_cname` does.
    with pytest.raises(AttributeError):
        AksCompute._build_create_payload(Bare(), "eastus", "sub")


def test_a_subclass_is_read_through_its_attributes():
    akscompute.set_profile("sdk")

    class Mine(AksProvisioningConfiguration):
        @property
        def vm_size(self):
            return "Standard_D4_v2"

        @vm_size.setter
        def vm_size(self, v):
            pass

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = Mine(*[KW.get(n) for n in list(inspect.signature(AksProvisioningConfiguration.__init__).parameters)[1:]])
    assert AksCompute._build_create_payload(m, "eastus", "sub")["properties"]["properties"]["agentVmSize"] == "Standard_D4_v2"


def test_the_payload_holds_the_attributes_own_strings_as_azureml_cores_does():
    akscompute.set_profile("sdk")
    c = AksCompute.provisioning_configuration(**dict(KW, vm_size="".join(["Standard_", "D3_v2"])))
    inner = AksCompute._build_create_payload(c, "eastus", "sub")["properties"]["properties"]
    assert inner["agentVmSize"] is c.vm_size and inner["aksNetworkingConfiguration"]["serviceCidr"] is c.service_cidr
    # A text the payload makes itself is its own.
    assert inner["aksNetworkingConfiguration"]["subnetId"].endswith("/subnets/s")


def test_an_object_without_the_attributes_reads_as_unset():
    class Bare:
        pass

    from akscompute._fields import shape_of

    assert shape_of(Bare(), "create") == {} and shape_of(Bare(), "attach") == {}
