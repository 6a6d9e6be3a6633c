"""The app's logs never carry what a network's address may hold: tokens in query strings."""

from __future__ import annotations

import logging

import httpx
import pytest

from socialplan.publish.http import Http

TOKEN = "EAAG-very-secret-page-token"


def test_a_request_with_a_token_in_its_query_leaves_no_trace_in_the_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def network(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "1"})

    http = Http("facebook", "https://graph.example", transport=httpx.MockTransport(network))
    with caplog.at_level(logging.DEBUG):
        http.json("POST", "/v26.0/1/feed", params={"access_token": TOKEN, "message": "hi"})
    assert caplog.records, "the request was logged (by path), or this test proves nothing"
    assert TOKEN not in caplog.text
