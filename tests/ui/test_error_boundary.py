"""One error boundary: an unexpected error shows a short message with an error id in
the page's language, never a traceback; the log has the traceback under that id."""

from __future__ import annotations

import logging
import re

from .conftest import HOME, open_page


def test_a_failing_page_shows_a_message_with_an_id_and_logs_the_traceback(monkeypatch, caplog):
    from cxmaturity.ui import catalog

    def broken():
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(catalog, "catalog", broken)
    with caplog.at_level(logging.ERROR, logger="cxmaturity"):
        at = open_page(HOME, lang="en")
    assert not at.exception  # nothing reached Streamlit's own error display
    [shown] = [e.value for e in at.error]
    found = re.search(r"give this code to whoever runs the server: ([0-9a-f]{8})", shown)
    assert found and "disk on fire" not in shown and "Traceback" not in shown
    [record] = [r for r in caplog.records if found.group(1) in r.getMessage()]
    assert record.exc_info and "disk on fire" in str(record.exc_info[1])


def test_the_message_follows_the_language(monkeypatch):
    from cxmaturity.ui import catalog

    monkeypatch.setattr(catalog, "catalog", lambda: 1 / 0)
    at = open_page(HOME, lang="es")
    assert "Algo ha fallado" in at.error[0].value


def test_streamlit_shows_no_error_details_outside_a_boundary():
    import tomllib

    from ..conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_a_broken_questionnaire_is_left_out_and_only_admins_are_told(
    monkeypatch, tmp_path, sign_in
):
    import shutil

    from cxmaturity.loader import Catalog
    from cxmaturity.ui import catalog

    from ..conftest import ASSESSMENTS

    shutil.copy(ASSESSMENTS / "avaya-cx-quiz.yaml", tmp_path)
    (tmp_path / "broken.yaml").write_text("schema_version: [\n", encoding="utf-8")
    found = Catalog.from_dirs([tmp_path])
    monkeypatch.setattr(catalog, "catalog", lambda: found)
    visitor = open_page(HOME, lang="en")
    assert not visitor.exception and not visitor.warning and not visitor.code
    assert "How mature is your customer experience?" in [s.value for s in visitor.subheader]
    sign_in("root@example.com", "admin")
    admin = open_page(HOME, lang="en")
    assert "These questionnaire files have errors" in admin.warning[0].value
    assert "broken.yaml" in admin.code[0].value
