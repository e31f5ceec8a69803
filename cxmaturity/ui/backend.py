"""The app's way to the services: the settings (environment, then ``st.secrets``, then
defaults, read by :mod:`cxmaturity.config`) and one :class:`Services` per server
process and settings. Pages call these services; they never open the database."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from cxmaturity.config import NAMES, Settings, load_settings
from cxmaturity.loader import Catalog
from cxmaturity.services import Services
from cxmaturity.services.catalog import CatalogSource


def settings() -> Settings:
    """The settings in force (read again when an environment variable changes)."""
    return _settings(tuple(os.environ.get(name, "") for name in NAMES))


@functools.lru_cache(maxsize=16)
def _settings(environment: tuple[str, ...]) -> Settings:
    del environment  # part of the cache key only
    return load_settings(secrets=_streamlit_secrets())


def _streamlit_secrets() -> dict[str, object]:
    """``st.secrets`` as a plain mapping ({} without a secrets file)."""
    try:
        found = {name: st.secrets.get(name) for name in NAMES}
    except Exception:  # no secrets file, or an unreadable one: only the environment counts
        return {}
    return {name: value for name, value in found.items() if value}


def auth_section() -> Mapping[str, object]:
    """The ``[auth]`` section of the secrets (Streamlit's single sign-on), or {}."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file
        return {}
    return section if isinstance(section, Mapping) else {}


def services() -> Services:
    """The services of this installation, opened (and the database migrated) once."""
    return _services(settings())


@functools.lru_cache(maxsize=8)
def _services(current: Settings) -> Services:
    return Services.open(current, catalogs=_catalogs(current.catalog_dir))


def catalog() -> Catalog:
    """The questionnaires (without opening the database: Home needs no more)."""
    return _catalogs(settings().catalog_dir).current()


@functools.lru_cache(maxsize=4)
def _catalogs(folder: Path) -> CatalogSource:
    return CatalogSource(folder)
