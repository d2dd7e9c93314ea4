"""Benchmark of the reviewer's import at scale, beside its floor.

Run: .venv/bin/python benchmarks/bench_import.py [--count N] [--cache DIR]
     (figures go to stdout; record them in docs/benchmarks.md)
Aims (issue 10, "Speed and scale"): importing one signed submission per commune of the two-tier list
(3,321, small evidence) into an empty store within 3x the floor on both cores, with peak memory under
500 MB; `verify` of one 2 MB submission within 10x its own floor.

1. Makes one signed submission per commune (catalog `quoc-gia-2361-xa`, sample answers seeded by the
   commune's code, one PNG of about 5 KB as evidence), on two worker processes, each with its own SQLite
   store and its own copy of one officer identity (made once, PKCS#12, for Hoằng Hoá). With `--cache DIR`
   the identity and the files are kept there and a later run reuses them (and makes only those missing).
2. The floor, in the same run: for every file, read it, SHA-256 its signed ranges (checked against the
   signature's message digest) and check its one RSA signature with `cryptography` directly; on one core,
   and on both (a pool of 2 processes, started and warmed before timing). Best and median of 3 runs.
3. Imports them all into an empty store (`review.importing.import_files`), twice, each in a new process so
   that its peak memory (VmHWM, plus any children's) is its own: with the officer's certificate trusted as
   a root only (every file "indeterminate: signer not registered" but the officer's own commune's), and
   with the certificate also registered for every commune (every file valid). The time is of
   `import_files` alone, including the libraries it loads on first use; the store, its schema and the
   trust list are set up before.
4. Verifies one submission of about 100 MB (two evidence files of random bytes at the store's 50 MB limit)
   in a process of its own, for its peak memory (aim: under 300 MB plus the file's size).
5. Verifies one submission of about 2 MB (the Thanh Hóa catalog filled as `dtdesktop demo` does, with 10
   evidence PNGs of 200 KB of noise) and measures its own floor the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import multiprocessing as mp
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256

CATALOG_ID = "quoc-gia-2361-xa"
BIG_CATALOG_ID = "thanh-hoa-xa-2025"
PERIOD = 2025
OFFICER_UNIT = "15865"  # Hoằng Hoá, Thanh Hoá: the commune the officer's certificate names
PASSPHRASE = "benchmark-passphrase"
WORKERS = 2
MAKE_PROGRESS = 200
IMPORT_PROGRESS = 500
FLOOR_REPEATS = 3
VERIFY_REPEATS = 5
SMALL_PNG_SIDE = 40  # 40 x 40 RGB noise: about 5 KB
BIG_EVIDENCE_FILES = 10
BIG_EVIDENCE_SIZE = 200 * 1024
HUGE_EVIDENCE_FILES = 2  # two evidence files at the store's limit: a submission of about 100 MB
AIM_HUGE_MEMORY_MB = 300  # plus the file's size

AIM_RATIO = 3.0
AIM_MEMORY_MB = 500
AIM_VERIFY_RATIO = 10.0


# -- making the files --------------------------------------------------------------------------------------


def noise_png(path: Path, size: int, seed: int) -> Path:
    """A real PNG (it opens, as the export's media check requires) of random pixels, about *size* bytes:
    noise does not compress, so the file is a little more than its pixels."""
    from PIL import Image

    side = max(8, int((size / 3) ** 0.5))
    pixels = random.Random(seed).randbytes(side * side * 3)
    Image.frombytes("RGB", (side, side), pixels).save(path, format="PNG", compress_level=1)
    return path


class LoadedKey:
    """A SigningKey whose PKCS#12 file is decrypted once, not at every export (0.12 s each): making 3,321
    files is the set-up here, not what is measured."""

    def __init__(self, p12: Path):
        from dtdesktop.signing import pkcs12_file
        from dtdesktop.signing.keys import OpenKey

        identity = pkcs12_file.load(p12, PASSPHRASE)
        self._opened = OpenKey(pkcs12_file._pyhanko_signer(identity), identity.certificate)

    @contextmanager
    def open(self):
        yield self._opened


_worker: dict = {}


def _init_maker(work: str, p12: str) -> None:
    """One maker process: its own folder, SQLite store and copy of the identity."""
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.storage import Store

    folder = Path(work) / f"worker-{os.getpid()}"
    folder.mkdir(parents=True)
    own = shutil.copyfile(p12, folder / "identity.p12")
    _worker.update(
        folder=folder,
        store=Store(f"sqlite:///{folder / 'store.sqlite3'}"),
        key=LoadedKey(Path(own)),
        catalog=resolve(CATALOG_ID),
    )


def _make_one(job: tuple[str, str]) -> str:
    """Fill an assessment of one commune, attach a small PNG, export the signed file to *out*."""
    from dtdesktop.demo import sample_answers
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.storage import assessments
    from dtdesktop.units import find

    code, out = job
    store, catalog, folder = _worker["store"], _worker["catalog"], _worker["folder"]
    unit = find(code)
    aid = assessments.create(store, catalog, unit, PERIOD)
    answers = sample_answers(catalog, seed=int(code))
    assessments.set_answers(store, aid, answers)
    png = noise_png(folder / f"anh-hien-truong-{code}.png", 3 * SMALL_PNG_SIDE**2, int(code))
    assessments.add_evidence_file(store, aid, next(iter(answers)), png)
    png.unlink()
    export_submission(store, aid, _worker["key"], Path(out))
    return code


def make_identity(folder: Path) -> Path:
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.units import find

    p12 = folder / "identity.p12"
    if not p12.exists():
        unit = find(OFFICER_UNIT)
        identity = pkcs12_file.create(
            "Nguyễn Thị Hà", "Chủ tịch UBND xã", unit.ref, f"UBND {unit.full_name}", unit.province_name
        )
        pkcs12_file.save_new(p12, identity, PASSPHRASE)
    return p12


def make_submissions(codes: list[str], out: Path, p12: Path, work: Path) -> list[Path]:
    paths = [out / f"{code}.pdf" for code in codes]
    missing = [(code, str(p)) for code, p in zip(codes, paths, strict=True) if not p.exists()]
    print(f"submissions: {len(paths) - len(missing)} already in {out}, {len(missing)} to make")
    if missing:
        start = time.perf_counter()
        ctx = mp.get_context("spawn")
        with ctx.Pool(WORKERS, initializer=_init_maker, initargs=(str(work), str(p12))) as pool:
            for n, _code in enumerate(pool.imap_unordered(_make_one, missing, chunksize=4), 1):
                if n % MAKE_PROGRESS == 0 or n == len(missing):
                    took = time.perf_counter() - start
                    print(f"  made {n}/{len(missing)} in {took:.0f} s ({took / n * WORKERS:.2f} s a file)")
                    sys.stdout.flush()
    return paths


def _filled_submission(out: Path, p12: Path, folder: Path, evidence) -> Path:
    """The Thanh Hóa catalog filled as `dtdesktop demo` does, with the evidence files *evidence(folder)*
    makes (one per indicator, from the first), signed into *out*; kept when it is already there."""
    if out.exists():
        return out
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.storage import Store, assessments
    from dtdesktop.units import find

    folder.mkdir()
    store = Store(f"sqlite:///{folder / 'store.sqlite3'}")
    catalog = resolve(BIG_CATALOG_ID)
    aid = assessments.create(store, catalog, find(OFFICER_UNIT), PERIOD)
    fill(store, aid, catalog, PERIOD)
    for ind, path in zip(catalog.indicators, evidence(folder), strict=False):
        assessments.add_evidence_file(store, aid, ind.code, path)
    export_submission(store, aid, LoadedKey(p12), out)
    store.close()
    return out


def make_big_submission(out: Path, p12: Path, work: Path) -> Path:
    """About 2 MB: 10 evidence PNGs of 200 KB."""

    def pngs(folder: Path) -> list[Path]:
        return [
            noise_png(folder / f"minh-chung-{n + 1:02d}.png", BIG_EVIDENCE_SIZE, 1000 + n)
            for n in range(BIG_EVIDENCE_FILES)
        ]

    return _filled_submission(out, p12, work / "big", pngs)


def make_huge_submission(out: Path, p12: Path, work: Path) -> Path:
    """About 100 MB: two evidence files of random bytes at the store's limit."""
    from dtdesktop.storage.assessments import MAX_EVIDENCE_BYTES

    def blobs(folder: Path) -> list[Path]:
        rng = random.Random(7)
        paths = [folder / f"ban-chup-{n + 1}.bin" for n in range(HUGE_EVIDENCE_FILES)]
        for path in paths:
            path.write_bytes(rng.randbytes(MAX_EVIDENCE_BYTES))
        return paths

    return _filled_submission(out, p12, work / "huge", blobs)


def _verify_child(path: str, cert_der: bytes, results) -> None:
    from dtdesktop.exchange.verify import verify_file

    cert = x509.load_der_x509_certificate(cert_der)
    start = time.perf_counter()
    v = verify_file(Path(path), [cert])
    took = time.perf_counter() - start
    results.put({"seconds": took, "peak_mb": own_peak_kb() / 1024, "verdict": v.verdict})


def run_verify(path: Path, cert_der: bytes) -> dict:
    """`verify_file` of one file in a new process, so that its peak memory is its own."""
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    child = ctx.Process(target=_verify_child, args=(str(path), cert_der, results))
    child.start()
    out = results.get()
    child.join()
    return out


# -- the floor ---------------------------------------------------------------------------------------------


def floor_one(path: str) -> int:
    """Read the file, SHA-256 its signed ranges, and check its one RSA signature with `cryptography`; the
    least any verification must do. Returns the file's size."""
    with open(path, "rb") as fh:
        data = fh.read()
    at = data.rfind(b"/ByteRange")
    a, b, c, d = (int(x) for x in data[at + 10 : data.index(b"]", at)].strip(b" [").split())
    view = memoryview(data)
    digest = hashlib.sha256(view[a : a + b])
    digest.update(view[c : c + d])
    signed = cms.ContentInfo.load(bytes.fromhex(data[b + 1 : c - 1].decode("ascii")))["content"]
    (info,) = signed["signer_infos"]
    attrs = info["signed_attrs"]
    claimed = next(x["values"][0].native for x in attrs if x["type"].native == "message_digest")
    if claimed != digest.digest():
        raise ValueError(f"{path}: the signed ranges do not match the message digest")
    sid = info["sid"].chosen
    cert = next(
        x.chosen
        for x in signed["certificates"]
        if x.chosen.issuer == sid["issuer"] and x.chosen.serial_number == sid["serial_number"].native
    )
    public_key = x509.load_der_x509_certificate(cert.dump()).public_key()
    # the signed attributes are signed as a SET OF (tag 0x31), not with their implicit [0] tag (0xA0)
    public_key.verify(info["signature"].native, b"\x31" + attrs.dump()[1:], PKCS1v15(), SHA256())
    return len(data)


def _warm(_n: int) -> int:
    return os.getpid()


def times_of(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def measure_floor(paths: list[Path]) -> tuple[list[float], list[float], int]:
    """(times on one core, times on two, bytes in all)."""
    names = [str(p) for p in paths]
    total = sum(floor_one(n) for n in names)  # checks every file once, and fills the page cache
    one = times_of(lambda: [floor_one(n) for n in names], FLOOR_REPEATS)
    with mp.get_context("spawn").Pool(WORKERS) as pool:
        pool.map(_warm, range(WORKERS * 4))
        pool.map(floor_one, names[: WORKERS * 4])  # both workers have loaded their libraries
        chunk = max(1, len(names) // (WORKERS * 16))
        two = times_of(lambda: pool.map(floor_one, names, chunksize=chunk), FLOOR_REPEATS)
    return one, two, total


# -- the import --------------------------------------------------------------------------------------------


def own_peak_kb() -> int:
    """This process's peak resident memory in KB. Linux keeps `ru_maxrss` across exec, so a spawned child
    would report at least the parent's size when it forked; VmHWM belongs to the new program alone."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _import_child(paths: list[str], db: str, cert_der: bytes, register_all: bool, results) -> None:
    """One import into an empty store, in a process of its own; puts its figures on *results*."""
    from dtdesktop.review import trust
    from dtdesktop.review.importing import import_files
    from dtdesktop.storage import Store
    from dtdesktop.units import unit_list

    store = Store(f"sqlite:///{db}")
    cert = x509.load_der_x509_certificate(cert_der)
    trust.add_roots(store, [cert])
    if register_all:
        trust.register(store, cert, [u.code for u in unit_list().communes()])
    start = time.perf_counter()

    def progress(n: int, total: int, _result) -> None:
        if n % IMPORT_PROGRESS == 0 or n == total:
            took = time.perf_counter() - start
            print(f"  imported {n}/{total} in {took:.1f} s ({took / n * 1000:.1f} ms a file)", flush=True)

    report = import_files(store, [Path(p) for p in paths], progress=progress)
    took = time.perf_counter() - start
    store.close()
    peak_kb = own_peak_kb() + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    refused = report.by_outcome("refused")
    results.put(
        {
            "seconds": took,
            "peak_mb": peak_kb / 1024,
            "outcomes": dict(Counter(r.outcome for r in report.results)),
            "verdicts": dict(Counter(r.verdict for r in report.results if r.verdict)),
            "first_refused": [(r.file, r.reason) for r in refused[:3]],
            "store_mb": Path(db).stat().st_size / 1048576,
        }
    )


def run_import(paths: list[Path], db: Path, cert_der: bytes, register_all: bool) -> dict:
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    child = ctx.Process(
        target=_import_child, args=([str(p) for p in paths], str(db), cert_der, register_all, results)
    )
    child.start()
    out = results.get()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"the import process failed (exit code {child.exitcode})")
    return out


# -- report ------------------------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{model}, {os.cpu_count()} cores ({usable} usable), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def secs(t: float) -> str:
    return f"{t:.1f} s" if t >= 10 else f"{t:.3f} s"


def mark(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=None, metavar="N", help="make and import N files only")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="keep the identity and the files here")
    args = parser.parse_args()

    from dtdesktop.units.registry import unit_list

    communes = unit_list().communes()
    codes = [u.code for u in communes][: args.count]
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["DTDESKTOP_HOME"] = str(tmp / "home")  # inherited by every worker
        cache = args.cache or tmp / "cache"
        (cache / "submissions").mkdir(parents=True, exist_ok=True)
        work = tmp / "work"
        work.mkdir()

        p12 = make_identity(cache)
        from dtdesktop.signing import pkcs12_file

        cert = pkcs12_file.load(p12, PASSPHRASE).certificate
        paths = make_submissions(codes, cache / "submissions", p12, work)
        big = make_big_submission(cache / f"submission-{OFFICER_UNIT}-2mb.pdf", p12, work)
        huge = make_huge_submission(cache / f"submission-{OFFICER_UNIT}-100mb.pdf", p12, work)

        print("floor: read, SHA-256, one RSA check per file ...", flush=True)
        one, two, total = measure_floor(paths)
        print(
            f"  {len(paths)} files, {total / 1048576:.1f} MB ({total / len(paths) / 1024:.0f} KB a file): "
            f"1 core best {min(one):.2f} s, 2 cores best {min(two):.2f} s"
        )

        from cryptography.hazmat.primitives.serialization import Encoding

        der = cert.public_bytes(Encoding.DER)
        imports = {}
        for register_all, label in (
            (False, "trusted as a root only"),
            (True, "registered for every commune"),
        ):
            print(f"import, signer {label} ...", flush=True)
            imports[register_all] = r = run_import(
                paths, tmp / f"review-{int(register_all)}.sqlite3", der, register_all
            )
            print(
                f"  {r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB, store {r['store_mb']:.1f} MB; "
                f"outcomes {r['outcomes']}, verdicts {r['verdicts']}"
            )
            for file, reason in r["first_refused"]:
                print(f"  refused: {file}: {reason}")

        from dtdesktop.exchange.verify import verify_file

        big_mb = big.stat().st_size / 1048576
        print(f"verify one submission of {big_mb:.2f} MB ...", flush=True)
        start = time.perf_counter()
        v = verify_file(big, [cert])
        first = time.perf_counter() - start
        if not v.valid:
            raise SystemExit(f"the 2 MB submission is not valid: {v.problems}")
        verify_times = times_of(lambda: verify_file(big, [cert]), VERIFY_REPEATS)
        big_floor = times_of(lambda: floor_one(str(big)), VERIFY_REPEATS * 4)
        huge_mb = huge.stat().st_size / 1048576
        print(f"verify one submission of {huge_mb:.0f} MB in a process of its own ...", flush=True)
        huge_run = run_verify(huge, der)

    best_two = min(two)
    n = len(paths)
    rows = [
        ("files", "3,321", "", f"{n:,} ({total / 1048576:.1f} MB, {total / n / 1024:.0f} KB a file)"),
        (
            "floor, 1 core: read, SHA-256, one RSA check",
            "—",
            "",
            f"best {secs(min(one))}, median {secs(statistics.median(one))} "
            f"({min(one) / n * 1000:.2f} ms a file)",
        ),
        (
            "floor, 2 cores (pool of 2)",
            "—",
            "",
            f"best {secs(best_two)}, median {secs(statistics.median(two))}",
        ),
    ]
    for register_all, label in (
        (False, "import, signer a root only (indeterminate)"),
        (True, "import, signer registered (valid)"),
    ):
        r = imports[register_all]
        rows.append(
            (
                label,
                f"≤ {AIM_RATIO:.0f}x floor",
                mark(r["seconds"] <= AIM_RATIO * best_two),
                f"{secs(r['seconds'])} = {r['seconds'] / best_two:.1f}x floor on 2 cores "
                f"({r['seconds'] / n * 1000:.1f} ms a file)",
            )
        )
    peak = max(r["peak_mb"] for r in imports.values())
    rows.append(
        (
            "peak memory of the import process",
            f"< {AIM_MEMORY_MB} MB",
            mark(peak < AIM_MEMORY_MB),
            f"{peak:.0f} MB",
        )
    )
    ratio = min(verify_times) / min(big_floor)
    rows += [
        (
            f"verify one {big_mb:.1f} MB submission",
            "—",
            "",
            f"first {first * 1000:.0f} ms, best {min(verify_times) * 1000:.1f} ms, "
            f"median {statistics.median(verify_times) * 1000:.1f} ms",
        ),
        ("its floor", "—", "", f"best {min(big_floor) * 1000:.2f} ms"),
        (
            "verify / its floor",
            f"≤ {AIM_VERIFY_RATIO:.0f}x",
            mark(ratio <= AIM_VERIFY_RATIO),
            f"{ratio:.1f}x",
        ),
    ]
    huge_aim = AIM_HUGE_MEMORY_MB + huge_mb
    rows.append(
        (
            f"verify one {huge_mb:.0f} MB submission: peak memory",
            f"< {huge_aim:.0f} MB",
            mark(huge_run["peak_mb"] < huge_aim),
            f"{huge_run['peak_mb']:.0f} MB, {huge_run['seconds']:.2f} s, {huge_run['verdict']}",
        )
    )
    print()
    rows.insert(0, ("what", "aim", "", "figure"))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    for what, aim, ok, figure in rows:
        print(f"{what:<{width[0]}}  {aim:<{width[1]}}  {ok:<{width[2]}}  {figure}")
    print(f"valid verdicts with the signer registered: {imports[True]['verdicts'].get('valid', 0)} of {n}")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
