# Shared shell functions of run-tests.sh and demo.sh: services, and linking this checkout into a bench.
# shellcheck shell=bash

CHECKOUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${KPI_BENCH:-$HOME/frappe-bench}"
DB_ROOT_PASSWORD="${KPI_DB_ROOT_PASSWORD:-root}"

say() { printf '\n==> %s\n' "$*"; }

# The bench CLI (PyPI frappe-bench): on PATH, in pyenv's shims, or installed on demand.
command -v bench >/dev/null || export PATH="$HOME/.pyenv/shims:$HOME/.local/bin:$PATH"
ensure_bench_cli() {
	command -v bench >/dev/null || python3 -m pip install -q frappe-bench >/dev/null || return 1
}

apt_install() {
	command -v apt-get >/dev/null || { echo "apt-get not found: install $* yourself" >&2; return 1; }
	[ -n "${KPI_APT_UPDATED:-}" ] || { apt-get update -qq && KPI_APT_UPDATED=1; }
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_mariadb() {
	command -v mariadbd >/dev/null || command -v mysqld >/dev/null || apt_install mariadb-server mariadb-client
	if ! mysqladmin ping --silent 2>/dev/null; then
		service mariadb start >/dev/null 2>&1 || (mysqld_safe >/dev/null 2>&1 &)
		for _ in $(seq 1 60); do mysqladmin ping --silent 2>/dev/null && break; sleep 1; done
	fi
	# Frappe's CI convention: root with password "root" (a new Debian MariaDB only allows the unix socket).
	if ! mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e 'select 1' >/dev/null 2>&1; then
		mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;"
	fi
}

start_redis() {
	command -v redis-server >/dev/null || apt_install redis-server
	# Every Redis the bench names (cache, queue, socketio), on its own port; 6379 when the bench names none.
	local ports port
	ports="$(grep -oE 'redis://[^"]*:[0-9]+' "$BENCH/sites/common_site_config.json" 2>/dev/null | grep -oE '[0-9]+$' | sort -u)"
	for port in ${ports:-6379}; do
		redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 ||
			redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir /tmp --save '' \
				--logfile "/tmp/kpi-redis-$port.log"
		for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
	done
}

# Point the bench's apps/kpi_agreement at this checkout (restored by restore_app_link).
link_app() {
	APP_LINK="$BENCH/apps/kpi_agreement"
	PREVIOUS_APP_TARGET="$(readlink "$APP_LINK" 2>/dev/null || true)"
	if [ -e "$APP_LINK" ] && [ ! -L "$APP_LINK" ]; then
		echo "$APP_LINK is a real directory; tests run against it, not $CHECKOUT" >&2
	else
		ln -sfn "$CHECKOUT" "$APP_LINK"
	fi
	local site_packages
	site_packages="$("$BENCH/env/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
	if ls "$site_packages"/__editable__*kpi_agreement* >/dev/null 2>&1; then
		"$BENCH/env/bin/python" -m pip uninstall -y -q kpi_agreement >/dev/null 2>&1 || true
	fi
	echo "$APP_LINK" >"$site_packages/kpi_agreement.pth"
	grep -qx kpi_agreement "$BENCH/sites/apps.txt" || printf '\nkpi_agreement\n' >>"$BENCH/sites/apps.txt"
	sed -i '/^$/d' "$BENCH/sites/apps.txt"
	[ -e "$BENCH/sites/assets/kpi_agreement" ] || ln -sfn "$APP_LINK/kpi_agreement/public" "$BENCH/sites/assets/kpi_agreement"
}

# The desk bundle (public/js/kpi_agreement.bundle.js, public/css/kpi_agreement.bundle.css).
build_assets() {
	(cd "$BENCH" && bench build --app kpi_agreement >/tmp/kpi-build.log 2>&1) || { tail -20 /tmp/kpi-build.log; return 1; }
}

restore_app_link() {
	if [ -n "${PREVIOUS_APP_TARGET:-}" ] && [ "$PREVIOUS_APP_TARGET" != "$CHECKOUT" ] && [ -d "$PREVIOUS_APP_TARGET" ]; then
		ln -sfn "$PREVIOUS_APP_TARGET" "$BENCH/apps/kpi_agreement"
	fi
}

new_site() {
	local site="$1"
	(cd "$BENCH" && bench drop-site "$site" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD" >/dev/null 2>&1 || true)
	(cd "$BENCH" && bench new-site "$site" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin \
		--install-app kpi_agreement >/tmp/kpi-new-site.log 2>&1) || { tail -40 /tmp/kpi-new-site.log; return 1; }
}

serve_site() {
	local site="$1" port="$2"
	command -v curl >/dev/null || apt_install curl
	(cd "$BENCH" && bench --site "$site" set-config host_name "http://127.0.0.1:$port" >/dev/null)
	(cd "$BENCH" && setsid nohup bench --site "$site" serve --port "$port" --noreload >"/tmp/kpi-serve-$port.log" 2>&1 &)
	for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/method/ping" >/dev/null && return 0; sleep 1; done
	echo "the web server on port $port did not answer" >&2
	return 1
}

stop_serving() {
	local port="$1"
	pkill -f "serve --port $port" 2>/dev/null || true
}
