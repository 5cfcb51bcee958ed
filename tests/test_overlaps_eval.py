"""Evaluation of overlaps on the labelled set, and the benchmark's quick mode."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.evaluate import EVAL_DIR, choose_threshold, cross_validate, evaluate, pr_curve
from graph.overlaps import DEFAULT_MIN_SCORE

ROOT = Path(__file__).resolve().parents[1]


def P(a, b):
    return frozenset({a, b})


def test_pr_curve_counts_by_hand():
    gold = {P("a", "b"), P("c", "d")}
    scored = {P("a", "b"): 0.9, P("a", "c"): 0.6, P("c", "d"): 0.4}
    (low, high) = pr_curve(scored, gold, [0.3, 0.5])
    assert (low.tp, low.fp, low.fn) == (2, 1, 0)
    assert (high.tp, high.fp, high.fn) == (1, 1, 1)
    assert high.precision == 0.5 and high.recall == 0.5 and high.f1 == 0.5


def test_choose_threshold_takes_the_middle_of_the_gap():
    gold = {P("a", "b"), P("c", "d")}
    scored = {P("a", "b"): 0.8, P("c", "d"): 0.7, P("a", "c"): 0.3}
    grid = [round(0.1 * k, 1) for k in range(1, 10)]
    # every threshold in 0.4..0.7 separates perfectly: the middle is 0.55
    assert choose_threshold(scored, gold, grid) == 0.55


def test_cross_validation_on_a_separable_toy_set():
    items = list("abcdefgh")
    gold = {P("a", "b"), P("c", "d"), P("e", "f")}
    scored = {p: 0.9 for p in gold}
    scored[P("a", "c")] = 0.2
    cv = cross_validate(items, scored, gold, folds=2, repeats=3, seed=1)
    assert cv.precision == 1.0 and cv.recall == 1.0
    assert len(cv.thresholds) == 6


def test_labelled_set_size_and_default_threshold():
    ev = evaluate(EVAL_DIR, repeats=3)
    assert ev.initiatives >= 40 and ev.true_pairs >= 12
    # the module's default is the threshold chosen on the labelled set
    assert ev.threshold == pytest.approx(DEFAULT_MIN_SCORE, abs=0.015)
    # a floor, so that a regression in the text model is caught
    assert ev.at_threshold.recall >= 0.75 and ev.at_threshold.precision >= 0.55


@pytest.mark.slow
def test_bench_quick_runs_and_reports_ratios():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_overlaps.py"), "--quick", "--no-eval", "--json"],
        capture_output=True, text=True, check=True, timeout=300,
    )
    data = json.loads(proc.stdout)
    (row,) = data["sizes"]
    assert row["n"] == 1000
    assert row["ratio_vs_bare"] > 0 and row["speedup_vs_naive"] > 0 and row["overlaps_peak_mb"] > 0


def test_added_batch_is_loaded_unless_original_only():
    full = evaluate(EVAL_DIR, repeats=1)
    original = evaluate(EVAL_DIR, repeats=1, include_added=False)
    assert full.initiatives > original.initiatives >= 40
    assert full.true_pairs > original.true_pairs
    # the added batch's own pairs file names near-misses as hard negatives
    assert full.labelled_negatives > original.labelled_negatives
