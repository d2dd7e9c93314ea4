"""A province's inbox to try the reviewer's window on: signed submissions from its communes, as they
arrive in the weeks of a review, with the broken and forged files that come with them.

    .venv/bin/python scripts/sample-inbox.py --province 38 --count 40 --out /tmp/hop-thu

writes into --out:
  ca.pem              the province's certification authority: add it as a trusted root
  dot-1/              the first files (one per commune), among them a tampered copy, a file cut short,
                      something that is not a PDF, a file signed by a certificate nobody trusts, and the
                      same submission twice
  dot-2/              corrected files (revision 2) of a few communes, to import after returning theirs
Officers' certificates are issued by the CA and name their commune (OU=DVHC:<code>), as a province's CA
issues them, so that trusting the root is enough.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from dtdesktop.catalogs.registry import resolve
from dtdesktop.cli.demo_cmd import fill
from dtdesktop.demo import sample_answers
from dtdesktop.exchange.export import export_submission
from dtdesktop.signing import pkcs12_file
from dtdesktop.signing.pkcs12_file import Identity, Pkcs12Key
from dtdesktop.storage import Store, assessments
from dtdesktop.units import unit_list

PASSPHRASE = "mau-thu-nghiem-2025"
NAMES = ("Lê Văn An", "Nguyễn Thị Bình", "Trần Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đỗ Thị Giang")


def make_ca(province: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Sở Khoa học và Công nghệ {province}"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"CA thử nghiệm tỉnh {province}"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issue(ca_key, ca_cert: x509.Certificate, own: Identity) -> Identity:
    """The officer's subject (name, position, commune) certified by the CA instead of by itself."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(own.certificate.subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .sign(ca_key, hashes.SHA256())
    )
    return Identity(key, cert, (ca_cert,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--province", default="38", help="province code (38: Thanh Hóa)")
    parser.add_argument("--count", type=int, default=40, help="how many communes send a file")
    parser.add_argument("--catalog", default="thanh-hoa-xa-2025")
    parser.add_argument("--period", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    catalog = resolve(args.catalog)
    communes = [
        u for u in unit_list("2026").units if u.level == "commune" and u.province_code == args.province
    ]
    chosen = rng.sample(communes, min(args.count, len(communes)))
    first, second = args.out / "dot-1", args.out / "dot-2"
    for folder in (first, second):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    ca_key, ca_cert = make_ca(chosen[0].province_name)
    (args.out / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    work = Path(tempfile.mkdtemp(prefix="sample-inbox-"))
    os.environ["DTDESKTOP_PASSPHRASE"] = PASSPHRASE
    store = Store(f"sqlite:///{work / 'xa.db'}")
    try:
        corrected = set(rng.sample(range(len(chosen)), max(2, len(chosen) // 8)))
        for n, unit in enumerate(chosen):
            name = rng.choice(NAMES)
            own = pkcs12_file.create_for_unit(name, "Chủ tịch UBND xã", unit)
            p12 = pkcs12_file.save_new(work / f"{unit.code}.p12", issue(ca_key, ca_cert, own), PASSPHRASE)
            assessment = assessments.create(store, catalog, unit, args.period)
            reach = rng.uniform(0.35, 0.95)
            missing = rng.randint(0, 3)
            answers = sample_answers(catalog, seed=args.seed * 1000 + n, reach_share=reach, missing=missing)
            fill(store, assessment, catalog, args.period)  # notes, a citation, an evidence file
            assessments.set_answers(store, assessment, answers)
            stem = f"{unit.code}-{args.period}"
            export_submission(store, assessment, Pkcs12Key(p12, PASSPHRASE), first / f"{stem}.pdf")
            if n in corrected:  # the commune corrects its answers after the file is returned
                better = sample_answers(catalog, seed=args.seed * 1000 + n, reach_share=min(reach + 0.3, 1))
                assessments.set_answers(store, assessment, better)
                export_submission(store, assessment, Pkcs12Key(p12, PASSPHRASE), second / f"{stem}-lan-2.pdf")
        good = sorted(first.glob("*.pdf"))
        tampered = bytearray(good[0].read_bytes())
        at = tampered.index(b"/Producer") if b"/Producer" in tampered else len(tampered) // 2
        tampered[at + 3] ^= 0x01
        (first / "sua-sau-khi-ky.pdf").write_bytes(bytes(tampered))
        (first / "bi-cat-ngan.pdf").write_bytes(good[1].read_bytes()[:20000])
        (first / "ghi-chu.pdf").write_text("Không phải tệp PDF.\n", encoding="utf-8")
        shutil.copy(good[2], first / f"{good[2].stem}-ban-sao.pdf")
        own = pkcs12_file.create_for_unit(
            "Người Lạ", "Chủ tịch UBND xã", chosen[3]
        )  # self-made, unregistered
        stranger = pkcs12_file.save_new(work / "la.p12", own, PASSPHRASE)
        assessment = assessments.create(store, catalog, chosen[3], args.period - 1)
        assessments.set_answers(store, assessment, sample_answers(catalog, seed=1))
        export_submission(store, assessment, Pkcs12Key(stranger, PASSPHRASE), first / "nguoi-ky-la.pdf")
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{len(list(first.glob('*.pdf')))} files in {first}, {len(list(second.glob('*.pdf')))} in {second};"
    )
    print(f"trust {args.out / 'ca.pem'} as a root first.")


if __name__ == "__main__":
    main()
