-- GET /products: the whole catalog, straight from the database (not cached, not paged).
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "products-list"

function request()
  return lt.request("GET", "/products", nil)
end
