-- wrk script: GET {PREFIX}{token}, tokens from TOKENS_FILE (one a line). Thread k of n takes tokens k, k+n, k+2n, ...
-- so no two threads send the same token (unless there are fewer tokens than threads); a thread that runs out starts
-- over from its first.
-- PACE_MS > 0: each connection waits about that long (a random mix of the two nearest whole milliseconds) before
-- each request, so that the load is offered at a rate rather than as fast as the server answers.
local threads = {}
local pace = tonumber(os.getenv("PACE_MS") or "0")

if pace > 0 then
  function delay()
    local ms = math.floor(pace)
    if math.random() < pace - ms then ms = ms + 1 end
    return ms
  end
end
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local nthreads = tonumber(os.getenv("WRK_THREADS"))
  tokens = {}
  local line_no = 0
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    if line_no % nthreads == id - 1 then
      tokens[#tokens + 1] = line
    end
    line_no = line_no + 1
  end
  if #tokens == 0 then -- fewer tokens than threads: every thread takes them all
    for line in io.lines(os.getenv("TOKENS_FILE")) do
      tokens[#tokens + 1] = line
    end
  end
  prefix = os.getenv("PREFIX")
  i = 0
end

function request()
  i = i % #tokens + 1
  return wrk.format("GET", prefix .. tokens[i])
end

function done(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d duration_us=%d errors_status=%d errors_socket=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
