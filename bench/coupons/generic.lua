-- wrk script: every request redeems the same shared (generic) code.
function init(args)
  body = '{"code":"' .. os.getenv("GENERIC_CODE") .. '"}'
  headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("API_KEY")}
end

function request()
  return wrk.format("POST", "/api/v1/redemptions", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
