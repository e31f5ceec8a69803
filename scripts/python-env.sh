# Sourced by scripts/run.sh and scripts/test.sh: choose the Python to install into and
# run with, as $PYTHON.
#
# - $PYTHON when set (e.g. PYTHON=python3.12), else python3;
# - if that Python is already a virtual environment, or one pip may install into,
#   it is used as it is;
# - if it is a system Python that refuses pip installs (PEP 668: Debian 12, Ubuntu
#   23.04 and later mark theirs EXTERNALLY-MANAGED), a virtual environment in .venv
#   is created once (installing Debian's python3-venv first when it is missing) and
#   used instead. Nothing is installed into the system Python.

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "error: $PYTHON not found; install Python 3.11 or later" >&2
    exit 1
fi
managed=$("$PYTHON" - <<'PY'
import os, sys, sysconfig
in_venv = sys.prefix != sys.base_prefix
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
print("yes" if os.path.exists(marker) and not in_venv else "no")
PY
)
if [ "$managed" = "yes" ]; then
    if [ ! -x .venv/bin/python ]; then
        if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
            rm -rf .venv
            echo "Creating .venv needs Debian's python3-venv; installing it." >&2
            sudo=""
            [ "$(id -u)" -ne 0 ] && sudo="sudo"
            $sudo apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
            "$PYTHON" -m venv .venv
        fi
        echo "Using a virtual environment in .venv (this Python is externally managed)." >&2
    fi
    PYTHON="$PWD/.venv/bin/python"
fi
export PYTHON
