"""Installing a criteria set in the user's library: from a province's signed decision, checked through the
same gate as a submission, or from a catalog file the user vouches for (`--unsigned`), marked so.

A decision is installed only when every one of these holds:
- the file is intact, signed once over the whole of it (nothing appended), by a certificate valid when it
  signed and trusted here, and that certificate is registered for the decision's province or names it;
- the catalog it carries has the SHA-256, id and version the signed `publication.json` states;
- the catalog validates (every problem is listed otherwise);
- no catalog of the same id and version is known (shipped or installed) with other content: that would be
  a forgery.
Installing a catalog that is already installed, or shipped, changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography import x509
from sqlalchemy import select

from dtdesktop.catalogs.loader import (
    MAX_CATALOG_BYTES,
    CatalogError,
    load_data,
    load_file,
    normalise,
    sha256_of,
)
from dtdesktop.catalogs.model import Catalog
from dtdesktop.catalogs.registry import version_key
from dtdesktop.exchange.bounded import (
    HostileInput,
    Limits,
    parse_json_bounded,
    read_attachments_bounded,
    read_file_bounded,
)
from dtdesktop.exchange.verify import CatalogBook, Verification, check_signed
from dtdesktop.i18n import _
from dtdesktop.publication import document
from dtdesktop.publication.document import Publication
from dtdesktop.publication.errors import PublicationError
from dtdesktop.review.trust import context, register_in
from dtdesktop.signing.trust import fingerprint
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import audit, default_actor, ensure_catalog, stored_catalog
from dtdesktop.storage.models import AssessmentRow, CatalogLibraryRow, CatalogRow, SubmissionRow
from dtdesktop.text import safe

MiB = 1024 * 1024
# A decision carries a catalog (at most MAX_CATALOG_BYTES), its manifest and a few certificates: no evidence.
DECISION_LIMITS = Limits(
    file=16 * MiB,
    attachments=50,
    attachment=MAX_CATALOG_BYTES,
    total=MAX_CATALOG_BYTES + 2 * MiB,
    json_bytes=MAX_CATALOG_BYTES,
)
MAX_CERTIFICATE_BYTES = 64 * 1024

Status = Literal["signed", "unsigned"]


@dataclass(frozen=True)
class Checked:
    """A criteria set ready to install: the catalog, how it was checked, and who published it."""

    catalog: Catalog
    status: Status
    file_sha256: str
    publication: Publication | None = None
    signer_name: str | None = None
    signer_fingerprint: str | None = None
    signed_at: dt.datetime | None = None
    trust: tuple[x509.Certificate, ...] = ()


@dataclass(frozen=True, slots=True)
class Installed:
    checked: Checked
    added: bool  # False: it was installed (or shipped) already; nothing changed
    shipped: bool = False
    reviewers: int = 0  # certificates registered for the province


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A catalog the user can use, shipped or installed, as `catalog list` shows it."""

    catalog: Catalog
    source: str  # "shipped", "installed" or "accepted"
    status: str | None  # "signed", "unsigned" (installed), None
    publisher: str | None
    number: str | None
    published_at: dt.datetime | None
    added_at: dt.datetime | None


def check_file(
    path: Path, store: Store | None, extra_trust: list[x509.Certificate] | None = None, unsigned: bool = False
) -> Checked:
    """The criteria set in *path* (a signed decision PDF, or with *unsigned* a catalog file), checked; or
    PublicationError with the reason it cannot be installed."""
    try:
        with path.open("rb") as fh:
            head = fh.read(5)
    except OSError as exc:
        raise PublicationError(
            "unreadable",
            _("The file {file} cannot be read ({reason}).").format(file=path, reason=exc.strerror),
        ) from None
    if head == b"%PDF-":
        return read_decision(path, store, extra_trust)
    if not unsigned:
        raise PublicationError(
            "unsigned",
            _(
                "{file} is a catalog file, not a signed decision: nobody vouches for it. Install the "
                "province's signed decision (PDF), or, if you trust this file, add --unsigned."
            ).format(file=path.name),
        )
    return read_unsigned(path)


