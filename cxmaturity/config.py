"""Every setting, read in one place: the environment, then Streamlit secrets, then a default.

Nothing else in cxmaturity reads environment variables or secrets: the engine takes
what it needs as parameters, services get a :class:`Settings`. The app hands over
``st.secrets`` (so ``.streamlit/secrets.toml`` and Streamlit's own secret sources
work); the command line reads the same ``secrets.toml`` files itself (the project's
``.streamlit/secrets.toml``, then ``~/.streamlit/secrets.toml``), without Streamlit.

| setting | environment / secret | default |
|---|---|---|
| database | ``CXMATURITY_DATABASE_URL`` | SQLite ``cxmaturity.db`` in the data folder |
| data folder | ``CXMATURITY_DATA_DIR`` | ``$XDG_DATA_HOME/cxmaturity`` (``~/.local/share``) |
| branding file | ``CXMATURITY_BRANDING`` | ``branding.yaml`` in the data folder |
| public address | ``CXMATURITY_PUBLIC_URL`` | the address the browser uses |
| trust ``X-Forwarded-For`` | ``CXMATURITY_TRUST_PROXY=1`` | no |
| sign-in length (hours) | ``CXMATURITY_SESSION_HOURS`` | 12 |
| sign-in cookie over HTTPS only | ``CXMATURITY_SECURE_COOKIES=1`` | no |
| SSO creates accounts | ``CXMATURITY_SSO_NEW_ACCOUNTS=member|consultant`` | no (must exist) |

``CXMATURITY_FACILITATOR_PASSWORD`` (before accounts, the workshop facilitator's
shared secret) is no longer used: a facilitator signs in with an account that may run
workshops of the organisation. Where it is still set, :attr:`Settings.obsolete` names
it, and the server says so in its log at start.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATABASE_URL = "CXMATURITY_DATABASE_URL"
DATA_DIR = "CXMATURITY_DATA_DIR"
BRANDING = "CXMATURITY_BRANDING"
FACILITATOR_PASSWORD = "CXMATURITY_FACILITATOR_PASSWORD"
PUBLIC_URL = "CXMATURITY_PUBLIC_URL"
TRUST_PROXY = "CXMATURITY_TRUST_PROXY"
SESSION_HOURS = "CXMATURITY_SESSION_HOURS"
SECURE_COOKIES = "CXMATURITY_SECURE_COOKIES"
SSO_NEW_ACCOUNTS = "CXMATURITY_SSO_NEW_ACCOUNTS"
NAMES = (DATABASE_URL, DATA_DIR, BRANDING, FACILITATOR_PASSWORD, PUBLIC_URL, TRUST_PROXY,
         SESSION_HOURS, SECURE_COOKIES, SSO_NEW_ACCOUNTS)  # fmt: skip
SSO_ROLES = ("member", "consultant")  # never admin: admins are made by admins
OBSOLETE = (FACILITATOR_PASSWORD,)

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_CATALOG = PACKAGE_DIR.parent / "assessments"
BUNDLED_KPIS = BUNDLED_CATALOG / "kpis.yaml"  # used by a catalogue folder without its own


def secrets_files() -> tuple[Path, ...]:
    """Where Streamlit reads secrets: the project's file, then the user's."""
    return (Path(".streamlit") / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")


@dataclass(frozen=True)
class Settings:
    """What the services and the app need to know about this installation."""

    database_url: str
    data_dir: Path
    branding_path: Path
    catalog_dir: Path
    public_url: str = ""
    trust_proxy: bool = False
    session_hours: float = 12.0  # how long a sign-in lasts
    secure_cookies: bool = False  # the sign-in cookie only over HTTPS (behind TLS)
    sso_new_accounts: str = ""  # the role of accounts single sign-on creates ("": none)
    obsolete: tuple[str, ...] = ()  # settings still given that no longer do anything


def load_settings(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None
) -> Settings:
    """The settings in force: ``environ`` (default ``os.environ``), then ``secrets``
    (default: the ``secrets.toml`` files), then the defaults."""
    env = os.environ if environ is None else environ
    found = _file_secrets() if secrets is None else secrets

    def value(name: str) -> str:
        given = env.get(name, "")
        if given:
            return given
        try:
            secret = found.get(name)
        except Exception:  # a secrets source that cannot be read counts as empty
            secret = None
        return str(secret) if secret else ""

    folder, branding = value(DATA_DIR), value(BRANDING)
    data = Path(folder).expanduser() if folder else _default_data_dir(env)
    return Settings(
        database_url=value(DATABASE_URL) or f"sqlite:///{data / 'cxmaturity.db'}",
        data_dir=data,
        branding_path=Path(branding).expanduser() if branding else data / "branding.yaml",
        catalog_dir=catalog_dir(),
        public_url=value(PUBLIC_URL).strip().rstrip("/"),
        trust_proxy=value(TRUST_PROXY) == "1",
        session_hours=_hours(value(SESSION_HOURS)),
        secure_cookies=value(SECURE_COOKIES) == "1",
        sso_new_accounts=value(SSO_NEW_ACCOUNTS) if value(SSO_NEW_ACCOUNTS) in SSO_ROLES else "",
        obsolete=tuple(name for name in OBSOLETE if value(name)),
    )


def _hours(text: str) -> float:
    """A positive number of hours (at most 30 days), else the default 12."""
    try:
        hours = float(text)
    except ValueError:
        return 12.0
    return hours if 0 < hours <= 720 else 12.0


def catalog_dir() -> Path:
    """``./assessments`` when run from a project folder, else the bundled questionnaires."""
    local = Path("assessments")
    return local if local.is_dir() else BUNDLED_CATALOG


def _default_data_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "cxmaturity"


def _file_secrets() -> Mapping[str, Any]:
    """The top-level keys of the secrets files (the project's file wins)."""
    merged: dict[str, Any] = {}
    for path in reversed(secrets_files()):
        try:
            info = path.stat()
        except OSError:
            continue
        merged |= _read_toml(str(path), info.st_mtime_ns, info.st_size)
    return merged


@functools.lru_cache(maxsize=8)
def _read_toml(path: str, mtime: int, size: int) -> dict[str, Any]:
    del mtime, size  # cache key only: a changed file is read again
    import tomllib  # only when a secrets file exists (the CLI's score stays light)

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
