import os
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture(autouse=True)
def _default_profile():
    import akscompute

    akscompute.set_profile("2021-11")
    yield
    akscompute.set_profile("2021-11")


@pytest.fixture
def pem_files(tmp_path):
    fixtures = os.path.join(ROOT, "core", "tests", "fixtures")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text(open(os.path.join(fixtures, "ec_a.crt")).read())
    key.write_text(open(os.path.join(fixtures, "ec_a.key")).read())
    return str(cert), str(key)
