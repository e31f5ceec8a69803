#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it: lint, format, tests.
# Used by the README's Quick start and by .ci/run (with CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check .
"$PYTHON" -m mypy
"$PYTHON" -m pytest "$@"
