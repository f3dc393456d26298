#!/usr/bin/env bash
# Coupons benchmarks. Starts Clipcast (embedded PostgreSQL) in a throwaway data dir and prints each figure with the
# ratio to its limit measured in the same run:
#   1. code generation: N codes generated and stored by a job (POST /offers/{id}/codes) vs psql \copy of the same rows
#      into the same table (same indexes), as superuser (COPY FROM is refused on row-level-secured tables otherwise);
#   2. redemptions over HTTP with unique codes (wrk) vs pgbench running the same conditional statement, alone in
#      auto-commit like the application, with the tenant scope set once per connection;
#   3. redemptions of one shared capped code over HTTP (wrk) vs pgbench with the same statement.
# Needs: java >= 21, curl, psql + pgbench (postgresql-client), wrk. Settings: CODES (1000000), BIG (0 = skip the
# 10 M run), DURATION (20 s per load run), CONN (32 connections), PORT (18080), SKIP_LOAD=1 (code generation only),
# SECTIONS (which of "codegen unique hot" to run, all by default), JAVA_OPTS (e.g. a JFR recording), WARMUP (30 s of
# unique-code redemptions before the measured run, so that the JIT has compiled the request path), RATE (3000: the
# unique-code redemptions are run twice, flat out on CONN connections, then paced at RATE per second with latency
# counted from when each request was due; pgbench runs the statement both ways too).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=bench/coupons
JAR=${JAR:-target/clipcast.jar} # JAR=path runs another build, e.g. main's for a before/after
CODES=${CODES:-1000000}
BIG=${BIG:-0}
DURATION=${DURATION:-20}
CONN=${CONN:-32}
PORT=${PORT:-18080}
WARMUP=${WARMUP:-30}
RATE=${RATE:-3000}
SECTIONS=${SECTIONS:-codegen unique hot}
want() { [[ " $SECTIONS " == *" $1 "* ]]; }
. bench/lib.sh # api, json, now_ms, http_get
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
DATA=$(mktemp -d /tmp/clipcast-bench.XXXXXX)
echo "data dir $DATA; $(nproc) cores"
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -jar "$JAR" serve --port "$PORT" --data-dir "$DATA" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"' EXIT
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do
  kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 1
done
KEY=$("$JAVA" -jar "$JAR" tenant create --name "Bench $RANDOM" --plan GOLD --data-dir "$DATA" 2>/dev/null | sed -n 's/^API key: //p')
PGPORT=$(sed -n 4p "$(find "$DATA" -name postmaster.pid | head -1)")
PSQL="psql -X -q -t -A -h localhost -p $PGPORT -U postgres -d clipcast"
TENANT=$(api "localhost:$PORT/api/v1/tenant" | json "['id']")
ratio() { python3 -c "print(f'{$1:.2f}')"; }

offer() { # name, extra JSON fields
  api -X POST "localhost:$PORT/api/v1/offers" \
    -d "{\"name\": \"$1\", \"discount\": {\"type\": \"PERCENT\", \"value\": 10}, \"codeFormat\": {\"length\": 12}$2}" | json "['id']"
}
generate() { # offer, count -> seconds the job took (database clock, created to finished)
  local job
  job=$(api -X POST "localhost:$PORT/api/v1/offers/$1/codes" -d "{\"count\": $2}" | json "['jobId']")
  http_get "/api/v1/code-jobs/$job"
  while [[ "$BODY" == *'"status":"RUNNING"'* || "$BODY" == *'"status":"QUEUED"'* ]]; do
    sleep 0.2
    http_get "/api/v1/code-jobs/$job"
  done
  $PSQL -c "SELECT extract(epoch FROM finished_at - created_at) FROM code_job WHERE id = '$job' AND status = 'DONE'"
}

if want codegen; then
echo "== 1. code generation: $CODES codes"
GEN=$(offer "Bench generation" "")
$PSQL -c "CHECKPOINT"
T_APP=$(generate "$GEN" "$CODES")
$PSQL -c "\\copy (SELECT tenant_id, code, offer_id FROM coupon_code WHERE offer_id = '$GEN') TO '$DATA/codes.tsv'"
ROWS=$(wc -l < "$DATA/codes.tsv")
$PSQL -c "TRUNCATE coupon_code" -c "CHECKPOINT"
START=$(now_ms)
$PSQL -c "\\copy coupon_code (tenant_id, code, offer_id) FROM '$DATA/codes.tsv'"
T_COPY=$(python3 -c "print(($(now_ms) - $START) / 1000)")
echo "RESULT codegen codes=$ROWS app_s=$T_APP copy_s=$T_COPY ratio_copy_over_app=$(ratio "$T_COPY / $T_APP")"
$PSQL -c "TRUNCATE coupon_code" -c "CHECKPOINT"
if [ "$BIG" != 0 ]; then
  BIGOFFER=$(offer "Bench big" "")
  T_BIG=$(generate "$BIGOFFER" "$BIG")
  echo "RESULT codegen_big codes=$BIG app_s=$T_BIG"
  $PSQL -c "TRUNCATE coupon_code" -c "CHECKPOINT"
