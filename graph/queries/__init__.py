"""Named SPARQL queries, kept as ``.rq`` files beside this module.

A saved query's first comment line is its one-line description, shown by
``ecokg query --list``. Internal queries (used by the library, not meant for
users) start with ``#internal``.

Examples
--------
>>> "members" in saved_queries()
True
>>> load_query("members").lstrip().startswith("#")
True
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import InputError, Problem

__all__ = ["QUERY_DIR", "load_query", "saved_queries", "describe"]

QUERY_DIR = Path(__file__).resolve().parent


def load_query(name: str) -> str:
    """Return the text of the saved query ``name`` (file ``<name>.rq``).

    Raises
    ------
    InputError
        If no saved query has that name.
    """
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file() or path.parent != QUERY_DIR:
        known = ", ".join(sorted(saved_queries()))
        raise InputError([Problem("-", None, f"no saved query named {name!r} (known: {known})")])
    return path.read_text(encoding="utf-8")


def describe(text: str) -> str:
    """The description of a query: its first comment line, without the ``#``.

    >>> describe("# Members of each cluster\\nSELECT * {}")
    'Members of each cluster'
    """
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#"):
            return line.lstrip("#").strip()
        if line:
            break
    return ""


def saved_queries(*, include_internal: bool = False) -> dict[str, str]:
    """Map each saved query's name to its description."""
    result = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("#internal") and not include_internal:
            continue
        result[path.stem] = describe(text)
    return result
