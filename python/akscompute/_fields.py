"""Where each keyword argument (and attribute) of the configuration classes goes in the core's
configuration shape: the only table of it in the package. azureml-core's configuration objects
have the same attributes, so ``shape_of`` reads theirs too (``check``, ``patch_azureml``).

The tables are handed to the native module once (``NATIVE``), which reads an object's
attributes straight into the core's shape: no dict is built on the way to the rules.
"""
from __future__ import annotations

from . import _native

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # typing costs a notebook ~15 ms to import: types are for checkers only
    from typing import Any, Dict, Optional, Tuple

    Table = Tuple[Tuple[str, Tuple[str, ...]], ...]

# attribute -> path in the shape; the order is the order of the shape's fields.
_SSL: Table = (("ssl_cname", ("ssl", "cname")), ("ssl_cert_pem_file", ("ssl", "cert")), ("ssl_key_pem_file", ("ssl", "key")),
               ("leaf_domain_label", ("ssl", "leaf_domain_label")), ("overwrite_existing_domain", ("ssl", "overwrite_existing_domain")))
CREATE: Table = (("agent_count", ("agent_count",)), ("vm_size", ("vm_size",)), ("cluster_purpose", ("cluster_purpose",)),
                 ("location", ("location",)), ("load_balancer_type", ("load_balancer_type",)),
                 ("load_balancer_subnet", ("load_balancer_subnet",)), ("vnet_name", ("vnet", "name")),
                 ("vnet_resourcegroup_name", ("vnet", "resource_group")), ("subnet_name", ("vnet", "subnet")),
                 ("service_cidr", ("vnet", "service_cidr")), ("dns_service_ip", ("vnet", "dns_service_ip")),
                 ("docker_bridge_cidr", ("vnet", "docker_bridge_cidr"))) + _SSL
ATTACH: Table = (("resource_id", ("resource_id",)), ("resource_group", ("resource_group",)), ("cluster_name", ("cluster_name",)),
                 ("cluster_purpose", ("cluster_purpose",)), ("load_balancer_type", ("load_balancer_type",)),
                 ("load_balancer_subnet", ("load_balancer_subnet",))) + _SSL
UPDATE: Table = (("load_balancer_type", ("load_balancer_type",)), ("load_balancer_subnet", ("load_balancer_subnet",)))
# SslConfiguration (update) -> the update shape's ``ssl``.
UPDATE_SSL: Table = (("status", ("status",)), ("cname", ("cname",)), ("cert", ("cert",)), ("key", ("key",)),
                     ("leaf_domain_label", ("leaf_domain_label",)), ("overwrite_existing_domain", ("overwrite_existing_domain",)),
                     ("renew", ("renew",)))
# Flags the shape carries only when set (azureml-core's objects hold False by default).
_FLAGS = {"overwrite_existing_domain", "renew"}
_FILES = {"ssl_cert_pem_file", "ssl_key_pem_file"}
TABLES = {"create": CREATE, "attach": ATTACH, "update": UPDATE}


def read_pem(path: Any) -> Any:
    """The file's text when it can be read (at most 1 MiB: a PEM certificate chain is a few
    KiB); otherwise the value itself, so that the rules say it is not PEM rather than the check
    failing on I/O."""
    if not isinstance(path, str) or not path:
        return path
    try:
        with open(path, "r") as f:
            text = f.read(1 << 20)
    except (OSError, UnicodeDecodeError, ValueError):
        return path
    return text


def _native_table(rows: Tuple[Any, ...], nested: Tuple[Any, ...] = ()) -> Any:
    return _native.AttrTable(rows + nested, sorted(_FLAGS), sorted(_FILES))


# The tables as the native reader holds them; update's ``ssl_configuration`` is an object of its own.
NATIVE = {"create": _native_table(CREATE), "attach": _native_table(ATTACH),
          "update": _native_table(UPDATE, (("ssl_configuration", ("ssl",), _native_table(UPDATE_SSL)),))}


def shape_of(obj: Any, operation: str, read_files: bool = False) -> Dict[str, Any]:
    """The core's configuration shape of a configuration object (akscompute's or azureml-core's).

    ``read_files``: the TLS certificate and key as the text of their PEM files (what the rules
    check); otherwise the paths, as given.
    """
    return _native.shape_of(obj, NATIVE[operation], read_pem if read_files else None)


def operation_of(obj: Any) -> Optional[str]:
    """create, attach or update for a configuration object of either package, by its class."""
    for klass in type(obj).__mro__:
        name = klass.__name__
        if name == "AksProvisioningConfiguration":
            return "create"
        if name == "AksAttachConfiguration":
            return "attach"
        if name == "AksUpdateConfiguration":
            return "update"
    return None
