"""The installation's report branding: read (cached until the file changes) and saved."""

from __future__ import annotations

import functools
from pathlib import Path

from ..branding import Branding, load_branding, save_branding
from ..errors import InvalidInput


@functools.lru_cache(maxsize=4)
def _branding_at(path: str, signature: tuple[int, int]) -> Branding | InvalidInput:
    del signature  # part of the cache key only: a saved change is read again
    try:
        return load_branding(Path(path))
    except InvalidInput as error:
        return error


class BrandingService:
    """The branding file named by the settings."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def current(self) -> Branding | InvalidInput:
        """The saved branding, or why it cannot be used (re-read when the file changes)."""
        try:
            info = self.path.stat()
        except OSError:
            return Branding()
        return _branding_at(str(self.path), (info.st_mtime_ns, info.st_size))

    def usable(self) -> Branding:
        """The saved branding, or the plain one when the file cannot be used."""
        found = self.current()
        return found if isinstance(found, Branding) else Branding()

    def save(self, branding: Branding) -> Path:
        return save_branding(branding, self.path)
