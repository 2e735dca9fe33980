#!/usr/bin/env bash
# Web and worker together, as `make run` starts them: gunicorn and `doorbraak qcluster`.
# Ctrl-C (or either process stopping) stops both. Honours HOST, PORT, DATABASE_URL, BIN and
# WEB_WORKERS. A hosting party runs the two as separate services instead (see README).
set -uo pipefail
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# Request metrics of all gunicorn workers, added up at /metrics (prometheus_client).
eigen_metriekenmap=""
if [ -z "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  eigen_metriekenmap=$(mktemp -d "${TMPDIR:-/tmp}/doorbraak-metrieken.XXXXXX")
  export PROMETHEUS_MULTIPROC_DIR=$eigen_metriekenmap
fi
toegang='{"tijd": "%(t)s", "logger": "gunicorn.access", "methode": "%(m)s", "pad": "%(U)s", "status": %(s)s, "duur_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'

"$BIN/gunicorn" doorbraak.config.wsgi -b "$HOST:$PORT" -w "${WEB_WORKERS:-2}" \
  --access-logfile - --access-logformat "$toegang" &
web=$!
"$BIN/doorbraak" qcluster &
werker=$!

stop() {
  trap - INT TERM
  kill -TERM "$web" "$werker" 2>/dev/null
  wait "$web" "$werker" 2>/dev/null
  [ -n "$eigen_metriekenmap" ] && rm -rf "$eigen_metriekenmap"
}
trap 'stop; exit 0' INT TERM
wait -n "$web" "$werker"
status=$?
echo "Een van de processen stopte ($status); de andere wordt ook gestopt." >&2
stop
exit "$status"
