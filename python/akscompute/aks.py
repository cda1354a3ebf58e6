"""The drop-in for ``azureml.core.compute.aks``: the same classes, methods, parameters and
defaults, with every documented rule behind them.

Under the ``sdk`` profile each call accepts and refuses exactly what azureml-core 1.61 does,
with its messages. Under the documentation profiles (default ``2021-11``) the full rule set
applies: errors raise ``ComputeTargetException`` carrying every error, warnings go through
``warnings.warn`` as ``AkscomputeWarning``.
"""
from __future__ import annotations

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # typing costs a notebook ~15 ms to import: types are for checkers only
    from typing import Any, Callable, Dict, List, Optional

import os
import sys
import time

from . import _native
from ._diagnostic import Diagnostic
from ._errors import AkscomputeWarning, ComputeTargetException
from ._fields import NATIVE as _TABLES, read_pem as _read_pem, shape_of
from ._ops import client as _client, read_ssl_files as _read_ssl_files, start as _start, ws_context as _ws_context
from ._profile import get_locale, get_profile, resolve_locale
from .compute import ComputeTarget, _text


def _context(context: Optional[Dict[str, Any]], name_later: bool = True, locale: Optional[str] = None) -> Dict[str, Any]:
    ctx = dict(context or {})
    profile = ctx.setdefault("profile", get_profile())
    ctx["locale"] = resolve_locale(locale or ctx.get("locale")) if (locale or ctx.get("locale")) else get_locale()
    if name_later:
        ctx.setdefault("name_later", True)
    if profile != "sdk":
        # The core reads no clock; certificates are checked at the time of the call.
        ctx.setdefault("now", int(time.time()))
    return ctx


def _diagnostics(operation: str, shape: Dict[str, Any], ctx: Dict[str, Any], min_severity: str = "info") -> List[Diagnostic]:
    return [Diagnostic.from_dict(d) for d in _native.validate(operation, shape, ctx, min_severity)]


_HERE = os.path.dirname(os.path.abspath(__file__))
# Under patch_azureml the rules run inside azureml-core's classes: their frames are skipped too.
_AZUREML_COMPUTE = os.path.join("azureml", "core", "compute")


def _caller_stacklevel() -> int:
    """The stack level of the first frame outside akscompute (and azureml-core's compute
    classes): warnings point at the user's line."""
    level, frame = 1, sys._getframe(1)
    while frame is not None and (os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == _HERE
                                 or os.path.dirname(frame.f_code.co_filename).endswith(_AZUREML_COMPUTE)):
        level += 1
        frame = frame.f_back  # type: ignore[assignment]
    return level


def _enforce(diags: List[Diagnostic], profile: str, locale: Optional[str] = None) -> None:
    """Raises for errors (all of them carried), warns for warnings; infos stay in diagnostics().
    The words around the diagnostics (the summary line, "at", "fix") are the core's, in ``locale``."""
    lang = locale or get_locale()
    errors = [d for d in diags if d.severity == "error"]
    if profile != "sdk" and len(errors) < len(diags):
        # Imported here, the first time there is something to warn of: the module costs a
        # tenth of akscompute's import (a notebook has it already, a fresh interpreter not).
        import warnings

        for d in diags:
            if d.severity == "warning":
                warnings.warn(AkscomputeWarning(d.render(lang)), stacklevel=_caller_stacklevel())
    if not errors:
        return
    if profile == "sdk":
        raise ComputeTargetException(errors[0].message, diagnostics=errors)
    lines = [_native.chrome("ui.invalid", {"count": len(errors)}, lang)]
    lines += [_native.chrome("ui.item", {"code": d.code, "path": d.field(lang), "message": d.message}, lang) + (f" {d.fix}" if d.fix else "")
              for d in errors]
    raise ComputeTargetException("\n".join(lines), diagnostics=errors)


