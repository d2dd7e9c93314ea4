"""Trust binds a person to a commune; a certificate outside its validity never signs; the catalog binds too.

Each case is built here: officers' certificates from a local CA (as VNPT-CA or Viettel-CA would issue them),
self-made dtdesktop identities, certificates expired or not yet valid when they signed, and catalogs changed
under a known id and version.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from pathlib import Path

import pki
import pytest
from conftest import PASSPHRASE

from dtdesktop.catalogs import load_text
from dtdesktop.catalogs.registry import resolve
from dtdesktop.cli.main import main
from dtdesktop.exchange.export import export_submission
from dtdesktop.exchange.verify import CatalogBook, verify_file
from dtdesktop.review import library, trust
from dtdesktop.signing import pkcs12_file
from dtdesktop.signing.keys import OpenKey
from dtdesktop.signing.trust import TrustContext, fingerprint
from dtdesktop.storage import assessments
from dtdesktop.units import find


class UncheckedKey:
    """A key that signs whatever its certificate's dates say (the program's own keys refuse to)."""

    def __init__(self, identity):
        self.identity = identity

    @contextmanager
    def open(self):
        yield OpenKey(pkcs12_file._pyhanko_signer(self.identity), self.identity.certificate)


def _key(tmp_path: Path, leaf, ca) -> pkcs12_file.Pkcs12Key:
    p12 = tmp_path / f"{leaf.cert.serial_number}.p12"
    p12.write_bytes(pki.p12(leaf, ca, "abc12345"))
    return pkcs12_file.Pkcs12Key(p12, "abc12345")


def _codes(v) -> list[str]:
    return [r.code for r in v.reasons]


def test_a_registered_officer_is_valid_until_removed(store, filled, identity_file, officer, tmp_path):
    out = export_submission(
        store, filled, pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE), tmp_path / "a.pdf"
    )
    assert _codes(verify_file(out.path, trust.context(store))) == ["no_trust_list"]
    fp = trust.register(store, officer.certificate, ["15865"])
    v = verify_file(out.path, trust.context(store))
    assert v.verdict == "valid" and v.trusted and v.registered
    assert [e.units for e in trust.entries(store)] == [("15865",)]
    trust.remove(store, fp[:12])
    assert trust.entries(store) == []
    assert _codes(verify_file(out.path, trust.context(store))) == ["no_trust_list"]


def test_every_change_to_the_trust_list_is_audited(store, officer):
    from sqlalchemy import select

    from dtdesktop.storage.models import AuditRow

    ca = pki.make_ca()
    trust.add_roots(store, [ca.cert])
    fp = trust.register(store, officer.certificate, ["15865", "15866"])
    trust.remove(store, fp[:10])
    with store.reading() as s:
        actions = [(r.action, r.key) for r in s.scalars(select(AuditRow).order_by(AuditRow.id))]
    assert actions == [
        ("trust_add", fingerprint(ca.cert)),
        ("trust_register", fp),
        ("trust_register", fp),
        ("trust_remove", fp),
    ]


def test_a_person_trusted_through_a_root_signs_only_for_registered_units(store, filled, tmp_path):
    ca = pki.make_ca()
    leaf = pki.issue(ca, "Trần Văn Bình")
    out = export_submission(store, filled, _key(tmp_path, leaf, ca), tmp_path / "b.pdf").path
    trust.add_roots(store, [ca.cert])
    v = verify_file(out, trust.context(store))
    assert (v.verdict, v.trusted, v.registered, _codes(v)) == (
        "indeterminate",
        True,
        False,
        ["signer_not_registered"],
    )
    assert f'dtdesktop trust add "{out}" --unit 15865' in v.problems[0]
    trust.register(store, leaf.cert, ["15866"])
    assert verify_file(out, trust.context(store)).verdict == "indeterminate"
    trust.register(store, leaf.cert, ["15865"])
    assert verify_file(out, trust.context(store)).verdict == "valid"


def test_a_stranger_is_not_trusted(store, filled, tmp_path):
    ca, stranger_ca = pki.make_ca(), pki.make_ca("CA lạ")
    leaf = pki.issue(stranger_ca, "Người lạ")
    out = export_submission(store, filled, _key(tmp_path, leaf, stranger_ca), tmp_path / "c.pdf").path
    v = verify_file(out, TrustContext((ca.cert,)))
    assert (v.verdict, v.trusted, _codes(v)) == ("indeterminate", False, ["signer_unknown"])


@pytest.mark.parametrize(
    ("not_before", "days", "code"),
    [(-30, 10, "certificate_expired"), (5, 30, "certificate_not_yet_valid")],
)
def test_a_certificate_outside_its_validity_never_signs_validly(
    store, filled, tmp_path, not_before, days, code
):
    ca = pki.make_ca()
    leaf = pki.issue(ca, "Lê Thị Cúc", days=days, not_before=pki.NOW + dt.timedelta(days=not_before))
    identity = pkcs12_file.load(_key(tmp_path, leaf, ca).path, "abc12345")
    out = export_submission(store, filled, UncheckedKey(identity), tmp_path / "d.pdf").path
    listed = TrustContext((ca.cert,), {fingerprint(leaf.cert): frozenset({"15865"})}, (leaf.cert,))
    v = verify_file(out, listed)  # trusted and registered, and still invalid
    assert v.verdict == "invalid" and code in _codes(v)


def _with_catalog(store, tmp_path, key, catalog, name):
    aid = assessments.create(store, catalog, find("15865"), 2025)
    from dtdesktop.cli.demo_cmd import fill

    fill(store, aid, catalog, 2025)
    return export_submission(store, aid, key, tmp_path / name).path


def test_the_catalog_binds_by_its_sha256(store, officer, identity_file, tmp_path):
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    shipped = resolve("thai-nguyen-xa")
    text = Path(shipped_path("thai-nguyen-xa")).read_text("utf-8")
    lowered = load_text(text.replace("targets: {2025: 60, 2030: 70}", "targets: {2025: 6, 2030: 7}", 1))
    assert (lowered.id, lowered.version) == (shipped.id, shipped.version) and lowered.sha256 != shipped.sha256
    own = TrustContext((officer.certificate,))
    altered = verify_file(_with_catalog(store, tmp_path, key, lowered, "lowered.pdf"), own)
    assert altered.verdict == "invalid" and "catalog_altered" in _codes(altered)
    unknown_catalog = load_text(text.replace("id: thai-nguyen-xa", "id: thai-nguyen-rieng", 1))
    out = _with_catalog(store, tmp_path, key, unknown_catalog, "unknown.pdf")
    v = verify_file(out, own, library.catalog_book(store))
    assert (v.verdict, _codes(v), v.catalog_known) == ("indeterminate", ["catalog_unknown"], False)
    assert v.score_matches  # recomputed with the embedded catalog all the same
    assert library.accept(store, unknown_catalog) and not library.accept(store, unknown_catalog)
    v = verify_file(out, own, library.catalog_book(store))
    assert v.verdict == "valid" and v.catalog_known
    assert verify_file(out, own, CatalogBook.shipped()).verdict == "indeterminate"


def shipped_path(catalog_id: str) -> Path:
    from dtdesktop.catalogs.registry import shipped_paths

    return next(p for p in shipped_paths() if p.stem.startswith(catalog_id))


def test_verify_a_folder_with_verdicts_and_reasons(store, filled, identity_file, tmp_path, capsys, db_path):
    folder = tmp_path / "hop-thu"
    (folder / "xa").mkdir(parents=True)
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    good = export_submission(store, filled, key, folder / "xa" / "tot.pdf").path
    bad = folder / "hong.pdf"
    bad.write_bytes(good.read_bytes()[:-100])
    (folder / "ghi-chu.txt").write_text("không phải tệp nộp", "utf-8")
    assert main(["--db", str(db_path), "trust", "add", str(good)]) == 0
    capsys.readouterr()
    code = main(["--db", str(db_path), "verify", str(folder), "--json"])
    results = json.loads(capsys.readouterr().out)
    assert code == 1
    by_name = {Path(r["file"]).name: r for r in results}
    assert set(by_name) == {"tot.pdf", "hong.pdf"}
    assert (by_name["tot.pdf"]["verdict"], by_name["tot.pdf"]["valid"], by_name["tot.pdf"]["reasons"]) == (
        "valid",
        True,
        [],
    )
    assert by_name["hong.pdf"]["verdict"] == "invalid" and not by_name["hong.pdf"]["valid"]
    assert by_name["hong.pdf"]["reasons"][0]["code"] == "not_whole_file"
    assert main(["--db", str(db_path), "verify", str(folder / "xa")]) == 0


def test_accepting_a_catalog_from_the_command_line(store, officer, identity_file, tmp_path, capsys, db_path):
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    text = Path(shipped_path("thai-nguyen-xa")).read_text("utf-8")
    own_set = load_text(text.replace("id: thai-nguyen-xa", "id: thai-nguyen-rieng", 1))
    out = _with_catalog(store, tmp_path, key, own_set, "own.pdf")
    assert main(["--db", str(db_path), "trust", "add", str(out)]) == 0
    assert main(["--db", str(db_path), "verify", str(out)]) == 1  # catalog unknown: not decided
    capsys.readouterr()
    assert main(["--db", str(db_path), "--lang", "en", "catalog", "accept", str(out)]) == 0
    assert "Accepted thai-nguyen-rieng" in capsys.readouterr().out
    assert main(["--db", str(db_path), "verify", str(out)]) == 0
    assert main(["--db", str(db_path), "--lang", "en", "catalog", "accept", str(out)]) == 0
    assert "already known" in capsys.readouterr().out
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(out.read_bytes()[:-50])
    assert main(["--db", str(db_path), "catalog", "accept", str(forged)]) == 1


def test_a_catalog_named_otherwise_than_it_is_is_forged(store, filled, identity_file, officer, tmp_path):
    """A header that names another id (so that a lowered catalog looks unknown rather than altered) is
    caught: the file must carry the catalog it names."""
    from conftest import signed_with

    from dtdesktop.exchange.attachments import Attachment
    from dtdesktop.exchange.bounded import read_attachments_bounded

    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    out = export_submission(store, filled, key, tmp_path / "a.pdf").path
    doc = json.loads(read_attachments_bounded(out.read_bytes())["assessment.json"])
    doc["catalog"]["id"] = "thanh-hoa-xa-2025-b"
    files = [Attachment("assessment.json", json.dumps(doc).encode(), "application/json", "")]
    forged = signed_with(store, filled, identity_file, tmp_path, files, "forged")
    v = verify_file(forged, [officer.certificate])
    assert v.verdict == "invalid" and "catalog_header_mismatch" in _codes(v)


def test_only_a_registered_signer_can_bring_a_new_catalog(
    store, officer, identity_file, tmp_path, capsys, db_path
):
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    text = Path(shipped_path("thai-nguyen-xa")).read_text("utf-8")
    own_set = load_text(text.replace("id: thai-nguyen-xa", "id: thai-nguyen-rieng", 1))
    out = _with_catalog(store, tmp_path, key, own_set, "own.pdf")
    assert main(["--db", str(db_path), "catalog", "accept", str(out)]) == 1  # signer not trusted yet
    lowered = load_text(
        text.replace("id: thai-nguyen-xa", "id: thai-nguyen-rieng", 1).replace(
            "max_points: 8", "max_points: 9", 1
        )
    )
    assert library.accept(store, own_set)
    with pytest.raises(library.LibraryError):
        library.accept(store, lowered)  # the same id and version with other content


def test_a_registered_ca_is_trusted_as_itself_never_as_an_issuer(store, filled, tmp_path):
    ca = pki.make_ca()
    leaf = pki.issue(ca, "Người được CA cấp")
    out = export_submission(store, filled, _key(tmp_path, leaf, ca), tmp_path / "c.pdf").path
    registered_ca = TrustContext((), {fingerprint(ca.cert): frozenset({"15865"})}, (ca.cert,))
    v = verify_file(out, registered_ca)
    assert not v.trusted and "signer_unknown" in _codes(v)


def test_a_registered_self_made_certificate_signs_only_for_its_registered_units(
    store, filled, identity_file, officer, tmp_path
):
    # the officer's own certificate names 15865 (its holder typed it); the reviewer registered it for 15866
    out = export_submission(
        store, filled, pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE), tmp_path / "a.pdf"
    ).path
    trust.register(store, officer.certificate, ["15866"])
    v = verify_file(out, trust.context(store))
    assert (v.verdict, v.trusted, v.registered, _codes(v)) == (
        "indeterminate",
        True,
        False,
        ["signer_not_registered"],
    )
    trust.register(store, officer.certificate, ["15865"])
    assert verify_file(out, trust.context(store)).verdict == "valid"


def test_the_unit_an_authority_vouches_for_counts_even_when_registered_elsewhere(store, filled, tmp_path):
    ca = pki.make_ca()
    leaf = pki.issue(ca, "Trần Văn Bình", unit="15865")  # the authority wrote the unit into the certificate
    out = export_submission(store, filled, _key(tmp_path, leaf, ca), tmp_path / "b.pdf").path
    trust.add_roots(store, [ca.cert])
    v = verify_file(out, trust.context(store))
    assert (v.verdict, v.vouched) == ("valid", True)
    trust.register(store, leaf.cert, ["15866"])  # registered for another commune as well
    v = verify_file(out, trust.context(store))
    assert (v.verdict, v.vouched, v.trust_anchor) == ("valid", True, fingerprint(leaf.cert))
