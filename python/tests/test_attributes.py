"""The attributes of a compute read from ARM, value for value and type for type, as azureml-core
1.61 sets them from the same GET answer: notebooks print them, compare them, call their methods
(``created_on.date()``, ``provisioning_errors[0]["error"]["message"]``)."""
import copy
import datetime

import pytest

from akscompute import AksCompute
from test_native_reader import GET, azureml_compute as reference

pytest.importorskip("azureml.core.compute.aks", reason="azureml-core is the reference; make test installs it")

# What our side does not have: azureml-core's private endpoint and client plumbing.
PLUMBING = {"workspace", "_workspace", "_auth", "_operation_endpoint", "_mlc_endpoint", "_get_resource_manager_endpoint", "_operation"}


def plain(x):
    """Objects as their attributes, so that two classes of the same name compare by value."""
    if isinstance(x, list):
        return [plain(i) for i in x]
    if hasattr(x, "__dict__") and not isinstance(x, (str, int, float, dict, datetime.datetime)):
        return (type(x).__name__, {k: plain(v) for k, v in vars(x).items()})
    return x


CHANGES = {
    "as-is": lambda b: None,
    "failed": lambda b: b["properties"].update(provisioningState="Failed",
                                               provisioningErrors=[{"error": {"code": "QuotaExceeded", "message": "no cores left"}}]),
    "arm-fractions": lambda b: b["properties"].update(createdOn="2026-03-04T05:06:07.1234567+00:00", modifiedOn="2026-03-04T05:16:07.5Z"),
    "no-times": lambda b: (b["properties"].pop("createdOn"), b["properties"].pop("modifiedOn")),
    "no-inner": lambda b: b["properties"].update(properties=None),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_attributes_are_azureml_cores(change):
    body = copy.deepcopy(GET)
    CHANGES[change](body)
    want, got = vars(reference(body)), vars(AksCompute.deserialize(None, body))
    keys = (set(want) | set(got)) - PLUMBING
    diffs = {k: (plain(want.get(k, "<absent>")), plain(got.get(k, "<absent>"))) for k in sorted(keys)
             if plain(want.get(k, "<absent>")) != plain(got.get(k, "<absent>"))}
    assert diffs == {}
    for k in ("created_on", "modified_on"):
        assert type(got[k]) is type(want[k])


def test_serialize_still_writes_arms_errors_after_reading_them():
    body = copy.deepcopy(GET)
    CHANGES["failed"](body)
    target = AksCompute.deserialize(None, body)
    assert target.provisioning_errors[0]["error"]["message"] == "no cores left"
    assert target.serialize()["properties"]["provisioningErrors"] == body["properties"]["provisioningErrors"]
