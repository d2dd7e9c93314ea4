"""A province's criteria decision: published as one signed PDF, installed in a commune's library only when
it is genuine, from the province, and carries the very catalog it states; then used like a shipped one."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import PASSPHRASE, SMALL_CATALOG, tool
from sqlalchemy import func, select

from dtdesktop.catalogs import load_text
from dtdesktop.cli.main import main
from dtdesktop.exchange.attachments import Attachment, embed_all
from dtdesktop.exchange.bounded import read_attachments_bounded
from dtdesktop.publication import document
from dtdesktop.publication.document import Publication
from dtdesktop.publication.errors import PublicationError
from dtdesktop.publication.install import check_file, install, installed_catalogs, library, remove
from dtdesktop.publication.publish import PublishOptions, attachments, publish
from dtdesktop.publication.render import Province, render
from dtdesktop.review import trust
from dtdesktop.signing.pkcs12_file import Pkcs12Key
from dtdesktop.storage.models import AuditRow, CatalogLibraryRow

NUMBER = "125/QĐ-UBND"
PROVINCE_CATALOG = SMALL_CATALOG.replace("id: thu-nghiem", "id: thanh-hoa-2026").replace(
    '"Bộ tiêu chí thử nghiệm"', '"Bộ tiêu chí chuyển đổi số cấp xã tỉnh Thanh Hóa năm 2026"'
)


@pytest.fixture(scope="session")
def chair():
    """The chair of Thanh Hóa's People's Committee (province 38), as `identity new --unit 38` makes it."""
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.units import find

    return pkcs12_file.create_for_unit("Đỗ Minh Tuấn", "Chủ tịch UBND tỉnh", find("38"))


@pytest.fixture
def chair_key(tmp_path, chair) -> Path:
    from dtdesktop.signing import pkcs12_file

    return pkcs12_file.save_new(tmp_path / "tinh.p12", chair, PASSPHRASE)


@pytest.fixture
def province_catalog():
    return load_text(PROVINCE_CATALOG, "thanh-hoa-2026.yaml")


@pytest.fixture
def decision(tmp_path, chair_key, province_catalog) -> Path:
    out = tmp_path / "qd.pdf"
    publish(province_catalog, Pkcs12Key(chair_key, PASSPHRASE), out, PublishOptions(number=NUMBER))
    return out


@pytest.fixture
def trusting(store, chair):
    """A commune's store that registered the province's certificate for the province."""
    trust.register(store, chair.certificate, ["38"])
    return store


def _nothing_installed(store) -> None:
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(CatalogLibraryRow)) == 0
        assert (
            s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "catalog_install"))
            == 0
        )


def _refused(path: Path, store, code: str | None = None) -> PublicationError:
    with pytest.raises(PublicationError) as info:
        install(store, check_file(path, store))
    if code is not None:
        assert info.value.code == code, (info.value.code, str(info.value))
    assert str(info.value)  # a sentence, not a bare code
    _nothing_installed(store)
    return info.value


def forged(
    tmp_path: Path,
    key_path: Path,
    catalog,
    files: list[Attachment] | None = None,
    pub: Publication | None = None,
    name: str = "forged",
) -> Path:
    """A decision signed by a genuine key over whatever the writer chose to embed (the writer holds the key,
    or is faulty): the decision laid out, then *files* (by default the genuine ones), then the signature."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from dtdesktop.signing.pdf_signature import signed_bytes

    pub = pub or Publication(
        NUMBER, dt.date(2026, 11, 30), "2026", "38", "Thanh Hóa", catalog.id, catalog.version, catalog.sha256,
        "Đỗ Minh Tuấn", "Chủ tịch UBND tỉnh",
    )  # fmt: skip
    rendered = render(pub, catalog, Province("Tỉnh Thanh Hóa", "Thanh Hóa"), "chair")
    w = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    embed_all(w, files if files is not None else attachments(pub, catalog, ()), dt.datetime.now(dt.UTC))
    with Pkcs12Key(key_path, PASSPHRASE).open() as opened:
        data = signed_bytes(w, opened, rendered.signature, title="", reason="", location="")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------------------------------ genuine


