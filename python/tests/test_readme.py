"""The README's notebook example, run as written: it must raise what the README says it raises."""
import os
import re

import pytest

from akscompute import ComputeTargetException
from conftest import ROOT


def blocks(path):
    return re.findall(r"```python\n(.*?)```", open(os.path.join(ROOT, path)).read(), re.S)


def test_readme_notebook_example_raises_as_documented():
    first = blocks("README.md")[0]
    assert "provisioning_configuration(agent_count=2" in first
    with pytest.raises(ComputeTargetException) as e:
        exec(compile(first, "README.md", "exec"), {})
    assert "CAP003 at agent_count" in e.value.message and "1 error" in e.value.message


def test_migration_blocks_run_as_written(notebook, capsys):
    """The three ways of MIGRATION.md, as written, against the emulator (the notebook fixture:
    a config.json, `az login` done, AKSCOMPUTE_ARM_ENDPOINT set)."""
    standalone, one_line, in_place = [b for b in blocks("python/MIGRATION.md") if "import" in b][:3]
    exec(compile(standalone, "MIGRATION.md", "exec"), {})
    assert 'Provisioning operation finished, operation "Succeeded"' in capsys.readouterr().out
    pytest.importorskip("azureml.core", reason="azureml-core is in the test venv")
    scope = {}
    exec(compile(one_line, "MIGRATION.md", "exec"), scope)
    import akscompute

    assert scope["AksCompute"] is akscompute.AksCompute and scope["ComputeTargetException"].__module__.startswith("azureml")
    try:
        with pytest.raises(ComputeTargetException, match="CAP003"):
            exec(compile(in_place, "MIGRATION.md", "exec"), {})
    finally:
        akscompute.unpatch_azureml()
