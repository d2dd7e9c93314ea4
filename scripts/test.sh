#!/usr/bin/env bash
# Sets everything up and runs the checks: ruff (lint and format) and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The independent checkers of the submission file (pdfsig, pdffonts, pdftotext, qpdf) and a real
# PKCS#11 token (SoftHSM2); without them those tests are skipped.
bash scripts/system-packages.sh poppler-utils qpdf softhsm2 \
    || echo "Without these packages the signature and token tests are skipped." >&2
.venv/bin/ruff check dtdesktop tests benchmarks
.venv/bin/ruff format --check dtdesktop tests benchmarks
.venv/bin/python -m pytest "$@"
