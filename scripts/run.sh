#!/usr/bin/env bash
# Sets everything up and opens dtdesktop. With arguments, runs that command (e.g. `scripts/run.sh catalog list`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ $# -eq 0 ]; then
    # The window comes with the officer's application; until then the demo shows the tool at work.
    exec .venv/bin/dtdesktop demo
fi
exec .venv/bin/dtdesktop "$@"
