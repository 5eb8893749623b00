-- GET /ping: the baseline. Does no work itself but passes the same pipeline (incl. the Redis rate limiter).
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "ping"

function request()
  return lt.request("GET", "/ping", lt.pool_user())
end
