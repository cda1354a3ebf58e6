"""CAP010 through the drop-in: a retired VM size warns as every other warning does (an
``AkscomputeWarning`` at the caller's line, the diagnostic in ``diagnostics()``), and not under
the ``sdk`` profile, which keeps azureml-core's behaviour (it has no such check)."""
import warnings

import pytest

import akscompute
from akscompute import AksCompute, AkscomputeWarning


def test_a_retired_size_warns_with_its_last_listed_date():
    with pytest.warns(AkscomputeWarning, match=r"CAP010.*Standard_NC6.*2024-12-16") as w:
        cfg = AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_NC6")
    assert w[0].filename == __file__
    found = [d for d in cfg.diagnostics() if d.code == "CAP010"]
    assert len(found) == 1 and found[0].severity == "warning" and list(found[0].path) == ["vm_size"]
    assert "az vm list-skus" in found[0].fix


def test_a_current_size_and_the_sdk_profile_say_nothing_of_it():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cfg = AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_NC6s_v3")
    assert "CAP010" not in [d.code for d in cfg.diagnostics()]
    akscompute.set_profile("sdk")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cfg = AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_NC6")
    assert "CAP010" not in [d.code for d in cfg.diagnostics()]
