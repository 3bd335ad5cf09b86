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
(cd "$CHECKOUT" && "$VENV/bin/python" -m pytest tests) | tee /tmp/kpi-tier1.log
tier1=${PIPESTATUS[0]}
[ $tier1 -eq 5 ] && { echo "tier 1 ran no test" >&2; tier1=1; }
count() { grep -oE "[0-9]+ $1" "$2" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count passed /tmp/kpi-tier1.log)
failed=$(( $(count failed /tmp/kpi-tier1.log) + $(count error /tmp/kpi-tier1.log) ))

if [ ! -x "$BENCH/env/bin/python" ] || [ ! -d "$BENCH/apps/frappe" ]; then
	say "Tier 2 SKIPPED: no Frappe bench at $BENCH (set KPI_BENCH to run the integration tests)"
	echo "total: $passed passed, $failed failed"
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
ensure_bench_cli || { echo "the bench command (frappe-bench) is not available" >&2; exit 1; }
start_mariadb && start_redis || { echo "could not start MariaDB and Redis" >&2; exit 1; }
link_app
build_assets
command -v pdftotext >/dev/null || apt_install poppler-utils || true  # PDF checks of the print tests
new_site "$SITE" || exit 1
# The suites sign in as many users they create; Frappe throttles user creation to 60 an hour by default.
(cd "$BENCH" && bench --site "$SITE" set-config allow_tests true >/dev/null &&
	bench --site "$SITE" set-config -p throttle_user_limit 1000 >/dev/null)
serve_site "$SITE" "$PORT" || exit 1

