#!/usr/bin/env bash
# Builds the program folder (build_installer.spec) into dist/dtdesktop and runs it through
# scripts/smoke-bundle.sh. Run by .ci/run after the tests; fails loudly when the build, a smoke step, or the
# size limit fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh  # the .venv with dtdesktop and its build tool (pyproject's "build" extra)
# PyInstaller writes the Python archive into the programs with objcopy and strips the libraries with strip
# (binutils). The program folder carries the system libraries Qt needs for a Linux desktop, so they must be
# on the machine that builds it.
if [ "$(uname -s)" = Linux ]; then
    bash scripts/system-packages.sh binutils \
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
        libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 \
        libdbus-1-3 libglib2.0-0 fonts-dejavu-core
fi

started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level WARN build_installer.spec
echo "build: dist/dtdesktop built in $(($(date +%s) - started)) s"

# The issue's limit for the zipped folder; the Windows folder is smaller (no ICU data, no X11 libraries).
limit_mb=120
.venv/bin/python - "$limit_mb" <<'EOF'
import sys
from pathlib import Path

sys.path.insert(0, "benchmarks")
from bench_bundle_start import folder_size, zipped_size

limit = float(sys.argv[1])
folder = Path("dist/dtdesktop")
size, files = folder_size(folder)
zipped = zipped_size(folder) / 1e6
print(f"build: {size / 1e6:.1f} MB in {files} files, {zipped:.1f} MB zipped (limit {limit:.0f} MB)")
if zipped > limit:
    sys.exit(
        f"build: the zipped folder is {zipped:.1f} MB, over the {limit:.0f} MB limit: look for what came in "
        "with `du -a dist/dtdesktop/_internal | sort -n | tail -50` and leave it out in build_installer.spec."
    )
EOF
bash scripts/smoke-bundle.sh dist/dtdesktop
