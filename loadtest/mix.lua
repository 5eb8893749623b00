-- A realistic mix of signed-in shoppers (every request with a user token): browse heavy. Per request: 88 % GET
-- /products/{Zipf id}, 8 % add a Zipf-drawn product to the thread's next user's cart, 4 % check out a user whose add
-- has answered (so about half the carts are abandoned, as in real shops).
-- The unpaged GET /products listing is left out: with thousands of products one answer is hundreds of KB, and at even
-- 1 % it would dominate the mix; it has its own scenario.
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "mix"

local ready, queued, max_ready = {}, {}, 1000

lt.on_response = function(status, _, body)
  if #ready >= max_ready then return end
  local user = lt.cart_user(status, body)
  if user and not queued[user] then -- a user is checked out once per add, never twice in a row (that would be a 409)
    queued[user] = true
    table.insert(ready, user)
  end
end

function request()
  local r = math.random()
  if r < 0.04 and #ready > 0 then
    local user = table.remove(ready, 1)
    queued[user] = nil
    return lt.request("POST", "/cart/checkout", user, '{"email":"loadtest@example.com"}',
      { ["Idempotency-Key"] = lt.id("checkout", lt.next_seq()) })
  elseif r < 0.12 then
    local body = string.format('{"product_id":"%s","quantity":1}', lt.zipf_product())
    return lt.request("POST", "/cart/items", lt.next_user(), body)
  end
  return lt.request("GET", "/products/" .. lt.zipf_product(), lt.pool_user())
end
