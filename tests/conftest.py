"""Session-wide test settings and shared fixtures."""

from pathlib import Path

import pytest
from rdflib import Dataset

from graph.vocab import ONTOLOGY_GRAPH

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "ecosystem.ttl"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory):
    """Keep the on-disk embedding cache of graph.semantic inside the test run."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ECOKG_CACHE_DIR", str(tmp_path_factory.mktemp("ecokg-cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def dataset_from():
    """Make a dataset as the loader gives it from TriG text: the ontology in
    its named graph, then the TriG (union default graph)."""

    def make(trig: str) -> Dataset:
        ds = Dataset(default_union=True)
        ds.graph(ONTOLOGY_GRAPH).parse(ONTOLOGY, format="turtle")
        ds.parse(data=trig, format="trig")
        return ds

    return make
