#!/usr/bin/env bash
# The project's single test command: tier 1 (pytest on the Frappe-free core) everywhere, and tier 2
# (Frappe integration tests on a fresh test site) when a bench exists at ${KPI_BENCH:-$HOME/frappe-bench}.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

say "Tier 1: pytest on the Frappe-free core"
VENV="${KPI_TEST_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/kpi_agreement/venv}"
if [ ! -x "$VENV/bin/python" ]; then
	python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "pytest>=7" "hypothesis>=6" || exit 1
fi
(cd "$CHECKOUT" && "$VENV/bin/python" -m pytest tests)
tier1=$?
[ $tier1 -eq 5 ] && { echo "tier 1 ran no test" >&2; tier1=1; }

if [ ! -x "$BENCH/env/bin/python" ] || [ ! -d "$BENCH/apps/frappe" ]; then
	say "Tier 2 SKIPPED: no Frappe bench at $BENCH (set KPI_BENCH to run the integration tests)"
	exit $tier1
fi

say "Tier 2: Frappe integration tests on a fresh site of the bench at $BENCH"
SITE="${KPI_TEST_SITE:-kpi-test.localhost}"
PORT="${KPI_TEST_PORT:-8011}"
cleanup() {
	stop_serving "$PORT"
	if [ -z "${KPI_KEEP_SITE:-}" ]; then
		(cd "$BENCH" && bench drop-site "$SITE" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD" >/dev/null 2>&1)
	fi
	restore_app_link
}
trap cleanup EXIT
start_mariadb && start_redis || { echo "could not start MariaDB and Redis" >&2; exit 1; }
install_fonts
link_app
new_site "$SITE" || exit 1
(cd "$BENCH" && bench --site "$SITE" set-config allow_tests true >/dev/null)
serve_site "$SITE" "$PORT" || exit 1

log=/tmp/kpi-tier2.log
(cd "$BENCH" && CI=1 bench --site "$SITE" run-tests --app kpi_agreement 2>&1) | tee "$log"
tier2=${PIPESTATUS[0]}
ran=$(grep -oE '^Ran [0-9]+ test' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
bad=$(grep -E '^FAILED \(' "$log" | tail -1 | grep -oE '(failures|errors)=[0-9]+' | awk -F= '{s += $2} END {print s + 0}')
[ "$ran" -gt 0 ] || { echo "tier 2 ran no test" >&2; tier2=1; }
echo
echo "tier2: $((ran - ${bad:-0})) passed, ${bad:-0} failed"
[ $tier1 -eq 0 ] && [ $tier2 -eq 0 ]
