"""Accounts: local accounts (email + password, Argon2id), roles, sign-in sessions kept in
the database (several app servers share them; signing out revokes at once), limits on
wrong passwords, and the audit log of account changes.

An email is compared without letter case (stored in lower case); a password has at
least :data:`MIN_PASSWORD` characters. Unknown emails are checked against a dummy hash,
so the time a refusal takes says nothing about which accounts exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from typing import TYPE_CHECKING

from ..db import Database
from ..db.repository import Repository
from ..db.tables import utcnow
from ..records import ROLES, Account, clean_name
from .access import Actor, require_admin
from .errors import TooManyAttempts
from .tokens import token_hash

if TYPE_CHECKING:  # argon2 loads on first use
    from argon2 import PasswordHasher

TICKET_SECONDS = 60  # a sign-in ticket is exchanged for the cookie within this time
COOKIE_NAME = "cxm_session"
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
ATTEMPTS = 10  # wrong passwords per account, and per client address, per window
ATTEMPT_WINDOW = dt.timedelta(minutes=15)
EMAIL = re.compile(r"^[^@\s]{1,200}@[^@\s]{1,118}\.[^@\s]{1,60}$")


def _manager(actor: Actor | str) -> str:
    """Who manages accounts, for the audit log: a signed-in admin (checked here), or
    the name of a trusted caller with the server's shell (the command line)."""
    if isinstance(actor, Actor):
        require_admin(actor)
        return actor.name
    return actor


