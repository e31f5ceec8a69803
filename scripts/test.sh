#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it: lint, format, tests.
# Used by the README's Quick start and by .ci/run (with CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/python-env.sh

"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# System packages the tests need: Debian's Chromium (browser tests), poppler-utils
# (pdftotext, pdffonts, pdfimages read the PDF report back), PostgreSQL, nginx and
# LibreOffice Impress (renders the exported deck). Installed when missing;
# where that is not possible those tests skip locally, but under CI=true the install
# must succeed, because those tests must run there.
need=()
command -v "${CXMATURITY_CHROMIUM:-chromium}" >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# PostgreSQL: storage tests start a throwaway server with initdb + pg_ctl.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 ||
    need+=(postgresql)
# nginx: the test of two app processes behind the shipped proxy configuration (TLS).
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# LibreOffice (Impress, headless): the export tests render the PowerPoint deck to images.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-impress)
if [ "${#need[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    if ! { $sudo apt-get update -qq &&
           DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null; }; then
        [ "${CI:-}" = "true" ] && { echo "could not install: ${need[*]}" >&2; exit 1; }
        echo "note: could not install ${need[*]}; the tests that need them will be skipped" >&2
    fi
fi

"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check .
"$PYTHON" -m mypy
"$PYTHON" -m pytest "$@"
