#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright cannot download a browser here). Install it once.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium' and try again." >&2
  exit 1
fi
