"""The officer's profile: their commune, name, position, signing identity and language, remembered between
runs so that the first-start questions are asked once. Stored as JSON in the user's data folder; never a
passphrase or a PIN.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from dtdesktop.files import atomic_write_bytes
from dtdesktop.paths import user_data_dir
from dtdesktop.text import fold, nfc

IdentityKind = Literal["pkcs12", "token"]
FILE_NAME = "profile.json"

# Under whose authority the officer signs for the People's Committee (Decree 30/2020/NĐ-CP, Article 13 and
# Appendix I): the chair for the committee ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"), a vice-chair in the chair's
# place ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), or a civil servant by the chair's order
# ("TL. CHỦ TỊCH", the usual case at a commune, which has no office chief) or by a written authorisation
# ("TUQ. CHỦ TỊCH"), above the civil servant's own position.
CAPACITIES = ("chair", "vice_chair", "by_order", "by_authority")


@dataclass(frozen=True)
class SigningIdentity:
    """Where the officer's signature comes from: a PKCS#12 file, or a certificate on a PKCS#11 token."""

    kind: IdentityKind
    path: str = ""  # the PKCS#12 file, or the token's PKCS#11 module
    token_label: str | None = None
    cert_id: str | None = None
    subject: str = ""  # who the certificate names, to show without opening it

    def describe(self) -> str:
        return self.subject or Path(self.path).name


ROLES = ("officer", "reviewer")


@dataclass(frozen=True)
class Profile:
    unit_ref: str = ""  # "15865", or "26734@2025" for a unit of the pre-reform list
    officer_name: str = ""
    officer_title: str = ""
    identity: SigningIdentity | None = None
    language: str = "vi"
    last_folder: str = ""  # where the last submission file was saved
    extras: dict[str, str] = field(default_factory=dict)
    signing_capacity: str = ""  # one of CAPACITIES; "" in a profile saved before it was asked
    role: str = ""  # one of ROLES: which window opens; "" until asked (a complete profile is an officer's)
    reviewer_unit: str = ""  # the province (its code, "38") whose communes the reviewer receives

    @property
    def complete(self) -> bool:
        """Everything the first start asks for is known."""
        return bool(self.unit_ref and self.officer_name and self.officer_title and self.identity)

    @property
    def capacity(self) -> str:
        """The capacity chosen, else the one the position implies (profiles saved before it was asked)."""
        return self.signing_capacity or capacity_for(self.officer_title)

    @property
    def reviewer_complete(self) -> bool:
        """Everything the reviewer's first start asks for is known: the province, who, the identity."""
        return bool(self.reviewer_unit and self.officer_name and self.officer_title and self.identity)

    @property
    def window(self) -> str:
        """Which window opens: the role chosen, or the officer's for a profile saved before roles."""
        return self.role or ("officer" if self.complete else "")

    def with_changes(self, **changes: object) -> Profile:
        return replace(self, **changes)  # type: ignore[arg-type]


def capacity_for(title: str) -> str:
    """The capacity a position implies: a chair ("Chủ tịch …", "Bí thư Đảng ủy kiêm Chủ tịch …"), a
    vice-chair, anyone else a civil servant signing by the chair's order."""
    return capacity_of_position(title) or "by_order"


def capacity_of_position(title: str) -> str | None:
    """The capacity a position can only sign in, wherever the words stand ("Bí thư Đảng ủy kiêm Chủ tịch
    UBND xã" is a chair); None for a position that does not say (a civil servant signs TL. or TUQ.)."""
    folded = fold(title)
    if "pho chu tich" in folded or "vice-chair" in folded or "vice chair" in folded:
        return "vice_chair"
    if "chu tich" in folded or folded.startswith("chair"):
        return "chair"
    return None


def capacity_agrees(title: str, capacity: str) -> bool:
    """Whether the lines above the signature can stand over this position: a chair signs TM., a vice-chair
    KT., anyone else TL. or TUQ. (a report whose block and signature box contradict each other is wrong)."""
    if not capacity or not title:
        return True
    implied = capacity_of_position(title)
    if implied is None:
        return capacity in ("by_order", "by_authority")
    return capacity == implied


def profile_path() -> Path:
    return user_data_dir() / FILE_NAME


def load(path: Path | None = None) -> Profile:
    """The saved profile; an empty one when none was saved or the file is unreadable (asked again)."""
    path = path or profile_path()
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return Profile()
    if not isinstance(raw, dict):
        return Profile()
    ident = raw.get("identity")
    identity = None
    if isinstance(ident, dict) and ident.get("kind") in ("pkcs12", "token"):
        identity = SigningIdentity(
            kind=ident["kind"],
            path=_text(ident.get("path")),
            token_label=ident.get("token_label") or None,
            cert_id=ident.get("cert_id") or None,
            subject=_text(ident.get("subject")),
        )
    language = raw.get("language")
    extras = raw.get("extras")
    return Profile(
        unit_ref=_text(raw.get("unit_ref")),
        officer_name=_text(raw.get("officer_name")),
        officer_title=_text(raw.get("officer_title")),
        identity=identity,
        signing_capacity=capacity if (capacity := raw.get("signing_capacity")) in CAPACITIES else "",
        language=language if language in ("vi", "en") else "vi",
        last_folder=_text(raw.get("last_folder")),
        extras={str(k): _text(v) for k, v in extras.items()} if isinstance(extras, dict) else {},
        role=role if (role := raw.get("role")) in ROLES else "",
        reviewer_unit=_text(raw.get("reviewer_unit")),
    )


def save(profile: Profile, path: Path | None = None) -> Path:
    """Write the profile at once (temp file and rename): a crash leaves the old one or the new one."""
    path = path or profile_path()
    data = json.dumps(asdict(profile), ensure_ascii=False, indent=2).encode("utf-8")
    return atomic_write_bytes(path, data)  # OutputError says what went wrong


def _text(value: object) -> str:
    return nfc(value).strip() if isinstance(value, str) else ""
