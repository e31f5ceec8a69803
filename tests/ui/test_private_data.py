"""Private client data in the app: a link grants nothing, a viewer only sees, owners
share and delete, and a session that ends elsewhere loses what it held."""

from __future__ import annotations

import datetime as dt

import pytest

from cxmaturity.model import Rating
from cxmaturity.records import ANONYMOUS
from cxmaturity.services.access import Actor

from ..helpers import open_services
from .conftest import ANSWER, ORGANIZATIONS, RESULTS, open_page, show_category

NOTE = "NOTA-SECRETA-ACME"
PASSWORD = "correct horse battery"


@pytest.fixture
def acme(grid):
    """Ana's organisation Acme S.A. with a grid assessment holding a distinctive note."""
    services = open_services()
    ana = Actor(services.accounts.add("ana@example.com", PASSWORD, "consultant", actor="t"))
    organization = services.organizations.create(ana, "Acme S.A.")
    assessment = services.assessments.create_assessment(organization, grid, "en",
                                                        dt.date(2026, 6, 1))  # fmt: skip
    services.assessments.save_rating(assessment, ANONYMOUS, "billing",
                                     Rating(current=2, ideal=4, note=NOTE))  # fmt: skip
    return services, ana, organization, assessment


def _everything(at) -> str:
    """Every text the page shows (values, labels, captions), as one string."""
    seen = []
    for element in at.main:
        for name in ("value", "label", "body"):
            seen.append(str(getattr(element, name, "")))
    return " ".join(seen)


def _widget(at, kind: str, key: str):
    """The widget whose key starts with ``key`` (keys end with the answers' revision)."""
    return next(w for w in at.get(kind) if str(w.key).startswith(key))


def _open(assessment, grid, page=RESULTS):
    return open_page(page, questionnaire=grid.id, assessment=assessment.public_id, lang="en")


@pytest.mark.parametrize("who", ["visitor", "other-consultant", "other-member"])
def test_a_link_opened_without_the_right_shows_no_trace(acme, grid, sign_in, who):
    services, _, _, assessment = acme
    if who == "other-consultant":
        sign_in("bruno@example.com", "consultant")
    elif who == "other-member":
        bruno = Actor(services.accounts.add("bruno@example.com", PASSWORD, "consultant",
                                            actor="t"))  # fmt: skip
        services.organizations.create(bruno, "Beta")
        sign_in("mia@example.com", "member")
        beta = services.organizations.visible(bruno)[0][0]
        services.organizations.share(bruno, beta, "mia@example.com", "editor")
    for page in (RESULTS, ANSWER):
        at = _open(assessment, grid, page)
        assert not at.exception
        assert [e.value for e in at.error] == ["Not found or not yours."]
        shown = _everything(at)
        assert NOTE not in shown and "Acme" not in shown
        controls = [b.label for b in at.button] + [p.label for p in at.get("page_link")]
        assert ("Sign out" if who != "visitor" else "Sign in") in controls
    # The same words as for a link that names nothing at all.
    missing = open_page(RESULTS, questionnaire=grid.id, assessment="0" * 32, lang="en")
    assert [e.value for e in missing.error] == ["Not found or not yours."]


def test_the_owner_opens_it_and_the_page_names_the_organisation(acme, grid, sign_in):
    _, _, _, assessment = acme
    sign_in_as_ana = open_services().accounts
    cookie = sign_in_as_ana.redeem_ticket(
        sign_in_as_ana.issue_ticket(sign_in_as_ana.with_email("ana@example.com"))
    )
    from cxmaturity.ui import auth

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "session_cookie", lambda: cookie)
        at = show_category(_open(assessment, grid, ANSWER), grid.id, "customer-interaction")
        assert not at.error
        assert "Organization: Acme S\\.A\\." in " ".join(c.value for c in at.caption)
        assert _widget(at, "text_input", "avaya-capability-grid.billing.note.en").value == NOTE


