"""A small thread-safe cache for figures that are computed again only when the data's
cheap version changes (history, trend, live dashboard). It lives in a service, not in
a page: Streamlit runs page scripts afresh, so a cache defined there starts empty."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class VersionedCache(Generic[V]):
    """Least recently used values by key (the key includes the data's version)."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value
