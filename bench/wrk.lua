-- wrk script for bench/run.sh. Usage:
--   wrk ... -s bench/wrk.lua http://127.0.0.1:PORT -- ping
--   wrk ... -s bench/wrk.lua http://127.0.0.1:PORT -- ticket TOKEN MAX_ID
--   wrk ... -s bench/wrk.lua http://127.0.0.1:PORT -- create TOKEN MESSAGE_FILE CONTACTS
--
-- ping:   GET /ping (the bare handler: the HTTP ceiling).
-- ticket: GET /api/v1/tickets/{id}, id uniformly random in [1, MAX_ID], bearer token.
-- create: POST /api/v1/tickets, a ~1 KB body (MESSAGE_FILE as the message, three tags), a
--         subject unique to the run, thread and request, and the requester one of CONTACTS
--         addresses bench-customer-N@bench.example (the first use of each creates the contact;
--         bench/sqlite_insert_bench.cc uses the same addresses, message and tags).
-- done() prints one `WRK key=value ...` line that run.sh reads (latencies in ms).

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end

local function json_escape(s)
  return (s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == '\\' then return '\\\\' end
    if c == '\n' then return '\\n' end
    if c == '\r' then return '\\r' end
    if c == '\t' then return '\\t' end
    return string.format('\\u%04x', string.byte(c))
  end))
end

local mode, max_id, contacts, message, nonce
local n = 0

function init(args)
  mode = args[1] or "ping"
  tid = tid or 1
  math.randomseed(os.time() * 1000 + tid * 7919)
  if mode ~= "ping" then
    wrk.headers["Authorization"] = "Bearer " .. assert(args[2], "token missing")
  end
  if mode == "ticket" then
    max_id = tonumber(args[3])
  elseif mode == "create" then
    local f = assert(io.open(args[3], "rb"))
    message = json_escape((f:read("*a"):gsub("[%s]+$", "")))
    f:close()
    contacts = tonumber(args[4] or "200")
    nonce = string.format("%x", os.time())
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
end

function request()
  if mode == "ticket" then
    return wrk.format("GET", "/api/v1/tickets/" .. math.random(1, max_id))
  elseif mode == "create" then
    n = n + 1
    local k = (tid - 1) * 7 + n
    local c = (k % contacts) + 1
    local body = '{"subject":"Bench ticket ' .. nonce .. '-' .. tid .. '-' .. n ..
        ': parcel SHY' .. (100000000 + n) .. 'IN not delivered",' ..
        '"message":{"body":"' .. message .. '"},' ..
        '"requester":{"email":"bench-customer-' .. c .. '@bench.example",' ..
        '"name":"Bench customer ' .. c .. '"},' ..
        '"priority":"' .. ((n % 4 == 0) and "high" or "normal") .. '",' ..
        '"tags":["bench","api-load","priority-check"]}'
    return wrk.format(nil, "/api/v1/tickets", nil, body)
  end
  return wrk.format("GET", "/ping")
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
      "WRK requests=%d seconds=%.3f rps=%.1f bytes=%d mean_ms=%.3f p50_ms=%.3f p90_ms=%.3f " ..
      "p99_ms=%.3f max_ms=%.3f err_connect=%d err_read=%d err_write=%d err_status=%d " ..
      "err_timeout=%d\n",
      summary.requests, secs, summary.requests / secs, summary.bytes, latency.mean / 1000,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.status,
      e.timeout))
end