def test_a_viewer_sees_the_answers_and_cannot_change_them(acme, grid, sign_in):
    services, ana, organization, assessment = acme
    sign_in("vera@example.com", "member")
    services.organizations.share(ana, organization, "vera@example.com", "viewer")
    at = show_category(_open(assessment, grid, ANSWER), grid.id, "customer-interaction")
    current = _widget(at, "segmented_control", "avaya-capability-grid.billing.current.en")
    assert current.value == 2 and current.disabled
    assert _widget(at, "text_input", "avaya-capability-grid.billing.note.en").disabled
    assert "only its editors can change it" in " ".join(c.value for c in at.caption)
    with pytest.raises(Exception, match="disabled"):  # no browser can send a change
        current.set_value(4).run()
    [answers] = services.assessments.answers(assessment).values()
    assert answers.rating("billing") == Rating(current=2, ideal=4, note=NOTE)
    results = _open(assessment, grid, RESULTS)
    assert not results.error and results.metric


def test_signing_out_elsewhere_ends_what_this_session_holds(acme, grid, sign_in):
    services, ana, organization, assessment = acme
    sign_in("vera@example.com", "member")
    services.organizations.share(ana, organization, "vera@example.com", "editor")
    at = show_category(_open(assessment, grid, ANSWER), grid.id, "customer-interaction")
    assert _widget(at, "text_input", "avaya-capability-grid.billing.note.en").value == NOTE
    from cxmaturity.ui import auth

    services.accounts.end_cookie_session(auth.session_cookie())  # signed out in another tab
    at.run()
    assert [e.value for e in at.error] == ["Not found or not yours."]
    assert NOTE not in _everything(at)


def test_owners_share_and_remove_access_in_the_app(acme, sign_in):
    services, ana, organization, _ = acme
    services.accounts.add("bruno@example.com", PASSWORD, "consultant", actor="t")
    owner = sign_in("olga@example.com", "consultant")
    services.organizations.share(ana, organization, "olga@example.com", "owner")
    at = open_page(ORGANIZATIONS, lang="en", org=organization.public_id)
    at.segmented_control(key="orgs.view.3").set_value("sharing").run()
    at.text_input(key="orgs.share.email").input("Bruno@Example.com")
    at.selectbox(key="orgs.share.level").set_value("viewer")
    next(b for b in at.get("form_submit_button") if b.proto.label == "Share").click().run()
    assert not at.exception
    bruno = Actor(services.accounts.with_email("bruno@example.com"))
    assert [(o.name, a) for o, a in services.organizations.visible(bruno)] == [
        ("Acme S.A.", "viewer")]  # fmt: skip
    at.selectbox(key="orgs.share.remove.who").set_value("bruno@example.com")
    at.button(key="orgs.share.remove").click().run()
    assert services.organizations.visible(bruno) == []
    log = services.organizations.audit_log(Actor(services.accounts.add(
        "root@example.com", PASSWORD, "admin", actor="t")))  # fmt: skip
    shares = [e.detail for e in log if e.actor == owner.email and e.action == "organization.share"]
    assert shares == ["bruno@example.com=none", "bruno@example.com=viewer"]  # newest first


def test_an_editor_is_not_offered_sharing_or_delete(acme, sign_in):
    services, ana, organization, _ = acme
    sign_in("eddie@example.com", "member")
    services.organizations.share(ana, organization, "eddie@example.com", "editor")
    at = open_page(ORGANIZATIONS, lang="en")
    assert at.segmented_control(key="orgs.view.2").options == ["History", "Compare"]
    assert "orgs.delete.org" not in [b.key for b in at.button]
    assert at.get("file_uploader") == []  # members do not import organisations


def test_the_owner_deletes_the_organisation_after_a_confirmation_naming_it(acme, sign_in):
    services, ana, organization, _ = acme
    sign_in("olga@example.com", "consultant")
    services.organizations.share(ana, organization, "olga@example.com", "owner")
    at = open_page(ORGANIZATIONS, lang="en")
    texts = " ".join(m.value for m in at.markdown)
    assert "This deletes “Acme S\\.A\\.” for good, with its 1 assessment," in texts
    at.button(key="orgs.delete.org").click().run()
    assert not at.exception
    assert services.assessments.organization(organization.id) is None
    assert services.assessments.counts()["responses"] == 0


def test_a_visitor_sees_no_organisations(acme):
    at = open_page(ORGANIZATIONS, lang="en")
    assert "Sign in to see your account's organizations." in at.info[0].value
    assert not at.dataframe and "Acme" not in _everything(at)
