-- GET /products/{id}, ids drawn from a Zipf popularity over the catalog (P1 most popular): the cached read path,
-- anonymous (catalog reads need no token; the gateway counts the requests by client address).
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "product-zipf"

function request()
  return lt.request("GET", "/products/" .. lt.zipf_product(), nil)
end
