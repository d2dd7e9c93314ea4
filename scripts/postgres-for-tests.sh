#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the tests and prints the URL to use.
# Usage: eval "$(bash scripts/postgres-for-tests.sh start)"; …; bash scripts/postgres-for-tests.sh stop DIR
# Needs Debian's postgresql package (installed here when run as root) and, as root, the postgres user.
set -euo pipefail
PORT="${PGPORT_FOR_TESTS:-54329}"

case "${1:-start}" in
start)
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null
        else
            echo "echo 'PostgreSQL tests skipped: install postgresql' >&2"
            exit 0
        fi
    fi
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    DIR=$(mktemp -d /tmp/dtdesktop-pg.XXXXXX)
    AS=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$DIR"
        AS=(runuser -u postgres --)
    fi
    "${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
        -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    echo "export DTDESKTOP_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
    echo "export DTDESKTOP_TEST_PG_DIR=$DIR"
    ;;
stop)
    DIR="${2:?the folder printed by start}"
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    AS=()
    [ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
esac
