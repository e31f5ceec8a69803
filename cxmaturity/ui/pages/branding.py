"""The consultant's branding for reports: firm name, logo and accent colour."""

from __future__ import annotations

import streamlit as st

from cxmaturity.branding import (
    DEFAULT_ACCENT,
    MAX_FOOTER,
    MAX_LOGO_BYTES,
    Branding,
    normalize_logo,
)
from cxmaturity.errors import InvalidInput
from cxmaturity.i18n import t
from cxmaturity.services.access import Actor
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.components.report_button import current_branding
from cxmaturity.ui.shell import page_header
from cxmaturity.ui.state import get_state
from cxmaturity.ui.text import escape_md

FOOTER_CHOICES = ("credit", "own", "none")  # the report cover's last line


def footer_value(choice: str, text: str) -> str | None:
    """The branding's footer from the form: None keeps the cxmaturity credit, "" shows
    nothing, else the firm's own line (a blank own line is no line)."""
    if choice == "credit":
        return None
    return text.strip()[:MAX_FOOTER] if choice == "own" else ""


def _save(
    actor: Actor,
    saved: Branding,
    firm: str,
    accent: str,
    footer: str | None,
    *,
    upload: object,
    remove: bool,
) -> None:
    """Validate first; an invalid logo or name changes nothing."""
    lang = get_state().lang
    logo = None if remove else saved.logo
    try:
        if upload is not None:
            logo = normalize_logo(upload.getvalue(), upload.name)  # type: ignore[attr-defined]
        branding = Branding(
            firm=firm.strip()[:120], accent=accent.lower(), logo=logo, footer=footer
        )
        path = services().branding.save(actor, branding)
    except InvalidInput as error:
        st.error(t("branding_invalid", lang), icon=":material/error:")
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
        return
    except OSError as error:
        st.error(f"{t('branding_invalid', lang)} {escape_md(str(error))}", icon=":material/error:")
        return
    st.success(t("branding_saved", lang, path=escape_md(str(path))), icon=":material/check:")


def render() -> None:
    state = get_state()
    lang = state.lang
    page_header(t("branding_title", lang), t("branding_intro", lang))
    actor = current_actor()
    if not actor.is_admin:
        st.info(t("branding_admin_only", lang), icon=":material/lock:")
        return
    saved = current_branding()
    if isinstance(saved, InvalidInput):
        st.warning(t("report_branding_invalid", lang), icon=":material/warning:")
        st.code("\n".join(str(p) for p in saved.problems), language=None, wrap_lines=True)
        saved = Branding()
    with st.form("branding.form", border=True):
        firm = st.text_input(t("branding_firm", lang), value=saved.firm, max_chars=120)
        accent = st.color_picker(t("branding_accent", lang), value=saved.accent or DEFAULT_ACCENT)
        if saved.logo is not None:
            st.caption(t("branding_current_logo", lang))
            st.image(saved.logo, width=200,
                     alt=t("branding_logo_alt", lang, firm=saved.firm or "cxmaturity"))  # fmt: skip
            remove = st.checkbox(t("branding_remove_logo", lang))
        else:
            remove = False
        upload = st.file_uploader(
            t("branding_logo", lang),
            type=["png", "jpg", "jpeg"],
            max_upload_size=MAX_LOGO_BYTES // (1024 * 1024),
        )
        now = "credit" if saved.footer is None else ("own" if saved.footer else "none")
        choice = st.radio(
            t("branding_footer", lang),
            FOOTER_CHOICES,
            index=FOOTER_CHOICES.index(now),
            format_func=lambda c: t(f"branding_footer_{c}", lang),
            key="branding.footer",
        )
        own = st.text_input(
            t("branding_footer_text", lang),
            value=saved.footer or "",
            max_chars=MAX_FOOTER,
            help=t("branding_footer_text_help", lang),
            key="branding.footer-text",
        )
        submitted = st.form_submit_button(t("branding_save", lang), type="primary")
    if submitted:
        footer = footer_value(choice, own)
        _save(actor, saved, firm, accent, footer, upload=upload, remove=remove)
    # In the page's own text colour: a caption's inline code is too faint to read.
    st.markdown(t("branding_file", lang, path=escape_md(str(services().branding.path))))


render()
