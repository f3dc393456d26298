#!/usr/bin/env bash
# End-to-end email send: launch -> outbox -> render -> DKIM-signed (RSA-2048) SMTP to Postfix's smtp-sink, with the
# two limits measured in the same run (smtp-source -> the same sink, and the JVM's RSA-2048 signatures/s on all cores,
# via limits.sh). Prints messages/s, the ratio to the smaller limit (goal >= 0.6) and the server's peak RSS (<= 512 MB).
# Needs: java >= 21, postfix (smtp-sink, smtp-source), psql, curl, python3, bc, openssl. Settings: JAR (target/clipcast.jar), N (20000), WARMUP (20000
# messages of an earlier, untimed campaign, so that the timed one runs on a warm JVM), PORT.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/clipcast.jar}  # JAR=/tmp/other.jar to compare a build against this one
N=${N:-20000}
WARMUP=${WARMUP:-20000}
PORT=${PORT:-18082}
SINK_PORT=${SINK_PORT:-25260}
HEAP=${HEAP:-384m}
# JVM_OPTS: more options for the server, e.g. -XX:StartFlightRecording=filename=/tmp/email.jfr to profile it.
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
echo "$(nproc) cores; $N messages"

echo "== limits"
LIMITS=$(JAR=$(realpath "$JAR") PORT=$((SINK_PORT + 1)) bench/delivery/limits.sh 2>/dev/null)
echo "$LIMITS"
LIMIT=$(echo "$LIMITS" | awk '/^limit_for_email_send/ {print $2}')

sink_user=$( [ "$(id -u)" = 0 ] && echo "-u nobody" || true )
/usr/sbin/smtp-sink $sink_user 127.0.0.1:$SINK_PORT 256 >/dev/null 2>&1 &
SINK=$!
. bench/lib.sh
trap 'kill $SINK 2>/dev/null || true' EXIT
CLIPCAST_SMTP_HOST=127.0.0.1 CLIPCAST_SMTP_PORT=$SINK_PORT \
CLIPCAST_CAMPAIGNS_STAGED_SAMPLE_PERCENT=100 CLIPCAST_CAMPAIGNS_STAGED_SAMPLE_MAX=100000000 \
CLIPCAST_DELIVERY_DOMAIN_PER_SECOND=1000000 CLIPCAST_DELIVERY_PERSECOND_EMAIL=1000000 \
  clipcast_serve email -Xmx$HEAP ${JVM_OPTS:-}
trap 'kill $SERVER $SINK 2>/dev/null; wait $SERVER 2>/dev/null || true; [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"' EXIT
echo "data dir $DATA"
clipcast_sender "($N + $WARMUP) * 2"
$PSQL <<SQL
INSERT INTO contact (tenant_id, id, email, first_name, country, time_zone, time_zone_source)
SELECT '$TENANT', uuidv7(), 'person' || i || '@sink.example', 'P' || i, 'FR', 'Europe/Paris', 'EXPLICIT'
FROM generate_series(1, $N + $WARMUP) AS i;
INSERT INTO contact_list (tenant_id, contact_id, list)
SELECT tenant_id, id, CASE WHEN split_part(split_part(email, '@', 1), 'person', 2)::int > $N THEN 'warm-up' ELSE 'all' END
FROM contact WHERE tenant_id = '$TENANT';
INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method, evidence_text, source_url, collected_at)
SELECT tenant_id, id, uuidv7(), 'EMAIL', 'marketing', 'GRANTED', 'WEB_FORM', 'Yes, offers by email',
       'https://bench.example/signup', now() - interval '30 days'
