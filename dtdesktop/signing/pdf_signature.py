"""The PAdES signature of a PDF, with a visible block where the signer's name stands.

Signing is an incremental update: nothing may rewrite the file afterwards, so callers build and embed
everything first and sign last. The stamp is set in the report's own TrueType face (Vietnamese glyphs,
embedded), never in a standard 14 font.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from pyhanko import stamp
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers

from dtdesktop.i18n import _
from dtdesktop.reports import fonts
from dtdesktop.reports.decree30 import SignaturePlace
from dtdesktop.signing.errors import IdentityError
from dtdesktop.signing.keys import OpenKey

FIELD_NAME = "Signature1"


def _stamp_style() -> stamp.TextStampStyle:
    text = "\n".join(
        [
            _("Signed by: %(signer)s"),
            "%(title)s",
            _("Signed on: %(ts)s"),
        ]
    )
    return stamp.TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(fonts.font_path(fonts.STAMP))), font_size=9
        ),
        timestamp_format="%d/%m/%Y %H:%M:%S (UTC%z)",
        border_width=1,
        background=None,
    )


def _room_for_signature(key: OpenKey) -> int:
    """Room for the CMS signature, in hex digits: the certificates it carries, the signature value and the
    signed attributes, with a wide margin. Given up front, pyHanko skips a trial signature (a second
    private-key operation, and a second PIN prompt on some tokens)."""
    certs = [key.signer.signing_cert, *key.signer.cert_registry]
    return 2 * (sum(len(c.dump()) for c in certs if c is not None) + 8192)


def sign(
    writer: IncrementalPdfFileWriter,
    key: OpenKey,
    place: SignaturePlace,
    title: str,
    reason: str,
    location: str,
    output: BinaryIO,
) -> None:
    """Add the signature field at *place* and sign the whole document into *output*."""
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, on_page=place.page, box=place.box))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    pdf_signer = signers.PdfSigner(meta, signer=key.signer, stamp_style=_stamp_style())
    try:
        pdf_signer.sign_pdf(
            writer,
            output=output,
            appearance_text_params={"title": title},
            bytes_reserved=_room_for_signature(key),
        )
    except Exception as exc:
        raise IdentityError(
            _("The document could not be signed ({reason}); check the key or token and try again.").format(
                reason=str(exc) or type(exc).__name__
            )
        ) from None


def signed_bytes(writer: IncrementalPdfFileWriter, key: OpenKey, place: SignaturePlace, **kw: str) -> bytes:
    out = io.BytesIO()
    sign(writer, key, place, output=out, **kw)
    return out.getvalue()
