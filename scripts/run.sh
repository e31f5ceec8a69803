#!/usr/bin/env bash
# Install the app's dependencies and run it (http://localhost:8501); arguments go to
# `streamlit run` (e.g. --server.port 8600). The README's first Quick-start command.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/python-env.sh

"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec "$PYTHON" -m streamlit run app.py "$@"
