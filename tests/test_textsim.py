"""Danish text similarity: normalisation, stemming, compounds, TF-IDF neighbours."""

from __future__ import annotations

import numpy as np
import pytest

from graph import textsim


def test_normalise_soft_hyphen_and_quotes():
    assert textsim.normalise("vidensam\u00adling  \u2013 SMV\u00b4er") == "vidensamling SMV'er"


def test_content_words_drop_stop_words_numbers_and_acronym_endings():
    words = textsim.content_words("Projektet hjælper 200 SMV'er og KOL-patienter i deres hjem i 2019")
    assert words == ["Projektet", "hjælper", "SMV", "KOL", "patienter", "hjem"]


def test_english_stop_words_are_dropped_too():
    assert textsim.content_words("the project and the patients") == ["project", "patients"]


@pytest.mark.parametrize(
    "a, b",
    [("patienterne", "patienter"), ("kommunerne", "kommune"), ("Borgerens", "borgere")],
)
def test_danish_stemming_joins_inflections(a, b):
    assert textsim.stem(a) == textsim.stem(b)


def test_batch_stems_equal_single_stems():
    words = ["sygehusene", "træningen", "velfærdsteknologier"]
    assert textsim.stems(words) == [textsim.stem(w) for w in words]


def test_split_compound_needs_a_known_head():
    known = {textsim.stem(w) for w in ["træning", "hjemme", "velfærd", "teknologi"]}
    assert textsim.split_compound("hjemmetræning", known) == (textsim.stem("hjemme"), textsim.stem("træning"))
    assert textsim.split_compound("velfærdsteknologi", known) == (textsim.stem("velfærd"), textsim.stem("teknologi"))
    assert textsim.split_compound("organisation", known) == ()


def test_compound_parts_make_paraphrases_meet():
    idx = textsim.build_index(["hjemmetræning efter operation", "træning i hjemmet efter operation", "kage"])
    # the word channel alone sees 'træning' in both thanks to the compound split
    words = (idx.words @ idx.words.T).toarray()
    assert words[0, 1] > 0.5
    assert words[0, 2] == 0


def test_similarity_is_symmetric_and_bounded():
    idx = textsim.build_index(["KOL og iltmætning måles hjemme", "Iltmætning hos KOL-patienter", "Eksport til Tyskland"])
    assert idx.similarity(0, 1) == pytest.approx(idx.similarity(1, 0))
    assert 0 < idx.similarity(0, 1) <= 1
    assert idx.similarity(0, 2) < idx.similarity(0, 1)
    assert idx.similarity(0, 0) == pytest.approx(1.0, abs=1e-5)


def test_combined_similarity_is_weighted_mean_of_word_and_char_cosines():
    texts = ["telemedicin til gravide med højt blodtryk", "gravide måler blodtryk hjemme", "ledelse"]
    idx = textsim.build_index(texts, word_weight=0.3)
    w = float((idx.words[0] @ idx.words[1].T).toarray()[0, 0])
    c = float((idx.chars[0] @ idx.chars[1].T).toarray()[0, 0])
    assert idx.similarity(0, 1) == pytest.approx(0.3 * w + 0.7 * c, abs=1e-5)


def test_neighbours_returns_unique_pairs_above_floor():
    texts = [
        "Hjemmemonitorering af KOL-patienter med tablet",
        "KOL-patienter monitoreres hjemme via tablet",
        "Eksportnetværk for små virksomheder",
        "Netværk om eksport for små og mellemstore virksomheder",
        "Kursus i kagebagning",
    ]
    idx = textsim.build_index(texts)
    pairs = textsim.neighbours(idx, k=1, floor=0.2)
    got = set(zip(pairs.rows.tolist(), pairs.cols.tolist()))
    assert got == {(0, 1), (2, 3)}
    assert all(r < c for r, c in got)
    assert np.all(pairs.sims >= 0.2)


def test_neighbours_large_path_agrees_with_exact_path(monkeypatch):
    texts = [f"projekt {w} om velfærdsteknologi og {w}træning" for w in ["hjemme", "hold", "online", "hjemme"]]
    texts += ["helt andet emne om eksport"] * 2
    idx = textsim.build_index(texts)
    exact = textsim.neighbours(idx, k=3, floor=0.1)
    monkeypatch.setattr(textsim, "EXACT_LIMIT", 1)
    approx = textsim.neighbours(idx, k=3, floor=0.1)
    assert set(zip(approx.rows.tolist(), approx.cols.tolist())) <= set(zip(exact.rows.tolist(), exact.cols.tolist()))
    assert (0, 3) in set(zip(approx.rows.tolist(), approx.cols.tolist()))


