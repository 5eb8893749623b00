// The shop dashboard: one EventSource on /dashboard/events (the browser reconnects by itself) and the simulator controls.
"use strict";

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat("en-US");
const rate = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function setText(id, text) {
  const element = $(id);
  if (element.textContent !== text) element.textContent = text;
}

function connection(state, text) {
  const element = $("connection");
  element.dataset.state = state;
  element.textContent = text;
}

function renderSimulation(simulation) {
  setText("simulation-status", simulation.running
    ? `${simulation.shoppers} shoppers running: ${count.format(simulation.requests)} requests, ${count.format(simulation.orders)} orders, ${count.format(simulation.failures)} failed`
    : simulation.started_at ? `stopped (last run: ${count.format(simulation.orders)} orders)` : "not running");
}

function render(snapshot) {
  setText("revenue", money.format(snapshot.revenue));
  setText("orders-total", count.format(snapshot.orders));
  setText("orders-per-second", rate.format(snapshot.orders_per_second));
  setText("active-users", count.format(snapshot.active_users));
  setText("cache-hit-rate", snapshot.cache_lookups === 0 ? "–" : `${rate.format(snapshot.cache_hit_rate * 100)} %`);
  setText("cache-lookups", count.format(snapshot.cache_lookups));
  setText("dead-letters", count.format(snapshot.dead_letters));
  setText("outbox-backlog", count.format(snapshot.outbox_backlog));
  setText("consumer-lag", count.format(snapshot.consumer_lag));
  setText("updated-at", new Date(snapshot.at).toLocaleTimeString());
  setText("backlog-sampled-at", snapshot.backlog_sampled_at ? new Date(snapshot.backlog_sampled_at).toLocaleTimeString() : "not yet");

  const list = $("top-products");
  list.replaceChildren(...snapshot.top_products.map((product) => {
    const item = document.createElement("li");
    item.dataset.testid = "top-product";
    item.dataset.productId = product.product_id;
    const name = document.createElement("span");
    name.dataset.testid = "top-product-name";
    name.textContent = product.name;
    const units = document.createElement("span");
    units.dataset.testid = "top-product-units";
    units.textContent = count.format(product.units);
    item.append(name, units);
    return item;
  }));
  $("top-products-empty").hidden = snapshot.top_products.length > 0;
  renderSimulation(snapshot.simulation);
}

const events = new EventSource("dashboard/events");
events.addEventListener("open", () => connection("live", "live"));
events.addEventListener("error", () => connection("reconnecting", "reconnecting…"));
events.addEventListener("snapshot", (event) => render(JSON.parse(event.data)));

// The page itself is public; starting and stopping shoppers needs a token with role admin. It is kept for this tab
// only (sessionStorage), never in a cookie, so no other site can make the browser send it.
const tokenKey = "shop-admin-token";
const tokenInput = $("admin-token");
tokenInput.value = sessionStorage.getItem(tokenKey) ?? "";
tokenInput.addEventListener("input", () => sessionStorage.setItem(tokenKey, tokenInput.value.trim()));

async function simulation(method, body) {
  const error = $("simulation-error");
  const token = sessionStorage.getItem(tokenKey);
  if (!token) {
    if (method !== "GET") {
      error.textContent = "An admin token is needed: paste one made with dotnet run --project Capstone/Shop -- token you --admin.";
      error.hidden = false;
    }
    return;
  }
  try {
    const headers = { Authorization: `Bearer ${token}` };
    if (body) headers["Content-Type"] = "application/json";
    const response = await fetch("simulation", {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = await response.json();
    if (!response.ok) {
      const fields = answer.errors ? Object.values(answer.errors).flat().join(" ") : "";
      throw new Error(fields || answer.detail || answer.title || `HTTP ${response.status}`);
    }
    error.hidden = true;
    renderSimulation(answer);
  } catch (failure) {
    error.textContent = failure.message;
    error.hidden = false;
  }
}

$("simulation-form").addEventListener("submit", (event) => {
  event.preventDefault();
  simulation("POST", { shoppers: Number($("shoppers-input").value) });
});
$("simulate-stop").addEventListener("click", () => simulation("DELETE"));
simulation("GET");
