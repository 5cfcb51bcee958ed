"""The notebooks run top to bottom (nbclient) and show what they promise."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _run(name: str):
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def _text(cell) -> str:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o["text"])
        elif "data" in o:
            out.append(o["data"].get("text/plain", ""))
    return "".join(out)


@pytest.mark.slow
def test_explore_notebook():
    nb = _run("explore.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "triples" in _text(code[0])
    assert "Danish Healthtech" in _text(code[-1]) or "nodes," in _text(code[-1])
    assert any("srcdoc=" in o.get("data", {}).get("text/html", "") for o in code[-1].outputs)
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)


@pytest.mark.slow
def test_overlap_review_notebook():
    nb = _run("overlap_review.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = _text(code[0])
    assert "pairs" in first and "  ~  " in first  # at least one pair with reasons
    assert "'duplicate'" in _text(code[1])
    assert "True" in _text(code[-1])  # the report names the top pair
