"""The app under AppTest: every page runs, answers score, state survives, uploads are safe."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ..conftest import ROOT
from .conftest import (
    ANSWER,
    BRANDING,
    HOME,
    ORGANIZATIONS,
    PLAN,
    RESULTS,
    open_page,
    show_category,
    show_tab,
)

QUESTIONNAIRES = ["avaya-cx-quiz", "avaya-capability-grid", "cx-mistakes", "cx-challenges",
                  "feedback-loop", "cem-pyramid"]  # fmt: skip


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page", [HOME, ANSWER, RESULTS, PLAN, BRANDING, ORGANIZATIONS])
@pytest.mark.parametrize("questionnaire", [*QUESTIONNAIRES, "no-such-thing", None])
def test_every_page_runs_without_exception(page, questionnaire, lang):
    params = {"lang": lang}
    if questionnaire:
        params["questionnaire"] = questionnaire
    at = open_page(page, **params)
    assert not at.exception
    assert at.title or at.header


def choose(at: AppTest, choices: str) -> AppTest:
    """Pick options by letter, one click (rerun) at a time, like a person."""
    for i, letter in enumerate(choices):
        radio = at.radio[i]
        radio.set_value(radio.options[ord(letter) - ord("a")]).run()
    return at


def test_deep_link_opens_the_quiz_in_english():
    at = open_page(HOME, questionnaire="avaya-cx-quiz", lang="en")
    assert at.header[0].value == "How mature is your customer experience?"
    assert len(at.radio) == 4
    assert at.radio[0].label.startswith("**1\\. When it comes to a customer problem")


def test_unknown_questionnaire_gets_a_friendly_message_and_the_list():
    at = open_page(HOME, questionnaire="nps-deluxe", lang="en")
    assert "could not find the questionnaire “nps\\-deluxe”" in at.warning[0].value  # escaped
    assert len(at.subheader) >= 4  # "Questionnaires" and a card per questionnaire


@pytest.mark.parametrize(
    ("choices", "points", "band"),
    [
        ("aaaa", 4, "You have a long way to go."),
        ("bbbb", 8, "You are doing a good job of taking care of your customers."),
        ("cccd", 13, "You are on top of it."),
    ],
)
def test_answering_sets_the_score(choices, points, band):
    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="en")
    choose(at, choices[:3])
    assert not at.metric  # no result before the last answer
    choose_from = at.radio[3]
    choose_from.set_value(choose_from.options[ord(choices[3]) - ord("a")]).run()
    assert at.metric[0].value == str(points)
    assert any(band in m.value.replace("\\", "") for m in at.markdown)


def test_switching_language_keeps_answers():
    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="es")
    choose(at, "cb")
    assert at.radio[0].label.startswith("**1\\. Cuando se trata")
    at.segmented_control(key="ui.lang").set_value("en").run()
    assert at.radio[0].label.startswith("**1\\. When it comes")
    assert (at.radio[0].value, at.radio[1].value, at.radio[2].value) == ("c", "b", None)
    assert at.query_params["lang"] == "en"


def test_answers_survive_a_page_switch_and_other_categories():
    at = open_page(ANSWER, questionnaire="avaya-capability-grid", lang="en")
    at.segmented_control(key="avaya-capability-grid.business-intelligence.current.en").set_value(
        2
    ).run()
    at.segmented_control(key="avaya-capability-grid.business-intelligence.ideal.en").set_value(
        4
    ).run()
    at.text_input(key="avaya-capability-grid.business-intelligence.note.en").input(
        "<b>only</b> BI"
    ).run()
    show_category(at, "avaya-capability-grid", "infrastructure")
    drawn = [control.key for control in at.segmented_control]
    assert "avaya-capability-grid.business-intelligence.current.en" not in drawn  # one at a time
    at.segmented_control(key="avaya-capability-grid.security.current.en").set_value(3).run()
    at.switch_page(HOME).run()
    at.switch_page(ANSWER).run()  # back: the URL still names the grid, the category stays
    assert at.segmented_control(key="avaya-capability-grid.security.current.en").value == 3
    show_category(at, "avaya-capability-grid", "business-process-alignment")
    assert (
        at.segmented_control(key="avaya-capability-grid.business-intelligence.current.en").value
        == 2
    )
    assert (
        at.segmented_control(key="avaya-capability-grid.business-intelligence.ideal.en").value == 4
    )
    assert (
        at.text_input(key="avaya-capability-grid.business-intelligence.note.en").value
        == "<b>only</b> BI"
    )


def test_not_applicable_disables_the_ideal():
    at = open_page(ANSWER, questionnaire="avaya-capability-grid", lang="en")
    at.segmented_control(key="avaya-capability-grid.knowledge-management.current.en").set_value(
        "n/a"
    ).run()
    assert at.segmented_control(key="avaya-capability-grid.knowledge-management.ideal.en").disabled
    assert "Rated 1 of 25 capabilities" in at.get("progress")[0].proto.text


def _rate_all(at: AppTest, ratings: dict[str, tuple[int, int]]) -> None:
    """Rate capabilities through the session state, then rerun once (fast)."""
    from cxmaturity.ui.state import STATE_KEY, RatingState

    state = at.session_state[STATE_KEY]
    qstate = state.of("avaya-capability-grid")
    for capability, (current, ideal) in ratings.items():
        qstate.ratings[capability] = RatingState(current, ideal)
    at.run()


GRID_ID = "avaya-capability-grid"


def _levels(at: AppTest) -> list[str]:
    """The keys of the level controls drawn (not the category chooser)."""
    return [c.key for c in at.segmented_control if c.key.endswith((".current.en", ".ideal.en"))]


def test_the_grid_shows_one_category_at_a_time_with_its_progress():
    at = open_page(ANSWER, questionnaire=GRID_ID, lang="en")
    first = ["business-intelligence", "customer-focused-strategy", "customer-focused-processes",
             "customer-focused-products-services", "knowledge-management"]  # fmt: skip
    assert _levels(at) == [f"{GRID_ID}.{c}.{p}.en" for c in first for p in ("current", "ideal")]
    chooser = at.segmented_control(key=f"{GRID_ID}.category")
    assert chooser.value == "business-process-alignment"
    for capability in first:  # the whole category rated: its mark, a check, not a colour
        at.segmented_control(key=f"{GRID_ID}.{capability}.current.en").set_value(2).run()
        at.segmented_control(key=f"{GRID_ID}.{capability}.ideal.en").set_value(3).run()
    chooser = at.segmented_control(key=f"{GRID_ID}.category")
    assert chooser.options[:2] == ["✓ Business process alignment", "Talent management · 0/5"]
    assert chooser.value == "business-process-alignment"  # rating never moves the page on
    # "Next" goes on to the next category; the last one has no "Next".
    at.button(key=f"{GRID_ID}.next-category").click().run()
    assert at.segmented_control(key=f"{GRID_ID}.category").value == "talent-management"
    assert _levels(at)[0] == f"{GRID_ID}.talent-acquisition.current.en"
    assert at.button(key=f"{GRID_ID}.next-category").label == "Next: Customer interaction"
    show_category(at, GRID_ID, "infrastructure")
    assert f"{GRID_ID}.next-category" not in [b.key for b in at.button]
    # A click on the category shown (which would leave none chosen) keeps it shown.
    at.segmented_control(key=f"{GRID_ID}.category").set_value(None).run()
    assert at.segmented_control(key=f"{GRID_ID}.category").value == "infrastructure"
    assert _levels(at)[0] == f"{GRID_ID}.technology-roadmap.current.en"
    # Every answer is still there: they live in the session's state, not the widgets.
    show_category(at, GRID_ID, "business-process-alignment")
    assert at.segmented_control(key=f"{GRID_ID}.knowledge-management.ideal.en").value == 3
    assert "Rated 5 of 25 capabilities" in at.get("progress")[0].proto.text


def test_a_grid_opened_again_goes_on_where_it_stopped():
    from cxmaturity.ui.state import STATE_KEY, RatingState

    at = open_page(HOME, lang="en")
    qstate = at.session_state[STATE_KEY].of(GRID_ID)
    for capability in ("business-intelligence", "customer-focused-strategy",
                       "customer-focused-processes", "customer-focused-products-services",
                       "knowledge-management"):  # fmt: skip
        qstate.ratings[capability] = RatingState(2, 4)
    at.query_params["questionnaire"] = GRID_ID
    at.switch_page(ANSWER).run()
    assert at.segmented_control(key=f"{GRID_ID}.category").value == "talent-management"
    assert f"{GRID_ID}.business-intelligence.current.en" not in _levels(at)


def test_results_page_shows_levels_charts_and_ranked_gaps():
    at = open_page(RESULTS, questionnaire="avaya-capability-grid", lang="en")
    assert "no answers" in at.info[0].value
    from cxmaturity.loader import load_questionnaire

    grid = load_questionnaire(ROOT / "assessments" / "avaya-capability-grid.yaml")
    ratings = {cap.id: (2, 3) for _, cap in grid.capabilities()}
    ratings["talent-training"] = (1, 4)
    ratings["billing"] = (4, 2)
    _rate_all(at, ratings)
    assert not at.warning  # complete: not partial
    assert [m.label for m in at.metric] == ["Level today", "Ideal level", "Overall gap"]
    charts = at.get("vega_lite_chart")  # the categories' chart alone: the tab shown
    assert len(charts) == 1 and '"rect"' not in charts[0].proto.spec
    assert not at.dataframe  # the other tabs are drawn when opened
    show_tab(at, GRID_ID, "Gaps by priority and suggested initiatives")
    table = at.dataframe[0].value
    assert list(table["Capability"][:2]) == ["Talent training", "Business intelligence"]
    assert "Customer experience training program" in table["Suggested initiatives"][0]
    negative = at.dataframe[1].value
    assert list(negative["Capability"]) == ["Billing"]
    assert not at.get("vega_lite_chart")
    show_tab(at, GRID_ID, "All capabilities")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1 and '"rect"' in charts[0].proto.spec  # the heatmap


def test_partial_results_are_labelled_partial():
    at = open_page(RESULTS, questionnaire="avaya-capability-grid", lang="en")
    _rate_all(at, {"billing": (1, 3)})
    assert at.warning[0].value.startswith("**Partial result.** 1 of 25 capabilities rated")


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/x-yaml")).run()
    return at


def test_a_bad_upload_changes_nothing():
    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="en")
    choose(at, "cb")
    _upload(at, "bad.yaml", b"questionnaire: avaya-cx-quiz\nanswers: {q1: z, q9: a}\n")
    assert "not valid; nothing was changed" in at.error[0].value
    problems = at.code[0].value
    assert "bad.yaml:2: answers.q1: unknown option 'z'" in problems
    assert "answers.q9" in problems
    assert (at.radio[0].value, at.radio[1].value) == ("c", "b")


def test_a_good_upload_resumes_the_answers():
    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="en")
    choose(at, "a")
    raw = (ROOT / "docs" / "examples" / "acme-quiz.yaml").read_bytes()
    _upload(at, "acme.yaml", raw)
    assert [r.value for r in at.radio] == ["b", "c", "b", "c"]
    assert at.metric[0].value == "10"
    assert "Acme S.A." in " ".join(c.value.replace("\\", "") for c in at.caption)


def test_download_is_the_answers_file_format():
    from cxmaturity.loader import Catalog, dump_answers, load_questionnaire, parse_answers
    from cxmaturity.ui.state import STATE_KEY, to_answers

    at = open_page(ANSWER, questionnaire="avaya-cx-quiz", lang="en")
    choose(at, "cbc")
    assert at.download_button[0].label == "Download answers"
    quiz = load_questionnaire(ROOT / "assessments" / "avaya-cx-quiz.yaml")
    text = dump_answers(to_answers(at.session_state[STATE_KEY], quiz, "en"))
    catalog = Catalog.from_dirs([ROOT / "assessments"])
    answers, _ = parse_answers(text.encode(), "x.yaml", catalog)
    assert answers.answers == {"q1": "c", "q2": "b", "q3": "c"}
    assert answers.language == "en"


def test_typed_text_is_never_markdown():
    at = open_page(HOME, lang="en")
    at.text_input(key="ui.organization").input("[click](javascript:alert(1)) **Acme**").run()
    caption = next(c.value for c in at.caption if "Organization: " in c.value)
    assert "\\[click\\]\\(javascript" in caption and "\\*\\*Acme\\*\\*" in caption


def test_grid_ratings_survive_a_language_switch():
    at = open_page(ANSWER, questionnaire="avaya-capability-grid", lang="es")
    show_category(at, "avaya-capability-grid", "customer-interaction")
    at.segmented_control(key="avaya-capability-grid.billing.current.es").set_value(3).run()
    at.segmented_control(key="ui.lang").set_value("en").run()
    assert at.segmented_control(key="avaya-capability-grid.billing.current.en").value == 3
    chooser = at.segmented_control(key="avaya-capability-grid.category")
    assert chooser.options == [
        "Business process alignment · 0/5", "Talent management · 0/5",
        "Customer interaction · 0/7", "Service infrastructure · 0/8",
    ]  # fmt: skip
    assert any(m.value.startswith("### Customer interaction") for m in at.markdown)


def test_no_page_object_is_shared_between_sessions():
    """st.navigation marks the page it returns as callable once and the page's run
    unmarks it: a page object shared by sessions running at the same time failed one
    of them ("This page cannot be called directly"; seen with 50 participants at
    once). Each run builds its own."""
    from cxmaturity.ui import shell

    for lang in ("es", "en"):
        for build in (shell._pages, shell._participant_pages):
            first, second = build(lang), build(lang)  # both alive: ids cannot be reused
            assert all(a is not b for a, b in zip(first, second, strict=True))
