-- wrk script: each request redeems a different code from codes.txt (one code a line).
-- Thread k of n takes codes k, k+n, k+2n, ... so no two requests share a code.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  codes = {}
  for line in io.lines(os.getenv("CODES_FILE")) do
    codes[#codes + 1] = line
  end
  nthreads = tonumber(os.getenv("WRK_THREADS"))
  i = id
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")
end

function request()
  local code = codes[i]
  i = i + nthreads
  if code == nil then code = "EXHAUSTED" end
  return wrk.format(nil, "/api/v1/redemptions", nil, '{"code":"' .. code .. '"}')
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
