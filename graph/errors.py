"""Errors for bad input: every problem names a file and a line (or row).

Examples
--------
>>> p = Problem("data/x.ttl", 3, "unknown prefix foo:")
>>> str(p)
'data/x.ttl:3: unknown prefix foo:'
>>> err = InputError([p])
>>> err.lines()
['data/x.ttl:3: unknown prefix foo:']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

__all__ = ["Problem", "InputError", "EntityNotFound"]


@dataclass(frozen=True)
class Problem:
    """One problem in the input.

    Parameters
    ----------
    file : str
        The file (or ``-`` for standard input / in-memory data).
    line : int or None
        1-based line number in an RDF file, or row number in a table (the
        header is row 1). ``None`` when no line can be given.
    message : str
        What is wrong, in plain English.
    focus : str or None
        The IRI or label of the node the problem is about, if any.
    severity : str
        ``"Violation"`` (default), ``"Warning"`` or ``"Info"``.
    """

    file: str
    line: int | None
    message: str
    focus: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        """The JSON form used by ``validate --json``."""
        return {
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "focus": self.focus,
            "severity": self.severity,
        }


class InputError(Exception):
    """Input was rejected; carries one :class:`Problem` per problem found."""

    def __init__(self, problems: Iterable[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("-", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem, ``file:line: message``."""
        return [str(p) for p in self.problems]


class EntityNotFound(InputError):
    """No entity matches the label or IRI a user gave."""

    def __init__(self, text: str, suggestions: Iterable[str] = ()):
        hint = ", ".join(suggestions)
        message = f"no entity matches {text!r}" + (f" (did you mean: {hint}?)" if hint else "")
        super().__init__([Problem("-", None, message, focus=text)])
