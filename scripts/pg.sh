#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL 15 server on its own socket directory and port.
#   scripts/pg.sh start DIR PORT   -> prints the DATABASE_URL on stdout
#   scripts/pg.sh stop DIR
# Installs the Debian package when the server binaries are missing. initdb refuses to run as
# root, so as root the server runs as the 'postgres' user in a directory it owns.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
actie=$1; dir=$2; port=${3:-55432}

als_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$actie" in
  start)
    if [ ! -x "$PGBIN/initdb" ]; then
      echo "PostgreSQL 15 ontbreekt; installeren..." >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      als_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    fi
    # Fast by default (tests, benches); PG_DUURZAAM=1 gives PostgreSQL's production durability.
    duurzaamheid="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DUURZAAM:-0}" = 1 ] && duurzaamheid="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    als_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-k $dir -p $port -c listen_addresses='' $duurzaamheid -c max_connections=200" >/dev/null
    enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$dir")
    echo "postgres://postgres@${enc}:${port}/doorbraak"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && als_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "gebruik: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
