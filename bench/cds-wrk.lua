-- wrk script for bench/cds-load.sh: POSTs the order-sign request, each with its own pre-signed
-- token (a token is used once: the server refuses replays). Environment: TOKENS (file, one per
-- line), BODY (request file), DELAY_MS (pause per connection between requests; 0 = flat out).
local tokens = {}
local i = 0
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
  local f = io.open(os.getenv("BODY"), "r")
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i + 1
  if i > #tokens then i = 1 end -- out of tokens: replays are refused and counted as non-2xx
  wrk.headers["Authorization"] = "Bearer " .. tokens[i]
  return wrk.format()
end

function delay()
  return delay_ms
end
