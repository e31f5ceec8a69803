"""Rows about people and rights: accounts, memberships, sign-in sessions, attempt
limits and the audit log. Part of the repository: no commit here either."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from ..records import Account, AuditEntry, Organization
from .mappers import insert_for, to_account, to_organization
from .tables import (
    AccountRow,
    AttemptLimitRow,
    AuditRow,
    FirstAdminRow,
    MembershipRow,
    OrganizationRow,
    ServerSecretRow,
    SignInSessionRow,
    SignInTicketRow,
)


class AccountQueries:
    """Accounts, memberships, sign-in sessions, attempt limits and the audit log: the
    part of :class:`~cxmaturity.db.repository.Repository` that is about who may do what."""

    session: Session

    # ----------------------------------------------------------------- accounts

    def add_account(self, email: str, name: str, role: str, password_hash: str | None) -> Account:
        row = AccountRow(email=email, name=name, role=role, password_hash=password_hash)
        row.active = True
        self.session.add(row)
        self.session.flush()
        return to_account(row)

    def account_with_email(self, email: str) -> Account | None:
        row = self.session.scalar(select(AccountRow).where(AccountRow.email == email))
        return to_account(row) if row is not None else None

    def account(self, account_id: int) -> Account | None:
        row = self.session.get(AccountRow, account_id)
        return to_account(row) if row is not None else None

    def password_hash(self, account_id: int) -> str | None:
        row = self.session.get(AccountRow, account_id)
        return row.password_hash if row is not None else None

    def accounts(self) -> list[Account]:
        rows = self.session.scalars(select(AccountRow).order_by(AccountRow.email))
        return [to_account(r) for r in rows]

    def count_accounts(self) -> int:
        return self.session.scalar(select(func.count(AccountRow.id))) or 0

    def update_account(self, account_id: int, **values: Any) -> None:
        row = self.session.get(AccountRow, account_id)
        if row is None:
            raise KeyError(account_id)
        for name, value in values.items():
            setattr(row, name, value)

    # -------------------------------------------------------------- memberships

    def set_access(self, organization_id: int, account_id: int, access: str | None) -> None:
        """Give ``account`` this access to the organisation (None removes it)."""
        self.session.execute(
            delete(MembershipRow).where(
                MembershipRow.organization_id == organization_id,
                MembershipRow.account_id == account_id,
            )
        )
        if access is not None:
            self.session.add(
                MembershipRow(organization_id=organization_id, account_id=account_id, access=access)
            )
            self.session.flush()

    def access(self, organization_id: int, account_id: int) -> str | None:
        return self.session.scalar(
            select(MembershipRow.access).where(
                MembershipRow.organization_id == organization_id,
                MembershipRow.account_id == account_id,
            )
        )

    def memberships(self, account_id: int) -> list[tuple[Organization, str]]:
        """The organisations the account is a member of, with its access, by name."""
        rows = self.session.execute(
            select(OrganizationRow, MembershipRow.access)
            .join(MembershipRow, MembershipRow.organization_id == OrganizationRow.id)
            .where(MembershipRow.account_id == account_id)
            .order_by(OrganizationRow.name, OrganizationRow.id)
        ).all()
        return [(to_organization(o), access) for o, access in rows]

    def members(self, organization_id: int) -> list[tuple[Account, str]]:
        rows = self.session.execute(
            select(AccountRow, MembershipRow.access)
            .join(MembershipRow, MembershipRow.account_id == AccountRow.id)
            .where(MembershipRow.organization_id == organization_id)
            .order_by(AccountRow.email)
        ).all()
        return [(to_account(a), access) for a, access in rows]

    # ---------------------------------------------------------------- sessions

    def add_sign_in(self, token_hash: str, account_id: int, expires_at: dt.datetime) -> None:
        self.session.add(
            SignInSessionRow(token_hash=token_hash, account_id=account_id, expires_at=expires_at)
        )

    def signed_in(self, token_hash: str, now: dt.datetime) -> Account | None:
        """The active account of a live session (not revoked, not expired), one query."""
        row = self.session.scalar(
            select(AccountRow)
            .join(SignInSessionRow, SignInSessionRow.account_id == AccountRow.id)
            .where(
                SignInSessionRow.token_hash == token_hash,
                SignInSessionRow.revoked_at.is_(None),
                SignInSessionRow.expires_at > now,
                AccountRow.active.is_(True),
            )
        )
        return to_account(row) if row is not None else None

    def revoke_sign_in(self, token_hash: str, now: dt.datetime) -> None:
        self.session.execute(
            update(SignInSessionRow)
            .where(SignInSessionRow.token_hash == token_hash, SignInSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def revoke_sign_ins_of(self, account_id: int, now: dt.datetime) -> None:
        self.session.execute(
            update(SignInSessionRow)
            .where(SignInSessionRow.account_id == account_id, SignInSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def add_ticket(self, ticket_hash: str, account_id: int, expires_at: dt.datetime) -> None:
        self.session.add(
            SignInTicketRow(ticket_hash=ticket_hash, account_id=account_id, expires_at=expires_at)
        )

    def redeem_ticket(self, ticket_hash: str, now: dt.datetime) -> int | None:
        """The ticket's account id, once: a used or expired ticket gives None (atomic)."""
        row = SignInTicketRow
        found = self.session.execute(
            update(row)
            .where(row.ticket_hash == ticket_hash, row.used_at.is_(None), row.expires_at > now)
            .values(used_at=now)
            .returning(row.account_id)
            .execution_options(synchronize_session=False)
        ).first()
        return int(found[0]) if found is not None else None

    # ------------------------------------------------------------ server secrets

    def server_secret(self, name: str, fresh: str) -> str:
        """The shared secret called ``name``; ``fresh`` becomes it if there is none yet
        (the first process to ask wins; every other one reads the same value)."""
        insert = insert_for(self.session)
        self.session.execute(
            insert(ServerSecretRow.__table__)
            .values(name=name, value=fresh)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        value = self.session.scalar(
            select(ServerSecretRow.value).where(ServerSecretRow.name == name)
        )
        assert value is not None
        return value

    def claim_first_admin(self) -> bool:
        """True for the one caller that may create the first admin (atomic)."""
        insert = insert_for(self.session)
        table = FirstAdminRow.__table__
        claimed = self.session.execute(
            insert(table)
            .values(id=1)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(table.c.id)
        ).first()
        return claimed is not None

    def set_first_admin(self, account_id: int) -> None:
        self.session.execute(
            update(FirstAdminRow).where(FirstAdminRow.id == 1).values(account_id=account_id)
        )

    # ----------------------------------------------------------- attempt limits

    def take_attempt(
        self, scope: str, key: str, limit: int, window: dt.timedelta, now: dt.datetime
    ) -> bool:
        """Count one attempt for (scope, key); False once ``limit`` were counted in the
        current window. Atomic: the database decides between concurrent attempts (a
        conditional UPDATE; for a new key an INSERT that does nothing on conflict, and
        then the UPDATE again if another attempt inserted the row first)."""
        if self._bump(scope, key, limit, window, now):
            return True
        insert = insert_for(self.session)
        table = AttemptLimitRow.__table__
        added = self.session.execute(
            insert(table)
            .values(scope=scope, key=key, window_start=now, count=1)
            .on_conflict_do_nothing(index_elements=["scope", "key"])
            .returning(table.c.id)
        ).first()
        return added is not None or self._bump(scope, key, limit, window, now)

    def _bump(
        self, scope: str, key: str, limit: int, window: dt.timedelta, now: dt.datetime
    ) -> bool:
        row = AttemptLimitRow
        fresh = row.window_start < now - window
        taken = self.session.execute(
            update(row)
            .where(row.scope == scope, row.key == key)
            .where(fresh | (row.count < limit))
            .values(
                count=case((fresh, 1), else_=row.count + 1),
                window_start=case((fresh, now), else_=row.window_start),
            )
            .returning(row.count)
            .execution_options(synchronize_session=False)
        ).first()
        return taken is not None

    def give_back_attempt(self, scope: str, key: str) -> None:
        """An attempt that turned out right does not count against the limit."""
        row = AttemptLimitRow
        self.session.execute(
            update(row)
            .where(row.scope == scope, row.key == key, row.count > 0)
            .values(count=row.count - 1)
            .execution_options(synchronize_session=False)
        )

    # ---------------------------------------------------------------- audit log

    def audit(self, actor: str, action: str, target: str, detail: str = "") -> None:
        self.session.add(
            AuditRow(actor=actor[:320], action=action[:60], target=target[:400], detail=detail)
        )

    def audit_entries(self, limit: int = 10_000) -> list[AuditEntry]:
        rows = self.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
        return [AuditEntry(r.at, r.actor, r.action, r.target, r.detail) for r in rows]
