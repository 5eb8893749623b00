-- GET /products/{id} like product.lua, but every request carries a user token: the same cached read plus JWT bearer
-- validation (signature, issuer, audience, lifetime) and a rate-limit bucket per subject. Beside product-zipf in the
-- same run, the difference is what authentication costs.
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "product-token"

function request()
  return lt.request("GET", "/products/" .. lt.zipf_product(), lt.pool_user())
end
