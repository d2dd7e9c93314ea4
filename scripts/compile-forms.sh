#!/usr/bin/env bash
# Compiles the Qt Designer forms in ui/ into dtdesktop/gui/forms/ui_*.py (run after editing a form;
# a test fails while a compiled form is older than its .ui file).
set -euo pipefail
cd "$(dirname "$0")/.."
UIC="${UIC:-.venv/bin/pyside6-uic}"
for form in ui/*.ui; do
    name=$(basename "$form" .ui)
    "$UIC" "$form" -o "dtdesktop/gui/forms/ui_${name}.py"
done