def test_the_decision_is_signed_whole_and_carries_the_catalog_it_states(decision, province_catalog):
    files = read_attachments_bounded(decision.read_bytes())
    assert files[document.CATALOG_NAME] == province_catalog.canonical  # the identity, checkable by hand
    manifest = json.loads(files[document.MANIFEST_NAME])
    assert manifest["number"] == NUMBER
    assert manifest["catalog"]["sha256"] == province_catalog.sha256
    assert manifest["province"]["code"] == "38"
    out = subprocess.run([tool("pdfsig"), str(decision)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out and "Total document signed" in out
    assert out.count("Signature #") == 1
    text = subprocess.run([tool("pdftotext"), "-layout", str(decision), "-"], capture_output=True, text=True)
    assert NUMBER in text.stdout
    assert "TM. ỦY BAN NHÂN DÂN" in text.stdout and "CHỦ TỊCH" in text.stdout  # the committee signs
    for ind in province_catalog.indicators:  # the annex lists every indicator
        assert ind.code in text.stdout


def test_installed_catalog_is_signed_trusted_and_resolvable(decision, trusting, province_catalog):
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.review.library import catalog_book

    done = install(trusting, check_file(decision, trusting))
    assert done.added and done.checked.status == "signed"
    entry = [e for e in library(trusting) if e.source == "installed"]
    assert len(entry) == 1
    assert (entry[0].publisher, entry[0].number, entry[0].status) == ("Đỗ Minh Tuấn", NUMBER, "signed")
    assert resolve("thanh-hoa-2026", installed_catalogs(trusting)).sha256 == province_catalog.sha256
    assert province_catalog.sha256 in catalog_book(trusting).by_sha  # the reviewer's gate knows it


def test_installing_twice_changes_nothing_and_a_new_version_sits_beside(
    tmp_path, decision, trusting, chair_key, province_catalog
):
    assert install(trusting, check_file(decision, trusting)).added
    again = install(trusting, check_file(decision, trusting))
    assert not again.added
    v2 = load_text(PROVINCE_CATALOG.replace('version: "1.0"', 'version: "2.0"'), "v2.yaml")
    newer = tmp_path / "qd-2.pdf"
    publish(v2, Pkcs12Key(chair_key, PASSPHRASE), newer, PublishOptions(number="130/QĐ-UBND"))
    assert install(trusting, check_file(newer, trusting)).added
    versions = sorted(c.version for c in installed_catalogs(trusting))
    assert versions == ["1.0", "2.0"]


def test_same_id_and_version_with_other_content_is_a_forgery(tmp_path, trusting, decision):
    install(trusting, check_file(decision, trusting))
    other = tmp_path / "other.yaml"
    other.write_text(PROVINCE_CATALOG.replace("Báo cáo thống kê.", "Không cần minh chứng."), encoding="utf-8")
    with pytest.raises(PublicationError) as info:
        install(trusting, check_file(other, trusting, unsigned=True))
    assert info.value.code == "forgery" and "thanh-hoa-2026 1.0" in str(info.value)


def test_a_shipped_catalog_altered_is_a_forgery_and_the_genuine_one_a_no_op(tmp_path, store):
    from dtdesktop.catalogs.registry import catalog_dir

    shipped = catalog_dir() / "thanh-hoa-xa-2025.yaml"
    same = install(store, check_file(shipped, store, unsigned=True))
    assert not same.added and same.shipped
    altered = tmp_path / "thanh-hoa.yaml"
    altered.write_text(
        shipped.read_text("utf-8").replace("max_points: 3", "max_points: 4", 1), encoding="utf-8"
    )
    with pytest.raises(PublicationError) as info:
        install(store, check_file(altered, store, unsigned=True))
    assert info.value.code == "forgery"
    _nothing_installed(store)


def test_a_catalog_file_installs_only_with_unsigned_and_is_marked_so(store, tmp_path):
    path = tmp_path / "thu-nghiem.yaml"
    path.write_text(PROVINCE_CATALOG, encoding="utf-8")
    with pytest.raises(PublicationError) as info:
        check_file(path, store)
    assert info.value.code == "unsigned" and "--unsigned" in str(info.value)
    done = install(store, check_file(path, store, unsigned=True))
    assert done.added
    (entry,) = [e for e in library(store) if e.source == "installed"]
    assert entry.status == "unsigned" and entry.publisher is None


def test_an_invalid_catalog_file_lists_every_problem(store, tmp_path):
    path = tmp_path / "bad.yaml"
    bad = PROVINCE_CATALOG.replace(
        "max_points: 20\n    mandatory: true", "max_points: -5\n    mandatory: true"
    )
    bad = bad.replace("type: percent", "type: percentage").replace(
        "unit_level: commune", "unit_level: hamlet"
    )
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(PublicationError) as info:
        check_file(path, store, unsigned=True)
    assert info.value.code == "catalog_invalid"
    assert len(info.value.problems) >= 2
    assert all("bad.yaml" in p for p in info.value.problems)  # each with its place
    _nothing_installed(store)


# --------------------------------------------------------------------------------------------- refused


def test_bytes_changed_after_signing_are_refused(tmp_path, decision, trusting):
    data = bytearray(decision.read_bytes())
    at = data.index(b"125/Q") if b"125/Q" in data else len(data) // 3
    data[at + 1] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    _refused(changed, trusting)


def test_an_incremental_update_after_signing_is_refused(tmp_path, decision, trusting):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(decision.read_bytes()))
    w.root["/Lang"] = __import__("pyhanko.pdf_utils.generic", fromlist=["x"]).pdf_string("en")
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(out.getvalue())
    _refused(appended, trusting)


def test_an_attachment_swapped_after_signing_is_refused(tmp_path, decision, trusting):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(decision.read_bytes()))
    other = load_text(PROVINCE_CATALOG.replace("Báo cáo thống kê.", "Không cần."), "x.yaml")
    embed_all(
        w,
        [Attachment(document.CATALOG_NAME, other.canonical, "application/json", "")],
        dt.datetime.now(dt.UTC),
    )
    out = io.BytesIO()
    w.write(out)
    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(out.getvalue())
    _refused(swapped, trusting)


