#!/bin/sh
# Install Debian's Chromium for the browser tests (tests/browser/): Playwright drives
# this system browser (executable_path=/usr/bin/chromium); no browser is downloaded.
# Idempotent: returns at once when /usr/bin/chromium is already there.
# When it cannot install (no root/sudo, no apt), it warns and exits 0: the browser
# tests then skip with that reason instead of the whole test run failing.
set -u
if [ -x /usr/bin/chromium ]; then
    echo "setup-browser: chromium already installed"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "setup-browser: WARNING: need root (or password-less sudo) to apt-get install chromium; browser tests will be skipped" >&2
        exit 0
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: WARNING: no apt-get (not Debian/Ubuntu); install chromium at /usr/bin/chromium for the browser tests" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; then
    echo "setup-browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
    echo "setup-browser: WARNING: apt-get install chromium failed; browser tests will be skipped" >&2
fi
exit 0
