"""Session 9 (s9d): an ARM error message that starts lines of its own (LF, CRLF, NEL, U+2028,
U+2029) cannot forge a line in what the drop-in raises: the emulator's ``forge-lines`` mode
answers every request with such a message, and the exception shows it on one line, escaped."""
import pytest

import akscompute
from conftest import hostile_workspace


@pytest.fixture
def forging():
    with hostile_workspace("forge-lines") as (ws, _token):
        yield ws


def test_an_arm_message_cannot_forge_a_line_in_an_exception(forging):
    for call in (lambda: akscompute.ComputeTarget(workspace=forging, name="myaks"), lambda: akscompute.ComputeTarget.list(forging)):
        with pytest.raises(akscompute.ComputeTargetException) as e:
            call()
        for text in (e.value.message, str(e.value)):
            assert not any(c in text for c in "\r\x85\u2028\u2029"), repr(text)
            lines = text.splitlines()
            assert not any(l.lstrip().startswith(("INFO", "0 errors")) for l in lines), repr(text)
            assert "The request is invalid.\\nINFO akscompute: compute myaks created\\r\\n0 errors" in text, repr(text)
            assert "\\u{2028}LS\\u{2029}PS" in text, repr(text)