class _Checked:
    """What every configuration object shares: its JSON shape, its diagnostics, its display."""

    _operation = "create"

    def _shape(self, for_payload: bool = False) -> Dict[str, Any]:
        """The core's configuration shape; the PEM files' text in place of their paths (what
        the rules check) unless ``for_payload`` or under ``sdk`` (azureml-core reads them later)."""
        return shape_of(self, self._operation, read_files=get_profile() != "sdk" and not for_payload)

    def diagnostics(self, context: Optional[Dict[str, Any]] = None, locale: Optional[str] = None) -> List[Diagnostic]:
        """Every diagnostic (errors, warnings and infos) of this configuration, in ``locale``
        (default: ``akscompute.set_locale``'s).

        ``context`` is akscompute's context shape: ``workspace``, ``existing_computes``,
        ``kubernetes_versions``, ``cluster`` (``az aks show`` output), ``vm_sizes``, ``profile``…
        """
        return _diagnostics(self._operation, self._shape(), _context(context, locale=locale))

    def validate_configuration(self) -> None:
        """Raises ``ComputeTargetException`` if the configuration breaks a rule."""
        # The attributes go straight into the core's configuration (no dict, no context dict);
        # infos are for diagnostics(): only errors and warnings come back, to _enforce_found.
        _MAKERS[self._operation].check(self)

    def _repr_html_(self) -> str:
        try:
            diags = self.diagnostics()
        except ComputeTargetException as e:
            diags = [Diagnostic("shape", "error", [], e.message)]
        from ._html import render

        return render(type(self).__name__, self._shape(), diags, get_profile())


def _enforce_found(found: List[Dict[str, Any]], profile: str, locale: str) -> None:
    """What the native checks of the configuration classes call when the rules found errors or warnings."""
    _enforce([Diagnostic.from_dict(d) for d in found], profile, locale)


def _apply_ssl(config: Any, ssl_cname: Optional[str], ssl_cert_pem_file: Optional[str], ssl_key_pem_file: Optional[str],
               leaf_domain_label: Optional[str], overwrite_existing_domain: bool) -> None:
    """``enable_ssl`` of both configuration classes: azureml-core sets only what is truthy, then validates."""
    if ssl_cname:
        config.ssl_cname = ssl_cname
    if ssl_cert_pem_file:
        config.ssl_cert_pem_file = ssl_cert_pem_file
    if ssl_key_pem_file:
        config.ssl_key_pem_file = ssl_key_pem_file
    if leaf_domain_label:
        config.leaf_domain_label = leaf_domain_label
    if overwrite_existing_domain:
        config.overwrite_existing_domain = overwrite_existing_domain
    config.validate_configuration()


class ComputeTargetProvisioningConfiguration(_Checked):
    """The base of provisioning configurations, as in azureml-core."""

    def __init__(self, compute_type: Any, location: Optional[str]) -> None:
        self._compute_type = compute_type
        self.location = location


class ComputeTargetAttachConfiguration(_Checked):
    """The base of attach configurations, as in azureml-core."""

    _operation = "attach"

    def __init__(self, compute_type: Any) -> None:
        self._compute_type = compute_type


class ComputeTargetUpdateConfiguration(_Checked):
    """The base of update configurations, as in azureml-core."""

    _operation = "update"

    def __init__(self, compute_type: Any) -> None:
        self._compute_type = compute_type