def test_a_signer_outside_the_trust_list_is_refused(decision, store):
    err = _refused(decision, store, "signer_unknown")
    assert "Đỗ Minh Tuấn" in str(err)


def test_a_trusted_signer_of_another_province_is_refused(store, tmp_path, province_catalog):
    """A commune officer trusted here (Hoằng Hóa, of the same province) is a person, not the province."""
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.units import find

    officer = pkcs12_file.create_for_unit("Nguyễn Thị Hà", "Chủ tịch UBND xã", find("15865"))
    key = pkcs12_file.save_new(tmp_path / "ha.p12", officer, PASSPHRASE)
    trust.add_roots(store, [officer.certificate])
    path = forged(tmp_path, key, province_catalog)
    _refused(path, store, "publisher_not_registered")


def test_a_self_made_certificate_naming_the_province_but_registered_elsewhere_is_refused(
    store, decision, chair
):
    """The chair's certificate was made on a computer: the province it names is its holder's word. Registered
    here for a commune only, it does not publish for the province."""
    trust.register(store, chair.certificate, ["15865"])
    _refused(decision, store, "publisher_not_registered")
    trust.register(store, chair.certificate, ["38"])
    install(store, check_file(decision, store))  # registered for the province: it publishes


def test_a_catalog_other_than_the_one_stated_is_refused(tmp_path, chair_key, trusting, province_catalog):
    other = load_text(PROVINCE_CATALOG.replace("Báo cáo thống kê.", "Không cần."), "x.yaml")
    pub = Publication(
        NUMBER, dt.date(2026, 11, 30), "2026", "38", "Thanh Hóa", other.id, other.version,
        province_catalog.sha256, "Đỗ Minh Tuấn", None,
    )  # fmt: skip
    files = attachments(pub, province_catalog, ())
    files[0] = Attachment(document.CATALOG_NAME, other.canonical, "application/json", "")
    err = _refused(forged(tmp_path, chair_key, province_catalog, files, pub), trusting, "catalog_hash")
    assert "SHA-256" in str(err)


