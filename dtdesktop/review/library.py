"""The catalogs a reviewer knows: those shipped with the program and those installed or accepted in the store.

A submission scored with a catalog known here by its SHA-256 is recomputed with it, unread and unparsed; a
catalog with a known id and version but another SHA-256 is an altered copy; any other is unknown until
the reviewer accepts it.
"""

from __future__ import annotations

from sqlalchemy import select

from dtdesktop.catalogs.model import Catalog
from dtdesktop.exchange.verify import CatalogBook
from dtdesktop.i18n import _
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import default_actor, ensure_catalog, stored_catalog
from dtdesktop.storage.models import AuditRow, CatalogLibraryRow


def catalog_book(store: Store | None) -> CatalogBook:
    book = dict(CatalogBook.shipped().by_sha)
    if store is not None:
        with store.reading() as s:
            for row in s.scalars(select(CatalogLibraryRow)):
                book.setdefault(row.sha256, stored_catalog(row.catalog))
    return CatalogBook(book)


class LibraryError(Exception):
    """A catalog that cannot join the library; the message says why."""


def accept(store: Store, catalog: Catalog, source: str = "accepted") -> bool:
    """Add *catalog* to the library; False when it was there already. A catalog whose id and version are
    known under another SHA-256 is an altered copy and is refused."""
    known = catalog_book(store)
    if catalog.sha256 in known.by_sha:
        return False
    if known.versions.get((catalog.id, catalog.version)):
        raise LibraryError(
            _(
                "{id} {version} is already known with other content; an altered copy cannot be accepted."
            ).format(id=catalog.id, version=catalog.version)
        )
    with store.transaction() as s:
        if s.get(CatalogLibraryRow, catalog.sha256) is not None:
            return False
        ensure_catalog(s, catalog)
        s.add(CatalogLibraryRow(sha256=catalog.sha256, source=source))
        s.add(
            AuditRow(
                actor=default_actor(),
                assessment_id=None,
                action="catalog_" + source,
                key=catalog.sha256,
                new_value=f"{catalog.id} {catalog.version}",
            )
        )
        return True