class AksProvisioningConfiguration(ComputeTargetProvisioningConfiguration):
    """How to create an AKS compute (``AksCompute.provisioning_configuration`` makes one)."""

    def __init__(self, agent_count: Optional[int], vm_size: Optional[str], ssl_cname: Optional[str], ssl_cert_pem_file: Optional[str],
                 ssl_key_pem_file: Optional[str], location: Optional[str], vnet_resourcegroup_name: Optional[str], vnet_name: Optional[str],
                 subnet_name: Optional[str], service_cidr: Optional[str], dns_service_ip: Optional[str], docker_bridge_cidr: Optional[str],
                 cluster_purpose: Optional[str], load_balancer_type: Optional[str], load_balancer_subnet: Optional[str]) -> None:
        # The parameters become the attributes of the same names (with _compute_type,
        # leaf_domain_label and overwrite_existing_domain), then validate_configuration runs.
        _MAKERS["create"].init(self, agent_count, vm_size, ssl_cname, ssl_cert_pem_file, ssl_key_pem_file, location,
                               vnet_resourcegroup_name, vnet_name, subnet_name, service_cidr, dns_service_ip, docker_bridge_cidr,
                               cluster_purpose, load_balancer_type, load_balancer_subnet)

    if TYPE_CHECKING:  # set by the constructor (natively): declared for type checkers
        _compute_type: Any
        agent_count: Optional[int]
        vm_size: Optional[str]
        ssl_cname: Optional[str]
        ssl_cert_pem_file: Optional[str]
        ssl_key_pem_file: Optional[str]
        location: Optional[str]
        vnet_resourcegroup_name: Optional[str]
        vnet_name: Optional[str]
        subnet_name: Optional[str]
        leaf_domain_label: Optional[str]
        overwrite_existing_domain: bool
        service_cidr: Optional[str]
        dns_service_ip: Optional[str]
        docker_bridge_cidr: Optional[str]
        cluster_purpose: Optional[str]
        load_balancer_type: Optional[str]
        load_balancer_subnet: Optional[str]

    def enable_ssl(self, ssl_cname: Optional[str] = None, ssl_cert_pem_file: Optional[str] = None, ssl_key_pem_file: Optional[str] = None,
                   leaf_domain_label: Optional[str] = None, overwrite_existing_domain: bool = False) -> "AksProvisioningConfiguration":
        """Enables TLS: a custom certificate (CNAME, cert PEM file, key PEM file) or a Microsoft
        certificate (leaf domain label). Validates, and returns the configuration."""
        _apply_ssl(self, ssl_cname, ssl_cert_pem_file, ssl_key_pem_file, leaf_domain_label, overwrite_existing_domain)
        return self


class AksAttachConfiguration(ComputeTargetAttachConfiguration):
    """How to attach an AKS cluster (``AksCompute.attach_configuration`` makes one)."""

    def __init__(self, resource_group: Optional[str] = None, cluster_name: Optional[str] = None, resource_id: Optional[str] = None,
                 cluster_purpose: Optional[str] = None, load_balancer_type: Optional[str] = None, load_balancer_subnet: Optional[str] = None) -> None:
        # The parameters become the attributes of the same names (with _compute_type and the
        # TLS attributes, unset), then validate_configuration runs.
        _MAKERS["attach"].init(self, resource_group, cluster_name, resource_id, cluster_purpose, load_balancer_type, load_balancer_subnet)

    if TYPE_CHECKING:  # set by the constructor (natively): declared for type checkers
        _compute_type: Any
        resource_group: Optional[str]
        cluster_name: Optional[str]
        resource_id: Optional[str]
        cluster_purpose: Optional[str]
        ssl_cname: Optional[str]
        ssl_cert_pem_file: Optional[str]
        ssl_key_pem_file: Optional[str]
        leaf_domain_label: Optional[str]
        overwrite_existing_domain: bool
        load_balancer_type: Optional[str]
        load_balancer_subnet: Optional[str]

    def enable_ssl(self, ssl_cname: Optional[str] = None, ssl_cert_pem_file: Optional[str] = None, ssl_key_pem_file: Optional[str] = None,
                   leaf_domain_label: Optional[str] = None, overwrite_existing_domain: bool = False) -> "AksAttachConfiguration":
        """Enables TLS on the attached cluster, as on a created one. Validates, and returns the configuration."""
        _apply_ssl(self, ssl_cname, ssl_cert_pem_file, ssl_key_pem_file, leaf_domain_label, overwrite_existing_domain)
        return self


class SslConfiguration:
    """TLS settings of an existing compute (``AksUpdateConfiguration`` takes one). ``cert`` and
    ``key`` hold PEM text here, as in azureml-core."""

    def __init__(self, status: Optional[str] = None, cert: Optional[str] = None, key: Optional[str] = None, cname: Optional[str] = None,
                 leaf_domain_label: Optional[str] = None, overwrite_existing_domain: bool = False, renew: bool = False) -> None:
        self.status = status
        self.cert = cert
        self.key = key
        self.cname = cname
        self.leaf_domain_label = leaf_domain_label
        self.overwrite_existing_domain = overwrite_existing_domain
        self.renew = renew

    def serialize(self) -> Dict[str, Any]:
        """As azureml-core serializes it (the core's writer: camelCase keys, cert and key in clear)."""
        return _native.sdk_ssl(self.status, self.cert, self.key, self.cname, self.leaf_domain_label, bool(self.overwrite_existing_domain),
                               bool(self.renew))

    @staticmethod
    def deserialize(object_dict: Dict[str, Any]) -> "SslConfiguration":
        """From azureml-core's serialized form (the core's reader)."""
        return SslConfiguration(*_native.sdk_ssl_fields(object_dict))

    def __repr__(self) -> str:
        def hidden(v: Optional[str]) -> Optional[str]:
            return None if v is None else "<redacted>"

        return (f"SslConfiguration(status={self.status!r}, cname={self.cname!r}, cert={hidden(self.cert)}, key={hidden(self.key)}, "
                f"leaf_domain_label={self.leaf_domain_label!r}, overwrite_existing_domain={self.overwrite_existing_domain!r}, renew={self.renew!r})")


