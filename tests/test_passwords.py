"""Passwords are hashed with Argon2id at the library's recommended costs."""

from __future__ import annotations

from cxmaturity.services.accounts import hash_password, password_matches


def test_argon2id_with_real_costs():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert password_matches(stored, "correct horse battery")
    assert not password_matches(stored, "correct horse battery ")
    assert not password_matches(None, "correct horse battery")  # no account: still a check
    assert not password_matches("not a hash", "x")