def read_unsigned(path: Path) -> Checked:
    """A catalog file installed on the user's word: validated like any catalog, marked unsigned."""
    try:
        catalog = load_file(path)
    except CatalogError as exc:
        raise _invalid(exc) from None
    return Checked(catalog, "unsigned", hashlib.sha256(path.read_bytes()).hexdigest())


def _invalid(exc: CatalogError) -> PublicationError:
    problems = tuple(str(p) for p in exc.problems)
    return PublicationError(
        "catalog_invalid",
        _("The criteria set does not validate ({n} problems); nothing was installed.").format(
            n=len(problems)
        ),
        problems,
    )


def read_decision(
    path: Path, store: Store | None, extra_trust: list[x509.Certificate] | None = None
) -> Checked:
    """The decision in *path*, verified; PublicationError with the first reason it cannot be installed."""
    try:
        data = read_file_bounded(path, DECISION_LIMITS.file)
    except HostileInput as exc:
        raise PublicationError(exc.code, str(exc)) from None
    v = Verification(file=str(path))
    trust = context(store, extra_trust or ())
    try:
        signed = check_signed(data, v, trust)
    except Exception:  # a guard: the gate refuses with its own reasons; none may escape as a crash
        raise PublicationError(
            "unreadable", _("The file is damaged or built to mislead the check.")
        ) from None
    invalid = [r for r in v.reasons if r.verdict == "invalid"]
    if not signed or invalid:
        first = invalid[0] if invalid else v.reasons[0]
        raise PublicationError(first.code, first.message)
    try:
        files = read_attachments_bounded(data, DECISION_LIMITS, v.layout_walk)
        pub = _manifest(files)
        catalog = _catalog(files, pub)
        certs = _certificates(files, pub)
    except HostileInput as exc:
        raise PublicationError(exc.code, str(exc)) from None
    assert v.signer is not None and v.signer_certificate is not None
    _check_publisher(v, trust, pub)
    return Checked(
        catalog,
        "signed",
        hashlib.sha256(data).hexdigest(),
        pub,
        v.signer.name,
        fingerprint(v.signer_certificate),
        v.signed_at,
        certs,
    )


def _manifest(files: dict[str, bytes]) -> Publication:
    raw = files.get(document.MANIFEST_NAME)
    if raw is None:
        what = (
            _("This is a commune's submission file, not a criteria decision; nothing was installed.")
            if "assessment.json" in files
            else _("The file carries no criteria decision (publication.json); nothing was installed.")
        )
        raise PublicationError("not_a_publication", what)
    try:
        return Publication.from_json(parse_json_bounded(raw))
    except (ValueError, KeyError, TypeError):
        raise PublicationError(
            "manifest", _("The decision's description of itself is damaged; it was forged.")
        ) from None


def _catalog(files: dict[str, bytes], pub: Publication) -> Catalog:
    """The catalog carried, bound to the SHA-256 the signed manifest states, then validated."""
    raw = files.get(document.CATALOG_NAME)
    if raw is None:
        raise PublicationError("no_catalog", _("The decision carries no criteria set (catalog.json)."))
    data = parse_json_bounded(raw, max_bytes=DECISION_LIMITS.json_bytes)
    sha = sha256_of(normalise(data))
    if sha != pub.catalog_sha256:
        raise PublicationError(
            "catalog_hash",
            _(
                "The criteria set carried has the SHA-256 {found}, but the decision states {stated}: it is "
                "not the one that was signed. Nothing was installed."
            ).format(found=sha[:16] + "…", stated=pub.catalog_sha256[:16] + "…"),
        )
    try:
        catalog = load_data(data, document.CATALOG_NAME)
    except CatalogError as exc:
        raise _invalid(exc) from None
    if (catalog.id, catalog.version) != (pub.catalog_id, pub.catalog_version):
        raise PublicationError(
            "catalog_mismatch",
            _(
                "The decision names {id} {version}, but the criteria set it carries is another; it was "
                "forged."
            ).format(id=safe(pub.catalog_id, 64), version=safe(pub.catalog_version, 32)),
        )
    return catalog


