"""graph.progress: bars only where someone watches."""

import io
import sys

from graph.progress import progress_bar


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar(10, "loading") as bar:
        bar.update(10)
    assert bar.disable
    assert sys.stderr.getvalue() == ""


def test_a_bar_when_asked_with_scaled_bytes(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    bar = progress_bar(2048, "loading", unit="B", show=True)
    assert not bar.disable and bar.unit == "B" and bar.unit_scale
    bar.close()
    quads = progress_bar(5, "writing", unit="quads", show=True)
    assert quads.unit == "quads" and not quads.unit_scale
    quads.close()
