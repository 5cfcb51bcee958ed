"""Benchmark ``overlapping_initiatives`` against two baselines on synthetic initiatives.

A seeded generator writes Danish-looking initiatives (descriptions built from
the vocabulary of the labelled evaluation set, compounded into a large
vocabulary, with topics, planted near-copies, regions, focus areas, partners,
funders and periods) as :class:`graph.overlaps.InitiativeRecord` values.
For each size, three measurements run, each in its own subprocess (so that
peak memory, ``ru_maxrss``, belongs to that measurement alone):

* ``overlaps``: :func:`graph.overlaps.find_overlaps` on the records (what
  :func:`graph.overlaps.overlapping_initiatives` runs after the SPARQL query),
  on its lexical path: above ``SEMANTIC_LIMIT`` (2,000 initiatives) the
  semantic signal is off anyway, and ``--quick`` (1,000) times the same path;
* ``bare``: the lower bound, a bare scikit-learn TF-IDF of the same
  descriptions (Danish stop words) and a blocked sparse product ``X X^T``
  with a threshold (0.3) — no stemming, no character n-grams, no signals or
  reasons;
* ``naive``: what a user would write — all pairs compared in Python (cosine
  of word-count dictionaries) — on a sample, extrapolated to all pairs.

Usage::

    python bench/bench_overlaps.py            # 10k, 50k, 100k initiatives
    python bench/bench_overlaps.py --quick    # 1k, for the test suite
    python bench/bench_overlaps.py --sizes 20000 --json

Goals (issue 3): 100k initiatives within 3x the bare product, >= 100x faster
than naive, peak memory <= 2 GiB. The evaluation on the labelled set is
printed too (``--no-eval`` skips it).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.overlaps import InitiativeRecord  # noqa: E402

_REGIONS = [
    ("https://w3id.org/ecokg/id/region-hovedstaden", "Region Hovedstaden"),
    ("https://w3id.org/ecokg/id/region-sjaelland", "Region Sjælland"),
    ("https://w3id.org/ecokg/id/region-syddanmark", "Region Syddanmark"),
    ("https://w3id.org/ecokg/id/region-midtjylland", "Region Midtjylland"),
    ("https://w3id.org/ecokg/id/region-nordjylland", "Region Nordjylland"),
]
_FILLER = "og i af at til med for som der en et de den det på er om skal kan vil får fra".split()


def _roots() -> list[str]:
    path = ROOT / "data" / "eval" / "overlaps" / "elements.csv"
    words = re.findall(r"[a-zæøå]{4,}", path.read_text(encoding="utf-8").lower())
    return sorted(set(words))


def generate(n: int, seed: int = 0) -> list[InitiativeRecord]:
    """``n`` synthetic initiatives; about 3 % are reworded copies of another one."""
    rng = random.Random(seed)
    roots = _roots()
    vocab = roots + [a + b for a, b in ((rng.choice(roots), rng.choice(roots)) for _ in range(30_000))]
    vocab = sorted(set(vocab))
    rng.shuffle(vocab)
    zipf = [1.0 / (k + 1) ** 1.05 for k in range(len(vocab))]
    n_topics = max(20, n // 10)
    topics = [rng.sample(vocab, 60) for _ in range(n_topics)]
    focus = [(f"https://w3id.org/ecokg/id/focus/f{k}", f"Fokus {k}") for k in range(40)]
    orgs = [(f"https://w3id.org/ecokg/id/org/o{k}", f"Organisation {k}") for k in range(max(50, n // 20))]
    funders = [(f"https://w3id.org/ecokg/id/org/fund{k}", f"Fond {k}") for k in range(50)]
    general = rng.choices(vocab, weights=zipf, k=200_000)
    records: list[InitiativeRecord] = []
    for i in range(n):
        if records and rng.random() < 0.03:
            src = rng.choice(records)
            words = src.description.split()
            words = [w if rng.random() < 0.6 else rng.choice(general) for w in words]
            rng.shuffle(words)
            t_focus = src.focus_areas
        else:
            topic = rng.randrange(n_topics)
            length = rng.randint(30, 70)
            words = []
            for _ in range(length):
                r = rng.random()
                if r < 0.3:
                    words.append(rng.choice(topics[topic]))
                elif r < 0.8:
                    words.append(general[rng.randrange(len(general))])
                else:
                    words.append(rng.choice(_FILLER))
            t_focus = tuple(sorted(rng.sample(focus, rng.randint(1, 2))))
        start_year = rng.randint(2010, 2024)
        region = () if rng.random() < 0.1 else (rng.choice(_REGIONS),)
        records.append(
            InitiativeRecord(
                iri=f"https://w3id.org/ecokg/id/synthetic/i{i}",
                label=" ".join(words[:3]).capitalize(),
                description=" ".join(words[3:]).capitalize() + ".",
                regions=region,
                focus_areas=t_focus,
                partners=tuple(sorted(set(rng.sample(orgs, rng.randint(0, 3))))),
                funders=(rng.choice(funders),),
                start=date(start_year, rng.randint(1, 12), 1),
                end=date(start_year + rng.randint(1, 4), 12, 31),
            )
        )
    return records


# ----------------------------------------------------------------------------- the measured steps


def _run_overlaps(records):
    from graph.overlaps import find_overlaps

    # the lexical engine at every size: above SEMANTIC_LIMIT (2,000) it is what
    # runs anyway; below, the semantic signal adds ~1/16 s per new description
    # (measured separately, see docs/overlaps.md), which --quick (1k) would
    # otherwise spend embedding synthetic texts
    return len(find_overlaps(records, semantic=False))


def _run_bare(records, threshold: float = 0.3):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from graph.textsim import stop_words

    x = TfidfVectorizer(stop_words=sorted(stop_words())).fit_transform([r.description for r in records]).tocsr()
    x = x.astype(np.float32)
    xt = x.T.tocsr()
    n = x.shape[0]
    df = np.bincount(x.indices, minlength=x.shape[1]).astype(np.float64)
    per_row = float((x.astype(bool) @ df).mean()) if x.nnz else 1.0
    block = int(max(256, min(n, 1e7 / max(per_row, 1.0))))
    found = 0
    for start in range(0, n, block):
        prod = x[start : start + block] @ xt
        found += int((prod.data >= threshold).sum())
    return (found - n) // 2


def _tokens(text: str) -> Counter:
    return Counter(w for w in re.findall(r"\w+", text.lower()) if len(w) > 2)


def _naive_cosine(a: Counter, b: Counter) -> float:
    dot = sum(a[w] * b[w] for w in a if w in b)
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _run_naive(records, threshold: float = 0.3):
    docs = [_tokens(r.text) for r in records]
    found = 0
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if _naive_cosine(docs[i], docs[j]) >= threshold:
                found += 1
    return found


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return _rss_mb()


def worker(method: str, n: int, seed: int, sample: int) -> dict:
    """One measurement (run in a subprocess by :func:`measure`)."""
    records = generate(n, seed)
    if method == "naive":
        records = random.Random(seed + 1).sample(records, min(sample, n))
    # warm-up: imports and caches outside the timed region
    if method == "overlaps":
        _run_overlaps(records[:50])
    elif method == "bare":
        _run_bare(records[:50])
    base = _current_rss_mb()
    t0 = time.perf_counter()
    result = {"overlaps": _run_overlaps, "bare": _run_bare, "naive": _run_naive}[method](records)
    seconds = time.perf_counter() - t0
    out = {"method": method, "n": len(records), "seconds": seconds, "pairs": result,
           "peak_rss_mb": _rss_mb(), "baseline_rss_mb": base}
    if method == "naive":
        pairs_sampled = len(records) * (len(records) - 1) / 2
        out["per_pair_us"] = seconds / pairs_sampled * 1e6
        out["extrapolated_seconds"] = seconds / pairs_sampled * n * (n - 1) / 2
    return out


def measure(method: str, n: int, seed: int = 0, sample: int = 1000) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", method, str(n), str(seed), str(sample)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{method} at {n} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k initiatives, small naive sample (for tests)")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of initiatives (default 10000 50000 100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, help="initiatives in the naive all-pairs sample (default 1000)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-eval", action="store_true", help="skip the labelled-set evaluation")
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        method, n, seed, sample = args.worker
        print(json.dumps(worker(method, int(n), int(seed), int(sample))))
        return 0
    sizes = args.sizes or ([1000] if args.quick else [10_000, 50_000, 100_000])
    sample = args.sample or (100 if args.quick else 1000)
    rows = []
    for n in sizes:
        ours = measure("overlaps", n, args.seed, sample)
        bare = measure("bare", n, args.seed, sample)
        naive = measure("naive", n, args.seed, sample)
        rows.append(
            {
                "n": n,
                "overlaps_s": ours["seconds"],
                "overlaps_peak_mb": ours["peak_rss_mb"],
                "overlaps_pairs": ours["pairs"],
                "bare_s": bare["seconds"],
                "bare_peak_mb": bare["peak_rss_mb"],
                "naive_sample": naive["n"],
                "naive_per_pair_us": naive["per_pair_us"],
                "naive_extrapolated_s": naive["extrapolated_seconds"],
                "ratio_vs_bare": ours["seconds"] / bare["seconds"],
                "speedup_vs_naive": naive["extrapolated_seconds"] / ours["seconds"],
            }
        )
        if not args.json:
            r = rows[-1]
            print(
                f"n={n:>7}: overlaps {r['overlaps_s']:7.1f} s, peak {r['overlaps_peak_mb']:6.0f} MiB, "
                f"{r['overlaps_pairs']} pairs | bare TF-IDF product {r['bare_s']:6.1f} s "
                f"(peak {r['bare_peak_mb']:.0f} MiB) | naive all-pairs {r['naive_per_pair_us']:.1f} µs/pair "
                f"-> {r['naive_extrapolated_s']:,.0f} s extrapolated | "
                f"overlaps/bare = {r['ratio_vs_bare']:.2f}x, naive/overlaps = {r['speedup_vs_naive']:,.0f}x",
                flush=True,
            )
    evaluation = None
    if not args.no_eval:
        from graph.evaluate import evaluate, evaluate_heldout, format_evaluation, format_heldout

        ev = evaluate(repeats=5 if args.quick else 20, size_runs=20 if args.quick else 100)
        held = evaluate_heldout()
        evaluation = {
            "threshold": ev.default,
            "precision": ev.at_default.precision,
            "recall": ev.at_default.recall,
            "cv_precision": ev.cv.precision,
            "cv_recall": ev.cv.recall,
            "small_inputs_heldout_precision": ev.sizes.heldout.precision,
            "small_inputs_heldout_recall": ev.sizes.heldout.recall,
            "heldout_set_precision": held.at_threshold.precision,
            "heldout_set_recall": held.at_threshold.recall,
        }
        if not args.json:
            print()
            print(format_evaluation(ev))
            print()
            print(format_heldout(held))
    if args.json:
        print(json.dumps({"sizes": rows, "evaluation": evaluation}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
