-- An anonymous flood from "every address": GET /products/P1 with a random X-Forwarded-For 10.x.y.z per request, the
-- shop trusting 127.0.0.1 as its proxy (Shop:ForwardedHeaders:KnownProxies), so each request is a new client address
-- to the gateway. scripts/loadtest counts the rate_limit keys in Redis before and after: they stay within
-- Shop:RateLimitAnonymousBuckets, however many addresses arrive.
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "anon-flood"
lt.forwarded_for = true

function request()
  return lt.request("GET", "/products/P1", nil)
end
