"""Sign in / Sign out on every page (``access.md`` screen names), and the sign-in form.

AppTest cannot send cookies, so a signed-in page is given a real signed session cookie
through :func:`cxmaturity.ui.auth.session_cookie` (the check behind it is the real one).
"""

from __future__ import annotations

import pytest

from cxmaturity.ui import auth

from ..helpers import open_services
from .conftest import BRANDING, HOME, ORGANIZATIONS, PLAN, RESULTS, open_page

PAGES = [HOME, RESULTS, PLAN, ORGANIZATIONS, BRANDING]
PASSWORD = "correct horse battery"


def _links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_a_visitor_sees_sign_in_on_every_page(page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception
    assert {"es": "Iniciar sesión", "en": "Sign in"}[lang] in _links(at)
    assert not [b for b in at.button if b.key == auth.SIGN_OUT_KEY]


@pytest.fixture
def signed_in(monkeypatch):
    services = open_services()
    account = services.accounts.add("ana@acme.example", PASSWORD, "consultant", actor="t")
    ticket = services.accounts.issue_ticket(account)
    cookie = services.accounts.redeem_ticket(ticket)
    monkeypatch.setattr(auth, "session_cookie", lambda: cookie)
    return services, cookie


@pytest.mark.parametrize("page", PAGES)
def test_someone_signed_in_sees_sign_out_on_every_page(signed_in, page):
    at = open_page(page, lang="en")
    assert not at.exception
    assert "Sign in" not in _links(at)
    assert [b.label for b in at.button if b.key == auth.SIGN_OUT_KEY] == ["Sign out"]
    assert any("Signed in as ana@\u2060acme\\.example" in c.value for c in at.caption)


def test_sign_out_revokes_the_session_on_the_server(signed_in):
    services, cookie = signed_in
    at = open_page(HOME, lang="en")
    next(b for b in at.button if b.key == auth.SIGN_OUT_KEY).click().run()
    assert not at.exception
    assert services.accounts.account_of_cookie(cookie) is None


def test_a_wrong_password_is_refused_with_a_plain_message():
    open_services().accounts.add("ana@acme.example", PASSWORD, "member", actor="t")
    at = open_page(HOME, lang="en")
    at.switch_page("cxmaturity/ui/pages/signin.py").run()
    at.text_input(key="auth.email").input("ana@acme.example")
    at.text_input(key="auth.password").input("wrong password!")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["That email or password is not right."]
    labels = [w.label for w in at.text_input]
    assert labels == ["Email", "Password"]


@pytest.mark.parametrize("role", [None, "member", "consultant"])
def test_only_an_admin_changes_the_branding(sign_in, role):
    if role is not None:
        sign_in(f"{role}@example.com", role)
    at = open_page(BRANDING, lang="en")
    assert not at.exception
    assert "Only an admin account" in at.info[0].value
    assert not at.get("form_submit_button") and not at.text_input


def test_the_branding_service_refuses_non_admins_too():
    from cxmaturity.branding import Branding
    from cxmaturity.services.access import VISITOR, NotAllowed

    services = open_services()
    with pytest.raises(NotAllowed):
        services.branding.save(VISITOR, Branding(firm="Intruso"))
    assert not services.branding.path.exists()


def test_the_audit_log_is_for_admins_and_downloads_as_csv(sign_in):
    services = open_services()
    services.accounts.add("luis@acme.example", PASSWORD, "member", actor="cli")
    admin = sign_in("admin@example.com", "admin")
    at = open_page("cxmaturity/ui/pages/audit.py", lang="en")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.columns) == ["When (UTC)", "Who", "What", "On", "Detail"]
    assert list(table["What"])[:2] == ["session.start", "account.add"]
    assert admin.email in list(table["Who"])
    assert [b.proto.label for b in at.get("download_button")] == ["Download the log (CSV)"]


@pytest.mark.parametrize("role", [None, "member", "consultant"])
def test_the_audit_log_is_not_shown_to_others(sign_in, role):
    if role is not None:
        sign_in(f"{role}@example.com", role)
    at = open_page(HOME, lang="en")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("cxmaturity/ui/pages/audit.py")  # not a page of theirs at all


ACCOUNTS_PAGE = "cxmaturity/ui/pages/accounts.py"


def test_an_admin_adds_changes_and_disables_accounts(sign_in):
    sign_in("admin@example.com", "admin")
    at = open_page(HOME, lang="en").switch_page(ACCOUNTS_PAGE).run()
    assert not at.exception
    at.text_input(key="accounts.add.email").input("Luis@Acme.example")
    at.text_input(key="accounts.add.name").input("Luis")
    at.selectbox(key="accounts.add.role").set_value("consultant")
    at.text_input(key="accounts.add.pw").input(PASSWORD)
    at.text_input(key="accounts.add.pw2").input(PASSWORD)
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    assert "Account added: luis@\u2060acme" in at.success[0].value
    table = at.dataframe[0].value
    assert list(table["Email"]) == ["admin@example.com", "luis@acme.example"]
    assert list(table["Role"]) == ["admin", "consultant"]
    at.selectbox(key="accounts.which").set_value("luis@acme.example").run()
    account = open_services().accounts.with_email("luis@acme.example")
    at.selectbox(key=f"accounts.role.{account.id}").set_value("member")
    at.button(key=f"accounts.set-role.{account.id}").click().run()
    assert open_services().accounts.with_email("luis@acme.example").role == "member"
    assert at.button(key=f"accounts.disable.{account.id}").disabled  # asks first
    at.checkbox(key=f"accounts.disable.sure.{account.id}").check().run()
    at.button(key=f"accounts.disable.{account.id}").click().run()
    assert not at.exception
    assert not open_services().accounts.with_email("luis@acme.example").active
    from cxmaturity.services.access import Actor

    admin = Actor(open_services().accounts.with_email("admin@example.com"))
    log = [e.action for e in open_services().organizations.audit_log(admin)]
    assert log[:3] == ["account.disable", "account.role", "account.add"]


@pytest.mark.parametrize("role", ["member", "consultant"])
def test_only_admins_manage_accounts(sign_in, role):
    from cxmaturity.services.access import Actor, NotAllowed

    account = sign_in(f"{role}@example.com", role)
    at = open_page(HOME, lang="en")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(ACCOUNTS_PAGE)
    with pytest.raises(NotAllowed):  # the service checks too
        open_services().accounts.set_role(account.email, "admin", actor=Actor(account))
    assert open_services().accounts.with_email(account.email).role == role
