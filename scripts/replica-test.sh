#!/usr/bin/env bash
# The read replica test: a real MariaDB primary and a real replica of it (Debian's mariadbd, each with a data
# directory of its own under /tmp/kpi-replica, on ports 3316 and 3317 of this machine, GTID replication from
# the primary's binary log). The test site's database is copied into the primary and so replicated; a copy of
# the site reads from the replica (read_from_replica, replica_host, replica_db_port) and
# kpi_agreement/checks/replica.py shows that the replica served the reports, number cards, charts and
# digests, and that the primary serves them when no replica is configured.
#
#   bash scripts/replica-test.sh SOURCE_SITE      # run-tests.sh passes its test site
#
# Skips with a message where MariaDB's server programs are missing or the servers cannot start.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

SOURCE="${1:-${KPI_REPLICA_SOURCE:-kpi-test.localhost}}"
SITE="${KPI_REPLICA_SITE:-kpi-replica.localhost}"
DIR="${KPI_REPLICA_DIR:-/tmp/kpi-replica}"
PRIMARY_PORT="${KPI_REPLICA_PRIMARY_PORT:-3316}"
REPLICA_PORT="${KPI_REPLICA_PORT:-3317}"
ADMIN_PASSWORD="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# the check imports the app from this checkout, whatever the bench's apps/kpi_agreement points at
export PYTHONPATH="$CHECKOUT${PYTHONPATH:+:$PYTHONPATH}"

skip() { echo "Read replica test SKIPPED: $*"; echo "replica: 0 passed, 0 failed"; exit 0; }
[ -x "$BENCH/env/bin/python" ] || skip "no Frappe bench at $BENCH"
[ -f "$BENCH/sites/$SOURCE/site_config.json" ] || skip "no site $SOURCE to copy"
command -v mariadb-install-db >/dev/null && command -v mariadbd >/dev/null || skip "MariaDB's server programs are not installed"
command -v mysqldump >/dev/null || skip "mysqldump is not installed"

sql() { mariadb --no-defaults -uroot -S "$DIR/$1.sock" -N -e "$2"; }
stop() {
	local name
	for name in primary replica; do
		[ -S "$DIR/$name.sock" ] && mariadb-admin --no-defaults -uroot -S "$DIR/$name.sock" shutdown 2>/dev/null
	done
	rm -rf "$BENCH/sites/$SITE" "$DIR"
}
trap stop EXIT
start() { # name port server-id extra-options...
	local name="$1" port="$2" id="$3"
	shift 3
	mariadb-install-db --no-defaults --user=root --datadir="$DIR/$name" >"$DIR/$name-install.log" 2>&1 || return 1
	setsid mariadbd --no-defaults --user=root --datadir="$DIR/$name" --port="$port" --bind-address=127.0.0.1 \
		--socket="$DIR/$name.sock" --pid-file="$DIR/$name.pid" --server-id="$id" --log-bin="$DIR/$name-bin" \
		--binlog-format=ROW --skip-name-resolve --character-set-server=utf8mb4 \
		--collation-server=utf8mb4_unicode_ci --character-set-client-handshake=FALSE \
		--innodb-buffer-pool-size=256M "$@" >"$DIR/$name.log" 2>&1 &
	for _ in $(seq 1 60); do sql "$name" "select 1" >/dev/null 2>&1 && return 0; sleep 0.5; done
	return 1
}

say "Read replica: a MariaDB primary on port $PRIMARY_PORT and its replica on port $REPLICA_PORT"
stop
mkdir -p "$DIR"
start primary "$PRIMARY_PORT" 1 || { tail -5 "$DIR/primary.log"; skip "the primary MariaDB did not start"; }
start replica "$REPLICA_PORT" 2 --read-only=1 --relay-log="$DIR/replica-relay" ||
	{ tail -5 "$DIR/replica.log"; skip "the replica MariaDB did not start"; }
sql primary "CREATE USER 'replication'@'%' IDENTIFIED BY 'replication';
	GRANT REPLICATION SLAVE ON *.* TO 'replication'@'%';
	CREATE USER 'kpiadmin'@'%' IDENTIFIED BY '$ADMIN_PASSWORD'; GRANT ALL ON *.* TO 'kpiadmin'@'%';" || skip "no users on the primary"
sql replica "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$PRIMARY_PORT, MASTER_USER='replication',
	MASTER_PASSWORD='replication', MASTER_USE_GTID=slave_pos; START SLAVE;" || skip "replication did not start"

read -r DB_NAME DB_PASSWORD < <("$BENCH/env/bin/python" -c "import json, sys; c = json.load(open(sys.argv[1])); print(c['db_name'], c['db_password'])" "$BENCH/sites/$SOURCE/site_config.json")
say "Copying the database of $SOURCE into the primary (the replica follows)"
sql primary "CREATE DATABASE \`$DB_NAME\`; CREATE USER '$DB_NAME'@'%' IDENTIFIED BY '$DB_PASSWORD';
	GRANT ALL ON \`$DB_NAME\`.* TO '$DB_NAME'@'%';"
mysqldump -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 --single-transaction --skip-lock-tables "$DB_NAME" |
	mariadb --no-defaults -uroot -S "$DIR/primary.sock" "$DB_NAME" || skip "the database could not be copied"

mkdir -p "$BENCH/sites/$SITE/logs" "$BENCH/sites/$SITE/locks" "$BENCH/sites/$SITE/private/files" "$BENCH/sites/$SITE/public/files"
"$BENCH/env/bin/python" - "$BENCH/sites/$SOURCE/site_config.json" "$BENCH/sites/$SITE/site_config.json" \
	"$PRIMARY_PORT" "$REPLICA_PORT" "$ADMIN_PASSWORD" <<'EOF'
import json
import sys

source, target, primary, replica, admin = sys.argv[1:]
config = json.load(open(source))
config.pop("db_socket", None)
config.update(
	db_host="127.0.0.1",
	db_port=int(primary),
	read_from_replica=1,
	replica_host="127.0.0.1",
	replica_db_port=int(replica),
	kpi_replica_admin={"user": "kpiadmin", "password": admin},
)
json.dump(config, open(target, "w"), indent=1)
EOF

say "Reports, number cards, charts and digests on $SITE: primary :$PRIMARY_PORT, replica :$REPLICA_PORT"
log=/tmp/kpi-replica-check.log
(cd "$BENCH" && bench --site "$SITE" execute kpi_agreement.checks.replica.run 2>&1) | tee "$log"
grep -qE '^replica: ' "$log" || echo "replica: 0 passed, 1 failed"
grep -qE '^replica: [0-9]+ passed, 0 failed' "$log"
