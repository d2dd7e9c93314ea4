"""Received submission files for the inbox's tests, made once per session (a signed export takes a moment):
genuine files of two communes and two revisions, a tampered copy, a text file named .pdf, and a file of a
commune its signer is not registered for."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "mật khẩu của Hà 2026"


@dataclass(frozen=True)
class Received:
    hoang_hoa_1: Path  # 15865, revision 1, valid once the officer is registered for 15865
    hoang_hoa_2: Path  # 15865, revision 2: CQS.04 changed
    hoang_hoa_3: Path  # 15865, revision 3: CQS.04 and CQS.05 changed since revision 2
    ham_rong: Path  # 14758, signed by the same officer, who is registered for 15865 only
    tampered: Path  # a copy of hoang_hoa_1 with one byte changed
    not_pdf: Path  # a text file named .pdf
    certificate: object  # the officer's certificate

    def folder(self, dest: Path, *names: str) -> Path:
        """A folder holding the files named (attribute names), as the reviewer receives them."""
        dest.mkdir(parents=True, exist_ok=True)
        for name in names:
            src = getattr(self, name)
            shutil.copy(src, dest / src.name)
        return dest


def make_received(folder: Path, officer) -> Received:
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store
    from dtdesktop.storage import assessments as A
    from dtdesktop.units import find

    folder.mkdir(parents=True, exist_ok=True)
    p12 = pkcs12_file.save_new(folder / "ha.p12", officer, PASSPHRASE)
    key = pkcs12_file.Pkcs12Key(p12, PASSPHRASE)
    store = Store(f"sqlite:///{folder / 'xa.sqlite3'}")
    catalog = resolve("thanh-hoa-xa-2025")
    try:
        hh = A.create(store, catalog, find("15865"), 2025)
        fill(store, hh, catalog, 2025)
        r1 = export_submission(store, hh, key, folder / "hoang-hoa-1.pdf").path
        A.set_answers(store, hh, {"CQS.04": "9/10"})
        r2 = export_submission(store, hh, key, folder / "hoang-hoa-2.pdf").path
        A.set_answers(store, hh, {"CQS.04": "8/10", "CQS.05": "7/10"})
        r3 = export_submission(store, hh, key, folder / "hoang-hoa-3.pdf").path
        hr = A.create(store, catalog, find("14758"), 2025)
        fill(store, hr, catalog, 2025)
        ham_rong = export_submission(store, hr, key, folder / "ham-rong.pdf").path
    finally:
        store.close()
    data = bytearray(r1.read_bytes())
    at = data.find(b"/Type /Page")
    data[at + 1] = ord("X")
    tampered = folder / "hoang-hoa-sua.pdf"
    tampered.write_bytes(bytes(data))
    not_pdf = folder / "ghi-chu.pdf"
    not_pdf.write_text("Đây không phải tệp PDF.", encoding="utf-8")
    return Received(r1, r2, r3, ham_rong, tampered, not_pdf, officer.certificate)


@dataclass(frozen=True)
class Chained:
    """Files signed through chains of authorities, and the authorities, for judging a trust removal by the
    certificate a line's trust rests on."""

    root: object  # pki.Issued: a root that issued an intermediate authority and one officer directly
    other_root: object  # a root nothing here chains to
    intermediate: object  # issued by *root*
    under_intermediate: Path  # 15865, signed by an officer whose certificate the intermediate issued
    under_root: Path  # 14758, signed by an officer whose certificate the root issued directly
    by_officer: Path  # 15853, signed with the self-made identity of the `officer` fixture (names 15865)


def make_chained(folder: Path, officer) -> Chained:
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store
    from dtdesktop.storage import assessments as A
    from dtdesktop.units import find
    from tests import pki

    folder.mkdir(parents=True, exist_ok=True)
    root = pki.make_ca("CA gốc thử nghiệm", path_length=None)
    other_root = pki.make_ca("CA gốc khác")
    intermediate = pki.make_intermediate(root)
    under_intermediate = pki.issue(intermediate, "Lê Thị Lan", unit="15865")
    under_root = pki.issue(root, "Phạm Văn Dũng", unit="14758")

    def key(name: str, data: bytes) -> pkcs12_file.Pkcs12Key:
        (folder / name).write_bytes(data)
        return pkcs12_file.Pkcs12Key(folder / name, PASSPHRASE)

    keys = {
        "15865": key("lan.p12", pki.p12(under_intermediate, intermediate, PASSPHRASE, root)),
        "14758": key("dung.p12", pki.p12(under_root, root, PASSPHRASE)),
        "15853": pkcs12_file.Pkcs12Key(
            pkcs12_file.save_new(folder / "ha.p12", officer, PASSPHRASE), PASSPHRASE
        ),
    }
    store = Store(f"sqlite:///{folder / 'xa.sqlite3'}")
    catalog = resolve("thanh-hoa-xa-2025")
    files: dict[str, Path] = {}
    try:
        for code, signing_key in keys.items():
            aid = A.create(store, catalog, find(code), 2025)
            fill(store, aid, catalog, 2025)
            files[code] = export_submission(store, aid, signing_key, folder / f"{code}.pdf").path
    finally:
        store.close()
    return Chained(root, other_root, intermediate, files["15865"], files["14758"], files["15853"])