log=/tmp/kpi-tier2.log
(cd "$BENCH" && CI=1 bench --site "$SITE" run-tests --app kpi_agreement 2>&1) | tee "$log"
tier2=${PIPESTATUS[0]}
ran=$(grep -oE '^Ran [0-9]+ test' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
bad=$(grep -E '^FAILED \(' "$log" | tail -1 | grep -oE '(failures|errors)=[0-9]+' | awk -F= '{s += $2} END {print s + 0}')
[ "$ran" -gt 0 ] || { echo "tier 2 ran no test" >&2; tier2=1; }
echo "tier2: $((ran - bad)) passed, $bad failed"
passed=$((passed + ran - bad))
failed=$((failed + bad))

say "Read replica: reports, number cards, charts and digests served by a real MariaDB replica of the test site"
bash "$CHECKOUT/scripts/replica-test.sh" "$SITE" 2>&1 | tee /tmp/kpi-replica.log
replica_pass=$(grep -oE '^replica: [0-9]+ passed' /tmp/kpi-replica.log | tail -1 | grep -oE '[0-9]+' || echo 0)
replica_fail=$(grep -oE '^replica: [0-9]+ passed, [0-9]+ failed' /tmp/kpi-replica.log | tail -1 | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 1)
passed=$((passed + replica_pass))
failed=$((failed + replica_fail))

say "Load test, short run: gunicorn, an RQ worker and locust on a site of its own"
KPI_LOAD_LINKED=1 KPI_LOAD_DROP_SITE=1 bash "$CHECKOUT/scripts/load-test.sh" --smoke 2>&1 | tee /tmp/kpi-load.log
load_pass=$(grep -oE '^load: [0-9]+ passed' /tmp/kpi-load.log | tail -1 | grep -oE '[0-9]+' || echo 0)
load_fail=$(grep -oE '^load: [0-9]+ passed, [0-9]+ failed' /tmp/kpi-load.log | tail -1 | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 1)
passed=$((passed + load_pass))
failed=$((failed + load_fail))

say "End-to-end: a Thai coordinator in headless Chromium against the served test site"
e2e_pass=0
e2e_fail=0
command -v chromium >/dev/null || apt_install chromium >/dev/null 2>&1 || true
"$VENV/bin/python" -c "import playwright" 2>/dev/null || "$VENV/bin/pip" install -q playwright >/dev/null 2>&1 || true
if command -v chromium >/dev/null && "$VENV/bin/python" -c "import playwright" 2>/dev/null; then
	(cd "$BENCH" && bench --site "$SITE" set-config allow_kpi_demo 1 >/dev/null &&
		bench --site "$SITE" execute kpi_agreement.demo.install >/dev/null 2>&1)
	demo_password="$(cd "$BENCH" && bench --site "$SITE" execute kpi_agreement.demo.builders.demo_password | tr -d '"')"
	# Data Import runs in a background job: the scheduler on and a worker for the imports of the e2e tests
	# (the jobs the tier-2 tests queued with no worker running are dropped first)
	(cd "$BENCH" && bench --site "$SITE" enable-scheduler >/dev/null 2>&1 &&
		bench --site "$SITE" purge-jobs --queue default >/dev/null 2>&1 &&
		bench --site "$SITE" purge-jobs --queue long >/dev/null 2>&1)
	(cd "$BENCH" && setsid nohup bench --site "$SITE" worker --queue default,long >/tmp/kpi-e2e-worker.log 2>&1 &)
	(cd "$CHECKOUT" && KPI_E2E_URL="http://127.0.0.1:$PORT" KPI_CHROMIUM="$(command -v chromium)" \
		KPI_E2E_PASSWORD="$demo_password" \
		"$VENV/bin/python" -m pytest e2e -p no:cacheprovider) | tee /tmp/kpi-e2e.log
	pkill -f "$SITE worker" 2>/dev/null || true
	e2e_pass=$(count passed /tmp/kpi-e2e.log)
	e2e_fail=$(( $(count failed /tmp/kpi-e2e.log) + $(count error /tmp/kpi-e2e.log) ))
	[ "$e2e_pass" -gt 0 ] || e2e_fail=$((e2e_fail + 1))
else
	echo "End-to-end tests SKIPPED: Chromium or Playwright could not be installed"
fi
passed=$((passed + e2e_pass))
failed=$((failed + e2e_fail))

say "Migrations: admin edits survive bench migrate, a second migrate changes nothing, uninstall leaves a working site"
mig_log=/tmp/kpi-migration.log
{
	cd "$BENCH" &&
		bench --site "$SITE" execute kpi_agreement.checks.migration.prepare &&
		bench --site "$SITE" migrate >/dev/null &&
		bench --site "$SITE" execute kpi_agreement.checks.migration.snapshot &&
		bench --site "$SITE" migrate >/dev/null &&
		bench --site "$SITE" execute kpi_agreement.checks.migration.verify
} 2>&1 | tee "$mig_log" | grep -vE '^(Migrating|Updating|Executing|Queued|Compiling|Removing|\s*$)'
mig_pass=$(grep -oE '^migration: [0-9]+ passed' "$mig_log" | grep -oE '[0-9]+' || echo 0)
mig_fail=$(grep -oE '^migration: [0-9]+ passed, [0-9]+ failed' "$mig_log" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 1)
[ "$mig_pass" -gt 0 ] || mig_fail=1
(cd "$BENCH" && bench --site "$SITE" uninstall-app kpi_agreement --yes --no-backup --force >/dev/null 2>&1)
if (cd "$BENCH" && bench --site "$SITE" list-apps 2>/dev/null | grep -q kpi_agreement); then
	echo "FAIL uninstall-app left kpi_agreement installed"; mig_fail=$((mig_fail + 1))
elif curl -sf "http://127.0.0.1:$PORT/api/method/ping" >/dev/null &&
	(cd "$BENCH" && bench --site "$SITE" execute frappe.client.get_count --args '["User"]' >/dev/null 2>&1); then
	echo "ok   site works after uninstall-app"; mig_pass=$((mig_pass + 1))
else
	echo "FAIL site broken after uninstall-app"; mig_fail=$((mig_fail + 1))
fi
passed=$((passed + mig_pass))
failed=$((failed + mig_fail))

echo
echo "total: $passed passed, $failed failed"
[ $tier1 -eq 0 ] && [ $tier2 -eq 0 ] && [ "$e2e_fail" -eq 0 ] && [ "$mig_fail" -eq 0 ] &&
	[ "$replica_fail" -eq 0 ] && [ "$load_fail" -eq 0 ]