def test_an_embedded_catalog_that_does_not_validate_is_refused_with_every_problem(
    tmp_path, chair_key, trusting, province_catalog
):
    from dtdesktop.catalogs.loader import canonical_bytes, normalise, sha256_of

    data = json.loads(province_catalog.canonical)
    data["unit_level"] = "hamlet"
    data["pillars"][0]["indicators"][0]["max_points"] = -5
    data["horizons"] = "2025"
    raw = canonical_bytes(normalise(data))
    pub = Publication(
        NUMBER, dt.date(2026, 11, 30), "2026", "38", "Thanh Hóa", data["id"], data["version"],
        sha256_of(normalise(data)), "Đỗ Minh Tuấn", None,
    )  # fmt: skip
    files = [
        Attachment(document.CATALOG_NAME, raw, "application/json", ""),
        Attachment(document.MANIFEST_NAME, pub.to_bytes(), "application/json", ""),
    ]
    err = _refused(forged(tmp_path, chair_key, province_catalog, files, pub), trusting, "catalog_invalid")
    assert len(err.problems) >= 3


def test_a_bomb_attachment_is_refused(tmp_path, chair_key, trusting, province_catalog):
    huge = b'{"a":"' + b" " * (40 * 1024 * 1024) + b'"}'  # 40 MB of spaces: a few dozen KB deflated
    files = attachments(
        Publication(
            NUMBER, dt.date(2026, 11, 30), "2026", "38", "Thanh Hóa", province_catalog.id,
            province_catalog.version, province_catalog.sha256, "Đỗ Minh Tuấn", None,
        ),
        province_catalog,
        (),
    )  # fmt: skip
    files[0] = Attachment(document.CATALOG_NAME, huge, "application/json", "")
    path = forged(tmp_path, chair_key, province_catalog, files)
    assert path.stat().st_size < 2 * 1024 * 1024
    _refused(path, trusting)


def test_deep_nesting_is_refused(tmp_path, chair_key, trusting, province_catalog):
    deep = b"[" * 5000 + b"]" * 5000
    files = attachments(
        Publication(
            NUMBER, dt.date(2026, 11, 30), "2026", "38", "Thanh Hóa", province_catalog.id,
            province_catalog.version, province_catalog.sha256, "Đỗ Minh Tuấn", None,
        ),
        province_catalog,
        (),
    )  # fmt: skip
    files[0] = Attachment(document.CATALOG_NAME, deep, "application/json", "")
    _refused(forged(tmp_path, chair_key, province_catalog, files), trusting, "too_deep")


def test_a_submission_file_is_not_a_decision(tmp_path, store, filled, identity_file, officer):
    from dtdesktop.exchange.export import export_submission

    trust.add_roots(store, [officer.certificate])
    out = tmp_path / "nop.pdf"
    export_submission(store, filled, Pkcs12Key(identity_file, PASSPHRASE), out)
    with pytest.raises(PublicationError) as info:
        check_file(out, store)
    assert info.value.code in ("not_a_publication", "publisher_not_registered")


# ---------------------------------------------------------------------------------------------- remove


def test_remove_refuses_while_an_assessment_uses_it(decision, trusting, province_catalog):
    from dtdesktop.storage import assessments
    from dtdesktop.units import find

    install(trusting, check_file(decision, trusting))
    used = assessments.create(trusting, province_catalog, find("15865"), 2026)
    with pytest.raises(PublicationError) as info:
        remove(trusting, "thanh-hoa-2026")
    assert info.value.code == "in_use" and str(used) in str(info.value)
    assert installed_catalogs(trusting)


def test_remove_takes_an_unused_catalog_out(decision, trusting):
    install(trusting, check_file(decision, trusting))
    (gone,) = remove(trusting, "thanh-hoa-2026")
    assert gone.id == "thanh-hoa-2026"
    assert installed_catalogs(trusting) == []
    with pytest.raises(PublicationError):
        remove(trusting, "thanh-hoa-2026")


