#!/usr/bin/env bash
# Debian packages the test suite drives for real: Chromium (renderer end-to-end tests), Wine
# (the Win32 adapters, run by the Windows build of Node.js), Xvfb (npm start's Chromium window,
# on a virtual display) and for the packaging: 7-Zip (electron-builder's archives, through
# ELECTRON_BUILDER_7ZIP_PATH) and osslsigncode (signing and checking the Windows exes). Idempotent.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v wine >/dev/null 2>&1 || need+=(wine wine64)
command -v 7za >/dev/null 2>&1 || need+=(p7zip-full)
command -v osslsigncode >/dev/null 2>&1 || need+=(osslsigncode)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "machine ready: $(chromium --version 2>/dev/null | head -1); $(wine --version 2>/dev/null)"
