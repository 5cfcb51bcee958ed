"""Real headless Chromium (Debian's, via scripts/setup-browser.sh) driven by Playwright.

Every page is opened with all network traffic blocked: only file:// (and the
about:/data: URLs the browser uses internally) may load; anything else is
recorded and aborted, and tests assert that nothing was attempted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import networkx as nx
import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_IMG = "<img src=x onerror=window.__pwned=1>"
HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"


def _ensure_chromium() -> str | None:
    """Path of Chromium, installing it with the project's script if missing; None if impossible."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    script = Path(__file__).resolve().parents[2] / "scripts" / "setup-browser.sh"
    try:
        subprocess.run(["sh", str(script)], check=True, capture_output=True, timeout=900)
    except (OSError, subprocess.SubprocessError):
        return None
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else None


@pytest.fixture(scope="session")
def browser_context():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        pytest.skip("playwright (python) is not installed")
    exe = _ensure_chromium()
    if exe is None:
        pytest.skip("Debian chromium is not installed and scripts/setup-browser.sh could not install it")
    profile = tempfile.mkdtemp(prefix="ecokg-chromium-")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=exe, headless=True, args=ARGS, viewport={"width": 1400, "height": 900}
        )
        try:
            yield ctx
        finally:
            ctx.close()
            shutil.rmtree(profile, ignore_errors=True)


class PageLog:
    """A page with every network attempt, console error and page error recorded."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

        def route(r):
            url = r.request.url
            if url.startswith(("file://", "data:", "about:")):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        page.route("**/*", route)

    def open(self, path: Path, ready: str = "() => window.ecokgReady === true", timeout: float = 30000):
        # A function, not a bare expression: Playwright compiles polled expressions with eval(),
        # which the page's Content-Security-Policy (no 'unsafe-eval') refuses.
        self.page.goto(Path(path).resolve().as_uri())
        if ready:
            self.page.wait_for_function(ready, timeout=timeout)
        return self.page

    def assert_clean(self):
        assert self.blocked == [], f"network requests attempted: {self.blocked}"
        assert self.page_errors == [], f"page errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


@pytest.fixture
def page_log(browser_context):
    page = browser_context.new_page()
    log = PageLog(page)
    try:
        yield log
    finally:
        page.close()


def hostile_graph() -> nx.MultiDiGraph:
    """A small hand-made ecosystem: 9 actors, 3 initiatives, 2 focus areas, 1 facility (not drawn)."""
    g = nx.MultiDiGraph()
    ev = [("Pressemeddelelse 2018", "2018-09-20", "Danish Healthtech er Danmarks nationale klynge")]
    nodes = {
        "c1": dict(label="Danish Healthtech", type="Cluster", region="Region Syddanmark", start="2018-09-20"),
        "u1": dict(label="Syddansk Universitet", type="University", region="Region Syddanmark"),
        "u2": dict(label="Aalborg Universitet", type="University", region="Region Nordjylland"),
        "k1": dict(label="Odense Kommune", type="Municipality", region="Region Syddanmark"),
        "h1": dict(label="Aalborg Universitetshospital", type="Hospital", region="Region Nordjylland"),
        "co1": dict(label=HOSTILE_IMG, type="Company", region="Region Nordjylland"),
        "co2": dict(label=HOSTILE_SCRIPT, type="Virksomhed", region="Region Hovedstaden",
                    description="</script><script>window.__pwned=1</script> & co \u2028 ok"),
        "p1": dict(label="Jens Hansen", type="Person", email="mailto:jens@example.dk", telephone="tel:+4512345678"),
        "r1": dict(label="Region Syddanmark", type="Region", region="Region Syddanmark"),
        "i1": dict(label="Telemedicin i hjemmet – KOL", type="Initiative", region="Region Syddanmark",
                   focus_areas=["Telemedicin"], start="2018-12-01", end="2020-11-30",
                   description="Hjemmemonitorering af KOL-patienter"),
        "i2": dict(label="KOL-telemonitorering Nord", type="Initiative", region="Region Nordjylland",
                   focus_areas=["Telemedicin"], start="2019-01-01", end="2021-12-31"),
        "i3": dict(label="Velfærdsteknologi i ældreplejen", type="Projekt", region="Region Syddanmark",
                   focus_areas=["Velfærdsteknologi"], start="2010-01-01", end="2012-12-31"),
        "f1": dict(label="Telemedicin", type="Focus Area"),
        "f2": dict(label="Velfærdsteknologi", type="Fokusområde"),
        "fac": dict(label="Forskerparken", type="Facility", region="Region Syddanmark"),
    }
    for k, v in nodes.items():
        g.add_node(k, **v)
    g.add_edge("u1", "c1", relation="member of", evidence=ev)
    g.add_edge("k1", "c1", relation="medlem af")
    g.add_edge("co1", "i2", relation="partner in")
    g.add_edge("co2", "i1", relation="partner in", evidence=[("<b>doc</b>", "2020-01-01", "<img src=x onerror=window.__pwned=1>")])
    g.add_edge("h1", "i2", relation="partner in")
    g.add_edge("u2", "i2", relation="partner in")
    g.add_edge("i1", "c1", relation="funded by", amount="14000000", start="2018-12-01", end="2020-11-30")
    g.add_edge("i1", "f1", relation="addresses")
    g.add_edge("i2", "f1", relation="addresses")
    g.add_edge("i3", "f2", relation="addresses")
    g.add_edge("p1", "c1", relation="works for")
    g.add_edge("c1", "r1", relation="located in")
    g.add_edge("c1", "fac", relation="located in")
    return g


DRAWN = 14  # every node above except the facility
