#!/usr/bin/env bash
# Installs the C libraries CausalKit links against (LAPACK and BLAS, BSD-licensed) when they
# are missing. Debian/Ubuntu: liblapack-dev and libblas-dev. macOS uses Accelerate: nothing to do.
set -euo pipefail
if [ "$(uname)" = "Darwin" ]; then exit 0; fi
have() { ldconfig -p 2>/dev/null | grep -q "lib$1\.so " || ls /usr/lib/*/lib"$1".so /usr/lib/lib"$1".so >/dev/null 2>&1; }
if have lapack && have blas; then exit 0; fi
echo "Installing liblapack-dev and libblas-dev..." >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends liblapack-dev libblas-dev >/dev/null
