-- POST /orders: one unit of a Zipf-drawn product, a unique Idempotency-Key per request (every request is a new
-- order, 201). "created" counts them; scripts/loadtest then waits for the backlog to drain (orders/s end to end).
local lt = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
lt.scenario = "orders"

function request()
  return lt.request("POST", "/orders", lt.pool_user(), lt.order_body(lt.zipf_product()),
    { ["Idempotency-Key"] = lt.id("order", lt.next_seq()) })
end
