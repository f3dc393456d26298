-- wrk script: each request redeems a different code from codes.txt (one code a line).
-- Thread k of n takes codes k, k+n, k+2n, ... so no two requests share a code.
--
-- With RATE set (requests per second in all), the requests are paced to that rate instead of sent as fast as the
-- connections allow: request i of a thread is due at start + i * interval, whatever happened before, and its latency
-- is counted from when it was due, not from when a free connection sent it. A server that falls behind therefore
-- shows its backlog in the latency (no coordinated omission), as wrk2 counts it.
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

local rate = tonumber(os.getenv("RATE") or "")
local due = {}        -- send times handed out by delay(), oldest first
local due_of = {}     -- code -> when its request was due
latencies = {}        -- ms from due to answer, read by done()
refused = 0
slow = {}            -- wall-clock seconds (UTC) in which an answer over 20 ms was due

function request()
  local code = codes[i]
  i = i + nthreads
  if code == nil then code = "EXHAUSTED" end
  if rate then
    due_of[code] = table.remove(due, 1) or now_ms()
  end
  return wrk.format(nil, "/api/v1/redemptions", nil, '{"code":"' .. code .. '"}')
end

if rate then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } clipcast_timespec;
    int clock_gettime(int clock, clipcast_timespec *t);
  ]]
  local ts = ffi.new("clipcast_timespec")
  function now_ms()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  function wall_ms()
    ffi.C.clock_gettime(0, ts) -- CLOCK_REALTIME
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end

  local next_due
  function delay()
    local now = now_ms()
    local interval = 1000 * nthreads / rate
    next_due = next_due or now
    local slot = next_due
    next_due = next_due + interval
    due[#due + 1] = slot
    return math.max(0, math.ceil(slot - now))
  end

  function response(status, headers, body)
    local code = body and body:match('"code":"([^"]+)"')
    if status ~= 201 or code == nil or due_of[code] == nil then
      refused = refused + 1
      return
    end
    local ms = now_ms() - due_of[code]
    latencies[#latencies + 1] = ms
    due_of[code] = nil
    if ms > 20 then
      -- the wall-clock second it was due in, to set the slow answers beside GC and PostgreSQL logs
      slow[#slow + 1] = math.floor(wall_ms() - ms) / 1000
    end
  end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  if rate then
    local all, bad = {}, 0
    for _, thread in ipairs(threads) do
      for _, ms in ipairs(thread:get("latencies")) do all[#all + 1] = ms end
      bad = bad + thread:get("refused")
    end
    table.sort(all)
    local function pct(p) return all[math.max(1, math.ceil(#all * p / 100))] end
    local per_second = {}
    for _, thread in ipairs(threads) do
      for _, at in ipairs(thread:get("slow")) do
        local second = math.floor(at)
        per_second[second] = (per_second[second] or 0) + 1
      end
    end
    local seconds = {}
    for second in pairs(per_second) do seconds[#seconds + 1] = second end
    table.sort(seconds)
    for _, second in ipairs(seconds) do
      io.write(string.format("slow (> 20 ms) answers due in %s UTC: %d\n", os.date("!%H:%M:%S", second), per_second[second]))
    end
    io.write(string.format("RESULT paced rate=%d answered_per_s=%.0f refused=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
      rate, #all / (summary.duration / 1e6), bad, pct(50), pct(99), pct(99.9), all[#all]))
  end
end
