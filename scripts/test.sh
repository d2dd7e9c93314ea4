#!/usr/bin/env bash
# Sets everything up and runs the checks: ruff (lint and format) and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The independent checkers of the submission file (pdfsig, pdffonts, pdftotext, qpdf), a real PKCS#11
# token (SoftHSM2), and the libraries Qt needs to draw widgets offscreen; without them those tests are
# skipped.
bash scripts/system-packages.sh poppler-utils qpdf softhsm2 \
    libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fonts-dejavu-core \
    || echo "Without these packages the signature, token and window tests are skipped." >&2
.venv/bin/ruff check dtdesktop tests benchmarks
.venv/bin/ruff format --check dtdesktop tests benchmarks
.venv/bin/python -m pytest "$@"
