"""Accounts on SQLite and PostgreSQL: Argon2id passwords, sessions kept in the database
(revoked at once), limits on wrong passwords counted atomically."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import update

from cxmaturity.db.tables import SignInSessionRow
from cxmaturity.services import accounts as accounts_module
from cxmaturity.services.access import Actor
from cxmaturity.services.accounts import ATTEMPTS, AccountError
from cxmaturity.services.errors import TooManyAttempts

from ..concurrency import all_at_once
from ..helpers import open_services

PASSWORD = "correct horse battery"


@pytest.fixture
def services(db_url):
    return open_services(db_url)


def test_an_account_is_added_once_whatever_the_letter_case(services):
    accounts = services.accounts
    ana = accounts.add(" Ana@Example.COM ", PASSWORD, "consultant", "Ana  Pérez", actor="t")
    assert (ana.email, ana.role, ana.name, ana.active) == (
        "ana@example.com",
        "consultant",
        "Ana Pérez",
        True,
    )
    with pytest.raises(AccountError) as error:
        accounts.add("ANA@example.com", PASSWORD, "admin", actor="t")
    assert error.value.reason == "exists"
    assert [a.email for a in accounts.all(actor="t")] == ["ana@example.com"]


@pytest.mark.parametrize(
    ("email", "password", "role", "reason"),
    [
        ("not-an-email", PASSWORD, "member", "email"),
        ("a@b.co", "eleven char", "member", "password"),
        ("a@b.co", PASSWORD, "superuser", "role"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_stored(services, email, password, role, reason):
    with pytest.raises(AccountError) as error:
        services.accounts.add(email, password, role, actor="t")
    assert error.value.reason == reason
    assert services.accounts.all(actor="t") == []


def test_passwords_are_stored_as_argon2id_hashes(services):
    services.accounts.add("ana@example.com", PASSWORD, "member", actor="t")
    with services.database.unit() as uow:
        account = uow.repo.account_with_email("ana@example.com")
        stored = uow.repo.password_hash(account.id)
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_sign_in_checks_the_password_and_the_account(services):
    accounts = services.accounts
    ana = accounts.add("ana@example.com", PASSWORD, "member", actor="t")
    assert accounts.authenticate("ANA@example.com", PASSWORD, "ip:1") == ana
    assert accounts.authenticate("ana@example.com", PASSWORD + "x", "ip:1") is None
    assert accounts.authenticate("nobody@example.com", PASSWORD, "ip:1") is None
    accounts.disable("ana@example.com", actor="t")
    assert accounts.authenticate("ana@example.com", PASSWORD, "ip:1") is None


def test_a_session_lasts_until_sign_out_expiry_or_disabling(services):
    accounts = services.accounts
    ana = accounts.add("ana@example.com", PASSWORD, "member", actor="t")
    token = accounts.start_session(ana)
    assert accounts.signed_in(token) == ana
    assert accounts.signed_in(token + "x") is None  # a tampered token
    assert accounts.signed_in("") is None
    accounts.end_session(token)
    assert accounts.signed_in(token) is None  # revoked at once
    expired = accounts.start_session(ana)
    with services.database.unit() as uow:
        uow.repo.session.execute(
            update(SignInSessionRow).values(expires_at=dt.datetime(2020, 1, 1))
        )
        uow.commit()
    assert accounts.signed_in(expired) is None
    later = accounts.start_session(ana)
    accounts.set_password("ana@example.com", "another long secret", actor="t")
    assert accounts.signed_in(later) is None  # a new password ends the old sessions
    again = accounts.start_session(ana)
    accounts.disable("ana@example.com", actor="t")
    assert accounts.signed_in(again) is None


def test_a_deleted_accounts_session_signs_nobody_in(services):
    accounts = services.accounts
    ana = accounts.add("ana@example.com", PASSWORD, "member", actor="t")
    token = accounts.start_session(ana)
    with services.database.unit() as uow:
        from cxmaturity.db.tables import AccountRow

        uow.repo.session.query(AccountRow).filter_by(id=ana.id).delete()
        uow.commit()
    assert accounts.signed_in(token) is None


def test_wrong_passwords_are_limited_per_account_and_per_client(services):
    accounts = services.accounts
    accounts.add("ana@example.com", PASSWORD, "member", actor="t")
    accounts.add("luis@example.com", PASSWORD, "member", actor="t")
    for _ in range(ATTEMPTS):
        assert accounts.authenticate("ana@example.com", "wrong password!", "ip:1") is None
    with pytest.raises(TooManyAttempts):
        accounts.authenticate("ana@example.com", PASSWORD, "ip:2")  # the account is held
    with pytest.raises(TooManyAttempts):
        accounts.authenticate("luis@example.com", PASSWORD, "ip:1")  # so is that client
    assert accounts.authenticate("luis@example.com", PASSWORD, "ip:3") is not None


def test_right_passwords_do_not_count_against_the_limit(services):
    accounts = services.accounts
    accounts.add("ana@example.com", PASSWORD, "member", actor="t")
    for _ in range(ATTEMPTS * 2):
        assert accounts.authenticate("ana@example.com", PASSWORD, "ip:1") is not None


def test_forty_wrong_passwords_at_once_at_most_ten_are_checked(services, monkeypatch):
    services.accounts.add("ana@example.com", PASSWORD, "member", actor="t")
    checked = []
    lock = threading.Lock()

    def counting(stored, password):
        with lock:
            checked.append(password)
        return False

    monkeypatch.setattr(accounts_module, "password_matches", counting)
    outcomes = [
        "limited" if isinstance(o, TooManyAttempts) else o
        for o in all_at_once(
            40, lambda n: services.accounts.authenticate("ana@example.com", f"guess {n}", "ip:9")
        )
    ]
    assert len(outcomes) == 40
    assert len(checked) <= ATTEMPTS
    assert outcomes.count("limited") >= 40 - ATTEMPTS


def test_single_sign_on_matches_an_active_account_by_email_and_creates_only_if_configured(
    services,
):
    accounts = services.accounts
    ana = accounts.add("ana@example.com", "correct horse battery", "consultant", actor="t")
    assert accounts.single_sign_on("ANA@example.com") == ana
    assert accounts.single_sign_on("zoe@example.com") is None  # must exist by default
    assert accounts.with_email("zoe@example.com") is None
    zoe = accounts.single_sign_on("zoe@example.com", new_role="member")
    assert zoe is not None and zoe.role == "member" and zoe.active
    assert accounts.authenticate("zoe@example.com", "", client="x") is None  # no password
    accounts.disable("ana@example.com", actor="t")
    assert accounts.single_sign_on("ana@example.com", new_role="member") is None
    log = services.organizations.audit_log(
        Actor(accounts.add("root@example.com", "correct horse battery", "admin", actor="t"))
    )
    assert ("single sign-on", "account.add", "zoe@example.com") in [
        (e.actor, e.action, e.target) for e in log
    ]


def test_the_sso_role_setting_never_makes_admins():
    from cxmaturity.config import load_settings

    assert load_settings({"CXMATURITY_SSO_NEW_ACCOUNTS": "admin"}, {}).sso_new_accounts == ""
    assert load_settings({"CXMATURITY_SSO_NEW_ACCOUNTS": "member"}, {}).sso_new_accounts == (
        "member"
    )


def test_the_old_facilitator_secret_is_named_as_obsolete_and_grants_nothing():
    from cxmaturity.config import load_settings

    old = load_settings({"CXMATURITY_FACILITATOR_PASSWORD": "s3cret"}, {})
    assert old.obsolete == ("CXMATURITY_FACILITATOR_PASSWORD",)
    assert not hasattr(old, "facilitator_password")
    assert load_settings({}, {}).obsolete == ()
