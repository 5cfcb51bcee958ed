"""Session-wide test settings."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory):
    """Keep the on-disk embedding cache of graph.semantic inside the test run."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ECOKG_CACHE_DIR", str(tmp_path_factory.mktemp("ecokg-cache")))
    yield
    mp.undo()
