#!/usr/bin/env bash
# Audience evaluation benchmark. Starts Clipcast (embedded PostgreSQL) in a throwaway data dir, creates N contacts
# with consent records in SQL (1 % withdrawn, 1 % without consent, 1 % suppressed, 1 % under 16; mostly FR, 10 % US,
# 10 % DE, 2 % without country and time zone), then measures
#   1. preflight: every recipient decided (consent, suppression by keyed hash, DNC, age, duplicates, caps, quiet
#      hours), counted, nothing written;
#   2. launch: the same decisions written per recipient, and the eligible turned into outbox messages;
#   3. the preflight of a second campaign (other content), with the first campaign's messages as the recipients'
#      history (duplicates and frequency caps read them).
# Target: 1 M recipients decided in <= 5 s. Needs: java >= 21, curl, psql, python3. Settings: N (1000000), PORT,
# JAR (target/clipcast.jar), KEEP=1 (leave the server and its database running at the end, for EXPLAIN in psql;
# the script prints how to reach them and how to stop the server).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/clipcast.jar}
N=${N:-1000000}
PORT=${PORT:-18081}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
. bench/lib.sh
CLIPCAST_CAMPAIGNS_STAGED_SAMPLE_MAX=0 clipcast_serve audience
echo "data dir $DATA; $(nproc) cores; $N recipients"
if [ "${KEEP:-0}" != 1 ]; then
  trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"' EXIT
fi
clipcast_sender "$N * 2"

echo "== creating $N contacts with consent records (SQL)"
START=$(now_ms)
$PSQL <<SQL
INSERT INTO contact (tenant_id, id, email, first_name, country, time_zone, time_zone_source, birth_date)
SELECT '$TENANT', uuidv7(), 'person' || i || '@example.org', 'P' || i,
       CASE WHEN i % 10 = 5 THEN 'US' WHEN i % 10 = 6 THEN 'DE' WHEN i % 50 = 7 THEN NULL ELSE 'FR' END,
       CASE WHEN i % 10 = 5 THEN 'America/Chicago' WHEN i % 10 = 6 THEN 'Europe/Berlin' WHEN i % 50 = 7 THEN NULL
            ELSE 'Europe/Paris' END, 'EXPLICIT',
       CASE WHEN i % 100 = 3 THEN date '2015-01-01' WHEN i % 100 = 8 THEN date '1980-06-15' END
FROM generate_series(1, $N) AS i;
INSERT INTO contact_list (tenant_id, contact_id, list) SELECT tenant_id, id, 'all' FROM contact WHERE tenant_id = '$TENANT';
INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method, evidence_text, collected_at)
SELECT tenant_id, id, uuidv7(), 'EMAIL', 'marketing', 'GRANTED', 'WEB_FORM', 'Yes, offers by email', now() - interval '30 days'
FROM contact WHERE tenant_id = '$TENANT' AND substring(email from 'person([0-9]+)@')::int % 100 <> 1;
INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method, evidence_text, collected_at)
SELECT tenant_id, id, uuidv7(), 'EMAIL', 'marketing', 'WITHDRAWN', 'API', 'Asked to stop', now() - interval '1 day'
FROM contact WHERE tenant_id = '$TENANT' AND substring(email from 'person([0-9]+)@')::int % 100 = 2;
ANALYZE contact; ANALYZE contact_list; ANALYZE consent_record;
SQL
echo "   set-up took $(( ($(now_ms) - START) / 1000 )) s"
# 1 % suppressed, through the API's own hashing (the registry import, 10,000 addresses per call). The import's
# default reason is DNC_REGISTRY, which by the DoNotCallRegistryPolicy only blocks SMS: an email "registry" must be
# imported as MANUAL (or UNSUBSCRIBE) suppression, or it suppresses nothing.
python3 - "$N" <<'PY' > "$DATA/suppress.txt"
import sys
n = int(sys.argv[1])
print("\n".join(f"person{i}@example.org" for i in range(4, n + 1, 100)))
PY
split -l 10000 "$DATA/suppress.txt" "$DATA/suppress-part-"
SUPPRESSED=0
for part in "$DATA"/suppress-part-*; do
  N_PART=$(curl -sf -H "Authorization: Bearer $KEY" -F channel=EMAIL -F country=FR -F reason=MANUAL \
    -F "file=@$part;filename=suppress.txt" "localhost:$PORT/api/v1/suppressions/imports" | json "['suppressed']")
  SUPPRESSED=$((SUPPRESSED + N_PART))
done
echo "   $SUPPRESSED of $(wc -l < "$DATA/suppress.txt") addresses suppressed (tenant suppression, by keyed hash)"
$PSQL -c "ANALYZE suppression"

CAMPAIGN=$(api -X POST "localhost:$PORT/api/v1/campaigns" -d "{\"name\": \"Bench\", \"channel\": \"EMAIL\",
  \"purpose\": \"marketing\", \"sender\": \"$SENDER\", \"audience\": {\"lists\": [\"all\"]},
  \"subject\": \"Hello {{contact.firstName}}\", \"body\": \"Fresh bread every morning.\"}" | json "['id']")

