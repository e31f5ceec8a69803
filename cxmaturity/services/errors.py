"""Why a service refused an action (the UI turns ``reason`` into a translated message)."""

from __future__ import annotations


class WorkshopError(Exception):
    """A join or an answer that the workshop does not accept.

    ``reason`` names the case for a translated message: ``unknown`` (code or link),
    ``closed``, ``name`` (a name is needed), ``attempts`` (too many wrong codes),
    ``questionnaire`` (not part of the workshop).
    """

    def __init__(self, message: str, reason: str = "unknown") -> None:
        super().__init__(message)
        self.reason = reason


class TooManyAttempts(WorkshopError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "attempts")


class InvalidAnswer(ValueError):
    """An answer the questionnaire does not have (an unknown item, option or level):
    nothing was stored. Only a hand-made request gets here; the screens offer valid
    answers only."""


class StorageUnavailable(Exception):
    """The database did not take a change (it is restarting, full, read-only): nothing
    was stored, and the caller keeps the change to try again."""