def _certificates(files: dict[str, bytes], pub: Publication) -> tuple[x509.Certificate, ...]:
    out = []
    for name in pub.trust:
        raw = files.get(name)
        if raw is None or len(raw) > MAX_CERTIFICATE_BYTES:
            raise PublicationError(
                "trust_missing", _("A reviewer's certificate the decision names is missing.")
            )
        try:
            out.append(x509.load_pem_x509_certificate(raw))
        except ValueError:
            raise PublicationError(
                "trust_damaged", _("A reviewer's certificate in the decision is damaged.")
            ) from None
    return tuple(out)


def _check_publisher(v: Verification, trust, pub: Publication) -> None:
    """Only the province publishes its criteria: a signer trusted here, and registered for the province
    (or naming it in the certificate). A trusted commune officer is a person, never the province."""
    assert v.signer is not None and v.signer_certificate is not None
    name = safe(v.signer.name, 80)
    if not v.trusted:
        raise PublicationError(
            "signer_unknown",
            _(
                "The decision is signed by {name}, whose certificate is not trusted here; nothing was "
                "installed. Get the province's certificate and trust it: dtdesktop trust add CERTIFICATE.pem"
            ).format(name=name),
        )
    own = (v.signer.unit or "").split("@")[0]
    # the unit a certificate names counts only when a trusted root vouches for it (see verify._check_binding)
    if pub.province_code in trust.units_of(v.signer_certificate) or (v.vouched and own == pub.province_code):
        return
    raise PublicationError(
        "publisher_not_registered",
        _(
            "The decision is signed by {name}, who is not registered here for {province}; nothing was "
            "installed. To register the province's certificate: "
            "dtdesktop trust add CERTIFICATE.pem --unit {code}"
        ).format(name=name, province=safe(pub.province_name, 80), code=safe(pub.province_code, 8)),
    )


# --- the library ------------------------------------------------------------------------------------------


def _known(store: Store) -> CatalogBook:
    from dtdesktop.review.library import catalog_book

    return catalog_book(store)


def install(store: Store, checked: Checked, actor: str | None = None) -> Installed:
    """Add *checked* to the library in one transaction (with the reviewers it carries, registered for its
    province); a no-op when it is there already; PublicationError for a forgery."""
    c = checked.catalog
    book = _known(store)
    shipped = c.sha256 in CatalogBook.shipped().by_sha
    other = book.versions.get((c.id, c.version), set()) - {c.sha256}
    if other:
        raise PublicationError(
            "forgery",
            _(
                "{id} {version} is already known here with other content (SHA-256 {sha}); a criteria set "
                "with the same id and version but other content is a forgery. Nothing was installed."
            ).format(id=c.id, version=c.version, sha=sorted(other)[0][:16] + "…"),
        )
    with store.transaction() as s:
        row = s.get(CatalogLibraryRow, c.sha256)
        if shipped or (row is not None and row.source == "installed"):
            return Installed(checked, False, shipped)
        ensure_catalog(s, c)
        if row is None:
            row = CatalogLibraryRow(sha256=c.sha256, source="installed")
            s.add(row)
        row.source = "installed"
        row.status = checked.status
        pub = checked.publication
        row.publisher = checked.signer_name
        row.publisher_fingerprint = checked.signer_fingerprint
        row.number = pub.number if pub else None
        row.published_at = checked.signed_at
        row.file_sha256 = checked.file_sha256
        reviewers = 0
        if pub is not None and checked.status == "signed":
            for cert in checked.trust:
                register_in(s, cert, [pub.province_code])
                reviewers += 1
        summary = {
            "id": c.id,
            "version": c.version,
            "status": checked.status,
            "publisher": checked.signer_name,
            "number": pub.number if pub else None,
        }
        audit(
            s,
            actor or default_actor(),
            None,
            "catalog_install",
            c.sha256,
            new=json.dumps(summary, ensure_ascii=False),
        )
        return Installed(checked, True, False, reviewers)


