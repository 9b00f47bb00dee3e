#!/usr/bin/env bash
# Debian's nginx and its brotli modules, installed when missing (scripts/serve.sh and scripts/test.sh).
set -euo pipefail
packages=(nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  # The package's own service (nginx on port 80) is not wanted: the front runs nginx itself, from its
  # own prefix. A policy-rc.d that says "no" keeps the package from starting it.
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -z "$made_policy" ] || $SUDO rm -f /usr/sbin/policy-rc.d
fi
