#!/usr/bin/env bash
# A throw-away PostgreSQL 15 primary with a streaming replica (pg_basebackup -R, replication
# slot, hot_standby), each on its own socket directory and port, for tests and the benchmark.
#   scripts/pg-cluster.sh start DIR PORT_PRIMAIR PORT_REPLICA [sync]
#       -> prints PRIMAIR_URL=…, REPLICA_URL=… and DATABASE_URL=… (multi-host, read-write)
#       'sync': synchronous replication (synchronous_standby_names), so a commit the client saw
#       is also on the replica (what Patroni's synchronous_mode does in production).
#   scripts/pg-cluster.sh stop-primair DIR      (pg_ctl stop -m immediate: a crash)
#   scripts/pg-cluster.sh promote DIR           (the replica becomes the primary)
#   scripts/pg-cluster.sh stop DIR
# As root the servers run as the 'postgres' user (initdb refuses root), as in scripts/pg.sh.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
actie=$1; dir=$2

als_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
url() { # url SOCKETDIR PORT
  local enc; enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")
  echo "postgres://postgres@${enc}:$2/doorbraak"
}
start_server() { # start_server DATADIR SOCKETDIR PORT
  als_pg "$PGBIN/pg_ctl" -D "$1" -l "$1/../$(basename "$1").log" -w -t 60 start \
    -o "-k $2 -p $3 -c listen_addresses=''" >/dev/null
}

case "$actie" in
  start)
    poort_p=$3; poort_r=$4; modus=${5:-async}
    if [ ! -x "$PGBIN/initdb" ]; then
      echo "PostgreSQL 15 ontbreekt; installeren..." >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
    fi
    mkdir -p "$dir/p" "$dir/r"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
    als_pg "$PGBIN/initdb" -D "$dir/p/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    als_pg tee -a "$dir/p/data/postgresql.conf" >/dev/null <<CONF
# doorbraak: streaming replication (scripts/pg-cluster.sh)
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
hot_standby_feedback = on
synchronous_commit = on
# Throw-away servers: no fsync. The failover test crashes PostgreSQL (immediate stop), not the
# machine, so what reached the OS survives; production keeps fsync on.
fsync = off
full_page_writes = on
max_connections = 200
wal_receiver_status_interval = 1s
CONF
    echo "local replication all trust" | als_pg tee -a "$dir/p/data/pg_hba.conf" >/dev/null
    start_server "$dir/p/data" "$dir/p" "$poort_p"
    als_pg "$PGBIN/psql" -h "$dir/p" -p "$poort_p" -U postgres -qAt \
      -c "SELECT pg_create_physical_replication_slot('replica')" -c "CREATE DATABASE doorbraak" >/dev/null
    # The replica: a base backup with -R (standby.signal + primary_conninfo), on the slot.
    als_pg "$PGBIN/pg_basebackup" -h "$dir/p" -p "$poort_p" -U postgres -D "$dir/r/data" \
      -R -S replica -X stream -c fast
    als_pg sed -i "s/^primary_conninfo = '/primary_conninfo = 'application_name=replica /" \
      "$dir/r/data/postgresql.auto.conf"
    start_server "$dir/r/data" "$dir/r" "$poort_r"
    if [ "$modus" = sync ]; then  # only now: with no standby yet, every commit would wait
      als_pg "$PGBIN/psql" -h "$dir/p" -p "$poort_p" -U postgres -qAt \
        -c "ALTER SYSTEM SET synchronous_standby_names = 'replica'" -c "SELECT pg_reload_conf()" >/dev/null
    fi
    echo "$poort_p $poort_r" > "$dir/poorten"
    p=$(url "$dir/p" "$poort_p"); r=$(url "$dir/r" "$poort_r")
    echo "PRIMAIR_URL=$p"
    echo "REPLICA_URL=$r"
    # libpq multi-host: whichever of the two accepts writes (after a failover: the promoted one).
    enc_p=${p#postgres://postgres@}; enc_r=${r#postgres://postgres@}
    echo "DATABASE_URL=postgres://postgres@${enc_p%%/*},${enc_r%%/*}/doorbraak?target_session_attrs=read-write"
    ;;
  stop-primair)
    [ -f "$dir/p/data/postmaster.pid" ] && als_pg "$PGBIN/pg_ctl" -D "$dir/p/data" -m immediate -w stop >/dev/null || true
    ;;
  promote)
    als_pg "$PGBIN/pg_ctl" -D "$dir/r/data" -w -t 60 promote >/dev/null
    ;;
  stop)
    for d in "$dir/r/data" "$dir/p/data"; do
      [ -f "$d/postmaster.pid" ] && als_pg "$PGBIN/pg_ctl" -D "$d" -m fast -w stop >/dev/null || true
    done
    ;;
  *) echo "gebruik: $0 start DIR PORT_PRIMAIR PORT_REPLICA [sync] | stop-primair DIR | promote DIR | stop DIR" >&2; exit 2 ;;
esac
