"""Writing output files all or nothing.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(d / "out.txt") as fh:
...     _ = fh.write("hej")
>>> (d / "out.txt").read_text(encoding="utf-8")
'hej'
>>> oct((d / "out.txt").stat().st_mode & 0o777) == oct(0o666 & ~_current_umask())
True
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Iterator

from graph.errors import InputError, Problem

__all__ = ["atomic_write", "atomic_path", "total_size", "spreadsheet_cell"]


def _current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the
    block succeeds, so a failure never leaves a half-written file.

    Raises
    ------
    InputError
        If the target folder does not exist or is not writable.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError([Problem(str(target), None, f"cannot write: folder {str(folder)!r} does not exist")])
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError([Problem(str(target), None, f"cannot write: {exc.strerror}")]) from None
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp makes the file private (0600); give it the usual mode
        os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path`` for writing (UTF-8 in text mode)
    and move it into place when the block succeeds."""
    with atomic_path(path) as tmp:
        kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with open(tmp, mode, **kwargs) as fh:
            yield fh


def total_size(paths) -> int:
    """Bytes in the files ``paths`` (paths, or tuples whose first item is a
    path); a file that cannot be read counts 0 (the loader reports it).

    Examples
    --------
    >>> total_size(["/nonexistent/file.ttl"])
    0
    """
    total = 0
    for item in paths:
        try:
            total += Path(item[0] if isinstance(item, tuple) else item).stat().st_size
        except OSError:
            pass
    return total


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a value it would run as
    a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return, and not a number) gets a leading apostrophe (CSV injection).

    Examples
    --------
    >>> print(spreadsheet_cell('=HYPERLINK("http://x")'))
    '=HYPERLINK("http://x")
    >>> spreadsheet_cell("-12.5"), spreadsheet_cell("Region Syddanmark"), spreadsheet_cell("")
    ('-12.5', 'Region Syddanmark', '')
    """
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
