#!/usr/bin/env bash
# Sets everything up and opens dtdesktop. With arguments, runs that command (e.g. `scripts/run.sh catalog list`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ $# -gt 0 ]; then
    exec .venv/bin/dtdesktop "$@"
fi
# A real window on Linux (Qt's xcb platform) needs these system libraries, which a fresh Debian lacks;
# they are installed when this runs as root, otherwise the exact command is printed.
if [ "$(uname -s)" = Linux ]; then
    bash scripts/system-packages.sh \
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
        libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 \
        libdbus-1-3 libglib2.0-0 fonts-dejavu-core
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "There is no display to open the window on (DISPLAY is not set). Run this on the desktop," >&2
        echo "or use the command line: bash scripts/run.sh --help" >&2
        exit 1
    fi
fi
exec .venv/bin/dtdesktop
