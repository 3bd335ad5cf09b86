#!/usr/bin/env bash
# Install kpi_agreement into a demo site with the Thai demo department and serve it on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SITE="${KPI_DEMO_SITE:-kpi-demo.localhost}"
PORT="${KPI_DEMO_PORT:-8000}"
ensure_bench_cli
start_mariadb
start_redis
link_app
build_assets
if [ ! -d "$BENCH/sites/$SITE" ]; then
	new_site "$SITE"
else
	(cd "$BENCH" && bench --site "$SITE" migrate >/dev/null)
fi
# This site is a demo: it allows demo data, and demo users get a password of its own (random, kept in the
# site config) that is printed below. The site is served on 127.0.0.1 only.
(cd "$BENCH" && bench --site "$SITE" set-config allow_kpi_demo 1 >/dev/null)
(cd "$BENCH" && bench --site "$SITE" execute kpi_agreement.demo.install)
(cd "$BENCH" && bench --site "$SITE" set-config host_name "http://127.0.0.1:$PORT" >/dev/null)
password="$(cd "$BENCH" && bench --site "$SITE" execute kpi_agreement.demo.builders.demo_password | tr -d '"')"
# Background jobs (department-wide moves, booklets) and the hourly digests need a worker and the scheduler.
(cd "$BENCH" && setsid nohup bench --site "$SITE" worker >/tmp/kpi-demo-worker.log 2>&1 &)
(cd "$BENCH" && bench --site "$SITE" enable-scheduler >/dev/null && setsid nohup bench --site "$SITE" schedule \
	>/tmp/kpi-demo-schedule.log 2>&1 &)
echo "Serving http://127.0.0.1:$PORT (sign in as Administrator / admin, or coordinator@demo.kpi.example / $password)"
cd "$BENCH" && exec bench --site "$SITE" serve --port "$PORT"
