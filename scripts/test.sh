#!/usr/bin/env bash
# The whole suite twice: on SQLite, then on a PostgreSQL 15 server started here and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "=== Tests op SQLite ==="
env -u DATABASE_URL pytest -q "$@"

pgdir=$(mktemp -d /tmp/doorbraak-pg.XXXXXX)
port=$(( 40000 + RANDOM % 20000 ))
trap 'scripts/pg.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
url=$(scripts/pg.sh start "$pgdir" "$port")
echo "=== Tests op PostgreSQL ($url) ==="
DATABASE_URL="$url" pytest -q "$@"
