#!/usr/bin/env bash
# Contact import with consent evidence: N CSV rows through POST /api/v1/imports (parse, validate, suppression
# check, COPY to staging, set-based merge, one ledger entry per contact, all in one transaction), compared with
# a bare COPY of the same file into a table with a unique index on email, in the same run on the same database.
#
# Usage: bench/contacts/import-bench.sh [rows]   (default 1000000; needs java 21+, curl, psql, python3)
# WARMUP=rows (default 0: a cold server, as in every figure so far) first imports that many rows into another tenant,
# untimed, so that the JIT has compiled the import (e.g. WARMUP=300000).
# AGAIN=1 then imports the same file once more into the same tenant (every row merged into an existing contact).
# BENCH_JAVA_OPTS adds options to the server JVM (e.g. -XX:StartFlightRecording=filename=/tmp/import.jfr).
# JAR=path runs another build (default target/clipcast.jar, built if missing), e.g. main's for a before/after.
# The server log's line for the import, with the time of each step, is printed at the end.
set -euo pipefail
ROWS=${1:-1000000}
WARMUP=${WARMUP:-0}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PORT=${BENCH_PORT:-18391}
WORK=$(mktemp -d /tmp/clipcast-bench-contacts.XXXXXX)
JAR=${JAR:-$ROOT/target/clipcast.jar}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
. "$ROOT/bench/lib.sh" # cpu_snapshot, cpu_used, thread_snapshot, threads_used, http_get

if [[ ! -f "$JAR" ]]; then
  (cd "$ROOT" && ./mvnw -B -o -q -DskipTests package)
fi

echo "Generating $ROWS rows..."
python3 "$HERE/generate.py" "$ROWS" "$WORK/contacts.csv"
ls -la "$WORK/contacts.csv" | awk '{print "File: " $5 " bytes"}'

export CLIPCAST_DATA_DIR="$WORK/data"
"$JAVA" -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$JAR" serve --port "$PORT" > "${BENCH_SERVER_LOG:-$WORK/server.log}" 2>&1 &
SERVER=$!
trap 'status=$?; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"; exit $status' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/actuator/health" > /dev/null 2>&1 && break
  sleep 1
done
KEY=$("$JAVA" -jar "$JAR" tenant create --name "Bench $$" 2>/dev/null | sed -n 's/^API key: //p')
[[ -n "$KEY" ]] || { echo "could not create a tenant"; exit 1; }
PGPORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
PSQL=(psql -X -q -h localhost -p "$PGPORT" -U postgres -d clipcast -v ON_ERROR_STOP=1)

# What the server wrote during the import: WAL (records, full-page images, bytes), checkpoints, and the buffers that
# the import's own backend had to write out (evicted dirty pages, WAL buffers full) instead of the background writers.
wal_snapshot() {
  "${PSQL[@]}" -At -F ' ' -c "SELECT w.wal_records, w.wal_fpi, w.wal_bytes, w.wal_buffers_full,
      c.num_done, c.buffers_written,
      (SELECT coalesce(sum(writes), 0) FROM pg_stat_io WHERE backend_type = 'client backend' AND object = 'relation')
    FROM pg_stat_wal w, pg_stat_checkpointer c"
}
# import_file FILE KEY: posts FILE as an email import with its attestation and waits for the job to end; sets ID,
# UPLOAD_S (how long the upload request took) and JOB (the job's last answer).
import_file() {
  local KEY=$2
  curl -fs -H "Authorization: Bearer $KEY" \
    -F "file=@$1" -F channel=EMAIL -F purpose=marketing -F consentMethod=WEB_FORM \
    -F "consentText=Yes, send me offers by email" -F "sourceDescription=Shop sign-up form export" \
    -F collectedAt=2026-01-01T00:00:00Z -F notPurchased=true \
    -w '\n%{time_total}' "http://localhost:$PORT/api/v1/imports" > "$WORK/started.txt"
  ID=$(head -1 "$WORK/started.txt" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  UPLOAD_S=$(tail -1 "$WORK/started.txt")
  # Polled four times a second through bash's own /dev/tcp (http_get): the poll costs the server a request, and no
  # process is started for it (a python3 per poll took 55 ms of CPU, a third of a core at five polls a second).
  while true; do
    http_get "/api/v1/imports/$ID"
    [[ "$BODY" != *'"status":"RUNNING"'* ]] && break
    sleep 0.25
  done
  JOB=$BODY
}

# The warm-up: a smaller import into another tenant first, untimed, as on a server that has run imports before (the
# JIT has compiled the import's code; PostgreSQL's shared buffers have been touched once). WARMUP=0 measures a cold
# server's first import (the default).
if (( WARMUP > 0 )); then
  python3 "$HERE/generate.py" "$WARMUP" "$WORK/warmup.csv"
  WARM_KEY=$("$JAVA" -jar "$JAR" tenant create --name "Bench warm-up $$" 2>/dev/null | sed -n 's/^API key: //p')
  WARM_START=$(date +%s.%N)
  import_file "$WORK/warmup.csv" "$WARM_KEY"
  WARM_END=$(date +%s.%N)
  echo "Warm-up: $WARMUP rows into another tenant in $(python3 -c "print(round($WARM_END - $WARM_START, 2))") s" \
    "($(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$JOB"), not part of the figure)"
  # Autovacuum would otherwise vacuum and analyze the warm-up's rows during the measured import, and the checkpointer
  # write their pages: both are done now.
  "${PSQL[@]}" -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
  rm -f "$WORK/warmup.csv"
  sleep 2
