"""The officer's remembered profile: saved whole, read back, never a secret, tolerant of a damaged file."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from dtdesktop import profile as P


def test_profile_round_trips_and_holds_no_secret(tmp_path: Path):
    ident = P.SigningIdentity("pkcs12", str(tmp_path / "ha.p12"), subject="Nguyễn Thị Hà")
    saved = P.Profile("15865", "Nguyễn Thị Hà", "Chủ tịch UBND xã", ident, "en")
    P.save(saved)
    assert P.load() == saved
    assert saved.complete
    text = P.profile_path().read_text("utf-8")
    assert "passphrase" not in text and "pin" not in text.lower().replace("pkcs", "")


def test_profile_is_incomplete_until_every_question_is_answered():
    assert not P.Profile().complete
    assert not P.Profile("15865", "Hà", "Chủ tịch", None).complete


def test_a_damaged_or_odd_profile_reads_as_empty_or_normalised(tmp_path: Path):
    path = P.profile_path()
    path.write_text("{not json", "utf-8")
    assert P.load() == P.Profile()
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hà")
    path.write_text(json.dumps({"officer_name": decomposed, "language": "fr", "identity": {"kind": "x"}}))
    loaded = P.load()
    assert loaded.officer_name == "Nguyễn Thị Hà" and loaded.language == "vi" and loaded.identity is None


def test_the_signing_capacity_is_remembered_and_old_profiles_get_one_from_the_position(tmp_path: Path):
    saved = P.Profile("15865", "Lê Văn An", "Công chức Văn phòng - Thống kê", signing_capacity="by_authority")
    P.save(saved)
    assert P.load().capacity == "by_authority"
    path = P.profile_path()
    for title, capacity in (
        ("Chủ tịch UBND xã", "chair"),
        ("Phó Chủ tịch UBND phường", "vice_chair"),
        ("Công chức Văn phòng - Thống kê", "by_order"),
    ):
        path.write_text(
            json.dumps({"unit_ref": "15865", "officer_name": "Hà", "officer_title": title}), "utf-8"
        )
        old = P.load()  # saved before the capacity was asked
        assert old.signing_capacity == "" and old.capacity == capacity
    path.write_text(json.dumps({"officer_title": "Chủ tịch", "signing_capacity": "king"}), "utf-8")
    assert P.load().capacity == "chair"  # an unknown value is not trusted