class AksUpdateConfiguration(ComputeTargetUpdateConfiguration):
    """What to change on an AKS compute: TLS, load balancer type and subnet."""

    def __init__(self, ssl_configuration: Optional[SslConfiguration] = None, load_balancer_type: Optional[str] = None,
                 load_balancer_subnet: Optional[str] = None) -> None:
        # The parameters become the attributes of the same names (with _compute_type), then validate_configuration runs.
        _MAKERS["update"].init(self, ssl_configuration, load_balancer_type, load_balancer_subnet)

    if TYPE_CHECKING:  # set by the constructor (natively): declared for type checkers
        _compute_type: Any
        ssl_configuration: Optional[SslConfiguration]
        load_balancer_type: Optional[str]
        load_balancer_subnet: Optional[str]


class SystemService:
    """A system service Azure ML runs in the cluster."""

    def __init__(self, service_type: Optional[str], version: Optional[str], public_ip_address: Optional[str]) -> None:
        self.service_type = service_type
        self.version = version
        self.public_ip_address = public_ip_address

    def serialize(self) -> Dict[str, Any]:
        """As azureml-core serializes it (the core's writer)."""
        return _native.sdk_system_service(self.service_type, self.version, self.public_ip_address)

    @staticmethod
    def deserialize(object_dict: Dict[str, Any]) -> "SystemService":
        for key in ("systemServiceType", "version", "publicIpAddress"):
            if key not in object_dict:
                raise ComputeTargetException('Invalid system service payload, missing "{}":\n' "{}".format(key, object_dict))
        return SystemService(object_dict["systemServiceType"], object_dict["version"], object_dict["publicIpAddress"])


