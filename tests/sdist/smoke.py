"""A user's first thing with the wheel pip built from the sdist alone: a valid configuration
passes, a wrong one is refused naming its rule code. Run from outside the repository, so the
installed package is the one imported."""
from akscompute import AksCompute, ComputeTargetException

AksCompute.provisioning_configuration(agent_count=3, vm_size="Standard_D3_v2")
try:
    AksCompute.provisioning_configuration(agent_count=0)
except ComputeTargetException as e:
    assert "CAP" in str(e), e
    print("sdist wheel: validates and refuses:", str(e).splitlines()[0])
else:
    raise SystemExit("agent_count=0 was accepted")
