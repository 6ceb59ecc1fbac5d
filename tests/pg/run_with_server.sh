#!/usr/bin/env bash
# Runs CMD against a throw-away PostgreSQL server (tests/pg/pg_server.sh) and stops the server
# afterwards, whatever CMD does:
#
#   tests/pg/run_with_server.sh CMD [ARG…]
#
# CMD sees PGHOST, PGPORT, PGUSER, PGDATABASE and NEEDLEBOOK_TEST_POSTGRES (a libpq conninfo for
# the superuser needlebook_owner on the database postgres). Exits with CMD's status.
set -uo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: run_with_server.sh CMD [ARG…]" >&2
    exit 2
fi

# Skipped (77) on a machine without the server: .ci/setup tests installs postgresql.
if [[ -z ${PG_BIN:-} ]] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "run_with_server.sh: no PostgreSQL server installed; skipped" >&2
    exit 77
fi

here=$(cd "$(dirname "$0")" && pwd)
# Under /tmp: as root the server runs as nobody, who must reach the folder.
dir=$(mktemp -d /tmp/nb-pg.XXXXXX) || exit 1
chmod 755 "$dir"

stop_server() {
    bash "$here/pg_server.sh" stop "$dir" >/dev/null 2>&1 || rm -rf "$dir"
}
child=
# On a signal, CMD goes first, then the server (the EXIT trap).
on_signal() {
    [[ -n $child ]] && kill -TERM "$child" 2>/dev/null && wait "$child"
    exit "$1"
}
trap stop_server EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

if ! exports=$(bash "$here/pg_server.sh" start "$dir"); then
    echo "run_with_server.sh: the PostgreSQL server did not start" >&2
    exit 1
fi
eval "$exports"
export NEEDLEBOOK_TEST_POSTGRES="host=$PGHOST port=$PGPORT user=$PGUSER dbname=postgres"

# In the background, so that a signal reaches the trap while CMD runs; stdin stays CMD's.
"$@" <&0 &
child=$!
wait "$child"
exit $?
