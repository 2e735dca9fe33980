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

echo "=== Tests op SQLite ==="
env -u DATABASE_URL pytest -q -m "not browser" "$@"

pgdir=$(mktemp -d /tmp/doorbraak-pg.XXXXXX)
port=$(( 40000 + RANDOM % 20000 ))
trap 'scripts/pg.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
url=$(scripts/pg.sh start "$pgdir" "$port")
echo "=== Tests op PostgreSQL, met de browsertests ($url) ==="
DATABASE_URL="$url" pytest -q "$@"
echo "Schermafdrukken van de browsertests: $(pwd)/screenshots/"
