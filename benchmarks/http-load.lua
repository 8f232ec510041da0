-- wrk script for benchmarks/http-load.sh: GET <path> with "Authorization: Bearer <token>",
-- rotating through the lines of a token file (a file of one line sends the same token every
-- time). Every scenario runs this same script, so wrk's own per-request cost is the same in all.
-- Usage: wrk <options> -s http-load.lua http://127.0.0.1:<port> -- <path> <token-file>
-- At the end it prints one line: RESULT {json} (latencies in microseconds).

local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local requests = {}
local n, i = 0, 0

function init(args)
  local path, file = args[1], args[2]
  for line in io.lines(file) do
    if #line > 0 then
      n = n + 1
      requests[n] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. line })
    end
  end
  assert(n > 0, "no token in " .. file)
  -- Threads start at different places in the list.
  i = ((tid or 0) * 7919) % n
end

function request()
  i = i % n + 1
  return requests[i]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,'
      .. '"errors_write":%d,"errors_status":%d,"errors_timeout":%d,'
      .. '"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