class AksCompute(ComputeTarget):
    """Manages an AKS compute target in Azure Machine Learning: ``AksCompute(workspace, name)``
    reads one; the static methods make configurations and payloads; the operations (create,
    attach, wait, update, detach, delete) send through akscompute's ARM client."""

    _compute_type = "AKS"

    def _initialize(self, workspace: Any, info: Dict[str, Any]) -> None:
        super()._initialize(workspace, info)
        self.agent_vm_size = info.get("agent_vm_size")
        self.agent_count = info.get("agent_count")
        self.cluster_purpose = info.get("cluster_purpose")
        self.cluster_fqdn = info.get("cluster_fqdn")
        self.load_balancer_type = info.get("load_balancer_type")
        self.load_balancer_subnet = info.get("load_balancer_subnet")
        services = info.get("system_services") or []
        self.system_services = [SystemService(x.get("service_type"), x.get("version"), x.get("public_ip_address")) for x in services] or None
        ssl = info.get("ssl_configuration")
        self.ssl_configuration = SslConfiguration(ssl.get("status"), None, None, ssl.get("cname"), ssl.get("leaf_domain_label"),
                                                  bool(ssl.get("overwrite_existing_domain"))) if ssl else None

    @staticmethod
    def _create(workspace: Any, name: str, provisioning_configuration: AksProvisioningConfiguration) -> "AksCompute":
        return _start(AksCompute(None, None), workspace, name, "create", provisioning_configuration)  # type: ignore[no-any-return]

    @staticmethod
    def _attach(workspace: Any, name: str, config: AksAttachConfiguration) -> "AksCompute":
        return _start(AksCompute(None, None), workspace, name, "attach", config)  # type: ignore[no-any-return]

    def update(self, update_configuration: AksUpdateConfiguration) -> None:
        """Changes TLS or the load balancer (GET, merge, PUT: AKS computes have no PATCH)."""
        update_configuration.validate_configuration()
        shape = update_configuration._shape()
        shape["name"] = self.name
        op, notes = _client(self.workspace).update(shape, _ws_context(self.workspace))
        if notes:
            import warnings  # as in _enforce: only when there is something to warn of

            for n in notes:
                warnings.warn(AkscomputeWarning(n), stacklevel=_caller_stacklevel())
        self._operation = op

    def get_credentials(self) -> Dict[str, Any]:
        """The kubeconfigs (``userKubeConfig``, ``adminKubeConfig``)."""
        return _client(self.workspace).list_keys(_ws_context(self.workspace), self.name)  # type: ignore[no-any-return]

    def serialize(self) -> Dict[str, Any]:
        """As azureml-core serializes an AksCompute: its attributes, written by the core in
        ARM's camelCase shape."""
        ssl = self.ssl_configuration
        info = {"id": self.id or "", "name": self.name or "", "location": self.location, "tags": self.tags, "compute_type": self.type or "",
                "description": self.description, "created_on": _text(self.created_on), "modified_on": _text(self.modified_on),
                "provisioning_state": self.provisioning_state,
                "provisioning_errors": [e.get("error", e) if isinstance(e, dict) else e for e in self.provisioning_errors or ()],
                "cluster_resource_id": self.cluster_resource_id, "cluster_location": self.cluster_location, "is_attached": self.is_attached,
                "agent_vm_size": self.agent_vm_size, "agent_count": self.agent_count, "cluster_purpose": self.cluster_purpose,
                "cluster_fqdn": self.cluster_fqdn, "load_balancer_type": self.load_balancer_type,
                "load_balancer_subnet": self.load_balancer_subnet,
                "system_services": [{"service_type": x.service_type, "version": x.version, "public_ip_address": x.public_ip_address}
                                    for x in self.system_services or ()],
                "ssl_configuration": None if ssl is None else {"status": ssl.status, "cname": ssl.cname, "leaf_domain_label": ssl.leaf_domain_label,
                                                               "overwrite_existing_domain": bool(ssl.overwrite_existing_domain)}}
        return _native.sdk_serialize(info)

    @staticmethod
    def deserialize(workspace: Any, object_dict: Dict[str, Any]) -> "AksCompute":
        """An AksCompute from a GET answer (or ``serialize()``'s output: the core reads both)."""
        props = object_dict.get("properties") if isinstance(object_dict, dict) else None
        if not isinstance(props, dict) or "computeType" not in props:
            raise ComputeTargetException("Invalid cluster payload:\n{}".format(object_dict))
        if props["computeType"] != AksCompute._compute_type:
            raise ComputeTargetException('Invalid cluster payload, not "{}":\n{}'.format(AksCompute._compute_type, object_dict))
        target = AksCompute(None, None)
        target._initialize(workspace, _native.parse_response("compute", object_dict))
        return target

    class ClusterPurpose:
        """How the cluster is used: ``FAST_PROD`` (the default) or ``DEV_TEST``."""

        FAST_PROD = "FastProd"
        DEV_TEST = "DevTest"

    if TYPE_CHECKING:  # native functions (set below, once the makers exist): declared for type checkers
        @staticmethod
        def provisioning_configuration(agent_count: Optional[int] = None, vm_size: Optional[str] = None, ssl_cname: Optional[str] = None,
                                       ssl_cert_pem_file: Optional[str] = None, ssl_key_pem_file: Optional[str] = None,
                                       location: Optional[str] = None, vnet_resourcegroup_name: Optional[str] = None,
                                       vnet_name: Optional[str] = None, subnet_name: Optional[str] = None, service_cidr: Optional[str] = None,
                                       dns_service_ip: Optional[str] = None, docker_bridge_cidr: Optional[str] = None,
                                       cluster_purpose: Optional[str] = None, load_balancer_type: Optional[str] = None,
                                       load_balancer_subnet: Optional[str] = None) -> AksProvisioningConfiguration:
            """A configuration to create an AKS compute (defaults: 3 agents of Standard_D3_v2)."""

        @staticmethod
        def attach_configuration(resource_group: Optional[str] = None, cluster_name: Optional[str] = None, resource_id: Optional[str] = None,
                                 cluster_purpose: Optional[str] = None, load_balancer_type: Optional[str] = None,
                                 load_balancer_subnet: Optional[str] = None) -> AksAttachConfiguration:
            """A configuration to attach an existing AKS cluster."""

    if TYPE_CHECKING:
        @staticmethod
        def build_create_payload(config: AksProvisioningConfiguration, location: str, subscription_id: str) -> Dict[str, Any]:
            """azureml-core's ``_build_create_payload``: the same dict for the same configuration."""
    else:
        # The native method itself (no Python frame in between); it reads the TLS files when
        # the configuration has a CNAME, as azureml-core does.
        build_create_payload = staticmethod(_native.Payloads(_TABLES["create"], _read_ssl_files).create)

    @staticmethod
    def build_attach_payload(config: AksAttachConfiguration, resource_id: str) -> Dict[str, Any]:
        """azureml-core's ``_build_attach_payload``: the same dict for the same configuration."""
        shape = config._shape(for_payload=True)
        if config.ssl_cname:
            cert, key = _read_ssl_files(config)
            shape["ssl"]["cert"], shape["ssl"]["key"] = cert, key
        return _native.sdk_attach_payload(shape, resource_id)

    _build_create_payload = build_create_payload
    _build_attach_payload = build_attach_payload

    @staticmethod
    def _build_resource_id(subscription_id: str, resource_group: str, cluster_name: str) -> str:
        return _native.sdk_resource_id(subscription_id, resource_group, cluster_name)

    @staticmethod
    def attach(workspace: Any, name: str, resource_id: str) -> None:
        """Deprecated in azureml-core; the same advice here."""
        raise ComputeTargetException('This method is DEPRECATED. Please use the following code to attach a AKS '
                                     'compute resource.\n'
                                     '# Attach AKS\n'
                                     'attach_config = AksCompute.attach_configuration(resource_group='
                                     '"name_of_resource_group",\n'
                                     '                                                cluster_name='
                                     '"name_of_aks_cluster")\n'
                                     'compute = ComputeTarget.attach(workspace, name, attach_config)')


