"""The rule profile in force: one per interpreter, like azureml-core's behaviour is one."""
from . import _native

_current = "2021-11"


def set_profile(profile: str) -> None:
    """Selects the rules: ``"sdk"`` (exactly azureml-core's checks and messages), ``"2020-10"``,
    ``"2021-04"`` or ``"2021-11"`` (the default: the newest documentation)."""
    global _current
    _current = _native.profile_name(profile)


def get_profile() -> str:
    """The profile in force."""
    return _current
