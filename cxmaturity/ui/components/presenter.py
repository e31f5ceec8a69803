"""The presenter view: what the projector shows while the room votes.

First the join QR code, the code and how many have joined and finished; then item by
item (quiz questions, grid capabilities) the live distribution of the votes in large
type, the facilitator stepping forward and back. In a workshop that hides results,
an item's votes stay hidden until the facilitator reveals them, so that nobody
anchors on the first opinion on the screen. Names are never shown here.

The figures come from :meth:`cxmaturity.services.workshops.Workshops.live` (anonymised
in an anonymous workshop) and refresh by themselves like the dashboard.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Grid, Quiz, as_grid, as_quiz
from cxmaturity.records import Workshop
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.workshops import Live, item_key
from cxmaturity.team import Split, TeamView, presenter_items, rating_split
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import content_language
from cxmaturity.ui.components.dashboard import REFRESH
from cxmaturity.ui.components.join_card import app_url, join_link, qr_png, spaced
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.restore import not_found
from cxmaturity.ui.text import escape_md

STEP_PARAM = "step"
MAX_STEP_DIGITS = 5


def requested_step(last: int) -> int:
    """The step the address asks for, within 0..last (anything odd: the first)."""
    raw = st.query_params.get(STEP_PARAM, "0")
    if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_STEP_DIGITS:
        return 0
    return min(int(raw), last)


def presenter(workshop: Workshop, lang: str) -> None:
    """The presenter view of ``workshop`` for the signed-in facilitator."""
    now = _live(workshop, lang)
    items = presenter_items(now.views)
    step = requested_step(len(items))
    _controls(step, len(items), lang)
    with st.container(key="present.stage"):
        _stage(workshop, step, lang)


def _live(workshop: Workshop, lang: str) -> Live:
    try:
        return services().workshops.live(current_actor(), workshop)
    except NotFoundOrNotYours:
        not_found(lang)
        raise  # not_found ends the run; this line is never reached


def _go(step: int) -> None:
    st.query_params[STEP_PARAM] = str(step)


def _controls(step: int, last: int, lang: str) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key="present.controls"):
        st.button(
            t("ws_step_back", lang), icon=":material/arrow_back:", key="present.back",
            disabled=step == 0, on_click=_go, args=(step - 1,),
        )  # fmt: skip
        st.button(
            t("ws_step_next", lang), icon=":material/arrow_forward:", key="present.next",
            disabled=step >= last, on_click=_go, args=(step + 1,), type="primary",
        )  # fmt: skip
        st.caption(t("ws_present_step", lang, n=step, total=last))


@st.fragment(run_every=REFRESH)
@guarded
def _stage(workshop: Workshop, step: int, lang: str) -> None:
    now = _live(workshop, lang)
    items = presenter_items(now.views)
    if step == 0 or step > len(items):
        _welcome(now, lang)
        return
    view, item = items[step - 1]
    shown = now.workshop  # read again: revealed items and the mode as stored now
    key = item_key(view.questionnaire.id, item)
    hidden = shown.hide_results and key not in shown.revealed
    quiz, grid = as_quiz(view.questionnaire), as_grid(view.questionnaire)
    content = content_language(view.questionnaire, lang)
    if quiz is not None:
        split = next(s for s in view.splits if s.question_id == item)
        _quiz_item(quiz, split, content, lang, hidden=hidden, joined=len(now.participants))
    elif grid is not None:
        _grid_item(grid, view, item, content, lang, hidden=hidden, joined=len(now.participants))
    if shown.hide_results:
        _reveal(shown, key, hidden, lang)


def _welcome(now: Live, lang: str) -> None:
    link = join_link(app_url(), now.workshop.code)
    with st.container(horizontal=True, gap="large", vertical_alignment="center"):
        st.image(qr_png(link), width=420, alt=t("ws_qr_alt", lang, link=link))
        with st.container():
            st.markdown(f"## {t('ws_join_at', lang)}")
            st.markdown(f"### {escape_md(link)}")
            st.markdown(f"## {t('ws_or_code', lang)}")
            st.markdown(f"# `{spaced(now.workshop.code)}`")
    st.markdown(
        f"# {t('ws_joined_finished', lang, joined=len(now.participants), finished=now.finished)}"
    )


def _header(title: str, where: str, answered: int, joined: int, lang: str) -> None:
    st.caption(where)
    st.markdown(f"# {escape_md(title)}")
    st.markdown(f"### {t('ws_present_voted', lang, n=answered, total=joined)}")


def _quiz_item(
    quiz: Quiz, split: Split, content: str, lang: str, *, hidden: bool, joined: int
) -> None:
    question = quiz.question(split.question_id)
    assert question is not None
    number = quiz.questions.index(question) + 1
    where = t("ws_present_question", lang, title=quiz.title.get(content), n=number,
              total=len(quiz.questions))  # fmt: skip
    _header(question.text.get(content), where, split.answered, joined, lang)
    if hidden:
        st.info(t("ws_present_hidden", lang), icon=":material/visibility_off:")
        return
    for (option_id, count), option in zip(split.counts, question.options, strict=True):
        median = f" ◀ {t('ws_median_choice', lang)}" if option_id == split.median else ""
        st.markdown(f"### {option_id}) {escape_md(option.text.get(content))}{median}")
        _bar(count, split.answered, lang)


def _grid_item(
    grid: Grid, view: TeamView, item: str, content: str, lang: str, *, hidden: bool, joined: int
) -> None:
    capability = grid.capability(item)
    assert capability is not None
    category = next(c for c, cap in grid.capabilities() if cap.id == item)
    split = rating_split(grid, view.answers, item)
    where = f"{grid.title.get(content)} · {category.name.get(content)}"
    _header(capability.name.get(content), where, split.answered, joined, lang)
    if hidden:
        st.info(t("ws_present_hidden", lang), icon=":material/visibility_off:")
        return
    columns = st.columns(2, gap="large")
    for column, (label, counts) in zip(
        columns, ((t("current", lang), split.today), (t("ideal", lang), split.ideal)), strict=True
    ):
        with column:
            st.markdown(f"## {label}")
            voted = sum(n for _, n in counts)
            for value, count in reversed(counts):
                level = grid.level(value)
                name = level.label.get(content) if level is not None else ""
                st.markdown(f"### {value} · {escape_md(name)}")
                _bar(count, voted, lang)
    if split.not_applicable:
        st.markdown(f"### {t('ws_present_not_applicable', lang, n=split.not_applicable)}")


def _bar(count: int, answered: int, lang: str) -> None:
    share = count / answered if answered else 0.0
    st.progress(share, text=t("ws_present_votes", lang, n=count, share=round(100 * share)))


def _reveal(workshop: Workshop, key: str, hidden: bool, lang: str) -> None:
    revealed = set(workshop.revealed)
    if hidden:
        if st.button(t("ws_present_reveal", lang), type="primary", icon=":material/visibility:",
                     key=f"present.reveal.{key}"):  # fmt: skip
            services().workshops.reveal(current_actor(), workshop, revealed | {key})
            st.rerun()
    elif st.button(t("ws_present_hide", lang), icon=":material/visibility_off:",
                   key=f"present.hide.{key}"):  # fmt: skip
        services().workshops.reveal(current_actor(), workshop, revealed - {key})
        st.rerun()