else
  echo "No warm-up: the figure is a cold server's first import"
fi

WAL_BEFORE=$(wal_snapshot)
CPU_BEFORE=$(cpu_snapshot "$SERVER" "$(head -1 "$WORK/data/postgres/postmaster.pid")")
THREADS_BEFORE=$(thread_snapshot "$SERVER")
START=$(date +%s.%N)
import_file "$WORK/contacts.csv" "$KEY"
END=$(date +%s.%N)
STATUS=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$JOB")
CPU_AFTER=$(cpu_snapshot "$SERVER" "$(head -1 "$WORK/data/postgres/postmaster.pid")")
THREADS_AFTER=$(thread_snapshot "$SERVER")
sleep 2 # an idle backend reports its statistics within a second
WAL_AFTER=$(wal_snapshot)
IMPORTED=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(j["rowsImported"], "imported,", j["rowsRejected"], "rejected")' "$JOB")
IMPORT_S=$(python3 -c "print(round($END - $START, 2))")
echo "Import: $STATUS, $IMPORTED in ${IMPORT_S} s (upload included: the upload was answered in ${UPLOAD_S} s)"
cpu_used "$CPU_BEFORE" "$CPU_AFTER" | awk '{printf "CPU during the import: server JVM %.1f s, PostgreSQL %.1f s (busiest process %.1f s)\n", $2, $4, $6}'
echo "JVM threads: $(threads_used "$THREADS_BEFORE" "$THREADS_AFTER")"

python3 - "$WAL_BEFORE" "$WAL_AFTER" <<'PY'
import sys
before, after = ([float(x) for x in arg.split()] for arg in sys.argv[1:3])
records, fpi, size, full, checkpoints, checkpointed, backend = (a - b for a, b in zip(after, before))
print(f"WAL during the import: {size / 2**20:,.0f} MB, {records:,.0f} records, {fpi:,.0f} full-page images, "
      f"WAL buffers full {full:,.0f}x; checkpoints {checkpoints:.0f} ({checkpointed:,.0f} buffers); "
      f"relation pages written by backends {backend:,.0f}")
PY

"${PSQL[@]}" -c "CREATE TABLE bench_copy (email text, first_name text, last_name text, country text, lists text)" \
  -c "CREATE UNIQUE INDEX ON bench_copy (email)"
START=$(date +%s.%N)
"${PSQL[@]}" -c "\\copy bench_copy FROM '$WORK/contacts.csv' WITH (FORMAT csv, HEADER true)"
END=$(date +%s.%N)
COPY_S=$(python3 -c "print(round($END - $START, 2))")
echo "COPY of the same file (unique index on email): ${COPY_S} s"
python3 - "$ROWS" "$IMPORT_S" "$COPY_S" <<'PY'
import sys
rows, imp, cop = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"Figure: {rows:,} rows imported with consent evidence in {imp:.2f} s = {rows / imp:,.0f} rows/s "
      f"(target <= 15 s); COPY {cop:.2f} s; import/COPY time ratio {imp / cop:.1f}x (COPY/import {cop / imp:.2f})")
PY
grep -o 'Import [0-9a-f-]*: .*' "${BENCH_SERVER_LOG:-$WORK/server.log}" | tail -1

# AGAIN=1: the same file once more into the same tenant, whose contacts now all exist: every row is merged into its
# contact (one transaction, no lanes), the case of a merchant importing an updated export.
if [[ "${AGAIN:-0}" == 1 ]]; then
  CPU_BEFORE=$(cpu_snapshot "$SERVER" "$(head -1 "$WORK/data/postgres/postmaster.pid")")
  START=$(date +%s.%N)
  import_file "$WORK/contacts.csv" "$KEY"
  END=$(date +%s.%N)
  CPU_AFTER=$(cpu_snapshot "$SERVER" "$(head -1 "$WORK/data/postgres/postmaster.pid")")
  echo "Again into the same tenant: $(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(j["status"], j["rowsImported"], "imported,", j["rowsRejected"], "rejected")' "$JOB") in $(python3 -c "print(round($END - $START, 2))") s"
  cpu_used "$CPU_BEFORE" "$CPU_AFTER" | awk '{printf "CPU during it: server JVM %.1f s, PostgreSQL %.1f s (busiest process %.1f s)\n", $2, $4, $6}'
  grep -o 'Import [0-9a-f-]*: .*' "${BENCH_SERVER_LOG:-$WORK/server.log}" | tail -1
fi
