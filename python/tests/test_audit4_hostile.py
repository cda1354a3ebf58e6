"""Outside audit (s8e): a Resource Manager (or a proxy before it) that echoes the bearer token
back in its error message and in the request-id headers the client logs. The drop-in's
exceptions and the ``akscompute_client`` log lines show ``<redacted>`` in its place."""
import logging

import pytest

import akscompute
from conftest import SUB, HeaderAuth, hostile_workspace


@pytest.fixture
def echoing():
    with hostile_workspace("echo-token") as (ws, token):
        yield ws, token


def test_a_token_the_server_echoes_back_is_in_no_exception_and_no_log_line(echoing, caplog):
    ws, token = echoing
    caplog.set_level(logging.DEBUG)
    calls = (lambda: akscompute.ComputeTarget(workspace=ws, name="myaks"), lambda: akscompute.ComputeTarget.list(ws),
             lambda: akscompute.ComputeTarget.create(ws, "myaks", akscompute.AksCompute.provisioning_configuration()))
    for call in calls:
        with pytest.raises(akscompute.ComputeTargetException) as e:
            call()
        assert token not in e.value.message and token not in str(e.value) and token not in repr(e.value), e.value.message[:300]
        assert "<redacted>" in e.value.message, e.value.message[:300]
    assert token not in caplog.text, caplog.text[-2000:]


def test_an_error_messages_escape_sequences_do_not_reach_the_terminal(monkeypatch):
    """A server whose error message clears the screen, colours a forged line and moves the cursor
    back: the exception's message carries them escaped, so printing it drives no terminal."""
    import http.server
    import json
    import threading

    class Hostile(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"error": {"code": "Bad\x1b[2J", "message": "one\r\n\x1b[31mFAKE: all good\x1b[0m\x07\x9b31m"}}).encode()
            self.send_response(400)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("AKSCOMPUTE_ARM_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
    ws = akscompute.Workspace(SUB, "ml-rg", "ml-ws", auth=HeaderAuth("tok"), location="eastus")
    try:
        with pytest.raises(akscompute.ComputeTargetException) as e:
            akscompute.ComputeTarget(workspace=ws, name="myaks")
    finally:
        server.shutdown()
        server.server_close()
    text = e.value.message
    assert not any(c in text for c in "\x1b\r\x07\x9b"), repr(text)
    assert "FAKE: all good" in text and "\\u{1b}" in text, repr(text)
