#!/usr/bin/env bash
# Install kpi_agreement into a demo site with the Thai demo department and serve it on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SITE="${KPI_DEMO_SITE:-kpi-demo.localhost}"
PORT="${KPI_DEMO_PORT:-8000}"
ensure_bench_cli
start_mariadb
start_redis
install_fonts
link_app
if [ ! -d "$BENCH/sites/$SITE" ]; then
	new_site "$SITE"
else
	(cd "$BENCH" && bench --site "$SITE" migrate >/dev/null)
fi
(cd "$BENCH" && bench --site "$SITE" execute kpi_agreement.demo.install)
(cd "$BENCH" && bench --site "$SITE" set-config host_name "http://127.0.0.1:$PORT" >/dev/null)
echo "Serving http://127.0.0.1:$PORT (sign in as Administrator / admin, or coordinator@demo.kpi.example / demo-KPI-2569)"
cd "$BENCH" && exec bench --site "$SITE" serve --port "$PORT"
