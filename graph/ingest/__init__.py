"""Candidate entities and statements from a Danish press release (being split into modules)."""

from graph.ingest.statements import *  # noqa: F401,F403
from graph.ingest.statements import __all__  # noqa: F401
