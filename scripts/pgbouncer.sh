#!/usr/bin/env bash
# A throw-away PgBouncer in transaction mode in front of a PostgreSQL server (tests, bench).
#   scripts/pgbouncer.sh start DIR PORT SERVER_HOST SERVER_PORT  -> prints the DATABASE_URL
#   scripts/pgbouncer.sh stop DIR
# Installs the Debian package when missing. PgBouncer refuses to run as root, so as root it
# runs as the 'postgres' user. The app behind it needs DOORBRAAK_PGBOUNCER=1 (see README).
set -euo pipefail
actie=$1; dir=$2
als_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PGBOUNCER=${PGBOUNCER:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}

case "$actie" in
  start)
    poort=$3; server_host=$4; server_poort=$5
    if [ ! -x "$PGBOUNCER" ]; then
      echo "PgBouncer ontbreekt; installeren..." >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >&2
      PGBOUNCER=/usr/sbin/pgbouncer
    fi
    mkdir -p "$dir"
    echo '"postgres" ""' > "$dir/gebruikers.txt"
    cat > "$dir/pgbouncer.ini" <<CONF
[databases]
* = host=$server_host port=$server_poort timezone=UTC

[pgbouncer]
listen_addr =
listen_port = $poort
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/gebruikers.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
admin_users = postgres
CONF
    [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
    als_pg "$PGBOUNCER" -d -q "$dir/pgbouncer.ini"
    for _ in $(seq 50); do [ -S "$dir/.s.PGSQL.$poort" ] && break; sleep 0.1; done
    enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$dir")
    echo "postgres://postgres@${enc}:${poort}/doorbraak"
    ;;
  stop)
    if [ -f "$dir/pgbouncer.pid" ]; then
      kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
      for _ in $(seq 50); do [ -f "$dir/pgbouncer.pid" ] || break; sleep 0.1; done
    fi
    ;;
  *) echo "gebruik: $0 start DIR PORT SERVER_HOST SERVER_PORT | stop DIR" >&2; exit 2 ;;
esac
