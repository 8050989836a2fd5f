"""POST /api/chat, /healthz and /metrics through the real ASGI app (httpx under TestClient)."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from adapters.serve import create_app
from bot.config import Settings, WebSettings
from tests.stores.support import free_port

CONTRACT_KEYS = {"session", "replies", "node", "confidence", "suggestions", "expects", "recommendation"}


def _client(store: str = "memory", **web: object) -> TestClient:
    settings = Settings(store=store, web=WebSettings(**{"rate_limit": None, **web}))  # type: ignore[arg-type]
    return TestClient(create_app(settings), client=("203.0.113.7", 5000))


@pytest.fixture
def client() -> Iterator[TestClient]:
    with _client() as c:
        yield c


def _chat(client: TestClient, body: object, origin: str | None = None):
    raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
    headers = {"content-type": "application/json", **({"origin": origin} if origin else {})}
    return client.post("/api/chat", content=raw, headers=headers)


def test_a_missing_session_starts_one_and_the_reply_carries_it(client):
    first = _chat(client, {"text": "help me choose"})
    assert first.status_code == 200 and set(first.json()) == CONTRACT_KEYS
    sid = first.json()["session"]
    assert sid.startswith("s-") and len(sid) == 34 and first.json()["expects"]
    again = _chat(client, {"text": "not sure", "session": sid}).json()
    assert again["session"] == sid and again["node"] == "flow.advisor"


def test_an_option_click_and_a_resend_with_the_same_id(client):
    sid = _chat(client, {"text": "what is an MSP"}).json()["session"]
    body = {"option": "topic.sla", "session": sid, "id": "m-7"}
    first, resent = _chat(client, body).json(), _chat(client, body).json()
    assert first["node"] == "topic.sla" and resent == first


@pytest.mark.parametrize("body, key", [
    ("{not json", "bad_json"),
    (b"\xff\xfe", "bad_json"),
    ("1" * 5000, "bad_json"),
    ("[1, 2]", "bad_input"),
    ({"text": 42}, "bad_input"),
    ({"text": "a", "option": "b"}, "bad_input"),
    ({"text": "hi", "session": "bad session"}, "bad_session"),
    ({"text": "hi", "session": "slack:T1:C1:1.2"}, "bad_session"),
    ({"text": "hi", "id": {"x": 1}}, "bad_input"),
])
def test_malformed_requests_get_400_with_a_clear_message(client, body, key):
    response = _chat(client, body)
    assert response.status_code == 400
    assert response.json()["error"] == key and response.json()["message"]


def test_text_over_the_limit_is_413_and_says_the_limit():
    with _client(max_text=50) as client:
        response = _chat(client, {"text": "x" * 51})
        assert response.status_code == 413 and "50" in response.json()["message"]
        huge = _chat(client, {"text": "x" * 2_000_000})
        assert huge.status_code == 413


def test_unknown_option_ids_get_a_turn_not_an_error(client):
    response = _chat(client, {"option": "no.such.thing"})
    assert response.status_code == 200 and response.json()["node"] == "meta.fallback"


def test_too_many_requests_get_429_with_retry_after():
    with _client(rate_limit="3/minute") as client:
        codes = [_chat(client, {"text": "hi"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        last = _chat(client, {"text": "hi"})
        assert int(last.headers["retry-after"]) >= 1 and last.json()["error"] == "rate_limited"


def test_the_limit_is_also_per_session_across_addresses():
    with _client(rate_limit="2/minute") as a:
        sid = _chat(a, {"text": "hi"}).json()["session"]
        assert _chat(a, {"text": "hi", "session": sid}).status_code == 200
        b = TestClient(a.app, client=("198.51.100.9", 1))
        assert _chat(b, {"text": "hi", "session": sid}).status_code == 200
        assert _chat(b, {"text": "hi", "session": sid}).status_code == 429   # the session's third
        assert _chat(b, {"text": "hi"}).status_code == 200                   # b's own second


def test_wrong_method_and_unknown_path(client):
    wrong = client.get("/api/chat")
    assert wrong.status_code == 405 and wrong.json()["error"] == "method_not_allowed"
    assert "POST" in wrong.headers["allow"] and "/api/chat" in wrong.json()["message"]
    missing = client.post("/api/nope", json={"text": "hi"})
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    page = client.get("/nope")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/plain")


def test_healthz_reports_the_store_and_content_version(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and len(body["content_version"]) == 12


def test_healthz_is_503_when_the_store_is_down():
    with _client(store=f"redis://127.0.0.1:{free_port()}/0") as client:
        response = client.get("/healthz")
        assert response.status_code == 503 and response.json()["status"] == "store unavailable"
        turn = _chat(client, {"text": "hi"})
        assert turn.status_code == 200 and "memory" in turn.json()["replies"][0]["text"]


def test_metrics_count_turns_fallbacks_and_recommendations(client):
    _chat(client, {"text": "what is an MSP"})
    _chat(client, {"text": "recipe for banana bread"})
    text = client.get("/metrics").text
    assert 'advisor_turns_total{channel="web",kind="model"} 1.0' in text
    assert 'advisor_fallbacks_total{channel="web"} 1.0' in text
    assert "advisor_turn_seconds_bucket" in text


def test_metrics_count_did_you_mean_recommendations_and_errors():
    with _client() as client:
        assert _chat(client, {"text": "costs"}).json()["suggestions"]
        turn = _chat(client, {"text": "help me choose"}).json()
        while turn["expects"] != "none" and not turn["recommendation"]:
            turn = _chat(client, {"text": "not sure", "session": turn["session"]}).json()
        top = turn["recommendation"]["ranking"][0]["model"]
        text = client.get("/metrics").text
        assert f'advisor_recommendations_total{{channel="web",model="{top}"}} 1.0' in text
        assert 'advisor_did_you_mean_total{channel="web"} 1.0' in text
    with _client(store=f"redis://127.0.0.1:{free_port()}/0") as down:
        _chat(down, {"text": "what is an MSP"})
        assert 'advisor_errors_total{cause="store_down",channel="web"} 1.0' in down.get("/metrics").text


def test_security_headers_and_a_strict_csp_on_pages(client):
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
    for response in (page, _chat(client, {"text": "hi"})):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"


def test_cors_allows_only_the_listed_origins():
    with _client(allowed_origins=("https://shop.example",)) as client:
        ok = client.options("/api/chat", headers={"origin": "https://shop.example",
                                                  "access-control-request-method": "POST"})
        assert ok.headers["access-control-allow-origin"] == "https://shop.example"
        other = _chat(client, {"text": "hi"}, origin="https://evil.example")
        assert "access-control-allow-origin" not in other.headers


def test_no_cors_by_default(client):
    response = _chat(client, {"text": "hi"}, origin="https://shop.example")
    assert "access-control-allow-origin" not in response.headers


@pytest.fixture(scope="module")
def fuzz_client() -> Iterator[TestClient]:
    with _client() as c:
        yield c


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400),
                 st.builds(lambda v: json.dumps(v).encode(), st.dictionaries(
                     st.sampled_from(["text", "option", "session", "id", "extra"]),
                     st.none() | st.booleans() | st.integers() | st.text(max_size=40) | st.lists(st.integers()),
                     max_size=4))))
def test_any_body_gets_a_contract_turn_or_a_json_refusal(fuzz_client, body):
    response = fuzz_client.post("/api/chat", content=body)
    payload = response.json()
    if response.status_code == 200:
        assert set(payload) == CONTRACT_KEYS and payload["replies"]
    else:
        assert response.status_code in (400, 413) and set(payload) == {"error", "message"}


def test_every_response_carries_a_request_id_and_keeps_a_sane_given_one(client):
    generated = _chat(client, {"text": "hi"})
    assert len(generated.headers["x-request-id"]) == 16
    given = client.post("/api/chat", json={"text": "hi"}, headers={"x-request-id": "edge-42.a"})
    assert given.headers["x-request-id"] == "edge-42.a"
    odd = client.post("/api/chat", json={"text": "hi"}, headers={"x-request-id": "<script>"})
    assert odd.headers["x-request-id"] != "<script>"