fi

fi

if [ "${SKIP_LOAD:-0}" = 1 ]; then exit 0; fi

if want unique; then
echo "== 2. redemptions with unique codes, $CONN connections, ${DURATION}s"
RED=$(offer "Bench redeem" "")
generate "$RED" 600000 > /dev/null
$PSQL -c "\\copy (SELECT code FROM coupon_code WHERE offer_id = '$RED' ORDER BY random()) TO '$DATA/redeem.txt'"
head -n 200000 "$DATA/redeem.txt" > "$DATA/warm.txt"
sed -n 200001,450000p "$DATA/redeem.txt" > "$DATA/main.txt"
tail -n +450001 "$DATA/redeem.txt" > "$DATA/paced.txt"
export API_KEY=$KEY WRK_THREADS=2
CODES_FILE=$DATA/warm.txt wrk -t2 -c"$CONN" -d"${WARMUP}s" -s $HERE/redeem.lua "http://localhost:$PORT" > /dev/null
BEFORE=$($PSQL -c "SELECT count(*) FROM redemption WHERE offer_id = '$RED'")
POSTMASTER=$(head -1 "$(find "$DATA" -name postmaster.pid | head -1)")
CPU_BEFORE=$(cpu_snapshot $SERVER "$POSTMASTER"); BUSY_BEFORE=$(machine_busy)
CODES_FILE=$DATA/main.txt wrk -t2 -c"$CONN" -d"${DURATION}s" --latency -s $HERE/redeem.lua "http://localhost:$PORT" | tee "$DATA/wrk-unique.txt" | grep RESULT
CPU_AFTER=$(cpu_snapshot $SERVER "$POSTMASTER"); BUSY_AFTER=$(machine_busy)
AFTER=$($PSQL -c "SELECT count(*) FROM redemption WHERE offer_id = '$RED'")
HTTP_RATE=$(python3 -c "print(round(($AFTER - $BEFORE) / $DURATION))")
# Where the two cores went, per redemption: the server's JVM, PostgreSQL, and the rest (wrk, mostly).
per_redemption() { # CPU_USED BUSY_SECONDS REDEMPTIONS LABEL
  python3 - "$@" <<'PY'
import sys
used = dict(zip(sys.argv[1].split()[::2], map(float, sys.argv[1].split()[1::2])))
busy, n, label = float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rest = busy - used["java"] - used["postgres"]
print(f"CPU per redemption, {label}: JVM {used['java'] / n * 1e6:.0f} us, PostgreSQL {used['postgres'] / n * 1e6:.0f} us,"
      f" the rest {rest / n * 1e6:.0f} us ({busy:.1f} s of CPU in all)")
PY
}
per_redemption "$(cpu_used "$CPU_BEFORE" "$CPU_AFTER")" "$(python3 -c "print($BUSY_AFTER - $BUSY_BEFORE)")" \
  $((AFTER - BEFORE)) "HTTP flat out (the rest: wrk)"
# The same requests paced at the target rate: the latency a till sees when the server is not run flat out.
RATE=$RATE CODES_FILE=$DATA/paced.txt wrk -t2 -c"$CONN" -d"${DURATION}s" -s $HERE/redeem.lua "http://localhost:$PORT" \
  | tee "$DATA/wrk-paced.txt" | grep -E 'RESULT paced|^slow'
DOUBLE=$($PSQL -c "SELECT count(*) FROM (SELECT code FROM redemption WHERE offer_id = '$RED' GROUP BY code HAVING count(*) > 1) d")

PG=$(offer "Bench pgbench" "")
$PSQL -c "INSERT INTO coupon_code (tenant_id, code, offer_id) SELECT '$TENANT', 'PGB' || lpad(g::text, 9, '0'), '$PG' FROM generate_series(1, 2000000) g" -c "VACUUM ANALYZE coupon_code"
sed -e "s/TENANT/$TENANT/" $HERE/redeem-unique.sql > "$DATA/redeem-unique.sql"
# The tenant scope is set once per connection, as the application's pool does (it skips an unchanged set_config).
pgb() { PGOPTIONS="-c clipcast.tenant_id=$TENANT -c clipcast.scope=tenant" \
  pgbench -n -M prepared -h localhost -p "$PGPORT" -U clipcast -d clipcast -c "$CONN" -j 2 "$@"; }
CPU_BEFORE=$(cpu_snapshot $SERVER "$POSTMASTER"); BUSY_BEFORE=$(machine_busy)
pgb -T "$DURATION" -D i=0 -D clients="$CONN" -l --log-prefix="$DATA/pgbench-unique-log" -f "$DATA/redeem-unique.sql" \
  > "$DATA/pgbench-unique.txt" 2>&1 || { cat "$DATA/pgbench-unique.txt"; exit 1; }