class AccountError(ValueError):
    """An account change that cannot be made; ``reason`` names the case (``email``,
    ``exists``, ``password``, ``role``, ``unknown``)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@functools.cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # Argon2id, t=3, 64 MiB, p=4 (the library's defaults)

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_matches(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (a dummy hash is checked when there is
    none, so every answer takes the same time)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored or _dummy_hash(), password)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_email(email: str) -> str:
    clean = normalize_email(email)
    if not EMAIL.match(clean):
        raise AccountError(f"{email!r} is not an email address", "email")
    return clean


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters", "password")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters", "password")
    return password


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"role {role!r}: one of {', '.join(ROLES)}", "role")
    return role


class Accounts:
    """Account use cases; ``actor`` names who made a change, for the audit log."""

    def __init__(self, database: Database, session_hours: float = 12.0) -> None:
        self.database = database
        self.session_length = dt.timedelta(hours=session_hours)
        self._signing_key: bytes | None = None

    # ------------------------------------------------------------ manage

    def add(
        self, email: str, password: str, role: str, name: str = "", *, actor: Actor | str
    ) -> Account:
        """A new active account (exit 1 on the CLI when the email exists in any case)."""
        clean = check_email(email)
        hashed = hash_password(check_password(password))
        with self.database.unit() as uow:
            if uow.repo.account_with_email(clean) is not None:
                raise AccountError(f"an account {clean!r} exists already", "exists")
            account = uow.repo.add_account(clean, clean_name(name), check_role(role), hashed)
            uow.repo.audit(_manager(actor), "account.add", clean, f"role={role}")
            uow.commit()
            return account

    def all(self, *, actor: Actor | str) -> list[Account]:
        """Every account (for an admin, or the command line, which passes its name)."""
        _manager(actor)
        with self.database.unit() as uow:
            return uow.repo.accounts()

    def any(self) -> bool:
        """Whether any account exists (none: the first-admin path is open)."""
        with self.database.unit() as uow:
            return uow.repo.count_accounts() > 0

    def with_email(self, email: str) -> Account | None:
        with self.database.unit() as uow:
            return uow.repo.account_with_email(normalize_email(email))

    def set_role(self, email: str, role: str, *, actor: Actor | str) -> Account:
        return self._change(email, "account.role", f"role={check_role(role)}", actor, role=role)

    def set_password(self, email: str, password: str, *, actor: Actor | str) -> Account:
        hashed = hash_password(check_password(password))
        return self._change(email, "account.password", "", actor, password_hash=hashed)

    def disable(self, email: str, *, actor: Actor | str) -> Account:
        """The account can no longer sign in; its sessions end now."""
        return self._change(email, "account.disable", "", actor, active=False)

    def _change(
        self, email: str, action: str, detail: str, actor: Actor | str, **values: object
    ) -> Account:
        who = _manager(actor)
        clean = normalize_email(email)
        with self.database.unit() as uow:
            found = uow.repo.account_with_email(clean)
            if found is None:
                raise AccountError(f"no account {clean!r}", "unknown")
            uow.repo.update_account(found.id, **values)
            if values.get("active") is False or "password_hash" in values:
                uow.repo.revoke_sign_ins_of(found.id, utcnow())
            uow.repo.audit(who, action, clean, detail)
            changed = uow.repo.account(found.id)
            assert changed is not None
            uow.commit()
            return changed

    def single_sign_on(self, email: str, *, new_role: str = "") -> Account | None:
        """The active account of an email the identity provider vouched for; None when
        there is none (or it is disabled). With ``new_role`` (the operator's
        ``CXMATURITY_SSO_NEW_ACCOUNTS``: ``member`` or ``consultant``), an unknown email
        gets a new account of that role, with a random password nobody knows."""
        clean = normalize_email(email)
        found = self.with_email(clean)
        if found is not None or not new_role or not clean:
            return found if found is not None and found.active else None
        try:
            return self.add(clean, secrets.token_urlsafe(32), new_role, actor="single sign-on")
        except AccountError:  # created by another request meanwhile, or not an email
            again = self.with_email(clean)
            return again if again is not None and again.active else None

    # ----------------------------------------------------------- sign in/out

    def authenticate(self, email: str, password: str, client: str) -> Account | None:
        """The account if ``password`` is right; None otherwise. Wrong passwords are
        limited per account and per client address (:data:`ATTEMPTS` per window);
        over the limit :class:`TooManyAttempts` is raised before anything is checked."""
        clean = normalize_email(email)
        keys = [("password-account", clean), ("password-client", client)]
        with self.database.unit() as uow:
            now = utcnow()
            taken = [k for k in keys if uow.repo.take_attempt(*k, ATTEMPTS, ATTEMPT_WINDOW, now)]
            uow.commit()
        if len(taken) < len(keys):
            with self.database.unit() as uow:
                for key in taken:
                    uow.repo.give_back_attempt(*key)
                uow.commit()
            raise TooManyAttempts("too many wrong passwords; try again in a few minutes")
        with self.database.unit() as uow:
            account = uow.repo.account_with_email(clean)
            stored = uow.repo.password_hash(account.id) if account is not None else None
        right = password_matches(stored, password) and account is not None and account.active
        if right:
            with self.database.unit() as uow:
                for key in keys:
                    uow.repo.give_back_attempt(*key)
                uow.commit()
        return account if right else None

    def start_session(self, account: Account) -> str:
        """A new sign-in session; returns its secret token (only its hash is stored)."""
        with self.database.unit() as uow:
            token = self._new_session(uow.repo, account)
            uow.commit()
        return token

    def _new_session(self, repo: Repository, account: Account) -> str:
        token = secrets.token_urlsafe(32)
        repo.add_sign_in(token_hash(token), account.id, utcnow() + self.session_length)
        repo.audit(account.email, "session.start", account.email)
        return token

    def signed_in(self, token: str) -> Account | None:
        """Whose live session this is: None when unknown, revoked, expired or disabled."""
        if not token:
            return None
        with self.database.unit() as uow:
            return uow.repo.signed_in(token_hash(token), utcnow())

    def end_session(self, token: str) -> None:
        """Sign out: the session is revoked on the server at once (every tab, every server)."""
        with self.database.unit() as uow:
            uow.repo.revoke_sign_in(token_hash(token), utcnow())
            uow.commit()

    # ------------------------------------------------------ tickets and cookies

    def issue_ticket(self, account: Account) -> str:
        """A single-use ticket (:data:`TICKET_SECONDS`) the browser exchanges for its
        session cookie (the cookie is set by an HTTP route, so it can be HttpOnly)."""
        ticket = secrets.token_urlsafe(32)
        expires = utcnow() + dt.timedelta(seconds=TICKET_SECONDS)
        with self.database.unit() as uow:
            uow.repo.add_ticket(token_hash(ticket), account.id, expires)
            uow.commit()
        return ticket

    def redeem_ticket(self, ticket: str) -> str | None:
        """A new session for the ticket's account (its signed cookie value), or None for a
        used, expired or unknown ticket or a disabled account."""
        with self.database.unit() as uow:
            account_id = uow.repo.redeem_ticket(token_hash(ticket), utcnow())
            account = uow.repo.account(account_id) if account_id is not None else None
            if account is None or not account.active:
                uow.commit()
                return None
            token = self._new_session(uow.repo, account)
            uow.commit()
        return self.cookie_value(token)

    def cookie_value(self, token: str) -> str:
        """``token.signature``: a changed cookie is refused before the database is asked."""
        return f"{token}.{self._signature(token)}"

    def token_from_cookie(self, value: str | None) -> str | None:
        """The session token of a cookie whose signature holds, else None."""
        token, _, signature = (value or "").rpartition(".")
        if not token or not hmac.compare_digest(signature, self._signature(token)):
            return None
        return token

    def account_of_cookie(self, value: str | None) -> Account | None:
        """Who a session cookie signs in (None: no cookie, a changed one, or a session
        that was revoked, expired or belongs to a disabled or deleted account)."""
        token = self.token_from_cookie(value)
        return self.signed_in(token) if token is not None else None

    def end_cookie_session(self, value: str | None) -> None:
        token = self.token_from_cookie(value)
        if token is not None:
            self.end_session(token)

    def _signature(self, token: str) -> str:
        digest = hmac.new(self._key(), token.encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:43]

    def _key(self) -> bytes:
        """The signing key, shared by every app process through the database."""
        if self._signing_key is None:
            with self.database.unit() as uow:
                value = uow.repo.server_secret("cookie-key", secrets.token_hex(32))
                uow.commit()
            self._signing_key = bytes.fromhex(value)
        return self._signing_key

    # ---------------------------------------------------------- first admin

    def setup_code(self) -> str:
        """The one-time code that lets someone away from the server create the first
        admin (printed in the server's log at start; shared by every process)."""
        with self.database.unit() as uow:
            code = uow.repo.server_secret("setup-code", secrets.token_hex(8))
            uow.commit()
        return code

    def setup_code_matches(self, given: str) -> bool:
        return hmac.compare_digest(given.strip().lower().encode(), self.setup_code().encode())

    def create_first_admin(self, email: str, password: str, name: str = "") -> Account:
        """The first admin, once: a second attempt (from any process) is refused."""
        clean = check_email(email)
        hashed = hash_password(check_password(password))
        with self.database.unit() as uow:
            if uow.repo.count_accounts() > 0 or not uow.repo.claim_first_admin():
                raise AccountError("the first admin exists already", "exists")
            account = uow.repo.add_account(clean, clean_name(name), "admin", hashed)
            uow.repo.set_first_admin(account.id)
            uow.repo.audit(clean, "account.first-admin", clean, "role=admin")
            uow.commit()
            return account
