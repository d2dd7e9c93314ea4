"""The catalogs shipped in `assessments/`, found by id, file path or SHA-256."""

from __future__ import annotations

from pathlib import Path

from dtdesktop.catalogs.loader import CatalogError, load_file
from dtdesktop.catalogs.model import Catalog
from dtdesktop.catalogs.problems import Problem
from dtdesktop.i18n import _
from dtdesktop.paths import resource_dir

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


def resolve(ref: str) -> Catalog:
    """A catalog by file path, id or SHA-256 (or a unique prefix of it of 8+ hex digits)."""
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml", ".json") or path.is_file():
        if not path.is_file():
            raise CatalogError([Problem(ref, (), _("No such catalog file; check the path."))])
        return load_file(path)
    catalogs = shipped_catalogs()
    by_id = [c for c in catalogs if c.id == ref]
    if by_id:
        return max(by_id, key=lambda c: c.version)
    if len(ref) >= 8:
        by_hash = [c for c in catalogs if c.sha256.startswith(ref.lower())]
        if len(by_hash) == 1:
            return by_hash[0]
    msg = _("No catalog “{ref}”; `dtdesktop catalog list` shows the catalogs you can use.").format(ref=ref)
    raise CatalogError([Problem("", (), msg)])
