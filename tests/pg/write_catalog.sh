#!/usr/bin/env bash
# Writes schema/postgresql/NNNN_catalog.txt for the newest schema version: the server's catalog
# of a clinic that `init` has just made (storage/server_catalog.cpp describes it), which `check`
# compares a clinic's schema with. Run after adding or changing a PostgreSQL migration, then
# rebuild:
#
#   bash tests/pg/write_catalog.sh build    # the build folder holding tests/unit_tests
#
# Nothing else writes the file; ctest postgres/connection fails while it is out of date.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: write_catalog.sh BUILD_DIR}" && pwd)
version=$(ls "$here/../../schema/postgresql/" | grep -E '^[0-9]{4}_.*\.sql$' | sort | tail -1 | cut -c1-4)
out="$here/../../schema/postgresql/${version}_catalog.txt"
rm -f "$out"
# Writes the description and passes or fails against the embedded one; only the file matters here.
NEEDLEBOOK_WRITE_CATALOG="$out" bash "$here/run_with_server.sh" "$build/tests/unit_tests" -ts=postgres \
    -tc='server check: a new clinic*catalog*' >/dev/null || true
[[ -s $out ]] || { echo "write_catalog.sh: no description was written" >&2; exit 1; }
echo "wrote $out ($(wc -l < "$out") lines); rebuild to embed it"
