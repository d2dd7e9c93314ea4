"""Administrative units: the national lists as package data, and search by name or code."""

from dtdesktop.units.registry import CURRENT, SCHEMES, Unit, find, parse_ref, search, unit_list

__all__ = ["CURRENT", "SCHEMES", "Unit", "find", "parse_ref", "search", "unit_list"]
