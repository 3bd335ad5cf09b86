#!/usr/bin/env bash
# The load test: the app served the production way (gunicorn with several workers and an RQ worker) on
# loopback, driven by locust (headless, bounded in time and requests): unit users open their assessment and
# save results, two users per assessment so that some saves conflict; coordinators open the desk, the KPI
# workspace (number cards, charts) and the reports. Prints p50/p95 per request type and the error count, then
# checks that every save the server acknowledged is in the database.
#
#   bash scripts/load-test.sh            # 200 unit users + 10 coordinators, 5 minutes, at most 20,000 requests
#   bash scripts/load-test.sh --smoke    # 20 unit users + 2 coordinators, 90 seconds (part of run-tests.sh)
#
# Settings (environment): KPI_LOAD_SITE (kpi-load.localhost, made on first run and kept), KPI_LOAD_PORT (8021),
# KPI_LOAD_UNIT_USERS, KPI_LOAD_COORDINATORS, KPI_LOAD_RUN_TIME, KPI_LOAD_MAX_REQUESTS, KPI_LOAD_SPAWN_RATE (users
# signing in per second: 3, so 210 users are all in after 70 s),
# KPI_LOAD_GUNICORN_WORKERS (5: 2 x cores + 1, Frappe's production default on 2 cores), KPI_LOAD_DROP_SITE
# (drop the site afterwards).
# Targets: p95 <= 1 s for saves, <= 2 s for reports, no error, no lost acknowledged write (the short run counts
# the last two and reports the p95s).
set -uo pipefail
source "$(dirname "$0")/lib.sh"

SMOKE=""
[ "${1:-}" = "--smoke" ] && SMOKE=1
SITE="${KPI_LOAD_SITE:-kpi-load.localhost}"
PORT="${KPI_LOAD_PORT:-8021}"
QUEUE_PORT="${KPI_LOAD_QUEUE_PORT:-11321}"
UNIT_USERS="${KPI_LOAD_UNIT_USERS:-$([ -n "$SMOKE" ] && echo 20 || echo 200)}"
COORDINATORS="${KPI_LOAD_COORDINATORS:-$([ -n "$SMOKE" ] && echo 2 || echo 10)}"
RUN_TIME="${KPI_LOAD_RUN_TIME:-$([ -n "$SMOKE" ] && echo 90s || echo 5m)}"
MAX_REQUESTS="${KPI_LOAD_MAX_REQUESTS:-$([ -n "$SMOKE" ] && echo 2000 || echo 20000)}"
GUNICORN_WORKERS="${KPI_LOAD_GUNICORN_WORKERS:-5}"
SPAWN_RATE="${KPI_LOAD_SPAWN_RATE:-3}"
OUT="${KPI_LOAD_OUT:-/tmp/kpi-load}"
LOAD_VENV="${KPI_LOAD_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/kpi_agreement/load-venv}"
PY="$BENCH/env/bin/python"
# the servers and scripts import the app from this checkout, whatever the bench's apps/kpi_agreement points at
export PYTHONPATH="$CHECKOUT${PYTHONPATH:+:$PYTHONPATH}"

skip() { echo "Load test SKIPPED: $*"; echo "load: 0 passed, 0 failed"; exit 0; }
[ -x "$PY" ] && [ -d "$BENCH/apps/frappe" ] || skip "no Frappe bench at $BENCH"
ensure_bench_cli || skip "the bench command is not available"
start_mariadb && start_redis || skip "MariaDB and Redis could not be started"
command -v curl >/dev/null || apt_install curl
if [ ! -x "$LOAD_VENV/bin/locust" ]; then
	say "Installing locust (PyPI) into $LOAD_VENV"
	python3 -m venv "$LOAD_VENV" && "$LOAD_VENV/bin/pip" install -q "locust>=2.20,<3" || skip "locust could not be installed"
fi
mkdir -p "$OUT"
[ -n "${KPI_LOAD_LINKED:-}" ] || link_app

