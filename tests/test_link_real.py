"""Real data: structural funds + CORDIS (Danish participants of health projects),
partner lists linked and organisations resolved across the two sources.

The facts checked were looked up by hand in the CSV files: Aalborg Universitet
(CVR 29102384, CORDIS PIC 999904034) and Aarhus Universitet (CVR 31119103,
PIC 999997736) are lead beneficiaries in the 2007-2013 list and CORDIS
participants; the DEXADEM project's partner list is "AVN Energy A/S. Aarhus
Universitet. A1 Consult ApS. Fjero A/S. DIS A/S. Marine Design A/S. Innovayt
A/S. Uni-El A/S. Teknologisk Institut. Aalborg Universitet."
"""

import pytest
from rdflib.namespace import OWL

from graph.importers.cordis import DEFAULT_DIR, import_cordis
from graph.partners import link_partners
from graph.resolve import canonical_map, resolve
from graph.vocab import ECO, ID


@pytest.fixture(scope="module")
def linked():
    sf = pytest.importorskip("graph.importers.structural_funds")
    if not (DEFAULT_DIR / "projects.csv").exists() or not sf.DEFAULT_DIR.exists():
        pytest.skip("real data not available")
    ds = sf.import_structural_funds(partners=False)  # linked below, after CORDIS is in
    import_cordis(DEFAULT_DIR, health_only=True, danish_only=True, dataset=ds)
    partners = link_partners(ds)
    report = resolve(ds)
    return ds, partners, report


def test_same_cvr_links_cordis_and_structural_funds(linked):
    ds, _partners, report = linked
    merges = {(m.source, m.target): m.reason for m in report.merges}
    assert merges[(ID["cordis/org/999904034"], ID["aalborg-universitet"])] == "same CVR"
    assert merges[(ID["cordis/org/999997736"], ID["aarhus-universitet"])] == "same CVR"
    assert (ID["cordis/org/999904034"], OWL.sameAs, ID["aalborg-universitet"]) in ds
    assert canonical_map(ds)[ID["cordis/org/999997736"]] == ID["aarhus-universitet"]


def test_partner_list_becomes_partner_links(linked):
    ds, partners, _report = linked
    project = ID["strukturfond/2007-2013/dexadem"]
    links = [x for x in partners.links if x.project == project]
    assert [x.text for x in links] == [
        "AVN Energy A/S", "Aarhus Universitet", "A1 Consult ApS", "Fjero A/S", "DIS A/S",
        "Marine Design A/S", "Innovayt A/S", "Uni-El A/S", "Teknologisk Institut", "Aalborg Universitet",
    ]
    assert (ID["aalborg-universitet"], ECO.partnerIn, project) in ds
    assert (ID["aarhus-universitet"], ECO.partnerIn, project) in ds
    by_text = {x.text: x for x in links}
    assert by_text["Aalborg Universitet"].matched and by_text["Aarhus Universitet"].matched


def test_figures_are_plausible(linked):
    _ds, partners, report = linked
    assert partners.strings == 2265  # every partner string parsed from both files
    assert 0.3 < partners.matched / partners.strings < 0.9
    assert all(m.reason in ("same CVR", "same name", "similar name") for m in report.merges)
    # nothing merged across different CVR numbers
    assert not any("different CVR" in " ".join(c.reasons) for c in report.possible)
