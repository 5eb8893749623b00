-- POST /cart/items with a user token: one unit of a Zipf-drawn product. Each user gets 5 adds, then the thread moves on
-- to its next user, so carts stay the size of real ones (a cart answer lists the whole cart).
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "cart-add"

local user, adds = nil, 0

function request()
  if adds % 5 == 0 then user = lt.next_user() end
  adds = adds + 1
  local body = string.format('{"product_id":"%s","quantity":1}', lt.zipf_product())
  return lt.request("POST", "/cart/items", user, body)
end
