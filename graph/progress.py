"""Progress bars for long loads and analyses, on stderr and only where someone watches.

Examples
--------
>>> with progress_bar(3, "reading", show=False) as bar:
...     for step in range(3):
...         _ = bar.update(1)
>>> bar.disable, bar.total
(True, 3)
"""

from __future__ import annotations

import sys

__all__ = ["progress_bar"]


def progress_bar(total: int | None, desc: str, *, unit: str = "it", show: bool | None = None):
    """A tqdm bar on stderr.

    Parameters
    ----------
    total : int or None
        Units of work (``None``: unknown).
    desc : str
        What is being done ("loading", "embedding texts").
    unit : str
        ``"B"`` for bytes (scaled to kB, MB ...), else a unit name.
    show : bool, optional
        Default: only when stderr is a terminal. The bar appears after a
        second, so quick work prints nothing, and is removed when done.
    """
    from tqdm import tqdm

    if show is None:
        show = sys.stderr.isatty()
    return tqdm(total=total, desc=desc, unit=unit, unit_scale=unit == "B", disable=not show,
                delay=1.0, leave=False, file=sys.stderr)
