"""Two `advisor serve` processes on one Redis: one conversation, its turns alternating."""
from __future__ import annotations

import httpx

from tests.adapters.support import ServeProcess


def test_one_conversation_alternates_between_two_instances(redis_url):
    servers = [ServeProcess({"ADVISOR_STORE": redis_url}) for _ in range(2)]
    try:
        first = httpx.post(servers[0].url + "/api/chat", json={"text": "help me choose"}).json()
        session, turn, hops = first["session"], first, 0
        while turn["expects"] and hops < 25:
            server = servers[(hops + 1) % 2]
            option = turn["replies"][-1]["options"][0]["id"]
            body = {"option": option, "session": session, "id": f"click-{hops}"}
            turn = httpx.post(server.url + "/api/chat", json=body).json()
            again = httpx.post(servers[hops % 2].url + "/api/chat", json=body).json()
            assert again == turn          # the same input resent to the other instance: one answer
            hops += 1
        assert turn["recommendation"] is not None and turn["session"] == session and hops >= 3
    finally:
        for server in servers:
            server.terminate()
