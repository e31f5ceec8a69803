"""The app's own HTTP routes: what the participant cookie keeps, and what it refuses."""

from __future__ import annotations

import warnings

import pytest
from starlette.applications import Starlette

with warnings.catch_warnings():  # newer Starlette prefers httpx2; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from cxmaturity.services.workshops import MAX_KEPT_TOKENS
from cxmaturity.ui.routes import PARTICIPANT_COOKIE, ROUTES

from ..helpers import admin_of, open_services

SAME_ORIGIN = {"sec-fetch-site": "same-origin"}


@pytest.fixture
def joined(quiz):
    """A client of the routes, and tokens of two workshops' participants."""
    services = open_services()
    store, workshops = services.assessments, services.workshops
    one = workshops.create(admin_of(store), store.ensure_organization("Acme"), [quiz], "es")
    two = workshops.create(admin_of(store), store.ensure_organization("Beta"), [quiz], "en")
    first = workshops.join(one.code, "Ana", client="a")[2]
    second = workshops.join(two.code, "Luis", client="b")[2]
    return TestClient(Starlette(routes=ROUTES)), workshops, (one, first), (two, second)


def kept(client: TestClient) -> list[str]:
    return [t for t in client.cookies.get(PARTICIPANT_COOKIE, "").split(".") if t]


def test_the_cookie_keeps_each_joined_token_once_and_finds_the_workshops_own(joined):
    client, workshops, (one, first), (two, second) = joined
    for token in (first, second, first):
        answer = client.post("/app-auth/participant", json={"token": token}, headers=SAME_ORIGIN)
        assert answer.status_code == 204
    assert kept(client) == [second, first]
    header = answer.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "max-age=5184000" in header
    assert workshops.returning(kept(client), one.code) == first
    assert workshops.returning(kept(client), two.code) == second


def test_the_cookie_refuses_unknown_tokens_and_other_sites(joined):
    client, _, (_, first), _ = joined
    cases = [
        ({"token": "made-up"}, SAME_ORIGIN, 403),
        ({"token": ""}, SAME_ORIGIN, 403),
        ({}, SAME_ORIGIN, 403),
        ({"token": first}, {"sec-fetch-site": "cross-site"}, 403),
        ({"token": first}, {"origin": "https://evil.example", "host": "testserver"}, 403),
        ({"token": first}, {}, 403),
    ]
    for body, headers, status in cases:
        assert (
            client.post("/app-auth/participant", json=body, headers=headers).status_code == status
        )
        assert kept(client) == []
    broken = client.post("/app-auth/participant", content=b"{not json", headers=SAME_ORIGIN)
    assert broken.status_code == 400 and kept(client) == []
    fine = {"origin": "http://testserver", "host": "testserver"}
    assert (
        client.post("/app-auth/participant", json={"token": first}, headers=fine).status_code == 204
    )


def test_the_cookie_holds_only_the_newest_tokens(joined, quiz):
    client, workshops, (one, first), _ = joined
    services = open_services()
    store = services.assessments
    tokens = [first]
    for n in range(MAX_KEPT_TOKENS + 2):
        room = workshops.create(
            admin_of(store), store.ensure_organization(f"Org {n}"), [quiz], "es"
        )
        tokens.append(workshops.join(room.code, "Ana", client=f"c{n}")[2])
    for token in tokens:
        client.post("/app-auth/participant", json={"token": token}, headers=SAME_ORIGIN)
    assert kept(client) == tokens[-MAX_KEPT_TOKENS:]
    # The oldest (first workshop) fell out: the join link of that one joins anew.
    assert workshops.returning(kept(client), one.code) is None
