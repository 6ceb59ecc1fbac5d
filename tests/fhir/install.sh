#!/bin/bash
# Installs the FHIR R4 validators that tests/fhir/validate.sh uses (README.md beside this file)
# into tests/fhir/node_modules, at the exact versions of package-lock.json. Run by
# 'bash .ci/setup tests'; needs node and npm.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "tests/fhir/install.sh: npm is not installed" >&2; exit 1; }
# npm's summary goes to stderr, like the build's progress in .ci/setup.
npm ci --no-audit --no-fund --loglevel=error >&2
