"""Criteria catalogs as data: the model, reading and validating files, the shipped set."""

from dtdesktop.catalogs.loader import CatalogError, load_file, load_text, validate_file
from dtdesktop.catalogs.model import Catalog, Indicator, Pillar
from dtdesktop.catalogs.problems import Problem

__all__ = [
    "Catalog",
    "CatalogError",
    "Indicator",
    "Pillar",
    "Problem",
    "load_file",
    "load_text",
    "validate_file",
]