# ------------------------------------------------------------------------------------------ command line


@pytest.fixture
def office(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DTDESKTOP_PASSPHRASE", PASSPHRASE)

    def run(who: str, *args: str, ok: bool = True) -> tuple[int, str, str]:
        code = main(["--lang", "en", "--db", str(tmp_path / f"{who}.db"), *args])
        out, err = capsys.readouterr()
        if ok:
            assert code == 0, err
        return code, out, err

    return run


def test_published_installed_assessed_exported_verified(office, tmp_path):
    """The proof: the province publishes, a commune on a fresh store installs and assesses with it, the
    file it sends verifies at the reviewer's, who installed the same decision; a tampered copy is refused."""
    d = tmp_path
    catalog = d / "bo-tieu-chi.yaml"
    catalog.write_text(PROVINCE_CATALOG, encoding="utf-8")
    office("province", "identity", "new", "--name", "Đỗ Minh Tuấn", "--title", "Chủ tịch UBND tỉnh",
           "--unit", "38", "--out", str(d / "tinh.p12"))  # fmt: skip
    office("province", "identity", "cert", str(d / "tinh.p12"), "--out", str(d / "tinh.pem"))
    code, _o, err = office("province", "catalog", "publish", str(catalog), "--identity", str(d / "tinh.p12"),
                           "--out", str(d / "qd.pdf"), ok=False)  # fmt: skip
    assert code == 1 and "--number" in err and not (d / "qd.pdf").exists()
    office("province", "catalog", "publish", str(catalog), "--identity", str(d / "tinh.p12"),
           "--number", NUMBER, "--out", str(d / "qd.pdf"))  # fmt: skip

    code, _o, err = office("commune", "catalog", "install", str(d / "qd.pdf"), ok=False)
    assert code == 1 and "not trusted" in err
    office("commune", "trust", "add", str(d / "tinh.pem"), "--unit", "38")
    installed = json.loads(office("commune", "catalog", "install", str(d / "qd.pdf"), "--json")[1])
    assert installed["installed"] and installed["status"] == "signed" and installed["number"] == NUMBER
    out = office("commune", "catalog", "install", str(d / "qd.pdf"))[1]
    assert "already installed" in out
    listed = json.loads(office("commune", "catalog", "list", "--json")[1])
    mine = [c for c in listed if c["id"] == "thanh-hoa-2026"]
    assert mine and mine[0]["publisher"] == "Đỗ Minh Tuấn" and mine[0]["source"] == "installed"
    assert {"id", "version", "title", "sha256", "indicators"} <= set(mine[0])  # the old keys stay
    assert any(c["source"] == "shipped" for c in listed)

    new_id = json.loads(office("commune", "assess", "new", "--catalog", "thanh-hoa-2026", "--unit", "15865",
                               "--period", "2026", "--json")[1])["id"]  # fmt: skip
    office("commune", "assess", "set", str(new_id), "CQS.01", "75")
    office("commune", "identity", "new", "--name", "Nguyễn Thị Hà", "--title", "Chủ tịch UBND xã",
           "--unit", "15865", "--out", str(d / "ha.p12"))  # fmt: skip
    office("commune", "export", str(new_id), "--identity", str(d / "ha.p12"), "--out", str(d / "nop.pdf"))
    code, _o, err = office("commune", "catalog", "remove", "thanh-hoa-2026", ok=False)
    assert code == 1 and str(new_id) in err

    office("reviewer", "trust", "add", str(d / "tinh.pem"), "--unit", "38")
    office("reviewer", "catalog", "install", str(d / "qd.pdf"))
    office("reviewer", "trust", "add", str(d / "nop.pdf"), "--unit", "15865")
    verified = json.loads(office("reviewer", "verify", str(d / "nop.pdf"), "--json")[1])
    first = verified[0] if isinstance(verified, list) else verified
    assert first["valid"] and first["catalog"] == "thanh-hoa-2026", first

    tampered = bytearray((d / "qd.pdf").read_bytes())
    at = tampered.index(b"/Producer") if b"/Producer" in tampered else 200
    tampered[at + 2] ^= 0x01
    (d / "qd-sua.pdf").write_bytes(bytes(tampered))
    code, _o, err = office(
        "fresh", "catalog", "install", str(d / "qd-sua.pdf"), "--trust", str(d / "tinh.pem"), ok=False
    )
    assert code == 1 and err.strip()
    assert json.loads(office("fresh", "catalog", "list", "--json")[1]) == [
        c for c in listed if c["source"] == "shipped"
    ]


def test_a_draft_is_unsigned_and_cannot_be_installed(office, tmp_path):
    catalog = tmp_path / "bo-tieu-chi.yaml"
    catalog.write_text(PROVINCE_CATALOG, encoding="utf-8")
    office("province", "catalog", "publish", str(catalog), "--draft", "--province", "38",
           "--out", str(tmp_path / "du-thao.pdf"))  # fmt: skip
    data = (tmp_path / "du-thao.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"/ByteRange" not in data
    code, _o, err = office("commune", "catalog", "install", str(tmp_path / "du-thao.pdf"), ok=False)
    assert code == 1 and err.strip()


def test_remove_on_the_command_line(office, tmp_path):
    catalog = tmp_path / "bo-tieu-chi.yaml"
    catalog.write_text(PROVINCE_CATALOG, encoding="utf-8")
    code, _o, err = office("commune", "catalog", "install", str(catalog), ok=False)
    assert code == 1 and "--unsigned" in err
    assert "unsigned" in office("commune", "catalog", "install", str(catalog), "--unsigned")[1]
    assert "thanh-hoa-2026" in office("commune", "catalog", "remove", "thanh-hoa-2026")[1]
    code, _o, err = office("commune", "catalog", "remove", "thanh-hoa-2026", ok=False)
    assert code == 1 and "No installed catalog" in err


def test_a_vice_chair_signs_for_the_chair_and_a_chair_not_as_a_vice_chair(
    tmp_path, chair_key, province_catalog
):
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.units import find

    with pytest.raises(PublicationError) as info:
        publish(
            province_catalog,
            Pkcs12Key(chair_key, PASSPHRASE),
            tmp_path / "sai.pdf",
            PublishOptions(number=NUMBER, capacity="vice_chair"),
        )
    assert info.value.code == "capacity" and not (tmp_path / "sai.pdf").exists()
    vice = pkcs12_file.create_for_unit("Lê Thị Mai", "Phó Chủ tịch UBND tỉnh", find("38"))
    key = pkcs12_file.save_new(tmp_path / "pho.p12", vice, PASSPHRASE)
    out = tmp_path / "qd.pdf"
    publish(
        province_catalog,
        Pkcs12Key(key, PASSPHRASE),
        out,
        PublishOptions(number=NUMBER, capacity="vice_chair"),
    )
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text


def test_reviewers_carried_by_the_decision_are_registered_for_the_province(
    tmp_path, chair_key, trusting, province_catalog, officer
):
    out = tmp_path / "qd.pdf"
    options = PublishOptions(number=NUMBER, trust=(officer.certificate,))
    publish(province_catalog, Pkcs12Key(chair_key, PASSPHRASE), out, options)
    assert "trust-1.pem" in read_attachments_bounded(out.read_bytes())
    done = install(trusting, check_file(out, trusting))
    assert done.reviewers == 1
    from dtdesktop.signing.trust import fingerprint

    assert "38" in trust.context(trusting).units_of(officer.certificate)
    assert fingerprint(officer.certificate) in {e.fingerprint for e in trust.entries(trusting)}


def test_an_oversize_file_is_refused_before_it_is_read(tmp_path, trusting):
    big = tmp_path / "qd-lon.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(17 * 1024 * 1024)  # more than a criteria decision can be
    _refused(big, trusting)


def test_a_communes_new_assessment_offers_the_provinces_installed_set_first(tmp_path):
    """The set a province published and the commune installed comes before the shipped ones of the province,
    which come before the national ones; another province's set only when every one is asked for."""
    import dataclasses

    from dtdesktop.catalogs.registry import catalogs_for, resolve
    from dtdesktop.units import find

    shipped = resolve("thanh-hoa-xa-2025")
    newer = dataclasses.replace(shipped, version="2026.1", sha256="f" * 64)
    elsewhere = dataclasses.replace(resolve("thai-binh-xa"), version="2026.1", sha256="e" * 64)
    offered = catalogs_for(find("15865"), installed=[elsewhere, newer])
    assert offered[0] is newer and offered[1].sha256 == shipped.sha256
    assert elsewhere not in offered and "quoc-gia-2361-xa" in [c.id for c in offered]
    assert elsewhere in catalogs_for(find("15865"), every=True, installed=[elsewhere, newer])


def test_the_annex_writes_targets_as_people_read_them(tmp_path, chair_key):
    """A choice target by its title, a yes by "có": never the catalog's internal codes."""
    from dtdesktop.catalogs.registry import resolve

    catalog = resolve("thanh-hoa-xa-2025")
    out = tmp_path / "qd.pdf"
    publish(catalog, Pkcs12Key(chair_key, PASSPHRASE), out, PublishOptions(number=NUMBER))
    text = subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True, text=True).stdout
    codes = {c.code for ind in catalog.indicators for c in ind.choices if "_" in c.code}
    assert codes and not [c for c in codes if c in text]
    assert "= có" in text or "có" in text.split()


def test_the_signature_never_stands_alone_and_the_annex_names_the_verifying_office(tmp_path, chair_key):
    """A long title pushes the signature off the first page: the last article goes with it, so the
    signature page has text of its own; each criterion's verifying office has its column in the annex."""
    from dtdesktop.authoring.read import read_xlsx

    book = Path(__file__).resolve().parent.parent / "docs" / "examples" / "ntm-tieu-chi-8.xlsx"
    catalog = load_text(yaml.safe_dump(read_xlsx(book)[0], allow_unicode=True))
    long_title = catalog.title.get("vi") + " trên địa bàn tỉnh, áp dụng cho các xã, phường và đặc khu"
    data = read_xlsx(book)[0]
    data["title"]["vi"] = long_title
    catalog = load_text(yaml.safe_dump(data, allow_unicode=True))
    out = tmp_path / "qd.pdf"
    publish(catalog, Pkcs12Key(chair_key, PASSPHRASE), out, PublishOptions(number=NUMBER))
    pages = subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True, text=True).stdout
    pages = pages.split("\f")
    signed = next(p for p in pages if "CHỦ TỊCH" in p and "Đỗ Minh Tuấn" in p)
    assert "Điều 3." in signed
    annex = " ".join(" ".join(pages[pages.index(signed) + 1 :]).split())
    assert "Cơ quan thẩm định" in annex and annex.count("Sở Khoa học") >= 4


def test_show_and_score_take_the_newest_version_as_assess_new_does(office, tmp_path):
    """A bare id means the newest version, shipped or installed; id@version the one named; and with no
    store made yet, nothing is created to answer."""
    newer = (Path(__file__).resolve().parent.parent / "assessments" / "thai-binh-xa.yaml").read_text("utf-8")
    newer = newer.replace('version: "1.1"', 'version: "1.2"', 1)
    (tmp_path / "tb.yaml").write_text(newer, encoding="utf-8")
    office("commune", "catalog", "install", str(tmp_path / "tb.yaml"), "--unsigned")
    shown = json.loads(office("commune", "catalog", "show", "thai-binh-xa", "--json")[1])
    assert shown["version"] == "1.2"
    named = json.loads(office("commune", "catalog", "show", "thai-binh-xa@1.1", "--json")[1])
    assert named["version"] == "1.1"
    assert json.loads(office("nobody", "catalog", "show", "thai-binh-xa", "--json")[1])["version"] == "1.1"
    assert not (tmp_path / "nobody.db").exists()
