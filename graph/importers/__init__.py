"""Importers: map external data sets onto the ecokg vocabulary (RDF)."""
