"""Writing a criteria decision: the decision laid out, the catalog (its canonical JSON, whose SHA-256 is the
catalog's identity), `publication.json` and, optionally, the reviewers' certificates embedded, then one
signature over the whole file (PAdES), then one rename: like a submission file."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509

from dtdesktop.catalogs.model import Catalog
from dtdesktop.exchange.attachments import Attachment, embed_all
from dtdesktop.exchange.bounded import DEFAULT as LIMITS
from dtdesktop.files import atomic_write_bytes
from dtdesktop.i18n import _, using
from dtdesktop.publication import document
from dtdesktop.publication.document import Publication
from dtdesktop.publication.errors import PublicationError
from dtdesktop.publication.render import Province, render
from dtdesktop.signing.certificates import describe
from dtdesktop.signing.keys import SigningKey
from dtdesktop.text import nfc
from dtdesktop.units.registry import Unit, unit_list


@dataclass(frozen=True)
class PublishOptions:
    number: str = ""  # the decision's number, as registered ("12/QĐ-UBND"); required unless a draft
    province: str = ""  # the province's code; by default the one the signer's certificate names
    capacity: str = "chair"  # "chair" (TM. … CHỦ TỊCH) or "vice_chair" (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)
    trust: tuple[x509.Certificate, ...] = ()  # the province's reviewers, carried to the communes
    lang: str = "vi"
    issued: dt.date | None = None
    now: dt.datetime | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Published:
    path: Path
    size: int
    sha256: str
    publication: Publication


def province_of(code: str) -> Unit:
    """The province by its code, in the current list, else the three-tier one; PublicationError if none."""
    for scheme in ("2026", "2025"):
        unit = unit_list(scheme).get(code, "province")  # type: ignore[arg-type]
        if unit is not None and unit.level == "province":
            return unit
    raise PublicationError(
        "no_province",
        _("No province with the code “{code}”; give the province's code with --province.").format(code=code),
    )


def _check_number(number: str) -> str:
    number = nfc(number).strip()
    if not number:
        raise PublicationError(
            "no_number",
            _(
                "A decision is issued under its number: give --number (e.g. 12/QĐ-UBND), or write a "
                "draft with --draft."
            ),
        )
    if len(number) > 100 or any(not ch.isprintable() for ch in number):
        raise PublicationError(
            "bad_number", _("The decision's number is too long or has invisible characters.")
        )
    return number


def _check_capacity(title: str, capacity: str) -> None:
    """A decision of the committee is signed by its chair (TM.) or a vice-chair (KT.), as the certificate's
    position says; a block the position contradicts is refused before anything is signed."""
    from dtdesktop.profile import capacity_agrees

    if not capacity_agrees(title, capacity):
        mark = "TM." if capacity == "chair" else "KT."
        raise PublicationError(
            "capacity",
            _(
                "The signer's position is “{title}”, which does not sign “{mark}”. Choose the authority that "
                "matches the position, or sign with the certificate of the person who signs."
            ).format(title=title, mark=mark),
        )


def _province_code(options: PublishOptions, unit_ref: str | None) -> str:
    if options.province:
        return options.province
    if unit_ref:
        from dtdesktop.units.registry import find

        unit = find(unit_ref)
        if unit is not None:
            return unit.province_code
    raise PublicationError(
        "no_province",
        _("The signer's certificate names no province; give the province's code with --province."),
    )


def attachments(pub: Publication, catalog: Catalog, trust: tuple[x509.Certificate, ...]) -> list[Attachment]:
    """What the decision carries, the catalog first."""
    from cryptography.hazmat.primitives.serialization import Encoding

    out = [
        Attachment(
            document.CATALOG_NAME,
            catalog.canonical,
            "application/json",
            _("The criteria set, for the program"),
        ),
        Attachment(
            document.MANIFEST_NAME, pub.to_bytes(), "application/json", _("What this decision publishes")
        ),
    ]
    for name, cert in zip(pub.trust, trust, strict=True):
        out.append(
            Attachment(
                name, cert.public_bytes(Encoding.PEM), "application/x-pem-file", _("A reviewer's certificate")
            )
        )
    return out


def _publication(
    catalog: Catalog, province: Unit, number: str, issued: dt.date, name: str, title: str | None, n_trust: int
) -> Publication:
    return Publication(
        number,
        issued,
        province.scheme,
        province.code,
        province.name,
        catalog.id,
        catalog.version,
        catalog.sha256,
        name,
        title,
        tuple(f"{document.TRUST_PREFIX}{i}.pem" for i in range(1, n_trust + 1)),
    )


def publish(catalog: Catalog, key: SigningKey, out: Path, options: PublishOptions) -> Published:
    """Write the signed decision publishing *catalog* to *out*; nothing is written on any failure."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from dtdesktop.signing import pdf_signature

    number = _check_number(options.number)
    now = options.now or dt.datetime.now(dt.UTC)
    with using(options.lang), key.open() as opened:
        info = describe(opened.certificate)
        _check_capacity(info.title or "", options.capacity)
        province = province_of(_province_code(options, info.unit))
        pub = _publication(
            catalog,
            province,
            number,
            options.issued or now.astimezone().date(),
            info.name,
            info.title,
            len(options.trust),
        )
        rendered = render(
            pub, catalog, Province(province.full_name, province.name), options.capacity, options.lang
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
        embed_all(writer, attachments(pub, catalog, options.trust), now)
        data = pdf_signature.signed_bytes(
            writer,
            opened,
            rendered.signature,
            title=info.title or "",
            reason=_("Decision {number} issuing the criteria set {id} {version}").format(
                number=number, id=catalog.id, version=catalog.version
            ),
            location=province.name,
        )
    if len(data) > LIMITS.file:
        raise PublicationError("too_large", _("The decision would be larger than a commune accepts."))
    path = atomic_write_bytes(out, data)
    return Published(path, len(data), hashlib.sha256(data).hexdigest(), pub)


def write_draft(
    catalog: Catalog, out: Path, options: PublishOptions, signer_name: str = "", signer_title: str = ""
) -> Path:
    """The decision unsigned and marked as a draft, to be read and corrected before it is signed; it
    carries no catalog and cannot be installed."""
    province = province_of(_province_code(options, None))
    now = options.now or dt.datetime.now(dt.UTC)
    number = nfc(options.number).strip() or "……/QĐ-UBND"
    with using(options.lang):
        pub = _publication(
            catalog,
            province,
            number,
            options.issued or now.astimezone().date(),
            signer_name,
            signer_title or None,
            0,
        )
        rendered = render(
            pub,
            catalog,
            Province(province.full_name, province.name),
            options.capacity,
            options.lang,
            draft=True,
        )
    return atomic_write_bytes(out, rendered.pdf)