say "Load test site $SITE: its own Redis queue on port $QUEUE_PORT, $UNIT_USERS unit users, $COORDINATORS coordinators"
if [ ! -f "$BENCH/sites/$SITE/site_config.json" ]; then
	(cd "$BENCH" && bench new-site "$SITE" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin \
		--install-app kpi_agreement >"$OUT/new-site.log" 2>&1) || { tail -20 "$OUT/new-site.log"; skip "the site could not be made"; }
fi
redis-cli -p "$QUEUE_PORT" ping >/dev/null 2>&1 ||
	redis-server --daemonize yes --bind 127.0.0.1 --port "$QUEUE_PORT" --save '' --logfile "$OUT/queue.log"
(cd "$BENCH" && bench --site "$SITE" set-config redis_queue "redis://127.0.0.1:$QUEUE_PORT" >/dev/null &&
	bench --site "$SITE" set-config host_name "http://127.0.0.1:$PORT" >/dev/null &&
	bench --site "$SITE" set-config -p throttle_user_limit 10000 >/dev/null)
(cd "$BENCH/sites" && "$PY" "$CHECKOUT/benchmarks/load_data.py" --site "$SITE" prepare \
	--unit-users "$UNIT_USERS" --coordinators "$COORDINATORS" --out "$OUT/users.json") || skip "the load department could not be made"
# saving the users queued Frappe's own follow-up jobs (a gravatar look-up per user): the preparation's, not the
# users' work, so they are dropped before the run (the queue's Redis is this test's own)
redis-cli -p "$QUEUE_PORT" flushall >/dev/null

say "Serving $SITE the production way: gunicorn ($GUNICORN_WORKERS workers) on 127.0.0.1:$PORT and an RQ worker"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then skip "port $PORT is taken by another server"; fi
# each in a session of its own (the subshell execs setsid, which execs the server: $! is the server's pid)
(cd "$BENCH/sites" && exec setsid "$BENCH/env/bin/gunicorn" -b "127.0.0.1:$PORT" -w "$GUNICORN_WORKERS" \
	--max-requests 5000 --max-requests-jitter 500 -t 120 --graceful-timeout 30 \
	frappe.app:application --preload) >"$OUT/gunicorn.log" 2>&1 </dev/null &
