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


# Values of each create, attach and update argument, good and bad, for the sequence below.
_VALUES = {
    "agent_count": [1, 3, 12, "3", 2.5], "vm_size": ["Standard_D3_v2", "Standard_A1", "", "x" * 200],
    "cluster_purpose": ["FastProd", "DevTest", "nope"], "location": ["eastus", "mars"],
    "load_balancer_type": ["PublicIp", "InternalLoadBalancer", "other"], "load_balancer_subnet": ["aks-subnet", ""],
    "vnet_name": ["v"], "vnet_resourcegroup_name": ["rg"], "subnet_name": ["s"],
    "service_cidr": ["10.0.0.0/16", "10.0.0.0/33"], "dns_service_ip": ["10.0.0.10", "192.168.0.1"],
    "docker_bridge_cidr": ["172.17.0.1/16", "nope"], "ssl_cname": ["www.contoso.com"], "leaf_domain_label": ["label", "-bad"],
    "resource_group": ["rg", "bad/rg"], "cluster_name": ["c", ""], "resource_id": ["/subscriptions/x", "not-an-id"],
}


def _findings(make, kw):
    """The (severity, code, path) of every error and warning a configuration call raises or warns of."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            make(**kw)
            errors = []
        except akscompute.ConfigurationError as e:  # a value of the wrong type: the shape's error
            return [("shape", str(e))], []
        except akscompute.ComputeTargetException as e:
            errors = [("error", d.code, tuple(d.path)) for d in e.diagnostics]
    warned = [str(w.message) for w in caught if issubclass(w.category, akscompute.AkscomputeWarning)]
    return sorted(errors), sorted(warned)


def _reference(operation, kw):
    """What the rules say of the same arguments through the shape's path (a dict for the core's
    reader, nothing kept between calls)."""
    from akscompute import aks
    from akscompute._fields import TABLES

    attrs = {attr: None for attr, _ in TABLES[operation]}
    attrs.update(overwrite_existing_domain=False, **kw)
    shape = akscompute._fields.shape_of(type("Attrs", (), attrs)(), operation, read_files=True)
    try:
        found = aks._diagnostics(operation, shape, aks._context(None), "warning")
    except akscompute.ConfigurationError as e:
        return [("shape", str(e))], []
    errors = sorted(("error", d.code, tuple(d.path)) for d in found if d.severity == "error")
    return errors, sorted(d.render() for d in found if d.severity == "warning") if akscompute.get_profile() != "sdk" else []


@pytest.mark.parametrize("profile", ["2021-11", "sdk"])
def test_a_call_sees_only_its_own_arguments_whatever_the_calls_before_it_gave(profile):
    # The constructors read into a configuration kept between calls (its texts' buffers
    # reused): a value left from an earlier call, or a group (vnet, ssl) left standing, would
    # change what the rules find. Seeded: the same sequence every run.
    import random

    akscompute.set_profile(profile)
    rng = random.Random(16)
    makers = {"create": AksCompute.provisioning_configuration, "attach": AksCompute.attach_configuration}
    for _ in range(400):
        operation = rng.choice(["create", "attach"])
        names = [a for a in inspect.signature(makers[operation]).parameters if a in _VALUES]
        kw = {n: rng.choice(_VALUES[n]) for n in rng.sample(names, rng.randint(0, len(names)))}
        assert _findings(makers[operation], kw) == _reference(operation, kw), (operation, kw)


def test_an_update_after_another_sees_only_its_own_tls_settings():
    from akscompute import AksUpdateConfiguration, SslConfiguration

    # A leaf domain label the rules refuse, then other settings: each update sees its own.
    with pytest.raises(akscompute.ComputeTargetException, match="TLS005"):
        AksUpdateConfiguration(SslConfiguration(status="Enabled", leaf_domain_label="-x"))
    AksUpdateConfiguration(SslConfiguration(status="Enabled", leaf_domain_label="label"), "PublicIp")
    with pytest.raises(akscompute.ComputeTargetException, match="TLS001"):
        AksUpdateConfiguration(SslConfiguration(cname="www.contoso.com"))
    AksUpdateConfiguration(SslConfiguration(status="Disabled"))
    AksUpdateConfiguration(None, "InternalLoadBalancer", "aks-subnet")
    with pytest.raises(akscompute.ComputeTargetException, match="TLS005"):
        AksUpdateConfiguration(SslConfiguration(leaf_domain_label="-x"))


def test_a_call_sites_keywords_land_in_their_parameters_whatever_was_called_before():
    # The makers remember the last call's tuple of keyword names (one per call site, the same
    # object on every call) with the parameter of each: the same names with other positional
    # arguments, in another order or from another site must still land where they belong.
    f = AksCompute.provisioning_configuration
    for _ in range(3):
        c = f(agent_count=4, vm_size="Standard_D4_v2")
        assert (c.agent_count, c.vm_size) == (4, "Standard_D4_v2")
        c = f(vm_size="Standard_D4_v2", agent_count=5)
        assert (c.agent_count, c.vm_size) == (5, "Standard_D4_v2")
        # ("vm_size",) is one constant of this function: after 0 positional values, 1.
        c = f(vm_size="Standard_D3_v2")
        assert (c.agent_count, c.vm_size) == (None, "Standard_D3_v2")
        c = f(6, vm_size="Standard_D3_v2")
        assert (c.agent_count, c.vm_size) == (6, "Standard_D3_v2")
        with pytest.raises(TypeError, match="multiple values for argument 'agent_count'"):
            f(3, agent_count=3)
        c = f(agent_count=3)
        assert c.agent_count == 3
        with pytest.raises(TypeError, match="multiple values for argument 'agent_count'"):
            f(3, agent_count=3)
        with pytest.raises(TypeError, match="unexpected keyword argument 'agent_cuont'"):
            f(agent_cuont=3)
        c = f(**{"vm_" + "size": "Standard_D4_v2", "agent_count": 7})
        assert (c.agent_count, c.vm_size) == (7, "Standard_D4_v2")


def _certificate(tmp_path, not_before, not_after):
    """A self-signed certificate for www.contoso.com and its key, valid between the two dates, as PEM files."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "www.contoso.com")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(1)
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("www.contoso.com")]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


def test_a_certificate_is_checked_at_the_time_of_the_call(tmp_path):
    # The clock is read for a call whose configuration holds a certificate (and only then).
    import datetime

    now = datetime.datetime.now(datetime.timezone.utc)
    day = datetime.timedelta(days=1)
    tls = dict(ssl_cname="www.contoso.com", cluster_purpose="DevTest")
    for when in ((now - 30 * day, now - day), (now + day, now + 30 * day)):  # expired, not yet valid
        cert, key = _certificate(tmp_path, *when)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            AksCompute.provisioning_configuration(**tls, ssl_cert_pem_file=cert, ssl_key_pem_file=key)
            AksCompute.attach_configuration(resource_group="rg", cluster_name="c").enable_ssl(ssl_cname="www.contoso.com",
                                                                                              ssl_cert_pem_file=cert, ssl_key_pem_file=key)
        found = [str(w.message) for w in caught if "TLS007" in str(w.message)]
        assert len(found) == 2, [str(w.message) for w in caught]
    cert, key = _certificate(tmp_path, now - day, now + 30 * day)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        AksCompute.provisioning_configuration(**tls, ssl_cert_pem_file=cert, ssl_key_pem_file=key)
    assert not [w for w in caught if "TLS007" in str(w.message)]
