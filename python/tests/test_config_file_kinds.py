"""``Workspace.from_config`` given, or finding, something that is not a file where config.json
should be: a named pipe, a device, a folder. It says what stands there (it said "could not be
found") and never waits on a pipe nobody writes to."""
import os
import threading

import pytest

from akscompute import UserErrorException, Workspace
from akscompute.workspace import _read_config

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

# Only reached when reading waits on the pipe (the failure this guards against): a call that
# answers does so at once, so the bound says "hangs", not "is slow".
HANG = 30.0


def _answer(call):
    """What ``call`` raises, run on a thread that a hang cannot keep from ending the test."""
    out = {}

    def run():
        try:
            call()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            out["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(HANG)
    assert not t.is_alive(), "waited on a named pipe nobody writes to"
    return out.get("error")


def test_a_named_pipe_given_as_the_file_says_so(tmp_path):
    fifo = tmp_path / "config.json"
    os.mkfifo(fifo)
    e = _answer(lambda: Workspace.from_config(path=str(fifo)))
    assert isinstance(e, UserErrorException), e
    assert f"{fifo} is a named pipe (FIFO), not a file" in e.message and "could not be found" not in e.message


def test_a_device_given_as_the_file_says_so():
    e = _answer(lambda: Workspace.from_config(path=os.devnull))
    assert isinstance(e, UserErrorException), e
    assert f"{os.devnull} is a device, not a file" in e.message


def test_a_pipe_or_folder_where_the_search_looks_is_named(tmp_path):
    os.mkfifo(tmp_path / "config.json")
    (tmp_path / "aml_config" / "config.json").mkdir(parents=True)
    e = _answer(lambda: Workspace.from_config(path=str(tmp_path)))
    assert isinstance(e, UserErrorException), e
    # Still azureml-core's "could not be found" (it passes over what is not a file, as it does),
    # now saying what was there instead.
    assert "could not be found" in e.message, e.message
    assert f"{tmp_path / 'config.json'} is a named pipe (FIFO), not a file" in e.message, e.message
    assert f"{tmp_path / 'aml_config' / 'config.json'} is a folder, not a file" in e.message, e.message


def test_a_file_swapped_for_a_pipe_after_the_search_is_not_waited_on(tmp_path):
    # The search saw a file; a pipe stands there when it is opened.
    fifo = tmp_path / "config.json"
    os.mkfifo(fifo)
    e = _answer(lambda: _read_config(str(fifo)))
    assert isinstance(e, UserErrorException), e
    assert "is a named pipe (FIFO), not a file" in e.message
