#!/usr/bin/env bash
# Proves that schema/NNNN_*.sql (SQLite) and schema/postgresql/NNNN_*.sql give the same
# schema: starts a throw-away PostgreSQL server (tests/pg/pg_server.sh), runs
# tests/schema/compare_dialects.py against it, stops it. Exits non-zero on any difference.
#
#   bash tests/schema/compare_dialects.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/needlebook-pg.XXXXXX")
trap 'bash "$repo/tests/pg/pg_server.sh" stop "$dir" || true' EXIT

# shellcheck source=../pg/pg_server.sh
source "$repo/tests/pg/pg_server.sh" start "$dir" >/dev/null
python3 "$repo/tests/schema/compare_dialects.py"
