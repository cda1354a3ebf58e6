"""akscompute: a drop-in for azureml-core's ``AksCompute`` that checks every documented rule
before anything is sent.

Change one import line::

    # from azureml.core.compute import AksCompute, ComputeTarget
    from akscompute import AksCompute, ComputeTarget

or keep azureml-core's classes and put every rule in front of them: ``akscompute.patch_azureml()``.
"""
from ._diagnostic import Diagnostic
from ._errors import AkscomputeWarning, AzureMLException, ClientFailure, ComputeTargetException, ConfigurationError, UserErrorException
from ._patch import check, patch_azureml, unpatch_azureml
from ._profile import get_locale, get_profile, set_locale, set_profile
from .aks import (
    AksAttachConfiguration,
    AksCompute,
    AksProvisioningConfiguration,
    AksUpdateConfiguration,
    ComputeTargetAttachConfiguration,
    ComputeTargetProvisioningConfiguration,
    ComputeTargetUpdateConfiguration,
    SslConfiguration,
    SystemService,
)
from .compute import ComputeTarget
from .workspace import Workspace
from . import _native

__version__ = _native.__version__


def vm_size(name: str):  # type: ignore[no-untyped-def]
    """What the catalog knows of a VM size (vCPUs, GPUs, FPGA), or None."""
    return _native.vm_size(name)


def rules():  # type: ignore[no-untyped-def]
    """The rule registry: code, title, source and severity per profile."""
    return _native.rules()


__all__ = [
    "AksAttachConfiguration",
    "AksCompute",
    "AksProvisioningConfiguration",
    "AksUpdateConfiguration",
    "AkscomputeWarning",
    "AzureMLException",
    "ClientFailure",
    "ComputeTarget",
    "ComputeTargetAttachConfiguration",
    "ComputeTargetException",
    "ComputeTargetProvisioningConfiguration",
    "ComputeTargetUpdateConfiguration",
    "ConfigurationError",
    "Diagnostic",
    "SslConfiguration",
    "SystemService",
    "UserErrorException",
    "Workspace",
    "check",
    "get_locale",
    "get_profile",
    "patch_azureml",
    "rules",
    "set_locale",
    "set_profile",
    "unpatch_azureml",
    "vm_size",
]
