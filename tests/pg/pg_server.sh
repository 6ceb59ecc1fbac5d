#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests: no TCP, a unix socket in DIR/socket, trust
# authentication for the one superuser needlebook_owner, C locale and UTF-8.
#
#   eval "$(bash tests/pg/pg_server.sh start DIR)"   # or: source tests/pg/pg_server.sh start DIR
#   psql -c 'SELECT 1'
#   bash tests/pg/pg_server.sh stop DIR               # stops it and removes DIR
#
# `start` prints the export lines for PGHOST, PGPORT, PGUSER and PGDATABASE (and exports them
# when the script is sourced). PostgreSQL refuses to run as root, so as root the cluster belongs
# to `nobody` (or $PG_SERVER_USER): DIR must then be reachable by that user (under /tmp, say).
# The binaries are looked up in /usr/lib/postgresql/*/bin (the newest version), as the Debian
# package installs them, or $PG_BIN when set. DIR's socket path must stay under ~100 bytes.

pg_server_main() {
    local command=${1:-} dir=${2:-}
    if [[ -z $command || -z $dir || $# -ne 2 ]]; then
        echo "usage: pg_server.sh start|stop DIR" >&2
        return 2
    fi

    local bin=${PG_BIN:-}
    if [[ -z $bin ]]; then
        bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    if [[ -z $bin || ! -x $bin/pg_ctl || ! -x $bin/initdb ]]; then
        echo "pg_server.sh: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin" \
             "(install postgresql, or set PG_BIN)" >&2
        return 1
    fi

    # As root, every server command runs as an unprivileged user.
    local -a as_owner=()
    local owner
    owner=$(id -un)
    if [[ $(id -u) -eq 0 ]]; then
        owner=${PG_SERVER_USER:-nobody}
        if command -v runuser >/dev/null; then
            as_owner=(runuser -u "$owner" --)
        else
            as_owner=(setpriv --reuid="$owner" --regid="$(id -g "$owner")" --clear-groups --)
        fi
    fi

    local port=${PG_SERVER_PORT:-5432}
    case $command in
    start)
        if [[ -e $dir && -n $(ls -A "$dir" 2>/dev/null) ]]; then
            echo "pg_server.sh: $dir exists and is not empty" >&2
            return 1
        fi
        mkdir -p "$dir" || return 1
        dir=$(cd "$dir" && pwd) || return 1
        if (( ${#dir} > 80 )); then
            echo "pg_server.sh: $dir is too long a path for a unix socket" >&2
            rmdir "$dir"
            return 1
        fi
        mkdir -p "$dir/socket" || return 1
        : > "$dir/.needlebook-pg-server"
        if [[ $(id -u) -eq 0 ]]; then
            chown -R "$owner" "$dir" || return 1
            if ! "${as_owner[@]}" test -w "$dir"; then
                echo "pg_server.sh: $owner cannot reach $dir (a parent folder is closed to it)" >&2
                rm -rf "$dir"
                return 1
            fi
        fi
        if ! "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U needlebook_owner \
                --locale=C -E UTF8 -N --no-instructions >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2
            return 1
        fi
        # Throw-away: no TCP, no durability.
        cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$dir/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
        if ! "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
                start >/dev/null; then
            cat "$dir/server.log" >&2
            return 1
        fi
        echo "export PGHOST='$dir/socket' PGPORT=$port PGUSER=needlebook_owner PGDATABASE=postgres"
        export PGHOST="$dir/socket" PGPORT=$port PGUSER=needlebook_owner PGDATABASE=postgres
        ;;
    stop)
        if [[ ! -e $dir/.needlebook-pg-server ]]; then
            echo "pg_server.sh: $dir is not a cluster made by pg_server.sh start" >&2
            return 1
        fi
        local status=0
        if [[ -e $dir/data/postmaster.pid ]]; then
            "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop || status=1
        fi
        rm -rf "$dir"
        return $status
        ;;
    *)
        echo "usage: pg_server.sh start|stop DIR" >&2
        return 2
        ;;
    esac
}

if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
    pg_server_main "$@"
else
    set -u
    pg_server_main "$@"
    exit $?
fi
