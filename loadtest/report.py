#!/usr/bin/env python3
"""Turns one scripts/loadtest run into the capstone section of docs/performance.md (stdlib only).

Reads the run's folder (results.jsonl from the wrk scripts' done(), /metrics/cache snapshots, drain timestamps, the
backends the shop logged) and replaces everything between BEGIN and END in the output file; a file without the markers
gets them appended. Exits 1 when a scenario answered anything but 2xx, completed nothing, or the backlog did not drain.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

BEGIN = "<!-- capstone-load:begin -->"
END = "<!-- capstone-load:end -->"

WHAT = {
    "ping": "`GET /ping` — trivial text, no rate limiter, no Redis: the bare host (the baseline)",
    "product-zipf": "`GET /products/{id}`, Zipf(1.0) popularity over the catalog (cache: memory → Redis → SQLite), anonymous",
    "product-token": "the same reads, each with a user token (JWT validated, limited per subject)",
    "products-list": "`GET /products` — the whole catalog from SQLite, not cached, not paged",
    "cart-add": "`POST /cart/items` with a user token — one unit of a Zipf-drawn product, 5 adds per user",
    "checkout": "`POST /cart/items` for the thread's next user, then `POST /cart/checkout` for that user (≈ half each), with user tokens",
    "mix": "88 % product reads (Zipf), 8 % add to cart, 4 % checkout, every request with a user token",
    "orders": "`POST /orders` with a user token, one item, a unique `Idempotency-Key` per request",
    "anon-flood": "`GET /products/P1`, anonymous, a random `X-Forwarded-For` per request through the trusted proxy 127.0.0.1",
}


def read_json(path):
    return json.loads(Path(path).read_text())


def machine():
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    os_name = platform.system()
    if Path("/etc/os-release").exists():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "os": f"{os_name}, kernel {platform.release()}",
        "dotnet": run_text(["dotnet", "--version"]),
        "wrk": run_text(["wrk", "-v"]).splitlines()[0].split(" [")[0] if run_text(["wrk", "-v"]) else "wrk",
    }


def run_text(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
        return (done.stdout or done.stderr).strip()
    except OSError:
        return ""


def cache_delta(before, after):
    hits = (after["local_hits"] - before["local_hits"]) + (after["redis_hits"] - before["redis_hits"])
    misses = after["misses"] - before["misses"]
    lookups = hits + misses
    return {
        "lookups": lookups,
        "local": after["local_hits"] - before["local_hits"],
        "redis": after["redis_hits"] - before["redis_hits"],
        "misses": misses,
        "rate": hits / lookups if lookups else 0.0,
        "lookups_before": before["local_hits"] + before["redis_hits"] + before["misses"],
    }


def expected_first_touches(products, earlier, draws, s=1.0):
    """Distinct products a Zipf(s) sampler touches for the first time in `draws` draws after `earlier` draws."""
    weights = [1 / (k ** s) for k in range(1, products + 1)]
    total = sum(weights)

    def distinct(n):
        return sum(1 - (1 - w / total) ** n for w in weights)

    return distinct(earlier + draws) - distinct(earlier)


def steady_state_hit_rate(products, rps, ttl_seconds, s=1.0):
    """Hit rate once the cache is warm: product k (rate r_k) misses once per TTL, i.e. r_k / (1 + r_k * TTL) per second."""
    weights = [1 / (k ** s) for k in range(1, products + 1)]
    total = sum(weights)
    misses = sum((rps * w / total) / (1 + rps * w / total * ttl_seconds) for w in weights)
    return 1 - misses / rps if rps else 0.0


def fmt(n, digits=0):
    return f"{n:,.{digits}f}"


def main():
    parser = argparse.ArgumentParser()
    for name in ("work", "output", "command", "load-before", "load-after"):
        parser.add_argument(f"--{name}", required=True)
    for name in ("connections", "threads", "duration", "warmup", "products", "drained", "buckets"):
        parser.add_argument(f"--{name}", type=int, required=True)
    args = parser.parse_args()
    work = Path(args.work)

    results = [json.loads(line) for line in (work / "results.jsonl").read_text().splitlines() if line.strip()]
    by_name = {r["scenario"]: r for r in results}
    ping_rps = by_name.get("ping", {}).get("rps") or 0
    backends = (work / "backends.txt").read_text().strip().splitlines() if (work / "backends.txt").exists() else []
    m = machine()
    now = datetime.datetime.now(datetime.timezone.utc)
    failures = []

    out = [BEGIN, "## Capstone shop under load (wrk)", ""]
    out.append("_Generated by `scripts/loadtest` (see [load-testing.md](load-testing.md)); rerun it rather than editing "
               "this section._")
    out.append("")
    out.append(f"- Command: `{args.command}` — {args.threads} wrk threads, {args.connections} connections, "
               f"{args.duration} s per scenario after a {args.warmup} s Zipf warm-up, {args.products:,} demo products.")
    out.append(f"- Date: {now:%Y-%m-%d %H:%M} UTC.")
    out.append(f"- Machine: `nproc` = {m['nproc']}, {m['cpu']}, {m['memory']} RAM, {m['os']}; .NET SDK {m['dotnet']}, "
               f"{m['wrk']}. Load average (1/5/15 min) before the run {args.load_before}, after {args.load_after}: "
               "the machine is shared, and **wrk and the shop share the same cores** (and with them the embedded "
               "Redis and the in-process Kafka mock), so every figure pays for the load generator too.")
    out.append("- Backends, as the shop logged them at start: " + ("; ".join(f"“{b}”" for b in backends) or "(not logged)") + ".")
    out.append("- The shop ran as one process, role `all` (API, outbox relay, five consumers), Release build, logging at "
               "Warning, SQLite in a fresh temporary file. `Shop:RateLimitPermits` was 1,000,000 per minute so the "
               "gateway never rejects, but **the rate limiter still runs**: every request below except `/ping` paid for its "
               "Redis round trip (one Lua script). `/ping` is exempt from the gateway, like `/health`, so the ratio to it "
               "is what the gateway and the endpoint's own work cost on top of the bare host.")
    out.append("")
    out.append("### Requests per scenario")
    out.append("")
    out.append("| scenario | what | requests | req/s | p50 ms | p99 ms | non-2xx | socket errors | ratio to /ping |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        e = r["socket_errors"]
        socket_errors = e["connect"] + e["read"] + e["write"] + e["timeout"]
        ratio = f"{r['rps'] / ping_rps:.2f}×" if ping_rps else "—"
        non2xx = fmt(r["non2xx"])
        if r["status_codes"]:
            non2xx += " (" + ", ".join(f"{code}: {count}" for code, count in sorted(r["status_codes"].items())) + ")"
        out.append(f"| {r['scenario']} | {WHAT.get(r['scenario'], '')} | {fmt(r['requests'])} | {fmt(r['rps'])} | "
                   f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {non2xx} | {socket_errors} | {ratio} |")
        if r["non2xx"] > 0:
            failures.append(f"{r['scenario']}: {r['non2xx']} non-2xx answers {r['status_codes']}")
        if r["requests"] == 0:
            failures.append(f"{r['scenario']}: no request completed")
    for name in ("checkout", "mix"):
        if name in by_name:
            r = by_name[name]
            out.append("")
            out.append(f"- {name}: {fmt(r['created'])} orders placed ({fmt(r['created'] / r['duration_s'])}/s).")
    out.append("")

    anonymous, signed = by_name.get("product-zipf"), by_name.get("product-token")
    if anonymous and signed:
        out.append("### What authentication costs")
        out.append("")
        out.append(f"The same cached `GET /products/{{id}}` Zipf reads, back to back in this run: anonymous "
                   f"{fmt(anonymous['rps'])} req/s (p99 {anonymous['p99_ms']:.1f} ms), with a user token "
                   f"{fmt(signed['rps'])} req/s (p99 {signed['p99_ms']:.1f} ms): **{signed['rps'] / anonymous['rps']:.2f}×**, "
                   f"i.e. {(1 - signed['rps'] / anonymous['rps']) * 100:.1f} % fewer requests/s. The token costs the JWT "
                   "bearer handler's work (parse, HS256 signature, issuer, audience and lifetime checks) on every request; "
                   "the rate limiter's Redis round trip is the same in both (one bucket for the anonymous address, one per "
                   "subject). The token run came second, on a catalog cache a little warmer. Cart, checkout, mix and "
                   "orders all carry tokens: there is no anonymous run of them to compare, since they need a user.")
        out.append("")

    keys_before, keys_after = ((work / f).read_text().strip() if (work / f).exists() else "unknown"
                               for f in ("keys-before-flood", "keys-after-flood"))
    flood = by_name.get("anon-flood")
    if flood:
        out.append("### Rate-limit keys under a flood of anonymous addresses")
        out.append("")
        out.append(f"The anon-flood run sent {fmt(flood['requests'])} requests, each from a random address 10.x.y.z "
                   "(16.5 million possible) as the trusted proxy 127.0.0.1 forwarded it, so almost every request was a "
                   "new client to the gateway. Anonymous `rate_limit:{ip:…}` keys in Redis (SCAN): "
                   f"**{keys_before} before, {keys_after} after**, with `Shop:RateLimitAnonymousBuckets` = {args.buckets:,} "
                   "for this run (default 65,536): each address, an IPv6 client by its /64, is hashed into one of that "
                   "many buckets, so no flood leaves more, and every key expires one window after its last request. "
                   f"Uniform hashing of {fmt(flood['requests'])} random addresses would fill "
                   f"{fmt(args.buckets * (1 - (1 - 1 / args.buckets) ** flood['requests']))} buckets (model). Keyed by the "
                   "raw address, the same flood would have left about one key per request.")
        out.append("")

    before, after, start = (read_json(work / f) for f in ("cache-before.json", "cache-after.json", "cache-start.json"))
    run = cache_delta(before, after)
    total = cache_delta({"local_hits": 0, "redis_hits": 0, "misses": 0}, after)
    warm = cache_delta(start, before)
    expected = expected_first_touches(args.products, run["lookups_before"], run["lookups"])
    out.append("### Catalog cache under the Zipf load")
    out.append("")
    out.append("| window | lookups | memory hits | Redis hits | misses (database) | hit rate |")
    out.append("|---|---:|---:|---:|---:|---:|")
    out.append(f"| the product-zipf run ({args.duration} s) | {fmt(run['lookups'])} | {fmt(run['local'])} | {fmt(run['redis'])} | "
               f"{fmt(run['misses'])} | **{run['rate'] * 100:.2f} %** |")
    out.append(f"| warm-up ({args.warmup} s, cold cache) | {fmt(warm['lookups'])} | {fmt(warm['local'])} | {fmt(warm['redis'])} | "
               f"{fmt(warm['misses'])} | {warm['rate'] * 100:.2f} % |")
    out.append(f"| since the shop started, through the product-zipf run | {fmt(total['lookups'])} | {fmt(total['local'])} | {fmt(total['redis'])} | "
               f"{fmt(total['misses'])} | {total['rate'] * 100:.2f} % |")
    out.append("")
    out.append(f"Target > 95 % in the measured run: **{'met' if run['rate'] > 0.95 else 'not met'}**. A Zipf(1.0) sampler "
               f"over {args.products:,} products, after the {fmt(run['lookups_before'])} lookups before the run, is "
               f"expected to touch {fmt(expected)} products for the first time in {fmt(run['lookups'])} draws; the run "
               f"had {fmt(run['misses'])} misses. So the misses are first touches of the long tail (a cold cache "
               "filling up), not evictions: every product stays 10 min in Redis and 30 s in memory, far longer than the run. "
               "Once the tail is in Redis, a product misses once per Redis TTL: at this run's "
               f"{fmt(by_name['product-zipf']['rps'])} req/s and the 10 min TTL the steady-state hit rate would be "
               f"{steady_state_hit_rate(args.products, by_name['product-zipf']['rps'], 600) * 100:.2f} % (model, not measured).")
    out.append("")

    orders = by_name.get("orders")
    out.append("### Orders end to end")
    out.append("")
    drained_at = work / "orders.drained"
    if orders and drained_at.exists():
        started = float((work / "orders.start").read_text())
        finished = float(drained_at.read_text())
        seconds = finished - started
        rate = orders["created"] / seconds
        out.append(f"{fmt(orders['created'])} orders accepted (201) by the orders scenario; the backlog "
                   f"(`GET /admin/backlog`: outbox empty and every consumer group's lag 0) drained "
                   f"{seconds:.1f} s after the run started: **{fmt(rate)} orders/s end to end** (accepted, written with "
                   "their outbox row, published to Kafka by the relay, and read by all five consumer groups: e-mail, SMS, "
                   "inventory, loyalty, analytics). The API alone accepted "
                   f"{fmt(orders['created'] / orders['duration_s'])}/s. The clock starts when wrk starts and stops at the "
                   "first drained sample (polled every 0.2 s; consumers commit offsets every second, so up to ≈ 1 s is "
                   "commit delay).")
    else:
        out.append("The backlog **did not drain** within the time limit; no end-to-end rate.")
        failures.append("the order backlog did not drain")
    out.append("")
    out.append("### Targets (DESIGN.md)")
    out.append("")
    out.append("| target | this run |")
    out.append("|---|---|")
    product = by_name.get("product-zipf")
    if product and ping_rps:
        ratio = product["rps"] / ping_rps
        out.append(f"| cached product GET ≥ 0.5× a trivial endpoint of the same host, p99 ≤ 10 ms | {ratio:.2f}×, p99 "
                   f"{product['p99_ms']:.1f} ms: {'met' if ratio >= 0.5 else 'not met'} / "
                   f"{'met' if product['p99_ms'] <= 10 else 'not met'} |")
    out.append(f"| catalog cache hit rate > 95 % under the Zipf load (≥ 99 % in DESIGN.md) | {run['rate'] * 100:.2f} % in the "
               f"measured run: {'met' if run['rate'] >= 0.99 else 'not met'} (≥ 99 %) |")
    if orders and drained_at.exists():
        out.append(f"| ≥ 1,000 orders/s end to end | {fmt(rate)}/s, every accepted order through all five groups: "
                   f"{'met' if rate >= 1000 else 'not met'} |")
    out.append("")
    out.append(END)
    section = "\n".join(out)

    output = Path(args.output)
    text = output.read_text() if output.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + section + tail
    else:
        text = (text.rstrip("\n") + "\n\n" if text else "") + section + "\n"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print(f"wrote the capstone-load section of {output}")
    if not args.drained:
        failures.append("the backlog did not drain before the orders run")
    for failure in failures:
        print(f"loadtest: FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