CPU_AFTER=$(cpu_snapshot $SERVER "$POSTMASTER"); BUSY_AFTER=$(machine_busy)
PG_RATE=$($PSQL -c "SELECT round(count(*) / $DURATION.0) FROM redemption WHERE offer_id = '$PG'")
per_redemption "$(cpu_used "$CPU_BEFORE" "$CPU_AFTER")" "$(python3 -c "print($BUSY_AFTER - $BUSY_BEFORE)")" \
  "$($PSQL -c "SELECT count(*) FROM redemption WHERE offer_id = '$PG'")" "pgbench flat out (the rest: pgbench)"
# The statement's own latency tail on the same machine in the same run, from pgbench's per-transaction log.
PG_LATENCY=$(cat "$DATA"/pgbench-unique-log.* | python3 -c "
import sys
us = sorted(int(line.split()[2]) for line in sys.stdin)
print(f'pgbench_p50_ms={us[len(us) // 2] / 1000:.2f} pgbench_p99_ms={us[len(us) * 99 // 100] / 1000:.2f}')")
echo "RESULT unique http_per_s=$HTTP_RATE double_redemptions=$DOUBLE pgbench_per_s=$PG_RATE ratio=$(ratio "$HTTP_RATE / $PG_RATE") $PG_LATENCY"
# The bare statement paced at the same rate (pgbench --rate counts latency from each transaction's scheduled start,
# like redeem.lua): the tail the database and its disk give at that rate, which the HTTP path cannot beat. Its codes
# start after the flat-out run's (at most 10,000 per connection).
pgb -T "$DURATION" -R "$RATE" -D i=10000 -D clients="$CONN" -l --log-prefix="$DATA/pgbench-paced-log" \
  -f "$DATA/redeem-unique.sql" > "$DATA/pgbench-paced.txt" 2>&1 || { cat "$DATA/pgbench-paced.txt"; exit 1; }
cat "$DATA"/pgbench-paced-log.* | python3 -c "
import sys
us = sorted(int(f[2]) + int(f[6]) for f in (line.split() for line in sys.stdin))
pct = lambda p: us[min(len(us) - 1, len(us) * p // 1000)] / 1000
print(f'RESULT pgbench_paced rate=$RATE transactions={len(us)} p50_ms={pct(500):.2f} p99_ms={pct(990):.2f} p999_ms={pct(999):.2f} max_ms={us[-1] / 1000:.2f}')"

fi

if want hot; then
echo "== 3. one shared code with a cap, $CONN connections, ${DURATION}s"
HOT=$(offer "Bench hot" ", \"maxRedemptionsTotal\": 100000000")
api -X POST "localhost:$PORT/api/v1/offers/$HOT/generic-code" -d '{"code": "BENCH-HOT"}' > /dev/null
export GENERIC_CODE=BENCH-HOT
wrk -t2 -c"$CONN" -d5s -s $HERE/generic.lua "http://localhost:$PORT" > /dev/null
BEFORE=$($PSQL -c "SELECT count(*) FROM redemption WHERE offer_id = '$HOT'")
wrk -t2 -c"$CONN" -d"${DURATION}s" --latency -s $HERE/generic.lua "http://localhost:$PORT" | tee "$DATA/wrk-hot.txt" | grep RESULT
AFTER=$($PSQL -c "SELECT count(*) FROM redemption WHERE offer_id = '$HOT'")
COUNTER=$($PSQL -c "SELECT redeemed_total FROM offer WHERE id = '$HOT'")
HOT_RATE=$(python3 -c "print(round(($AFTER - $BEFORE) / $DURATION))")
PGHOT=$(offer "Bench pgbench hot" ", \"maxRedemptionsTotal\": 100000000")
$PSQL -c "INSERT INTO coupon_code (tenant_id, code, offer_id, generic) VALUES ('$TENANT', 'PGB-HOT', '$PGHOT', true)"
sed -e "s/TENANT/$TENANT/" $HERE/redeem-generic.sql > "$DATA/redeem-generic.sql"
pgb -T "$DURATION" -f "$DATA/redeem-generic.sql" > "$DATA/pgbench-hot.txt" 2>&1 || { cat "$DATA/pgbench-hot.txt"; exit 1; }
PG_HOT=$($PSQL -c "SELECT round(count(*) / $DURATION.0) FROM redemption WHERE offer_id = '$PGHOT'")
echo "RESULT hot http_per_s=$HOT_RATE redemptions=$AFTER offer_counter=$COUNTER pgbench_per_s=$PG_HOT ratio=$(ratio "$HOT_RATE / $PG_HOT")"
fi
