#!/usr/bin/env bash
# Usage: bash scripts/smoke-bundle.sh DIST_DIR
# Runs the built program folder (DIST_DIR: the folder holding dtdesktop and dtdesktop-cli, e.g. dist/dtdesktop)
# through what an officer and a reviewer do: the command line from the sample assessment to a signed file, its
# verification, an import of a folder, the area's spreadsheet, a returned criterion and its signed decision
# back at the commune, the criteria workbook, then the window, opened offscreen until its first screen is
# shown. Every step checks its exit status and its output and prints its time; the first
# failure stops the script with status 1. Everything happens in a temporary home folder: nothing of this
# computer's own data is read or written.
set -euo pipefail

dist="${1:?usage: bash scripts/smoke-bundle.sh DIST_DIR (the folder holding dtdesktop-cli)}"
[ -x "$dist/dtdesktop-cli" ] || [ ! -x "$dist/dtdesktop/dtdesktop-cli" ] || dist="$dist/dtdesktop"
for program in "$dist/dtdesktop-cli" "$dist/dtdesktop"; do
    if [ ! -x "$program" ]; then
        echo "smoke: $program is missing; build the folder first (pyinstaller build_installer.spec)." >&2
        exit 1
    fi
done
dist="$(cd "$dist" && pwd)"
cli="$dist/dtdesktop-cli"
win="$dist/dtdesktop"

work="$(mktemp -d "${TMPDIR:-/tmp}/dtdesktop-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export XDG_RUNTIME_DIR="$work/runtime" DTDESKTOP_HOME="$work/dtdesktop"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DTDESKTOP_DB DTDESKTOP_LANG
export DTDESKTOP_PASSPHRASE="smoke-test-passphrase-42" DTDESKTOP_ACTOR="smoke"
export QT_QPA_PLATFORM=offscreen
cd "$work"

total_start=$(date +%s.%N)
passed=0

fail() {
    echo "FAIL  $1"
    echo "smoke: $passed passed, 1 failed"
    exit 1
}

# step NAME EXPECTED_STATUS PATTERN COMMAND...: runs COMMAND (at most 120 s), then checks its status and that
# its output (standard output and error together) matches the extended regular expression PATTERN (unless
# PATTERN is empty).
step() {
    local name="$1" want="$2" pattern="$3"
    shift 3
    local start end status=0
    start=$(date +%s.%N)
    timeout 120 "$@" >"$work/out.txt" 2>&1 || status=$?
    end=$(date +%s.%N)
    local took
    took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    if [ "$status" != "$want" ]; then
        sed 's/^/      /' "$work/out.txt" | tail -40
        fail "$name (${took} s): exit status $status, expected $want (its output is above)."
    fi
    if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$work/out.txt"; then
        sed 's/^/      /' "$work/out.txt" | tail -40
        fail "$name (${took} s): the output (above) does not match /$pattern/."
    fi
    passed=$((passed + 1))
    echo "ok    $name: ${took} s"
}

echo "smoke: $dist"
# The Qt modules the windows use beyond the basics (the pillar chart, the print preview and the reviewer's file
# view, printing, the icons): their Python bindings and their Qt libraries must be in the folder.
for module in QtCharts QtPdf QtPdfWidgets QtPrintSupport QtSvg; do
    compgen -G "$dist/_internal/PySide6/$module.*" >/dev/null || fail "PySide6.$module is not in the folder"
    found=$(find "$dist/_internal" \( -name "libQt6${module#Qt}.so*" -o -name "Qt6${module#Qt}.dll" \) | head -1)
    [ -n "$found" ] || fail "Qt's ${module} library is not in the folder"
done
passed=$((passed + 1))
echo "ok    QtCharts, QtPdf, QtPdfWidgets, QtPrintSupport, QtSvg in the folder"
step "--version" 0 "^dtdesktop [0-9]" "$cli" --version
step "catalog list (Vietnamese: translations shipped)" 0 "thanh-hoa-xa-2025" "$cli" catalog list
grep -q "chỉ tiêu" "$work/out.txt" || fail "catalog list is not in Vietnamese: $(head -1 "$work/out.txt")"
step "catalog list --json --lang en" 0 '"indicators": [0-9]+' "$cli" catalog list --json --lang en
step "demo (creates the store: migrations)" 0 "Hoằng Hóa" "$cli" demo
step "identity new" 0 "Identity written to" "$cli" --lang en identity new --name "Nguyễn Văn An" \
    --title "Công chức Văn phòng - Thống kê" --unit 15865 --out an.p12
step "identity cert" 0 "written to an.pem" "$cli" --lang en identity cert an.p12 --out an.pem
step "assess set (an unanswered indicator answered)" 0 "" "$cli" --lang en assess set 1 CQS.06 12/12 \
    --note "Kiểm tra bản đóng gói"
step "assess show (the answer counted)" 0 "CQS\.06 +met +4 / 4" "$cli" --lang en assess show 1
step "report (PDF with the fonts)" 0 "report.pdf" "$cli" --lang en report 1 --out report.pdf
step "export (signed submission)" 0 "Signed submission written to" "$cli" --lang en export 1 --identity an.p12 \
    --out submission.pdf
step "verify (signature, hashes, score)" 0 "VALID" "$cli" --lang en verify submission.pdf --trust an.pem
mkdir inbox
cp submission.pdf inbox/
for n in 1 2 3 4 5 6 7; do printf 'not a PDF at all (%s)\n' "$n" > "inbox/broken-$n.pdf"; done
# A reviewer's own store: the import refuses the broken files (so exits 1) and takes the signed one. Eight
# files: from eight on, worker processes check them, started through the frozen program itself.
step "import a folder (one good file, seven broken; workers)" 1 "1 imported.*7 refused" "$cli" --lang en \
    --db "$work/reviewer.sqlite3" import inbox --trust an.pem
