#!/usr/bin/env bash
# Tracking benchmark. Starts Clipcast (--demo, embedded PostgreSQL) in a throwaway data dir, makes signed open and
# click tokens for the demo tenant with the platform's tracking secret (read with psql; tokens.py is the same
# algorithm as TrackingToken), and runs wrk against:
#   0. GET /css/clipcast.css: a static file through the same server and filters, as a reference for what the
#      machine did at that moment (Spring's static resource handling is no lighter than the pixel);
#   1. GET /o/{token}: open pixels, every request a different message (TOKENS of them, reused when exhausted);
#   2. GET /r/{token}: click redirects, the same;
#   3. GET /o/{token}: one token only, a reload storm, to show repeats are held back.
# For 1-3 it waits for the buffer to be written and checks that every answered request is accounted for
# (buffered + repeated + dropped, from /actuator/prometheus; up to CONN more than wrk counts, the requests still in
# flight when wrk stops) and that delivery_event has exactly the buffered rows.
# Prints RESULT lines with events/s and p99 and their ratios to the target (>= 10,000/s, p99 <= 10 ms).
# Needs: java >= 21, curl, psql (postgresql-client), python3, wrk. Settings: DURATION (30 s), CONN (64),
# TOKENS (600000 per kind), PORT (18097), WARMUP (10 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=bench/tracking
JAR=target/clipcast.jar
DURATION=${DURATION:-30}
CONN=${CONN:-64}
TOKENS=${TOKENS:-600000}
PORT=${PORT:-18097}
WARMUP=${WARMUP:-10}
TARGET_RATE=10000
TARGET_P99_MS=10
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
DATA=$(mktemp -d /tmp/clipcast-bench-tracking.XXXXXX)
echo "data dir $DATA; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
if (echo > "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null; then echo "port $PORT is in use; set PORT"; exit 1; fi
"$JAVA" -jar "$JAR" serve --demo --port "$PORT" --data-dir "$DATA" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do
  kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 1
done
PGPORT=$(sed -n 4p "$(find "$DATA" -name postmaster.pid | head -1)")
PSQL="psql -X -q -t -A -h localhost -p $PGPORT -U postgres -d clipcast"
BASE="http://localhost:$PORT"
py() { python3 -c "$1"; }
uuid() { py 'import uuid; print(uuid.uuid4())'; }

# The first tracking request makes the platform's tracking secret if no node has yet.
curl -s -o /dev/null "$BASE/o/warm-up"
TENANT=$($PSQL -c "SELECT id FROM tenant WHERE slug = 'demo'")
SECRET=$($PSQL -c "SELECT encode(secret, 'hex') FROM platform_secret WHERE name = 'tracking-token'")
[ -n "$TENANT" ] && [ -n "$SECRET" ] || { echo "no demo tenant or tracking secret"; exit 1; }
C_WARM=$(uuid); C_OPEN=$(uuid); C_CLICK=$(uuid); C_STORM=$(uuid)
python3 $HERE/tokens.py "$SECRET" "$TENANT" "$C_WARM" open 50000 > "$DATA/warm-open.txt"
python3 $HERE/tokens.py "$SECRET" "$TENANT" "$C_WARM" click 50000 > "$DATA/warm-click.txt"
python3 $HERE/tokens.py "$SECRET" "$TENANT" "$C_OPEN" open "$TOKENS" > "$DATA/open.txt"
python3 $HERE/tokens.py "$SECRET" "$TENANT" "$C_CLICK" click "$TOKENS" > "$DATA/click.txt"
python3 $HERE/tokens.py "$SECRET" "$TENANT" "$C_STORM" open 1 > "$DATA/storm.txt"
printf 'css/clipcast.css\n%.0s' 1 2 > "$DATA/static.txt"

# The script's tokens are the application's: a click token redirects to its target.
LOCATION=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/r/$(head -1 "$DATA/warm-click.txt")")
[ "$LOCATION" = "302 https://shop.example/spring-sale?utm_source=clipcast&n=0" ] \
  || { echo "tokens.py and the application disagree: $LOCATION"; exit 1; }

export WRK_THREADS=2
load() { # prefix, tokens file, seconds -> wrk's RESULT line
  PREFIX=$1 TOKENS_FILE=$2 wrk -t$WRK_THREADS -c"$CONN" -d"$3s" --latency -s $HERE/tokens.lua "$BASE" | grep RESULT
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }
metric() { # outcome -> counter value
  curl -sf "$BASE/actuator/prometheus" \
    | awk -v want="outcome=\"$1\"" '/^clipcast_tracking_events_total\{/ && index($0, want) { v = $2 } END { print v + 0 }'
}
rows() { $PSQL -c "SELECT count(*) FROM delivery_event WHERE campaign_id = '$1'"; }
wait_written() { # campaign, expected rows: the buffer is written every ~200 ms
  for _ in $(seq 1 100); do [ "$(rows "$1")" -ge "$2" ] && return 0; sleep 0.2; done
}

echo "== warm-up ${WARMUP}s each"
load /o/ "$DATA/warm-open.txt" "$WARMUP" > /dev/null
load /r/ "$DATA/warm-click.txt" "$WARMUP" > /dev/null
load / "$DATA/static.txt" "$WARMUP" > /dev/null

echo "== 0. reference: a static file, $CONN connections, ${DURATION}s"
R=$(load / "$DATA/static.txt" "$DURATION")
STATIC_RATE=$(py "print(round($(field requests "$R") / ($(field duration_us "$R") / 1e6)))")
echo "RESULT static per_s=$STATIC_RATE p50_ms=$(field p50_ms "$R") p99_ms=$(field p99_ms "$R") errors=$(($(field errors_status "$R") + $(field errors_socket "$R")))"

measure() { # name, prefix, tokens file, campaign, seconds
  local name=$1 b0 r0 d0 R requests seconds rate buffered repeated dropped written errors accounted
  b0=$(metric buffered); r0=$(metric repeated); d0=$(metric dropped)
  R=$(load "$2" "$3" "$5")
  requests=$(field requests "$R")
  errors=$(($(field errors_status "$R") + $(field errors_socket "$R")))
  seconds=$(py "print($(field duration_us "$R") / 1e6)")
  buffered=$(py "print(round($(metric buffered) - $b0))")
  repeated=$(py "print(round($(metric repeated) - $r0))")
  dropped=$(py "print(round($(metric dropped) - $d0))")
  wait_written "$4" "$buffered" || true
  written=$(rows "$4")
  rate=$(py "print(round($requests / $seconds))")
  accounted=$(py "t = $buffered + $repeated + $dropped; print('ok' if $requests - $errors <= t <= $requests + $CONN else 'MISMATCH')")
  echo "RESULT $name events_per_s=$rate p50_ms=$(field p50_ms "$R") p99_ms=$(field p99_ms "$R") p999_ms=$(field p999_ms "$R") max_ms=$(field max_ms "$R") requests=$requests errors=$errors"
  echo "RESULT $name buffered=$buffered repeated=$repeated dropped=$dropped rows_in_delivery_event=$written persisted=$([ "$written" = "$buffered" ] && echo ok || echo MISMATCH) accounted=$accounted"
  echo "RESULT $name ratio_rate=$(py "print(f'{$rate / $TARGET_RATE:.2f}')") ratio_p99=$(py "print(f'{$TARGET_P99_MS / max($(field p99_ms "$R"), 0.01):.2f}')") (>= 1 meets the target) ratio_to_static_file=$(py "print(f'{$rate / $STATIC_RATE:.2f}')")"
}

echo "== 1. open pixels, $CONN connections, ${DURATION}s, $TOKENS messages"
measure open /o/ "$DATA/open.txt" "$C_OPEN" "$DURATION"
echo "== 2. click redirects, $CONN connections, ${DURATION}s, $TOKENS messages"
measure click /r/ "$DATA/click.txt" "$C_CLICK" "$DURATION"
echo "== 3. reload storm: one open token, $CONN connections, 10s"
measure storm /o/ "$DATA/storm.txt" "$C_STORM" 10
DISTINCT=$($PSQL -c "SELECT count(DISTINCT message_id) FROM delivery_event WHERE campaign_id IN ('$C_OPEN', '$C_CLICK')")
echo "RESULT distinct_messages_recorded=$DISTINCT"
grep -E "ERROR|Exception" "$DATA/server.log" | head -5 || true