def _maker(cls: type, operation: str, fixed: Dict[str, Any]) -> Any:
    """The native constructor of a configuration class: the parameters of its ``__init__`` (as
    in azureml-core) are its attributes, in that order, after ``fixed``."""
    code = getattr(cls, "__init__").__code__
    names = code.co_varnames[1:code.co_argcount]
    return _native.Maker(cls, operation, _TABLES[operation], names, list(fixed.items()), _enforce_found, _read_pem)


_MAKERS = {"create": _maker(AksProvisioningConfiguration, "create", {"_compute_type": AksCompute, "leaf_domain_label": None,
                                                                      "overwrite_existing_domain": False}),
           "attach": _maker(AksAttachConfiguration, "attach", {"_compute_type": AksCompute, "ssl_cname": None, "ssl_cert_pem_file": None,
                                                               "ssl_key_pem_file": None, "leaf_domain_label": None,
                                                               "overwrite_existing_domain": False}),
           "update": _maker(AksUpdateConfiguration, "update", {"_compute_type": AksCompute})}
# AksCompute.provisioning_configuration() and attach_configuration(): native functions with
# azureml-core's parameters (the constructors', every default None), the object made and checked
# in one call, without a Python frame.
for _name, _operation, _doc in (("provisioning_configuration", "create", "A configuration to create an AKS compute (defaults: 3 agents of Standard_D3_v2)."),
                                ("attach_configuration", "attach", "A configuration to attach an existing AKS cluster.")):
    setattr(AksCompute, _name, staticmethod(_MAKERS[_operation].function(_name, f"AksCompute.{_name}", _doc)))
del _name, _operation, _doc
# AksUpdateConfiguration(...) and AksAttachConfiguration(...): the constructor itself native
# where every parameter defaults to None (as in azureml-core), its signature the def's above.
for _cls, _operation in ((AksAttachConfiguration, "attach"), (AksUpdateConfiguration, "update")):
    _init = getattr(_cls, "__init__")
    if _init.__defaults__ and len(_init.__defaults__) == _init.__code__.co_argcount - 1 and all(d is None for d in _init.__defaults__):
        setattr(_cls, "__init__", _MAKERS[_operation].init_method(_init.__doc__ or ""))
del _cls, _operation, _init
