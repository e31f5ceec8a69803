"""Wrong join codes: at most the limit are ever evaluated, even all at once; one client
is never locked out by another; forged X-Forwarded-For headers count for nothing unless
the proxy is trusted."""

from __future__ import annotations

import threading

import pytest

from cxmaturity.db.repository import Repository
from cxmaturity.services.errors import TooManyAttempts, WorkshopError
from cxmaturity.services.workshops import MAX_FAILED_JOINS, Workshops
from cxmaturity.ui.access import client_key_from

from ..concurrency import all_at_once
from ..helpers import admin_of, open_store


@pytest.fixture
def rooms(db_url, quiz):
    store = open_store(db_url)
    workshops = Workshops(store.database)
    workshop = workshops.create(admin_of(store), store.ensure_organization("Acme"), [quiz], "es")
    return workshops, workshop


def test_forty_wrong_codes_at_once_at_most_ten_are_evaluated(rooms, monkeypatch):
    workshops, workshop = rooms
    evaluated = []
    lock = threading.Lock()
    original = Repository.workshop_with_code

    def counting(self, code):
        with lock:
            evaluated.append(code)
        return original(self, code)

    monkeypatch.setattr(Repository, "workshop_with_code", counting)

    def attempt(n: int) -> str:
        try:
            workshops.join(f"WRONG{n:05d}", "Eve", client="ip:203.0.113.9")
        except TooManyAttempts:
            return "limited"
        except WorkshopError as error:
            return error.reason
        return "joined"

    outcomes = all_at_once(40, attempt)
    assert len(outcomes) == 40
    assert len(evaluated) <= MAX_FAILED_JOINS
    assert outcomes.count("unknown") == len(evaluated)
    assert outcomes.count("limited") == 40 - len(evaluated)
    # Another address is not locked out by the first.
    joined, _, _ = workshops.join(workshop.code, "Ana", client="ip:198.51.100.7")
    assert joined.id == workshop.id


def test_an_unknown_address_is_never_a_shared_bucket():
    one = client_key_from("", "", trust_proxy=False, session="s1")
    two = client_key_from("", "", trust_proxy=False, session="s2")
    assert one != two and "unknown" not in one + two


@pytest.mark.parametrize(
    ("address", "forwarded", "trusted", "key"),
    [
        ("10.0.0.2", "1.2.3.4", False, "ip:10.0.0.2"),  # not trusted: the header is ignored
        ("10.0.0.2", "", True, "ip:10.0.0.2"),
        ("10.0.0.2", "198.51.100.7", True, "ip:198.51.100.7"),
        # A client's own header comes first; the proxy appends the address it saw.
        ("10.0.0.2", "1.2.3.4, 198.51.100.7", True, "ip:198.51.100.7"),
    ],
)
def test_x_forwarded_for_counts_only_from_a_trusted_proxy(address, forwarded, trusted, key):
    assert client_key_from(address, forwarded, trust_proxy=trusted, session="s") == key


def test_forged_headers_do_not_escape_the_limit(rooms):
    workshops, workshop = rooms
    for n in range(MAX_FAILED_JOINS):
        forged = f"192.0.2.{n}"  # a new address in every request, proxy not trusted
        key = client_key_from("203.0.113.5", forged, trust_proxy=False, session="s")
        with pytest.raises(WorkshopError):
            workshops.join("ZZZZZZZZZZ", "Eve", client=key)
    key = client_key_from("203.0.113.5", "192.0.2.99", trust_proxy=False, session="s")
    with pytest.raises(TooManyAttempts):
        workshops.join(workshop.code, "Eve", client=key)
