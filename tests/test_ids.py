"""graph.ids: slugs and entity IRIs."""

from __future__ import annotations

import pytest

from graph.ids import entity_iri, slug
from graph.vocab import ID


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Region Sjælland", "region-sjaelland"),
        ("Region Østdanmark", "region-oestdanmark"),
        ("Tårnby", "taarnby"),
        ("ÆRØ", "aeroe"),
        ("Lyngby-Taarbæk", "lyngby-taarbaek"),
        ("Forebyggelse og prædikativ sundhed", "forebyggelse-og-praedikativ-sundhed"),
        ("Lighed i sundhedsvæsenet – det borgernære sundhedsvæsen", "lighed-i-sundhedsvaesenet-det-borgernaere-sundhedsvaesen"),
        ("Liva Healthcare A/S", "liva-healthcare-a-s"),
        ("Zürich Straße", "zurich-strasse"),
        ("  --a__b--  ", "a-b"),
        ("", ""),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


def test_entity_iri_plain_and_with_kind():
    assert entity_iri("Welfare Tech") == ID["welfare-tech"]
    assert entity_iri("Helsingør", kind="kommune") == ID["kommune/helsingoer"]
    assert entity_iri("Personaliseret behandling", kind="focus") == ID["focus/personaliseret-behandling"]


@pytest.mark.parametrize("label,kind", [("", None), ("–", None), ("x", "Bad Kind"), ("x", "/x")])
def test_entity_iri_rejects_unusable_input(label, kind):
    with pytest.raises(ValueError):
        entity_iri(label, kind=kind)
