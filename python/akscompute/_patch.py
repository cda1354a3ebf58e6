"""The in-place mode, for code that keeps azureml-core (its ``Model.deploy`` needs its own
compute objects): ``patch_azureml()`` puts every akscompute rule in front of azureml-core's own
validation, and ``check()`` reads a configuration object of either package."""
from __future__ import annotations

import sys

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:
    from typing import Any, Callable, Dict, List, Optional, Tuple

from ._diagnostic import Diagnostic
from ._errors import ConfigurationError
from ._fields import operation_of, shape_of
from ._profile import get_profile

# (class, attribute) -> what was there before patch_azureml.
_originals: Dict[Tuple[type, str], Any] = {}
_patch_profile: List[Optional[str]] = [None]


def check(config: Any, workspace: Any = None, context: Optional[Dict[str, Any]] = None, locale: Optional[str] = None) -> List[Diagnostic]:
    """Every diagnostic (errors, warnings, infos) of a configuration object: akscompute's or
    azureml-core's ``AksProvisioningConfiguration``, ``AksAttachConfiguration`` or
    ``AksUpdateConfiguration``. ``workspace`` (either package's) fills the context's workspace."""
    from .aks import _context, _diagnostics
    from .workspace import _as_dict

    operation = operation_of(config)
    if operation is None:
        raise ConfigurationError(f"check() takes an AKS provisioning, attach or update configuration, not {type(config).__name__}",
                                 code="wrong_type", errors=[{"kind": "wrong_type", "path": [], "message": "not an AKS configuration"}])
    ctx = dict(context or {})
    if workspace is not None:
        ctx.setdefault("workspace", _as_dict(workspace))
    return _diagnostics(operation, shape_of(config, operation, read_files=ctx.get("profile", get_profile()) != "sdk"), _context(ctx, locale=locale))


def _enforce_on(config: Any, operation: str, name: Optional[str] = None, workspace: Any = None) -> None:
    """Runs the rules of the patch's profile on an azureml-core object; raises azureml-core's
    ComputeTargetException (akscompute's too) with every error, warns for warnings."""
    from .aks import _context, _enforce
    from .workspace import _as_dict

    profile = _patch_profile[0] or get_profile()
    shape = shape_of(config, operation, read_files=profile != "sdk")
    ctx: Dict[str, Any] = {"profile": profile}
    if name is not None:
        shape["name"] = name
    if workspace is not None:
        ctx["workspace"] = _as_dict(workspace)
    ctx = _context(ctx, name_later=name is None)
    from . import _native

    found = _native.validate(operation, shape, ctx, "warning")
    if found:
        _enforce([Diagnostic.from_dict(d) for d in found], profile, ctx["locale"])


def _wrap_validate(original: Callable[..., Any], operation: str) -> Callable[..., Any]:
    import functools  # here, not at import: functools pulls collections, a cost every notebook would pay

    @functools.wraps(original)
    def validate_configuration(self: Any) -> Any:
        _enforce_on(self, operation)
        return original(self)

    validate_configuration._akscompute_patch = True  # type: ignore[attr-defined]
    return validate_configuration


def _wrap_enable_ssl(original: Callable[..., Any], operation: str) -> Callable[..., Any]:
    import functools

    # enable_ssl ends in validate_configuration (patched too); the wrapper is there so that the
    # rules run even on a subclass that overrides validate_configuration.
    @functools.wraps(original)
    def enable_ssl(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        _enforce_on(self, operation)
        return result

    enable_ssl._akscompute_patch = True  # type: ignore[attr-defined]
    return enable_ssl


def _wrap_target(original: Any, operation: str) -> Any:
    """ComputeTarget.create / attach: for an AKS configuration the rules run, with the compute's
    name and the workspace, before azureml-core sends anything."""
    import functools

    func = original.__func__ if isinstance(original, staticmethod) else original

    @functools.wraps(func)
    def call(workspace: Any, name: Any, configuration: Any, *args: Any, **kwargs: Any) -> Any:
        if operation_of(configuration) == operation:
            _enforce_on(configuration, operation, name=name if isinstance(name, str) else None, workspace=workspace)
        return func(workspace, name, configuration, *args, **kwargs)

    call._akscompute_patch = True  # type: ignore[attr-defined]
    return staticmethod(call)


def _set(cls: type, attr: str, value: Any) -> None:
    key = (cls, attr)
    if key not in _originals:
        _originals[key] = cls.__dict__[attr]
    setattr(cls, attr, value)


def patch_azureml(profile: Optional[str] = None) -> None:
    """Makes azureml-core's own AKS classes run every akscompute rule (of ``profile``, or of the
    profile set when they run) before azureml-core's own code: ``provisioning_configuration``,
    ``attach_configuration``, ``validate_configuration`` and ``enable_ssl`` of the configuration
    classes, and ``ComputeTarget.create`` / ``attach`` for AKS. Errors raise azureml-core's
    ``ComputeTargetException`` with every error in ``.message`` and ``.diagnostics``; the objects
    stay azureml-core's. Calling it again only changes the profile; ``unpatch_azureml()`` restores."""
    from ._native import profile_name

    _patch_profile[0] = profile_name(profile) if profile is not None else None
    if _originals:
        return
    import azureml.exceptions  # type: ignore[import-not-found,unused-ignore]  # noqa: F401  (akscompute's errors become azureml-core's too)
    from azureml.core.compute import aks, compute  # type: ignore[import-not-found,unused-ignore]

    for cls, operation in ((aks.AksProvisioningConfiguration, "create"), (aks.AksAttachConfiguration, "attach"),
                           (aks.AksUpdateConfiguration, "update")):
        _set(cls, "validate_configuration", _wrap_validate(cls.__dict__["validate_configuration"], operation))
        if "enable_ssl" in cls.__dict__:
            _set(cls, "enable_ssl", _wrap_enable_ssl(cls.__dict__["enable_ssl"], operation))
    _set(compute.ComputeTarget, "create", _wrap_target(compute.ComputeTarget.__dict__["create"], "create"))
    _set(compute.ComputeTarget, "attach", _wrap_target(compute.ComputeTarget.__dict__["attach"], "attach"))
    # provisioning_configuration and attach_configuration build the configuration classes,
    # whose constructors end in validate_configuration: patched through it.


def unpatch_azureml() -> None:
    """Restores azureml-core's classes as they were before ``patch_azureml``."""
    for (cls, attr), value in reversed(list(_originals.items())):
        setattr(cls, attr, value)
    _originals.clear()
    _patch_profile[0] = None


def is_patched() -> bool:
    """Whether ``patch_azureml`` is in force."""
    return bool(_originals) and "azureml.core.compute" in sys.modules
