"""Benchmark of the built program folder (build_installer.spec): its size, zipped and not, and the time from
starting the windowed program to its first screen.

Run, after building:  .venv/bin/python benchmarks/bench_bundle_start.py [dist/dtdesktop]
Aims (issue: the installer): the first screen under 3 s; the zipped folder under 120 MB.

The window is started offscreen with DTDESKTOP_QUIT_WHEN_SHOWN=1 (dtdesktop/gui/main.py), which ends the
process once the first window has been painted, so each run is timed from outside, start-up of the frozen
Python included. Two cases: a first start (an empty data folder: the store is created and the first-start
questions are shown over the main window) and a usual start (a profile and one assessment already there).
"""

from __future__ import annotations

import io
import os
import platform
import stat
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files, symbolic links counted as links (as an installer copies them)."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or path.is_file():
            total += path.lstat().st_size
            count += 1
    return total, count


def zipped_size(folder: Path) -> int:
    """Bytes of the folder as a zip (deflate, level 6, like `zip -r -y`: links stored as links)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            name = str(path.relative_to(folder.parent))
            if path.is_symlink():
                info = zipfile.ZipInfo(name)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
    return buffer.getbuffer().nbytes


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DTDESKTOP_DB", "DTDESKTOP_LANG"):
        env.pop(name, None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DTDESKTOP_QUIT_WHEN_SHOWN="1",
        DTDESKTOP_HOME=str(home / "data"),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        DTDESKTOP_PASSPHRASE="benchmark-passphrase-42",
    )
    return env


def time_window(program: Path, home: Path) -> tuple[float, str]:
    began = time.perf_counter()
    child = subprocess.run([str(program)], env=environment(home), capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - began
    if child.returncode != 0 or "shown: " not in child.stdout:
        raise SystemExit(
            f"the window did not show (status {child.returncode}):\n{child.stdout}{child.stderr}"
        )
    return took, child.stdout.split("shown: ", 1)[1].split()[0]


def prepared_home(folder: Path, cli: Path) -> Path:
    """A data folder with a complete profile and the sample assessment, made by the folder's own program."""
    home = folder / "usual"
    home.mkdir()
    env = environment(home)
    subprocess.run([str(cli), "demo"], env=env, check=True, capture_output=True, timeout=120)
    officer = ["--name", "Nguyễn Thị Hà", "--title", "Chủ tịch UBND xã", "--unit", "15865"]
    subprocess.run(
        [str(cli), "identity", "new", *officer, "--out", str(home / "ha.p12")],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    os.environ["DTDESKTOP_HOME"] = env["DTDESKTOP_HOME"]
    from dtdesktop import profile as profiles

    profiles.save(
        profiles.Profile(
            "15865",
            "Nguyễn Thị Hà",
            "Chủ tịch UBND xã",
            profiles.SigningIdentity("pkcs12", str(home / "ha.p12"), subject="Nguyễn Thị Hà"),
        )
    )
    return home


def seconds(values: list[float]) -> str:
    values = sorted(values)
    return (
        f"best {values[0]:.2f} s, median {statistics.median(values):.2f} s, worst {values[-1]:.2f} s "
        f"({len(values)} runs)"
    )


def main() -> None:
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "dtdesktop"
    window, cli = dist / "dtdesktop", dist / "dtdesktop-cli"
    if sys.platform == "win32":
        window, cli = window.with_suffix(".exe"), cli.with_suffix(".exe")
    if not window.exists():
        raise SystemExit(f"{window} does not exist: build it first (pyinstaller build_installer.spec)")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}"
    )
    size, files = folder_size(dist)
    print(f"folder: {size / 1e6:.1f} MB in {files} files")
    print(f"zipped: {zipped_size(dist) / 1e6:.1f} MB")

    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        subprocess.run([str(cli), "--version"], check=True, capture_output=True, timeout=60)
        print(f"dtdesktop-cli --version, the very first start: {time.perf_counter() - began:.2f} s")
        version = []
        for _ in range(RUNS):
            began = time.perf_counter()
            subprocess.run([str(cli), "--version"], check=True, capture_output=True, timeout=60)
            version.append(time.perf_counter() - began)
        print("dtdesktop-cli --version:", seconds(version))

        first, shown = [], set()
        for run in range(RUNS):
            home = Path(folder) / f"first-{run}"
            home.mkdir()
            took, name = time_window(window, home)
            first.append(took)
            shown.add(name)
        print(f"first start to the first screen ({', '.join(sorted(shown))}):", seconds(first))

        home = prepared_home(Path(folder), cli)
        usual, shown = [], set()
        for _ in range(RUNS):
            took, name = time_window(window, home)
            usual.append(took)
            shown.add(name)
        print(f"usual start to the first screen ({', '.join(sorted(shown))}):", seconds(usual))


if __name__ == "__main__":
    main()
