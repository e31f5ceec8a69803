"""The installation's report branding: read (cached until the file changes) and saved."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from ..branding import Branding, load_branding, save_branding
from ..errors import InvalidInput
from .access import Actor, require_admin


@functools.lru_cache(maxsize=4)
def _branding_at(path: str, signature: tuple[int, int]) -> Branding | InvalidInput:
    del signature  # part of the cache key only: a saved change is read again
    try:
        return load_branding(Path(path))
    except InvalidInput as error:
        return error


class BrandingService:
    """The branding file named by the settings."""

    def __init__(
        self, path: Path, audit: Callable[[str, str, str, str], None] | None = None
    ) -> None:
        self.path = path
        self.audit = audit

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

    def save(self, actor: Actor, branding: Branding) -> Path:
        """Write the branding (admins only: it is on every report of the server)."""
        require_admin(actor)
        saved = save_branding(branding, self.path)
        if self.audit is not None:
            self.audit(actor.name, "branding.save", str(self.path), branding.firm)
        return saved
