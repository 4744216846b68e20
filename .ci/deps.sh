#!/usr/bin/env bash
# Installs what Throughline needs beyond Go, gcc, Node and npm, and only what
# is missing, so a second run takes a second: Debian packages (GTK/WebKit for
# the desktop window, Xvfb and Chromium for the tests, poppler for PDFs) and
# the npm packages of frontend/ and e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev xvfb xauth xdotool imagemagick poppler-utils fonts-dejavu-core fonts-noto-cjk chromium"

missing=()
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when node_modules is missing or older than the lock file.
for dir in frontend e2e; do
  stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    echo "deps: npm ci in $dir/"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done