FROM contact WHERE tenant_id = '$TENANT';
ANALYZE contact; ANALYZE contact_list; ANALYZE consent_record;
SQL
BODY="Hello {{contact.firstName}},\\n\\nFresh croissants every morning this week: show this message at the till and get a second one free. $(printf 'Our bakers start at four so that yours is warm when you arrive. %.0s' {1..20})"
campaign() { # NAME LIST
  api -X POST "localhost:$PORT/api/v1/campaigns" -d "{\"name\": \"$1\", \"channel\": \"EMAIL\",
    \"purpose\": \"marketing\", \"sender\": \"$SENDER\", \"audience\": {\"lists\": [\"$2\"]},
    \"subject\": \"Croissants, {{contact.firstName}}\", \"body\": \"$BODY\"}" | json "['id']"
}
left() { $PSQL -c "SELECT count(*) FROM outbox_message WHERE campaign_id = '$1' AND status IN ('HELD', 'QUEUED', 'SENDING')"; }
if [ "$WARMUP" -gt 0 ]; then
  echo "== warming up the JVM with $WARMUP messages (not timed)"
  WARM=$(campaign "Warm-up" warm-up)
  api -X POST "localhost:$PORT/api/v1/campaigns/$WARM/launch" > /dev/null
  until [ "$(left "$WARM")" = 0 ]; do sleep 0.5; done
fi
CAMPAIGN=$(campaign "Email bench" all)

echo "== sending $N messages"
RSS_MAX=0
POSTMASTER=$(head -1 "$(find "$DATA" -name postmaster.pid | head -1)")
CPU_BEFORE=$(cpu_snapshot $SERVER $POSTMASTER)
SINK_CPU_BEFORE=$(ps -o cputimes= -p $SINK 2>/dev/null | tr -d ' ' || echo 0)
START=$(now_ms)
api -X POST "localhost:$PORT/api/v1/campaigns/$CAMPAIGN/launch" > /dev/null
while :; do
  LEFT=$(left "$CAMPAIGN")
  RSS=$(ps -o rss= -p $SERVER | tr -d ' ')
  [ "$RSS" -gt "$RSS_MAX" ] && RSS_MAX=$RSS
  [ "$LEFT" = 0 ] && break
  sleep 0.5
done
T=$(python3 -c "print(($(now_ms) - $START) / 1000)")
CPU_AFTER=$(cpu_snapshot $SERVER $POSTMASTER)
SINK_CPU_AFTER=$(ps -o cputimes= -p $SINK 2>/dev/null | tr -d ' ' || echo 0)
SENT=$($PSQL -c "SELECT count(*) FROM outbox_message WHERE campaign_id = '$CAMPAIGN' AND status = 'SENT'")
RATE=$(python3 -c "print(round($SENT / $T))")
echo "email_end_to_end_messages_per_second $RATE ($SENT sent in $T s, launch included)"
echo "ratio_to_limit $(python3 -c "print(f'{$RATE / $LIMIT:.2f}')") (limit $LIMIT/s; goal >= 0.6)"
python3 - "$(cpu_used "$CPU_BEFORE" "$CPU_AFTER")" "$SENT" "$SINK_CPU_BEFORE" "$SINK_CPU_AFTER" <<'PY'
import sys
used = sys.argv[1].split()
java, pg = float(used[1]), float(used[3])
sent = int(sys.argv[2]) or 1
sink = float(sys.argv[4] or 0) - float(sys.argv[3] or 0)
print(f"cpu_per_message_ms java {java * 1000 / sent:.3f} postgres {pg * 1000 / sent:.3f} smtp_sink {sink * 1000 / sent:.3f}"
      f" (java {java:.1f} s, postgres {pg:.1f} s, sink {sink:.0f} s of CPU during the send)")
PY
echo "outbox_updates $($PSQL -c "SELECT n_tup_upd || ' (' || n_tup_hot_upd || ' heap-only)' FROM pg_stat_user_tables WHERE relname = 'outbox_message'") (warm-up included)"
echo "server_peak_rss_mb $((RSS_MAX / 1024)) (heap -Xmx$HEAP; target <= 512)"
$PSQL -c "SELECT '   not sent: ' || status || ' ' || coalesce(failure_code, '') || ' ' || count(*) FROM outbox_message WHERE campaign_id = '$CAMPAIGN' AND status <> 'SENT' GROUP BY status, failure_code"