def test_empty_and_wordless_texts():
    idx = textsim.build_index(["", "2019", "..."])
    assert len(textsim.neighbours(idx)) == 0
    idx = textsim.build_index(["ord", ""])
    assert idx.similarity(0, 1) == 0


def test_shared_terms_show_original_word_forms():
    idx = textsim.build_index(["Patienterne måler iltmætning med Tablet", "Patienter og iltmætningen; en tablet", "Andet"])
    terms = textsim.shared_terms(idx, 0, 1)
    assert set(terms) == {"Patienterne", "iltmætning", "Tablet"}


def test_idf_squared_lets_a_rare_shared_term_outweigh_a_shared_theme():
    # 0 and 1 share one rare offer word (drone); 0 and 2 share three theme words that
    # recur in the corpus (ældre, borgere, kommunen). Squaring the IDF of the
    # character n-grams moves the similarity towards the rare word.
    theme = "ældre borgere kommunen"
    texts = [
        f"drone {theme} laboratorium",
        "drone prøveglas øen",
        f"{theme} fællesspisning",
        f"{theme} rengøring",
        f"{theme} besøgsven",
        "eksport tyskland",
    ]
    plain = textsim.build_index(texts, word_weight=0.0, char_idf_power=1.0)
    sharp = textsim.build_index(texts, word_weight=0.0, char_idf_power=2.0)
    plain_ratio = plain.similarity(0, 1) / plain.similarity(0, 2)
    sharp_ratio = sharp.similarity(0, 1) / sharp.similarity(0, 2)
    assert sharp_ratio > plain_ratio
    # the weights are the IDF to the given power
    assert np.allclose(sharp.char_idf, plain.char_idf ** 2, rtol=1e-5)


def test_default_similarity_is_the_character_view():
    assert textsim.WORD_WEIGHT == 0.0 and textsim.CHAR_IDF_POWER == 2.0
    idx = textsim.build_index(["gravide måler blodtryk hjemme", "blodtryk hos gravide", "ledelse"])
    c = float((idx.chars[0] @ idx.chars[1].T).toarray()[0, 0])
    assert idx.similarity(0, 1) == pytest.approx(c, abs=1e-5)
    assert idx.stacked().shape == idx.chars.shape


def test_concepts_find_other_wordings_and_not_the_canonical_term():
    assert textsim.concepts("Børn med cancer får cytostatika hjemme") == {"kræft": "cancer", "kemoterapi": "cytostatika"}
    assert textsim.concepts("Børn med kræft får kemoterapi") == {}
    # whole words only
    assert textsim.concepts("cancerogen") == {}


def test_shared_concepts_name_both_wordings_but_not_inflections():
    assert textsim.shared_concepts("Tidlig opsporing af sepsis", "Varsling af blodforgiftning") == [
        ("sepsis", "blodforgiftning")
    ]
    assert textsim.shared_concepts("unge med diabetes", "unge diabetikere") == []
    assert textsim.shared_concepts("sepsis", "eksport") == []


def test_synonyms_make_lay_and_professional_wording_meet():
    texts = ["Algoritme varsler sepsis hos indlagte", "Algoritme varsler blodforgiftning hos indlagte", "Kursus i eksport"]
    with_map = textsim.build_index(texts)
    without = textsim.build_index(texts, synonyms=False)
    assert with_map.similarity(0, 1) > without.similarity(0, 1)
    assert with_map.similarity(0, 2) == without.similarity(0, 2) == 0


def test_background_counts_in_idf_but_is_not_indexed():
    texts = ["telemedicin til KOL-patienter med tablet", "telemedicin til gravide med tablet", "eksport af fisk"]
    alone = textsim.build_index(texts)
    bg = textsim.build_index(texts, background=["telemedicin i kommunen"] * 20)
    assert len(bg) == 3 and bg.words.shape[0] == 3 and bg.counts.shape[0] == 3
    # 'telemedicin' is common in the background, so what the two texts share weighs less
    assert bg.similarity(0, 1) < alone.similarity(0, 1)
    assert textsim.neighbours(bg, k=2, floor=0.0).rows.max() < 3
