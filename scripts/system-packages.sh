#!/usr/bin/env bash
# Usage: bash scripts/system-packages.sh PACKAGE...
# Makes sure the Debian packages are installed: installs the missing ones when run as root (apt-get),
# otherwise names the exact command to run and exits with status 1.
set -euo pipefail
missing=()
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "These system packages are needed: ${missing[*]} (install them with your system's package manager)." >&2
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "These system packages are needed: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "Installing ${missing[*]}…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
