"""ecokg: a knowledge graph of the Danish health-innovation ecosystem.

The library behind the ``ecokg`` command. Load sources into one rdflib
Dataset with :func:`graph.load.load`, analyse NetworkX views of it, render.
Modules are imported on use so that ``import graph`` stays fast.
"""

__version__ = "0.1.0"
