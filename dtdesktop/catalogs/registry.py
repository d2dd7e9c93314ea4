"""The catalogs shipped in `assessments/`, found by id, file path or SHA-256."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from dtdesktop.catalogs.loader import CatalogError, load_file
from dtdesktop.catalogs.model import Catalog
from dtdesktop.catalogs.problems import Problem
from dtdesktop.i18n import _
from dtdesktop.paths import resource_dir
from dtdesktop.text import fold
from dtdesktop.units.registry import SCHEMES, Unit, unit_list

_cache: dict[tuple[str, int, int], Catalog] = {}


def catalog_dir() -> Path:
    return resource_dir("assessments")


def shipped_paths() -> list[Path]:
    folder = catalog_dir()
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml"), *folder.glob("*.json")])


def load_cached(path: Path) -> Catalog:
    """Load *path*, reusing the parsed catalog while the file is unchanged (same size and mtime)."""
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    catalog = _cache.get(key)
    if catalog is None:
        catalog = load_file(path)
        _cache[key] = catalog
    return catalog


def shipped_catalogs() -> list[Catalog]:
    """Every valid shipped catalog; a broken one is skipped here and reported by `catalog validate`."""
    out = []
    for path in shipped_paths():
        try:
            out.append(load_cached(path))
        except CatalogError:
            continue
    return out


def version_key(version: str) -> tuple:
    """Versions compared as people read them: 2026.10 after 2026.9, 10.0 after 9.1 (not as text)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|[^\d.]+", version)
    )


def resolve(ref: str, installed: Iterable[Catalog] = ()) -> Catalog:
    """A catalog by file path, id or SHA-256 (or a unique prefix of it of 8+ hex digits), among the shipped
    ones and those *installed* in the user's library (`dtdesktop catalog install`); "id@version" names one
    version, an id alone its newest."""
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml", ".json") or path.is_file():
        if not path.is_file():
            raise CatalogError([Problem(ref, (), _("No such catalog file; check the path."))])
        return load_file(path)
    catalogs = [*shipped_catalogs(), *installed]
    by_id = [c for c in catalogs if c.id == ref or f"{c.id}@{c.version}" == ref]
    if by_id:
        return max(by_id, key=lambda c: version_key(c.version))
    if len(ref) >= 8:
        by_hash = list({c.sha256: c for c in catalogs if c.sha256.startswith(ref.lower())}.values())
        if len(by_hash) == 1:
            return by_hash[0]
    msg = _("No catalog “{ref}”; `dtdesktop catalog list` shows the catalogs you can use.").format(ref=ref)
    raise CatalogError([Problem("", (), msg)])


def province_names(unit: Unit) -> set[str]:
    """The unit's province, folded, and the province it belonged to before the 2025 reform (a commune keeps
    the code of one of the communes merged into it), whose resolutions may still be the ones assessed."""
    names = {fold(unit.province_name)}
    for scheme in SCHEMES:
        other = unit_list(scheme).get(unit.code, unit.level)
        if other is not None:
            names.add(fold(other.province_name))
    return names


@cache
def _every_province() -> frozenset[str]:
    return frozenset(fold(p.province_name) for s in SCHEMES for p in unit_list(s).provinces())


def provinces_named(catalog: Catalog) -> set[str]:
    """The provinces a catalog's title names (folded); none for a national set."""
    title = fold(catalog.title.vi)
    return {p for p in _every_province() if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", title)}


def catalogs_for(unit: Unit, every: bool = False, installed: Iterable[Catalog] = ()) -> list[Catalog]:
    """The catalogs for the unit's level that apply to its province and the national ones: those
    *installed* from the province's decisions first, then the shipped ones naming the province, then the
    national ones; with *every*, all catalogs for the level, in the same order."""
    mine = province_names(unit)
    shipped = shipped_catalogs()
    known = {c.sha256 for c in shipped}
    extra = [c for c in installed if c.sha256 not in known]
    usable = [c for c in (*extra, *shipped) if c.unit_level == unit.level]
    if not every:
        usable = [c for c in usable if not provinces_named(c) or provinces_named(c) & mine]
    first = {c.sha256 for c in extra}
    newest_first = sorted(usable, key=lambda c: version_key(c.version), reverse=True)
    return sorted(newest_first, key=lambda c: (not provinces_named(c) & mine, c.sha256 not in first, c.id))
