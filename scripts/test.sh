#!/usr/bin/env bash
# The whole suite: on SQLite, then on a PostgreSQL 15 server started here and stopped after.
# The browser tests (Playwright in Debian's chromium, axe-core) run once, in the PostgreSQL pass.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  echo "Chromium ontbreekt; installeren met apt-get (Debian-pakket chromium)..."
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get install -y -q chromium >/dev/null || { $apt_get update -q >/dev/null && $apt_get install -y -q chromium >/dev/null; }
fi
export DOORBRAAK_CHROMIUM="${DOORBRAAK_CHROMIUM:-$(command -v chromium)}"
# PgBouncer for the pooler tests of the PostgreSQL pass (src/doorbraak/replica/tests).
if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
  echo "PgBouncer ontbreekt; installeren met apt-get (Debian-pakket pgbouncer)..."
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get install -y -q pgbouncer >/dev/null || { $apt_get update -q >/dev/null && $apt_get install -y -q pgbouncer >/dev/null; }
fi

# The two passes run side by side (each is one pytest process, so each keeps a core busy on a
# 2-core machine); the SQLite pass works in a data directory of its own (audit export, media,
# documents) so the passes share no files, and its output is printed when both are done.
pgdir=$(mktemp -d /tmp/doorbraak-pg.XXXXXX)
sqlitedir=$(mktemp -d /tmp/doorbraak-sqlite.XXXXXX)
port=$(( 40000 + RANDOM % 20000 ))
sqlite_pid=""
opruimen() {
  [ -n "$sqlite_pid" ] && kill "$sqlite_pid" 2>/dev/null || true
  scripts/pg.sh stop "$pgdir"
  rm -rf "$pgdir" "$sqlitedir"
}
trap opruimen EXIT
url=$(scripts/pg.sh start "$pgdir" "$port")

echo "=== Tests op SQLite (naast de PostgreSQL-ronde; uitvoer volgt aan het eind) ==="
env -u DATABASE_URL DOORBRAAK_DATA_DIR="$sqlitedir" pytest -q -m "not browser" "$@" \
  >"$sqlitedir/uitvoer.txt" 2>&1 &
sqlite_pid=$!

echo "=== Tests op PostgreSQL, met de browsertests ($url) ==="
pg_rc=0
DATABASE_URL="$url" pytest -q "$@" || pg_rc=$?
sqlite_rc=0
wait "$sqlite_pid" || sqlite_rc=$?
sqlite_pid=""
echo "=== Uitvoer van de SQLite-ronde ==="
cat "$sqlitedir/uitvoer.txt"
echo "Schermafdrukken van de browsertests: $(pwd)/screenshots/"
echo "SQLite: exitcode $sqlite_rc; PostgreSQL: exitcode $pg_rc"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
