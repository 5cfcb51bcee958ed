"""Evaluation of overlaps on the labelled set, and the benchmark's quick mode."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.evaluate import (EVAL_DIR, HELDOUT_DIR, _batches, _load_labelled, choose_threshold, cross_validate,
                            evaluate, evaluate_heldout, pr_curve, size_validate)
from graph.overlaps import DEFAULT_MIN_SCORE, LEXICAL_MIN_SCORE, default_min_score

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
    # the semantic default when the engine loads, else the lexical one
    assert ev.default == default_min_score(ev.initiatives) in (DEFAULT_MIN_SCORE, LEXICAL_MIN_SCORE)
    assert ev.at_default.threshold == ev.default
    # a floor, so that a regression in the text model is caught
    assert ev.at_default.recall >= 0.75 and ev.at_default.precision >= 0.55


def test_default_threshold_is_the_small_input_choice():
    records, table = _load_labelled(_batches(EVAL_DIR, True))
    gold = {k for k, v in table.items() if v.verdict == "duplicate"}
    sv = size_validate(records, gold, runs=40, splits=1, runs_per_half=4, seed=0)
    # the module's default is the threshold chosen on small random inputs of the labelled set
    assert sv.threshold == pytest.approx(default_min_score(60), abs=0.015)
    assert sv.runs == 40 and len(sv.heldout_thresholds) == 2
    assert {n for n, _p in sv.by_size} <= set(sv.sizes)
    # small inputs: precision and recall floors at the default threshold
    assert sv.at_threshold.recall >= 0.8 and sv.at_threshold.precision >= 0.7


def test_meets_target_prefers_the_point_closest_to_both_goals():
    from graph.evaluate import PRPoint, _meets_target

    curve = [PRPoint(0.1, 9, 9, 0), PRPoint(0.2, 7, 1, 1), PRPoint(0.3, 8, 2, 0), PRPoint(0.4, 2, 0, 6)]
    # min(P / 0.8, R / 0.875): 0.1 -> 0.625, 0.2 -> 1.0, 0.3 -> 1.0, 0.4 -> 0.29; ties -> the middle (upper) one
    assert _meets_target(curve, [0.1, 0.2, 0.3, 0.4]) == 0.3
    assert _meets_target(curve[:2] + curve[3:], [0.1, 0.2, 0.4]) == 0.2


def test_background_texts_exclude_the_heldout_set():
    from graph.overlaps import background_texts

    heldout = {row.split(",")[0] for row in (HELDOUT_DIR / "elements.csv").read_text(encoding="utf-8").splitlines()[1:]}
    texts = background_texts()
    assert len(texts) >= 80
    assert not any(t.split(". ")[0] in heldout for t in texts)


def test_every_heldout_folder_is_kept_out_of_tuning_and_background():
    from graph.overlaps import background_texts

    folders = sorted(p for p in EVAL_DIR.iterdir() if p.is_dir() and p.name.startswith("heldout"))
    assert len(folders) >= 2
    batches = _batches(EVAL_DIR, include_added=True)
    assert not set(batches) & set(folders)
    texts = set(background_texts())
    for folder in folders:
        # the whole text (label and description) as the background holds it: a label alone
        # may recur by chance in another set (heldout4 and the tuning set share one)
        with (folder / "elements.csv").open(encoding="utf-8", newline="") as f:
            held = {f"{row['Label'].strip()}. {row['Description'].strip()}" for row in csv.DictReader(f)
                    if (row.get("Description") or "").strip()}
        assert held and not held & texts, folder


def test_heldout_evaluation_counts_what_the_command_reports():
    h = evaluate_heldout(HELDOUT_DIR)
    assert h.initiatives >= 40 and h.true_pairs >= 8 and h.labelled_negatives >= 8
    p = h.at_threshold
    assert p.tp + p.fn == h.true_pairs and h.threshold == default_min_score(h.initiatives)
    assert h.without_reasons == 0


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
