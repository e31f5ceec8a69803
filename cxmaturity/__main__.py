"""``python -m cxmaturity``."""

import os
import sys

# A command-line run must start fast: skip pydantic's scan of every installed
# distribution for plugins (cxmaturity uses none). Set the variable yourself to
# override.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
