# Shared by the benchmarks that start Clipcast themselves; source it after `cd` to the project root.
# Needs JAR, PORT and JAVA set; the server's environment is the caller's (export CLIPCAST_* before calling).

# clipcast_serve NAME [JVM options...]: starts `serve` on an empty embedded PostgreSQL in a fresh data dir, waits
# until it is healthy, makes a GOLD tenant and sets DATA, SERVER, KEY, PGPORT, PSQL (as superuser) and TENANT.
clipcast_serve() {
  local name=$1; shift
  DATA=$(mktemp -d "/tmp/clipcast-$name.XXXXXX")
  "$JAVA" "$@" -jar "$JAR" serve --port "$PORT" --data-dir "$DATA" > "$DATA/server.log" 2>&1 &
  SERVER=$!
  until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do
    kill -0 $SERVER 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
    sleep 1
  done
  KEY=$("$JAVA" -jar "$JAR" tenant create --name "$name $RANDOM" --plan GOLD --data-dir "$DATA" 2>/dev/null \
        | sed -n 's/^API key: //p')
  PGPORT=$(sed -n 4p "$(find "$DATA" -name postmaster.pid | head -1)")
  PSQL="psql -X -q -t -A -h localhost -p $PGPORT -U postgres -d clipcast"
  TENANT=$(api "localhost:$PORT/api/v1/tenant" | json "['id']")
}

# clipcast_sender CREDITS: the sender profile and an email sender (verified in SQL, as its link would), and the
# tenant's message credits; sets SENDER.
clipcast_sender() {
  api -X PUT "localhost:$PORT/api/v1/sender-profile" \
    -d '{"legalName": "Bench SAS", "postalAddress": "1 rue du Banc, Paris", "contactEmail": "owner@bench.example"}' > /dev/null
  SENDER=$(api -X POST "localhost:$PORT/api/v1/senders" \
    -d '{"kind": "EMAIL", "address": "offers@bench.example", "displayName": "Bench"}' | json "['id']")
  $PSQL -c "UPDATE sender SET status = 'VERIFIED', verified_at = now() WHERE id = '$SENDER'" \
        -c "UPDATE tenant SET message_credits = $1 WHERE id = '$TENANT'"
}

api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }

# http_get PATH: GET http://127.0.0.1:$PORT/PATH with the bearer $KEY through bash's own /dev/tcp and sets BODY to the
# answer's body. For polling while something is measured: no process per poll (a python3 costs 55 ms of CPU, a curl
# 12 ms; at five polls a second, a third of a core taken from what is being measured).
http_get() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$PORT"
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n\r\n' "$1" "$KEY" >&3
  IFS= read -r -d '' reply <&3 || true
  exec 3<&-
  BODY=${reply#*$'\r\n\r\n'}
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
now_ms() { date +%s%3N; }

# cpu_snapshot SERVER_PID POSTMASTER_PID: CPU seconds (user + system) used so far by the server JVM, by the postmaster
# (with its children that ended) and by each of its live processes, a line each. cpu_used BEFORE AFTER prints what two
# snapshots differ by: "java J postgres P busiest B" (B: PostgreSQL's busiest process, such as an import's backend).
# From /proc: on a shared machine they say what a step cost, whatever else was running.
cpu_snapshot() {
  python3 - "$1" "$2" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
def fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()
java, postmaster = sys.argv[1], sys.argv[2]
f = fields(java)
print("java", (int(f[11]) + int(f[12])) / hz)
f = fields(postmaster)
print("postmaster", sum(int(x) for x in f[11:15]) / hz)
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        f = fields(pid)
        if f[1] == postmaster:
            print(pid, (int(f[11]) + int(f[12])) / hz)
    except OSError:
        pass
PY
}
# machine_busy: CPU seconds all processes of the machine have used since boot (user, nice, system, irq, softirq,
# steal: everything but idle and iowait), from /proc/stat; two readings' difference less what cpu_used names is
# what the rest used, such as a load generator.
machine_busy() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat
}
cpu_used() {
  python3 - "$1" "$2" <<'PY'
import sys
def parse(text):
    return {k: float(v) for k, v in (line.split() for line in text.splitlines())}
before, after = parse(sys.argv[1]), parse(sys.argv[2])
delta = {k: after[k] - before.get(k, 0.0) for k in after}
backends = {k: v for k, v in delta.items() if k not in ("java", "postmaster")}
print(f"java {delta['java']:.2f} postgres {delta['postmaster'] + sum(backends.values()):.2f}"
      f" busiest {max(backends.values(), default=0):.2f}")
PY
}

# thread_snapshot JVM_PID: CPU seconds used so far by each group of the JVM's live threads, a line each ("group secs");
# a group is a thread name without its number ("import-stage-", "C2 CompilerThread", "GC Thread#").
# threads_used BEFORE AFTER prints the groups that used the most between two snapshots: where a JVM's CPU went
# (the work itself, the JIT compilers or the garbage collector).
thread_snapshot() {
  python3 - "$1" <<'PY'
import collections, os, re, sys
hz, pid, used = os.sysconf("SC_CLK_TCK"), sys.argv[1], collections.Counter()
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        with open(f"/proc/{pid}/task/{tid}/stat") as f:
            stat = f.read()
    except OSError:
        continue
    name = re.sub(r"\d+$", "", stat[stat.index("(") + 1:stat.rindex(")")]).strip() or "?"
    fields = stat.rsplit(")", 1)[1].split()
    used[name.replace(" ", "_")] += (int(fields[11]) + int(fields[12])) / hz
for name, secs in used.items():
    print(name, secs)
PY
}
threads_used() {
  python3 - "$1" "$2" <<'PY'
import sys
def parse(text):
    return {k: float(v) for k, v in (line.split() for line in text.splitlines())}
before, after = parse(sys.argv[1]), parse(sys.argv[2])
delta = sorted(((after[k] - before.get(k, 0.0), k) for k in after), reverse=True)
print(", ".join(f"{k.replace('_', ' ')} {v:.1f} s" for v, k in delta[:8] if v >= 0.05))
PY
}
