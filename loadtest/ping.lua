-- GET /ping: the baseline, the bare host. Does no work itself and is exempt from the Redis rate limiter.
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "ping"

function request()
  return lt.request("GET", "/ping", nil)
end
