"""The one error type of the engine: problems that say file, line and field."""

from __future__ import annotations

from dataclasses import dataclass


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the English noun in the number it takes: "1 file", "2 files" (the
    engine's own messages are English; the product's texts have plural forms in
    their message catalogs)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at one place in it."""

    path: str
    line: int | None
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.location}: {self.message}"


class InvalidInput(Exception):
    """Raised with every problem found in a file (or a set of files)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
