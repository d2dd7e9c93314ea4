#!/usr/bin/env bash
# Usage: bash scripts/smoke-bundle.sh DIST_DIR
# Runs the built program folder (DIST_DIR: the folder holding dtdesktop and dtdesktop-cli, e.g. dist/dtdesktop)
# through what an officer and a reviewer do: the command line from the sample assessment to a signed file, its
# verification, an import of a folder and the area's spreadsheet, then the window, opened offscreen until its
# first screen is shown. Every step checks its exit status and its output and prints its time; the first
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
printf 'not a PDF at all\n' > inbox/broken.pdf
# A reviewer's own store: the import refuses the broken file (so exits 1) and takes the signed one.
step "import a folder (one good file, one broken)" 1 "1 imported.*1 refused" "$cli" --lang en \
    --db "$work/reviewer.sqlite3" import inbox --trust an.pem
grep -q "broken.pdf: REFUSED" "$work/out.txt" || fail "import did not name the broken file as refused"
step "summary --out x.xlsx" 0 "written to" "$cli" --lang en --db "$work/reviewer.sqlite3" summary --out x.xlsx
# The folder has no Python for scripts; the spreadsheet is a zip of XML parts, read here with unzip or Python.
if command -v python3 >/dev/null 2>&1; then
    step "x.xlsx: a workbook naming Hoằng Hóa" 0 "^workbook ok" python3 - "$work/x.xlsx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None, "a damaged part"
    names = z.namelist()
    assert "xl/workbook.xml" in names, names
    text = "".join(z.read(n).decode("utf-8") for n in names if n.startswith("xl/") and n.endswith(".xml"))
    assert "Hoằng Hóa" in text, "the commune is not in the workbook"
print("workbook ok,", sum(n.startswith("xl/worksheets/") for n in names), "sheets")
EOF
else
    [ -s x.xlsx ] || fail "x.xlsx is missing or empty"
fi
step "PostgreSQL URL: says the driver is not included" 1 "PostgreSQL" "$cli" --lang en \
    --db "postgresql+psycopg://nobody@127.0.0.1:1/none" assess list
# The window, offscreen, on a fresh profile: it quits by itself once its first screen has been painted.
step "window: first screen shown (offscreen)" 0 "^shown: " env DTDESKTOP_QUIT_WHEN_SHOWN=1 "$win"
step "window: first screen shown, in English" 0 "^shown: " env DTDESKTOP_QUIT_WHEN_SHOWN=1 DTDESKTOP_LANG=en "$win"

total_end=$(date +%s.%N)
echo "smoke: $(awk -v a="$total_start" -v b="$total_end" 'BEGIN { printf "%.1f", b - a }') s in all"
echo "smoke: $passed passed, 0 failed"