echo $! >"$OUT/gunicorn.pid"
(cd "$BENCH/sites" && exec setsid "$PY" "$CHECKOUT/benchmarks/worker.py" --site "$SITE") >"$OUT/worker.log" 2>&1 </dev/null &
echo $! >"$OUT/worker.pid"
stop_servers() {
	local pid
	for pid in $(cat "$OUT/gunicorn.pid" "$OUT/worker.pid" 2>/dev/null); do
		kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null
		for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
	done
	rm -f "$OUT/gunicorn.pid" "$OUT/worker.pid"
}
finish() {
	stop_servers
	redis-cli -p "$QUEUE_PORT" shutdown nosave >/dev/null 2>&1
	if [ -n "${KPI_LOAD_DROP_SITE:-}" ]; then
		(cd "$BENCH" && bench drop-site "$SITE" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD" >/dev/null 2>&1)
	fi
}
trap finish EXIT
for _ in $(seq 1 60); do
	curl -sf -H "X-Frappe-Site-Name: $SITE" "http://127.0.0.1:$PORT/api/method/ping" >/dev/null && break
	sleep 1
done
curl -sf -H "X-Frappe-Site-Name: $SITE" "http://127.0.0.1:$PORT/api/method/ping" >/dev/null || skip "gunicorn did not answer"

warm_up() { # each gunicorn worker loads the app's code and caches on its first requests: not measured
	local jar="$OUT/warm-up.cookies" url="http://127.0.0.1:$PORT" header="X-Frappe-Site-Name: $SITE" i
	local framework assessment
	framework=$("$PY" -c "import json, sys; print(json.load(open(sys.argv[1]))['framework'])" "$OUT/users.json")
	assessment=$("$PY" -c "import json, sys; print(json.load(open(sys.argv[1]))['users'][0]['assessment'])" "$OUT/users.json")
	curl -sf -c "$jar" -H "$header" -X POST "$url/api/method/login" -d usr=Administrator -d "pwd=${KPI_LOAD_ADMIN_PASSWORD:-admin}" >/dev/null || return 0
	for i in $(seq 1 $((GUNICORN_WORKERS * 3))); do
		curl -s -b "$jar" -H "$header" "$url/api/method/frappe.desk.form.load.getdoc?doctype=KPI%20Assessment&name=$assessment" >/dev/null
		curl -s -b "$jar" -H "$header" "$url/app/performance-agreements" >/dev/null
		for report in "KPI Score Summary" "KPI Indicator Results" "KPI Process Tracker"; do
			curl -s -b "$jar" -H "$header" -G "$url/api/method/frappe.desk.query_report.run" --data-urlencode "report_name=$report" \
				--data-urlencode "filters={\"framework\": \"$framework\", \"round_months\": \"6\"}" >/dev/null
		done
	done
}
warm_up

users=$((UNIT_USERS + COORDINATORS))
say "locust: $users users for $RUN_TIME (at most $MAX_REQUESTS requests), loopback only"
(cd "$CHECKOUT/benchmarks" && KPI_LOAD_USERS_FILE="$OUT/users.json" KPI_LOAD_ACKS="$OUT/acks.jsonl" \
	KPI_LOAD_MAX_REQUESTS="$MAX_REQUESTS" KPI_LOAD_UNIT_USERS="$UNIT_USERS" KPI_LOAD_COORDINATORS="$COORDINATORS" \
	timeout 900 "$LOAD_VENV/bin/locust" -f locustfile.py --headless -u "$users" -r "$SPAWN_RATE" --run-time "$RUN_TIME" \
	--stop-timeout 30 --host "http://127.0.0.1:$PORT" --csv "$OUT/stats" --only-summary \
	>"$OUT/locust.log" 2>&1)
grep -E "^conflicts" "$OUT/locust.log"
stop_servers

say "Afterwards: every acknowledged save is in the database"
(cd "$BENCH/sites" && "$PY" "$CHECKOUT/benchmarks/load_data.py" --site "$SITE" check --acks "$OUT/acks.jsonl") |
	tee "$OUT/check.log"
lost=$(grep -oE 'lost: [0-9]+' "$OUT/check.log" | grep -oE '[0-9]+' || echo unknown)

"$LOAD_VENV/bin/python" - "$OUT/stats_stats.csv" "$lost" "$users" "$SMOKE" <<'EOF'
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
lost, users, smoke = sys.argv[2], sys.argv[3], sys.argv[4]
print(f"\n{users} users | request type | requests | errors | p50 (ms) | p95 (ms)")
print("|---|---|---|---|---|")
for row in rows:
	print(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {row['95%']} |")
by_name = {row["Name"]: row for row in rows}
total = by_name.get("Aggregated", {})
checks = {
	"no request failed": int(total.get("Failure Count", 1)) == 0,
	"some saves were acknowledged": int(by_name.get("save assessment", {}).get("Request Count", 0)) > 0,
	"no acknowledged save lost": lost == "0",
}
targets = {
	"p95 of saves <= 1 s": float(by_name.get("save assessment", {}).get("95%", "inf")) <= 1000,
	"p95 of reports <= 2 s": all(float(r["95%"]) <= 2000 for r in rows if r["Name"].startswith("report:")),
}
if smoke:  # a short run on a machine shared with other work: the targets are reported, not counted
	for label, ok in targets.items():
		print(f"{'met ' if ok else 'MISS'} {label} (target of the full run)")
else:
	checks.update(targets)
for label, ok in checks.items():
	print(f"{'ok  ' if ok else 'FAIL'} {label}")
passed = sum(checks.values())
print(f"load: {passed} passed, {len(checks) - passed} failed")
sys.exit(0 if passed == len(checks) else 1)
EOF
