"""The questionnaires of the catalogue folder, parsed once and re-read when a file changes."""

from __future__ import annotations

import functools
import threading
import time
from pathlib import Path

from ..config import BUNDLED_CATALOG, BUNDLED_KPIS
from ..loader import Catalog, questionnaire_files

Signature = tuple[tuple[str, int, int], ...]
RECHECK_SECONDS = 2.0


def _signature(folder: Path) -> Signature:
    """Names, sizes and modification times: a changed file gives a new signature."""
    files = []
    for path in questionnaire_files([folder]):
        try:
            info = path.stat()
        except OSError:
            continue
        files.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(files)


@functools.lru_cache(maxsize=4)
def _load(folder: str, signature: Signature) -> Catalog:
    del signature  # part of the cache key only
    return Catalog.from_dirs([Path(folder)], BUNDLED_KPIS)


class CatalogSource:
    """Every questionnaire of one folder, and every broken file with its problems.

    The folder is looked at again at most every :data:`RECHECK_SECONDS`, not on
    every call; :meth:`current` never raises.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._seen: tuple[float, Signature] | None = None

    def current(self) -> Catalog:
        now = time.monotonic()
        with self._lock:
            if self._seen is None or now - self._seen[0] > RECHECK_SECONDS:
                self._seen = (now, _signature(self.folder))
            signature = self._seen[1]
        return _load(str(self.folder), signature)


@functools.cache
def bundled_catalog() -> Catalog:
    """The questionnaires that ship with the app (services opened without a catalogue:
    tests, benchmarks, the command line)."""
    return Catalog.lazy([BUNDLED_CATALOG])
