"""The committee report in real headless Chromium, with the network blocked."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.load import load
from graph.report import write_report

from .conftest import HOSTILE_IMG, HOSTILE_SCRIPT

pytestmark = pytest.mark.browser

TABLES = Path(__file__).resolve().parents[1] / "fixtures" / "map_hostile"


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(load([str(TABLES)]), out)
    return out


def test_report_loads_offline_and_runs_nothing_injected(report_file, page_log):
    page = page_log.open(report_file)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # one node per actor, initiative and focus area of the tables: 7 actors + 3 initiatives
    # + 2 focus areas (the regions they are located in are attributes, not nodes)
    assert page.evaluate("window.network.body.data.nodes.length") == 12
    body = page.inner_text("body")
    assert HOSTILE_IMG in body and HOSTILE_SCRIPT in body  # shown as literal text
    assert page.evaluate("document.querySelectorAll('main img, main script').length") == 0
    assert "Sundhedsklyngen Syd" in page.inner_text("#growth")
    assert "Hjemmemonitorering af KOL-patienter Syd" in page.inner_text("#overlaps")
    page_log.assert_clean()


def test_report_map_filter_and_print_layout(report_file, page_log):
    page = page_log.open(report_file)
    hidden = "window.network.body.data.nodes.get({filter: n => n.hidden === true}).length"
    assert page.evaluate(hidden) == 0
    page.locator("#ek-f-type label", has_text="Initiative").locator("input").click()
    assert page.evaluate(hidden) == 3
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.ek-side')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('#overlaps')).breakBefore") == "page"
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10000
    page_log.assert_clean()