grep -q "broken-7.pdf: REFUSED — This is not a PDF file" "$work/out.txt" \
    || fail "import did not refuse broken-7.pdf in English: $(grep broken-7 "$work/out.txt")"
step "summary --out x.xlsx" 0 "written to" "$cli" --lang en --db "$work/reviewer.sqlite3" summary --out x.xlsx
# The folder has no Python for scripts; the spreadsheet is a zip of XML parts, read here with unzip or Python.
if command -v python3 >/dev/null 2>&1; then
    step "x.xlsx: a workbook naming Hoằng Hóa" 0 "^workbook ok" python3 - "$work/x.xlsx" <<'EOF'
import sys, zipfile
from xml.etree import ElementTree
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None, "a damaged part"
    names = z.namelist()
    assert "xl/workbook.xml" in names, names
    sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    parts = sheets + [n for n in names if n == "xl/sharedStrings.xml"]
    text = " ".join("".join(ElementTree.fromstring(z.read(n)).itertext()) for n in parts)
    assert "Hoằng Hóa" in text, "the commune is not in the workbook"
print("workbook ok,", len(sheets), "sheets")
EOF
else
    [ -s x.xlsx ] || fail "x.xlsx is missing or empty"
fi
# The return loop: the reviewer returns a criterion and signs a decision; the commune imports it.
step "reviewer: review --return" 0 "now returned" "$cli" --lang en --db "$work/reviewer.sqlite3" review 1 --return \
    --comment CQS.10 "Bổ sung minh chứng họp trực tuyến"
step "reviewer: identity new" 0 "Identity written to" "$cli" --lang en identity new --name "Lê Văn Bình" \
    --title "Chuyên viên Sở Khoa học và Công nghệ" --unit 38 --out reviewer.p12
step "reviewer: identity cert" 0 "written to reviewer.pem" "$cli" --lang en identity cert reviewer.p12 \
    --out reviewer.pem
step "reviewer: decision export (signed decision)" 0 "Signed decision" "$cli" --lang en \
    --db "$work/reviewer.sqlite3" decision export 1 --identity reviewer.p12 --out decision.pdf
step "commune: decision import" 0 "returned submission 1" "$cli" --lang en decision import decision.pdf \
    --trust reviewer.pem
step "commune: the returned criterion reopened" 0 "CQS\.10: Bổ sung minh chứng" "$cli" --lang en assess show 1
# The criteria workbook, written and read back (openpyxl reads with the standard library's XML parser here).
step "catalog to-xlsx" 0 "37 indicators" "$cli" --lang en catalog to-xlsx thanh-hoa-xa-2025 --out criteria.xlsx
step "catalog from-xlsx" 0 "SHA-256" "$cli" --lang en catalog from-xlsx criteria.xlsx --out criteria.yaml
step "catalog validate" 0 "valid" "$cli" --lang en catalog validate criteria.yaml
step "PostgreSQL URL: says the driver is not included" 1 "PostgreSQL" "$cli" --lang en \
    --db "postgresql+psycopg://nobody@127.0.0.1:1/none" assess list
# The window, offscreen, on a fresh profile: it quits by itself once its first screen has been painted.
step "window: first screen shown (offscreen)" 0 "^shown: " env DTDESKTOP_QUIT_WHEN_SHOWN=1 "$win"
step "window: first screen shown, in English" 0 "^shown: " env DTDESKTOP_QUIT_WHEN_SHOWN=1 DTDESKTOP_LANG=en "$win"
# The reviewer's window on the reviewer's store (its inbox, the area's charts, the trust list), with a profile
# of its own: every page is built before the first screen is painted.
mkdir -p "$work/reviewer-home"
cat > "$work/reviewer-home/profile.json" <<JSON
{"role": "reviewer", "reviewer_unit": "38", "officer_name": "Lê Văn Bình",
 "officer_title": "Chuyên viên Sở Khoa học và Công nghệ",
 "identity": {"kind": "pkcs12", "path": "$work/reviewer.p12", "subject": "Lê Văn Bình"}}
JSON
step "window: the reviewer's window shown" 0 "^shown: ReviewerWindow" env DTDESKTOP_QUIT_WHEN_SHOWN=1 \
    DTDESKTOP_HOME="$work/reviewer-home" DTDESKTOP_DB="$work/reviewer.sqlite3" "$win"
# The same window imports the folder of eight files as a drop would: a process of its own files them, and it
# starts the checking processes, all through the frozen program.
step "window: the reviewer's window imports a folder (its own process)" 0 \
    "^window import: 1 imported, 0 duplicate, 7 refused" env DTDESKTOP_IMPORT_WHEN_SHOWN="$work/inbox" \
    DTDESKTOP_HOME="$work/reviewer-home" DTDESKTOP_DB="$work/window-import.sqlite3" "$win"

# The command line writes crash.log only for an unexpected error (a missing file in the folder, for one).
[ ! -e "$DTDESKTOP_HOME/crash.log" ] || { cat "$DTDESKTOP_HOME/crash.log"; fail "a step wrote crash.log (above)"; }

total_end=$(date +%s.%N)
echo "smoke: $(awk -v a="$total_start" -v b="$total_end" 'BEGIN { printf "%.1f", b - a }') s in all"
echo "smoke: $passed passed, 0 failed"
