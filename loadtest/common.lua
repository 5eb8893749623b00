-- Shared by every scenario (wrk 4, LuaJIT). A scenario script does
--   local lt = dofile(script_dir() .. "common.lua")   (see the scenario files)
-- and then defines request() (and, when it needs to, on_response()).
--
-- What it gives every scenario:
--   * signed-in users: LOADTEST_TOKENS names a file of "user token" lines that scripts/loadtest mints with the shop's
--     own `token` command (docs/capstone.md#authentication); thread t only uses the users "R-t<t>-u<n>" of the file,
--     so threads never share a user. pool_user() rotates over LOADTEST_USERS_PER_THREAD of them (one per connection by
--     default), next_user() walks through all of the thread's users (a "fresh" shopper per call, reused only after the
--     whole pool). A request for a user carries "Authorization: Bearer <its token>"; a request for nil is anonymous;
--   * a Zipf sampler over the catalog P1..P<LOADTEST_PRODUCTS> (rank k = product Pk, weight 1/k^LOADTEST_ZIPF_S);
--   * response(): counts every non-2xx answer per status code, so a broken scenario shows up as errors, not speed;
--   * done(): prints ONE line "LOADTEST_RESULT {json}" that scripts/loadtest parses.
--
-- Settings come from the environment (the runner sets them):
--   LOADTEST_SCENARIO   name printed in the result line (default: the script's file name)
--   LOADTEST_RUN        run id that makes users and Idempotency-Keys unique across runs (default: the clock)
--   LOADTEST_PRODUCTS   catalog size for the Zipf sampler (default 10000; the shop must seed at least as many)
--   LOADTEST_ZIPF_S     Zipf exponent (default 1.0)
--   LOADTEST_USERS_PER_THREAD  users each thread rotates over in pool_user() (default 32)
--   LOADTEST_TOKENS     the "user token" file (required by scenarios that name users)
--   LOADTEST_XFF        "1": every request carries a random X-Forwarded-For 10.x.y.z (the anonymous-flood scenario)

local M = {}

M.run = os.getenv("LOADTEST_RUN") or tostring(os.time())
M.products = tonumber(os.getenv("LOADTEST_PRODUCTS") or "10000")
M.zipf_s = tonumber(os.getenv("LOADTEST_ZIPF_S") or "1.0")
M.users_per_thread = tonumber(os.getenv("LOADTEST_USERS_PER_THREAD") or "32")
M.tokens_file = os.getenv("LOADTEST_TOKENS")
M.forwarded_for = os.getenv("LOADTEST_XFF") == "1"

-- ---------------------------------------------------------------- main state: setup() and done()

local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
  table.insert(threads, thread)
end

-- ---------------------------------------------------------------- thread state

thread_id = thread_id or 0 -- set by setup() before init() runs in the thread
non2xx = 0                 -- read by done() through thread:get
status_counts = {}         -- status code -> count, non-2xx only
created = 0                -- 201 answers (orders placed)
local seq = 0
local users, token_of, next_user = {}, {}, 0

local function load_tokens()
  if not M.tokens_file then return end
  local mine = "-t" .. thread_id .. "-"
  for line in io.lines(M.tokens_file) do
    local user, token = line:match("^(%S+)%s+(%S+)$")
    if user and user:find(mine, 1, true) then
      table.insert(users, user)
      token_of[user] = token
    end
  end
end

function init(args)
  math.randomseed(os.time() * 1000 + thread_id * 7919)
  for _ = 1, 10 do math.random() end
  load_tokens()
  if M.on_init then M.on_init(args) end
end

--- A number unique within this thread, counting from 1.
function M.next_seq()
  seq = seq + 1
  return seq
end

--- "R-t<thread>-<tag>-<n>": an id no other thread and no earlier run produces.
function M.id(tag, n)
  return string.format("%s-t%d-%s-%d", M.run, thread_id, tag, n)
end

local function need_users()
  if #users == 0 then error("loadtest: no user tokens for thread " .. thread_id .. " (LOADTEST_TOKENS=" .. tostring(M.tokens_file) .. ")") end
end

--- One of this thread's first LOADTEST_USERS_PER_THREAD users, rotating with every call.
function M.pool_user()
  need_users()
  return users[(M.next_seq() % math.min(M.users_per_thread, #users)) + 1]
end

--- The thread's next user in turn: a fresh shopper until the whole pool has been used once.
function M.next_user()
  need_users()
  next_user = next_user % #users + 1
  return users[next_user]
end

-- Zipf: cumulative weights, built once per thread (10k doubles), then a binary search per draw.
local cdf
local function build_cdf()
  cdf = {}
  local total = 0
  for k = 1, M.products do
    total = total + 1 / (k ^ M.zipf_s)
    cdf[k] = total
  end
  for k = 1, M.products do cdf[k] = cdf[k] / total end
end

--- A product id drawn from the Zipf popularity: P1 most often, then P2, ...
function M.zipf_product()
  if not cdf then build_cdf() end
  local u = math.random()
  local lo, hi = 1, M.products
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return "P" .. lo
end

--- A request with the JSON body (a string), the user's bearer token (none when user is nil), plus any extra headers.
function M.request(method, path, user, body, extra)
  local headers = {}
  if user then
    headers["Authorization"] = "Bearer " .. (token_of[user] or error("loadtest: no token for " .. user))
  end
  if M.forwarded_for then
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  end
  if body then headers["Content-Type"] = "application/json" end
  if extra then for k, v in pairs(extra) do headers[k] = v end end
  return wrk.format(method, path, headers, body)
end

--- The user id a cart answer ({"user_id": ..., "items": ...}) names, or nil.
function M.cart_user(status, body)
  if status ~= 200 or not body or body:find('"order_id"', 1, true) then return nil end
  return body:match('"user_id"%s*:%s*"([^"]+)"')
end

--- The body of an order for one unit of the product.
function M.order_body(product)
  return string.format('{"email":"loadtest@example.com","items":[{"product_id":"%s","quantity":1}]}', product)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    status_counts[status] = (status_counts[status] or 0) + 1
  elseif status == 201 then
    created = created + 1
  end
  if M.on_response then M.on_response(status, headers, body) end
end

-- ---------------------------------------------------------------- done(): one JSON line

local function ms(us) return us / 1000 end

function done(summary, latency, requests)
  local total_non2xx, total_created, codes = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
    total_created = total_created + (thread:get("created") or 0)
    for code, count in pairs(thread:get("status_counts") or {}) do
      codes[code] = (codes[code] or 0) + count
    end
  end
  local parts = {}
  for code, count in pairs(codes) do table.insert(parts, string.format('"%d":%d', code, count)) end
  table.sort(parts)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local scenario = os.getenv("LOADTEST_SCENARIO") or M.scenario or "unknown"
  io.write(string.format(
    'LOADTEST_RESULT {"scenario":"%s","requests":%d,"duration_s":%.3f,"rps":%.1f,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"non2xx":%d,"created":%d,' ..
    '"status_codes":{%s},"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"bytes":%d}\n',
    scenario, summary.requests, seconds, summary.requests / seconds,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
    total_non2xx, total_created, table.concat(parts, ","),
    e.connect, e.read, e.write, e.timeout, summary.bytes))
end

return M
