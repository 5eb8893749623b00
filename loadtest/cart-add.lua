-- POST /cart/items: one unit of a Zipf-drawn product. Each user gets 5 adds, then the thread moves on to a new user,
-- so carts stay the size of real ones (a cart answer lists the whole cart).
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "cart-add"

function request()
  local n = lt.next_seq()
  local body = string.format('{"product_id":"%s","quantity":1}', lt.zipf_product())
  return lt.request("POST", "/cart/items", lt.id("cart", math.floor(n / 5)), body)
end