echo "== 1. preflight (decide, count, write nothing)"
START=$(now_ms)
api -X POST "localhost:$PORT/api/v1/campaigns/$CAMPAIGN/preflight" > "$DATA/preflight.json"
T_PRE=$(python3 -c "print(($(now_ms) - $START) / 1000)")
python3 -c "import json; a = json.load(open('$DATA/preflight.json'))['audience']; print('   ', a)"
echo "   preflight: ${T_PRE} s for $N recipients; ratio to the 5 s target: $(python3 -c "print(f'{5 / $T_PRE:.2f}')") (>= 1 meets it)"

echo "== 2. launch (decide, write every decision, enqueue the eligible)"
START=$(now_ms)
api -X POST "localhost:$PORT/api/v1/campaigns/$CAMPAIGN/launch" > "$DATA/launch.json"
T_REPLY=$(python3 -c "print(($(now_ms) - $START) / 1000)")
# The reply comes when the evaluation is done, unless the scheduler (or another node) took over a batch meanwhile:
# the launch is timed until the campaign says its evaluation is done.
while [ "$($PSQL -c "SELECT evaluation FROM campaign WHERE id = '$CAMPAIGN'")" = RUNNING ]; do sleep 0.2; done
T_LAUNCH=$(python3 -c "print(($(now_ms) - $START) / 1000)")
echo "   (the launch request answered after ${T_REPLY} s)"
api "localhost:$PORT/api/v1/campaigns/$CAMPAIGN" > "$DATA/launch.json"
python3 -c "import json; c = json.load(open('$DATA/launch.json')); print('   ', c['status'], c['recipients'])"
echo "   launch: ${T_LAUNCH} s for $N recipients; ratio to the 5 s target: $(python3 -c "print(f'{5 / $T_LAUNCH:.2f}')")"
$PSQL -c "SELECT '   outbox messages: ' || count(*) FROM outbox_message WHERE campaign_id = '$CAMPAIGN'"
$PSQL -c "ANALYZE outbox_message; ANALYZE campaign_recipient"

echo "== 2b. the database's floor: COPY of the same rows into copies of the same tables (same indexes; no RLS)"
$PSQL <<SQL
\\copy (SELECT * FROM campaign_recipient WHERE campaign_id = '$CAMPAIGN') TO '$DATA/recipients.copy'
\\copy (SELECT * FROM outbox_message WHERE campaign_id = '$CAMPAIGN') TO '$DATA/outbox.copy'
CREATE TABLE floor_recipient (LIKE campaign_recipient INCLUDING ALL);
CREATE TABLE floor_outbox (LIKE outbox_message INCLUDING ALL);
CHECKPOINT;
SQL
START=$(now_ms)
$PSQL <<SQL
BEGIN;
\\copy floor_recipient FROM '$DATA/recipients.copy'
\\copy floor_outbox FROM '$DATA/outbox.copy'
COMMIT;
SQL
T_COPY=$(python3 -c "print(($(now_ms) - $START) / 1000)")
$PSQL -c "DROP TABLE floor_recipient; DROP TABLE floor_outbox"
echo "   COPY of the launch's rows: ${T_COPY} s; launch / COPY: $(python3 -c "print(f'{$T_LAUNCH / $T_COPY:.2f}')")"

echo "== 3. preflight of a second campaign, the first one's messages as history"
SECOND=$(api -X POST "localhost:$PORT/api/v1/campaigns" -d "{\"name\": \"Bench 2\", \"channel\": \"EMAIL\",
  \"purpose\": \"marketing\", \"sender\": \"$SENDER\", \"audience\": {\"lists\": [\"all\"]},
  \"subject\": \"Our new season\", \"body\": \"Apricot tarts are back, with almond cream and a crisp crust.\"}" | json "['id']")
START=$(now_ms)
api -X POST "localhost:$PORT/api/v1/campaigns/$SECOND/preflight" > "$DATA/preflight2.json"
T_PRE2=$(python3 -c "print(($(now_ms) - $START) / 1000)")
python3 -c "import json; a = json.load(open('$DATA/preflight2.json'))['audience']; print('   ', a)"
echo "   preflight with history: ${T_PRE2} s for $N recipients; ratio to the 5 s target: $(python3 -c "print(f'{5 / $T_PRE2:.2f}')")"
echo "RESULT N=$N preflight=${T_PRE}s launch=${T_LAUNCH}s copy_floor=${T_COPY}s preflight_with_history=${T_PRE2}s load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""

if [ "${KEEP:-0}" = 1 ]; then
  echo "== kept running (KEEP=1): server pid $SERVER, data dir $DATA"
  echo "   psql -h localhost -p $PGPORT -U postgres -d clipcast    (tenant $TENANT, campaigns $CAMPAIGN, $SECOND)"
  echo "   API key: $KEY  (port $PORT); stop with: kill $SERVER"
fi
