"""Evaluate :mod:`graph.overlaps` on a labelled set and choose its default threshold.

The labelled set (``data/eval/overlaps/``) is a Kumu CSV pair
(``elements.csv``, ``connections.csv``) loaded with :func:`graph.load.load`,
plus a verdict file ``pairs.csv`` (:mod:`graph.verdicts`): pairs marked
``duplicate`` are the true overlaps; every other pair of initiatives
(including those marked ``complementary`` or ``unrelated``) is a negative.
Each subfolder with an ``elements.csv`` (and its own ``pairs.csv``) is a batch
of examples added later (``added/``: written after the text model of the first
batch was chosen, and used to check it); ``include_added=False`` (command
line: ``--original``) evaluates the first batch alone. The subfolder
``heldout/`` is *not* a batch: it was written before the current method was
tuned and is never used to choose anything; ``python -m graph.evaluate
--heldout`` scores it alone at the default threshold (:func:`evaluate_heldout`).

Pairs are scored once with :func:`graph.overlaps.find_overlaps` at
``min_score=0`` with the default region rule (pairs across regions); a pair
that is not a candidate at all counts as score 0.

* :func:`pr_curve` gives precision, recall and F1 at each threshold.
* :func:`choose_threshold` picks the threshold with the best F1; when several
  thresholds tie (within 0.01), the middle of that plateau, so that the
  threshold sits in the gap between true and false pairs rather than at its
  edge.
* :func:`cross_validate` estimates how well a threshold chosen this way does
  on initiatives it was *not* chosen on: initiatives are split into ``folds``
  groups (each true-duplicate group kept in one fold), the threshold is chosen
  on the pairs among the training initiatives and applied to the pairs that
  touch the held-out ones; the held-out counts are pooled over the folds, and
  the whole is repeated with different random splits. The text model
  (weights, n-grams) was fixed by hand and is not re-fitted per fold.

Run ``python -m graph.evaluate`` (or ``python -m graph.evaluate DIR``) to
print the table.

Examples
--------
>>> gold = {frozenset({"a", "b"})}
>>> scored = {frozenset({"a", "b"}): 0.8, frozenset({"a", "c"}): 0.5, frozenset({"b", "c"}): 0.2}
>>> [(p.threshold, p.precision, p.recall) for p in pr_curve(scored, gold, [0.4, 0.6])]
[(0.4, 0.5, 1.0), (0.6, 1.0, 1.0)]
>>> choose_threshold(scored, gold, [0.3, 0.4, 0.6, 0.7, 0.9])
0.65
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

__all__ = [
    "EVAL_DIR",
    "PRPoint",
    "CrossValidation",
    "Evaluation",
    "scored_pairs",
    "pr_curve",
    "choose_threshold",
    "cross_validate",
    "evaluate",
    "format_evaluation",
    "main",
]

Pair = frozenset

#: the bundled labelled set
EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "eval" / "overlaps"
_GRID = tuple(round(x, 3) for x in np.arange(0.10, 0.801, 0.01))


@dataclass(frozen=True)
class PRPoint:
    """Counts and rates at one threshold."""

    threshold: float
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class CrossValidation:
    """Held-out precision and recall (pooled over folds; mean and spread over repeats)."""

    folds: int
    repeats: int
    precision: float
    recall: float
    f1: float
    precision_std: float
    recall_std: float
    thresholds: tuple[float, ...]


@dataclass(frozen=True)
class Evaluation:
    """The result of :func:`evaluate`."""

    initiatives: int
    true_pairs: int
    labelled_negatives: int
    threshold: float
    at_threshold: PRPoint
    curve: tuple[PRPoint, ...]
    cv: CrossValidation
    missed: tuple[tuple[str, str, float], ...]
    false_alarms: tuple[tuple[str, str, float], ...]


def scored_pairs(records, *, same_region: bool = False) -> dict[Pair, float]:
    """Score of every candidate pair (IRIs), at ``min_score=0``."""
    from graph.overlaps import find_overlaps

    return {
        frozenset({o.a.iri, o.b.iri}): o.score
        for o in find_overlaps(records, min_score=0.0, same_region=same_region)
    }


def pr_curve(scored: Mapping[Pair, float], gold: set[Pair], thresholds: Iterable[float], *,
             universe: Iterable[Pair] | None = None) -> list[PRPoint]:
    """Precision/recall at each threshold.

    Parameters
    ----------
    scored : mapping pair -> score
        Pairs absent from it score 0.
    gold : set of pairs
        The true pairs.
    thresholds : iterable of float
    universe : iterable of pairs, optional
        Only count pairs in it (default: every scored or gold pair).
    """
    if universe is None:
        pairs = set(scored) | set(gold)
    else:
        pairs = set(universe)
    items = [(scored.get(p, 0.0), p in gold) for p in pairs]
    scores = np.array([s for s, _g in items])
    truth = np.array([g for _s, g in items], dtype=bool)
    out = []
    for t in thresholds:
        pred = scores >= t
        out.append(PRPoint(float(t), int((pred & truth).sum()), int((pred & ~truth).sum()), int((~pred & truth).sum())))
    return out


def choose_threshold(scored: Mapping[Pair, float], gold: set[Pair], thresholds: Sequence[float] = _GRID, *,
                     universe: Iterable[Pair] | None = None) -> float:
    """The threshold with the best F1 (middle of the best plateau)."""
    curve = pr_curve(scored, gold, thresholds, universe=universe)
    best = max(p.f1 for p in curve)
    plateau = [p.threshold for p in curve if p.f1 >= best - 0.01]
    # the longest run of consecutive plateau thresholds, then its middle
    runs, run = [], [plateau[0]]
    index = {t: n for n, t in enumerate(thresholds)}
    for t in plateau[1:]:
        if index[t] == index[run[-1]] + 1:
            run.append(t)
        else:
            runs.append(run)
            run = [t]
    runs.append(run)
    longest = max(runs, key=len)
    return round((longest[0] + longest[-1]) / 2, 3)


def _groups(items: Sequence[str], gold: set[Pair]) -> list[list[str]]:
    parent = {i: i for i in items}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in gold:
        a, b = tuple(pair)
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for i in items:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def cross_validate(items: Sequence[str], scored: Mapping[Pair, float], gold: set[Pair], *, folds: int = 5,
                   repeats: int = 20, seed: int = 0, thresholds: Sequence[float] = _GRID) -> CrossValidation:
    """Grouped k-fold cross-validation of the threshold choice (see the module docstring)."""
    rng = random.Random(seed)
    items = list(items)
    groups = _groups(items, gold)
    all_pairs = {frozenset({a, b}) for n, a in enumerate(items) for b in items[n + 1 :]}
    precisions, recalls, chosen = [], [], []
    tp_all = fp_all = fn_all = 0
    for _ in range(repeats):
        order = groups[:]
        rng.shuffle(order)
        order.sort(key=len, reverse=True)  # big groups first, then fill the smallest fold
        fold_of: dict[str, int] = {}
        sizes = [0] * folds
        for g in order:
            f = min(range(folds), key=lambda k: (sizes[k], rng.random()))
            sizes[f] += len(g)
            for i in g:
                fold_of[i] = f
        tp = fp = fn = 0
        for f in range(folds):
            train = [p for p in all_pairs if all(fold_of[i] != f for i in p)]
            test = [p for p in all_pairs if min(fold_of[i] for i in p) == f and any(fold_of[i] == f for i in p)]
            t = choose_threshold(scored, gold, thresholds, universe=train)
            chosen.append(t)
            point = pr_curve(scored, gold, [t], universe=test)[0]
            tp, fp, fn = tp + point.tp, fp + point.fp, fn + point.fn
        pooled = PRPoint(0.0, tp, fp, fn)
        precisions.append(pooled.precision)
        recalls.append(pooled.recall)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    total = PRPoint(0.0, tp_all, fp_all, fn_all)
    return CrossValidation(
        folds=folds,
        repeats=repeats,
        precision=float(np.mean(precisions)),
        recall=float(np.mean(recalls)),
        f1=total.f1,
        precision_std=float(np.std(precisions)),
        recall_std=float(np.std(recalls)),
        thresholds=tuple(chosen),
    )


#: subfolders of the labelled set that are never used for tuning or choosing the threshold
HELDOUT = ("heldout",)


def _batches(directory: Path, include_added: bool) -> list[Path]:
    batches = [directory]
    if include_added:
        batches += sorted(p for p in directory.iterdir()
                          if p.is_dir() and p.name not in HELDOUT and (p / "elements.csv").is_file())
    return batches


def evaluate(directory: str | Path = EVAL_DIR, *, folds: int = 5, repeats: int = 20, seed: int = 0,
             threshold: float | None = None, include_added: bool = True) -> Evaluation:
    """Load the labelled set in ``directory`` and evaluate.

    Parameters
    ----------
    directory : path
        Holding ``elements.csv``, ``connections.csv`` and ``pairs.csv``.
    threshold : float, optional
        Report this threshold instead of the one chosen on all pairs.
    include_added : bool
        Also load the batches in subfolders of ``directory`` (default).
    """
    from graph.load import load
    from graph.overlaps import initiative_records
    from graph.verdicts import read_verdicts, resolve_verdicts

    directory = Path(directory)
    batches = _batches(directory, include_added)
    sources = [b / name for b in batches for name in ("elements.csv", "connections.csv") if (b / name).is_file()]
    ds = load(sources, bundled=False)
    records = initiative_records(ds)
    names = [(r.iri, r.label) for r in records]
    table = {}
    for b in batches:
        table.update(resolve_verdicts(read_verdicts(b / "pairs.csv"), names))
    gold = {k for k, v in table.items() if v.verdict == "duplicate"}
    scored = scored_pairs(records)
    items = [r.iri for r in records]
    universe = {frozenset({a, b}) for n, a in enumerate(items) for b in items[n + 1 :]}
    chosen = choose_threshold(scored, gold, universe=universe) if threshold is None else threshold
    curve = tuple(pr_curve(scored, gold, _GRID[::5], universe=universe))
    at = pr_curve(scored, gold, [chosen], universe=universe)[0]
    cv = cross_validate(items, scored, gold, folds=folds, repeats=repeats, seed=seed)
    names = {r.iri: r.label for r in records}

    def named(p, s):
        a, b = sorted(names[i] for i in p)
        return (a, b, round(s, 3))

    missed = tuple(sorted((named(p, scored.get(p, 0.0)) for p in gold if scored.get(p, 0.0) < chosen), key=lambda x: -x[2]))
    false = tuple(
        sorted((named(p, s) for p, s in scored.items() if s >= chosen and p not in gold), key=lambda x: -x[2])
    )
    return Evaluation(
        initiatives=len(records),
        true_pairs=len(gold),
        labelled_negatives=sum(1 for v in table.values() if v.verdict != "duplicate"),
        threshold=chosen,
        at_threshold=at,
        curve=curve,
        cv=cv,
        missed=missed,
        false_alarms=false,
    )


def format_evaluation(ev: Evaluation) -> str:
    """A plain-text report of an :class:`Evaluation`."""
    lines = [
        f"labelled set: {ev.initiatives} initiatives, {ev.true_pairs} true pairs, "
        f"{ev.labelled_negatives} labelled hard negatives (all other pairs are negatives too)",
        "",
        "threshold  precision  recall  f1     tp  fp  fn   (all pairs, in-sample)",
    ]
    for p in ev.curve:
        lines.append(f"{p.threshold:9.2f}  {p.precision:9.3f}  {p.recall:6.3f}  {p.f1:5.3f}  {p.tp:3d} {p.fp:3d} {p.fn:3d}")
    a = ev.at_threshold
    lines += [
        "",
        f"chosen default threshold {ev.threshold:.3f} (best F1 on all pairs, middle of the plateau):",
        f"  in-sample  precision {a.precision:.3f}  recall {a.recall:.3f} ({a.tp}/{a.tp + a.fn})  F1 {a.f1:.3f}",
        f"  held-out   precision {ev.cv.precision:.3f} ± {ev.cv.precision_std:.3f}  recall {ev.cv.recall:.3f} ± "
        f"{ev.cv.recall_std:.3f}  ({ev.cv.folds}-fold grouped cross-validation x {ev.cv.repeats} repeats; "
        f"thresholds chosen per fold: {min(ev.cv.thresholds):.2f}–{max(ev.cv.thresholds):.2f})",
    ]
    if ev.missed:
        lines.append("missed true pairs: " + "; ".join(f"{a} / {b} ({s})" for a, b, s in ev.missed))
    if ev.false_alarms:
        lines.append("false alarms: " + "; ".join(f"{a} / {b} ({s})" for a, b, s in ev.false_alarms))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m graph.evaluate [DIR] [--original]``: print the evaluation of the labelled set.

    ``--original`` leaves out the batches added in subfolders.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    original = "--original" in argv
    argv = [a for a in argv if a != "--original"]
    print(format_evaluation(evaluate(argv[0] if argv else EVAL_DIR, include_added=not original)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
