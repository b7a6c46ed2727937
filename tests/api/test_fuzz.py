"""Property: requests built from the OpenAPI schema (values it allows and values it does not) never get a 5xx."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz_cases import api_requests, call
from tests.web.web_fixtures import corpus, make_client, new_token

from newsprobe.api import create_app

pytestmark = pytest.mark.slow  # Hypothesis over the API

SCHEMA = create_app().openapi()


@pytest.fixture(scope="module")
def client(tmp_path_factory, nlp):
    with make_client(tmp_path_factory.mktemp("fuzz"), nlp=nlp, stored=corpus()) as opened:
        yield opened


@pytest.mark.slow
@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(request=api_requests(SCHEMA), with_token=st.booleans())
def test_no_request_gets_a_5xx(client, request, with_token: bool) -> None:
    headers = {"Authorization": f"Bearer {new_token(client)}"} if with_token else None
    response = call(client, request, headers)
    assert response.status_code < 500, (request, response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert response.json()["error"]["code"].startswith("NP")


def test_a_lone_surrogate_in_a_body_is_not_a_5xx(client) -> None:
    body = '{"text": "The minister \\ud800 said on Saturday that talks failed."}'  # JSON's own escape
    response = client.post("/analyze", content=body, headers={"Content-Type": "application/json"})
    # The API refuses text it cannot store as UTF-8 with a coded 422 (tests/api/test_bad_input.py has the
    # details); what matters here is that it is the client's error, never the server's.
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "NP909"
