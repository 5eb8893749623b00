-- POST /cart/checkout with the add-to-cart before it, both with the user's token: the thread's next user adds one unit of a Zipf-drawn product; once that
-- add has answered 200, the next request of the thread checks that user out (unique Idempotency-Key). So about half
-- the requests are adds and half checkouts; "created" counts the orders (201).
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "checkout"

local ready, queued = {}, {} -- users whose add answered, waiting for their checkout (each at most once)

lt.on_response = function(status, _, body)
  local user = lt.cart_user(status, body)
  if user and not queued[user] then
    queued[user] = true
    table.insert(ready, user)
  end
end

function request()
  local user = table.remove(ready, 1)
  if user then
    queued[user] = nil
    return lt.request("POST", "/cart/checkout", user, '{"email":"loadtest@example.com"}',
      { ["Idempotency-Key"] = lt.id("checkout", lt.next_seq()) })
  end
  local body = string.format('{"product_id":"%s","quantity":1}', lt.zipf_product())
  return lt.request("POST", "/cart/items", lt.next_user(), body)
end
