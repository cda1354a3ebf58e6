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


def test_migration_import_line_works():
    change = [b for b in blocks("python/MIGRATION.md") if "from akscompute import" in b][0]
    exec(compile(change, "MIGRATION.md", "exec"), {})