def installed_catalogs(store: Store) -> list[Catalog]:
    """The catalogs installed in the store, for resolving an id like a shipped one."""
    with store.reading() as s:
        rows = s.scalars(select(CatalogLibraryRow).where(CatalogLibraryRow.source == "installed"))
        return [stored_catalog(r.catalog) for r in rows]


def library(store: Store | None, shipped: Iterable[Catalog] | None = None) -> list[LibraryEntry]:
    """The *shipped* catalogs (by default those of the program), then those installed or accepted in the
    store."""
    if shipped is None:
        shipped = CatalogBook.shipped().by_sha.values()
    out = [LibraryEntry(c, "shipped", None, None, None, None, None) for c in shipped]
    out.sort(key=lambda e: (e.catalog.id, version_key(e.catalog.version)))
    if store is None:
        return out
    with store.reading() as s:
        rows = s.scalars(select(CatalogLibraryRow).order_by(CatalogLibraryRow.added_at))
        for r in rows:
            out.append(
                LibraryEntry(
                    stored_catalog(r.catalog),
                    r.source,
                    r.status,
                    r.publisher,
                    r.number,
                    _aware(r.published_at),
                    _aware(r.added_at),
                )
            )
    return out


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def remove(store: Store, ref: str, actor: str | None = None) -> list[Catalog]:
    """Remove the installed catalogs named by *ref* (an id, all its versions; "id@version"; or a SHA-256
    prefix of 8+ digits); PublicationError while an assessment or a received submission uses one."""
    with store.transaction() as s:
        rows = list(s.scalars(select(CatalogLibraryRow).where(CatalogLibraryRow.source == "installed")))
        chosen = [r for r in rows if _matches(r.catalog, ref)]
        if not chosen:
            raise PublicationError(
                "not_installed",
                _("No installed catalog “{ref}”; `dtdesktop catalog list` shows the installed ones.").format(
                    ref=safe(ref, 80)
                ),
            )
        for r in chosen:
            used = sorted(s.scalars(select(AssessmentRow.id).where(AssessmentRow.catalog_sha256 == r.sha256)))
            if used:
                raise PublicationError(
                    "in_use",
                    _(
                        "{id} {version} is used by assessment {ids}; it was not removed. Delete the "
                        "assessment first (dtdesktop assess delete ID --yes), or keep the catalog."
                    ).format(
                        id=r.catalog.catalog_id, version=r.catalog.version, ids=", ".join(map(str, used))
                    ),
                )
            received = s.scalar(select(SubmissionRow.id).where(SubmissionRow.catalog_sha256 == r.sha256))
            if received is not None:
                raise PublicationError(
                    "in_use",
                    _("{id} {version} is used by received submission {n}; it was not removed.").format(
                        id=r.catalog.catalog_id, version=r.catalog.version, n=received
                    ),
                )
        removed = []
        for r in chosen:
            removed.append(stored_catalog(r.catalog))
            version = f"{r.catalog.catalog_id} {r.catalog.version}"
            audit(s, actor or default_actor(), None, "catalog_remove", r.sha256, new=version)
            s.delete(r)
            s.flush()
            if s.get(CatalogRow, r.sha256) is not None:
                s.delete(s.get(CatalogRow, r.sha256))
        return removed


def _matches(row: CatalogRow, ref: str) -> bool:
    if ref in (row.catalog_id, f"{row.catalog_id}@{row.version}"):
        return True
    return len(ref) >= 8 and row.sha256.startswith(ref.lower())


def is_criteria_decision(path: Path) -> bool:
    """Whether a PDF dropped on the window is a province's criteria decision (it carries the publication's
    manifest) rather than a reviewer's decision on an assessment; read bounded, never trusted: the install
    checks the file again in full."""
    try:
        data = read_file_bounded(path, DECISION_LIMITS.file)
        return document.MANIFEST_NAME in read_attachments_bounded(data, DECISION_LIMITS)
    except (HostileInput, OSError, ValueError):
        return False
