#!/usr/bin/env bash
# Sets everything up and runs the checks: ruff (lint and format) and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check dtdesktop tests benchmarks
.venv/bin/ruff format --check dtdesktop tests benchmarks
.venv/bin/python -m pytest "$@"
