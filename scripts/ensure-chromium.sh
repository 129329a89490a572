#!/usr/bin/env bash
# Makes sure Debian's Chromium and the CJK fonts are installed (the end-to-end tests drive them).
# Never downloads a browser of its own: only Debian's packages.
set -euo pipefail
need=()
command -v "${CHROME_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing ${need[*]}: run as root: apt-get update && apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian's packages…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
