"""The read replica check, run by scripts/replica-test.sh on a copy of the test site whose database lives on a
real MariaDB primary with a real replica (site_config: read_from_replica, replica_host, replica_db_port).

It makes a small department on the primary and waits until the replica has it. Then it stops the replica's
SQL thread and adds one more complete unit on the primary, so the two servers differ. Every reader (the
reports as the desk runs them, the number cards, the charts, the digests' facts) must then answer as before
with ``read_from_replica`` (the replica served it: the primary has the new unit), and differently without
it (the primary served it). The replica's own count of SELECT statements rising on each call is the second
witness. Prints one line per check and ``replica: N passed, M failed``.

    bench --site kpi-replica.localhost execute kpi_agreement.checks.replica.run"""

from __future__ import annotations

import json
from collections.abc import Callable

import frappe

from kpi_agreement.demo.builders import (
	advance,
	make_agreement,
	make_assessment,
	make_indicator,
	make_unit,
)
from kpi_agreement.frappe_free import digest_content, process
from kpi_agreement.tests.utils import BUDGET, DAYS, build_department, user

YEAR = 2575
DIGESTS = (digest_content.OWNER, digest_content.COORDINATOR, digest_content.EXECUTIVE)
ADMIN = "kpi_replica_admin"
"""Site config key of the replica's administrator (user, password): stops and starts its SQL thread."""


def run() -> None:
	frappe.set_user("Administrator")
	if not frappe.conf.read_from_replica:
		raise SystemExit("replica: 0 passed, 1 failed (the site has no read_from_replica)")
	dept = build_department(f"RPL{frappe.generate_hash(length=4)}", fiscal_year=YEAR, units="AB")
	for unit in dept.units:
		complete(agreement_of(dept, unit))
	frappe.db.commit()
	wait_for_replica()
	readers = readers_of(dept)
	before = {name: as_a_request(read) for name, read in readers.items()}
	results = []
	stop_replica()
	try:
		complete(add_unit(dept, "C"), ["96", "6"])
		frappe.db.commit()
		for name, read in readers.items():
			results.extend(check_reader(name, read, before[name]))
	finally:
		start_replica()
		frappe.clear_cache()
	for label, ok in results:
		print(f"{'ok  ' if ok else 'FAIL'} {label}")
	passed = sum(ok for _label, ok in results)
	print(f"replica: {passed} passed, {len(results) - passed} failed")


def check_reader(name: str, read: Callable, before: object) -> list[tuple[str, bool]]:
	selects = replica_selects()
	from_replica = as_a_request(read)
	served = replica_selects() - selects
	frappe.local.conf.read_from_replica = False
	try:
		from_primary = as_a_request(read)
	finally:
		frappe.local.conf.read_from_replica = True
	return [
		(f"{name}: the replica ran its queries ({served} SELECTs)", served > 0),
		(
			f"{name}: answered from the replica (without the unit only the primary has)",
			from_replica == before,
		),
		(f"{name}: answered from the primary when no replica is configured", from_primary != before),
	]


def as_a_request(read: Callable) -> object:
	"""``read`` as a request or a job of its own runs it: Frappe connects to the replica once per request (it
	keeps the connections it swapped on ``frappe.local``, which each request and job starts without)."""
	for swapped in ("replica_db", "primary_db"):
		if hasattr(frappe.local, swapped):
			delattr(frappe.local, swapped)
	return read()


# --- what is read


def readers_of(dept: frappe._dict) -> dict[str, Callable]:
	from frappe.desk.query_report import run as run_report

	from kpi_agreement.api import dashboard
	from kpi_agreement.mail import digest
	from kpi_agreement.overrides import frappe_api

	year = json.dumps({"fiscal_year": YEAR})

	def report(name: str, **filters) -> Callable:
		return lambda: stable(run_report(name, filters={"framework": dept.framework, **filters})["result"])

	return {
		"KPI Score Summary": report("KPI Score Summary", round_months="9", group_by_bureau=1),
		"KPI Indicator Results": report("KPI Indicator Results", round_months="9"),
		"KPI Process Tracker": report("KPI Process Tracker"),
		"number card KPI Agreements Total": lambda: frappe_api.number_card_result(
			frappe.get_doc("Number Card", "KPI Agreements Total").as_json(),
			[["KPI Agreement", "fiscal_year", "=", YEAR]],
		),
		"number card KPI Latest Average Score": lambda: stable(dashboard.latest_average(year)),
		"chart KPI Agreements per Step": lambda: stable(dashboard.agreements_per_step(year)),
		"digest facts": lambda: len(digest.gather_facts(DIGESTS).agreements),
	}


def stable(value: object) -> str:
	return json.dumps(value, default=str, sort_keys=True)


# --- the department


def agreement_of(dept: frappe._dict, unit: str) -> str:
	first, second = dept.indicators[unit]
	return make_agreement(unit, dept.framework, [(first, 60), (second, 40)])


def add_unit(dept: frappe._dict, letter: str) -> str:
	unit = make_unit(f"{dept.root.split()[0]} Unit {letter}", dept.bureau, "Group", head=user("head"))
	people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
	first = make_indicator(dept.framework, f"9.{letter}1", f"Budget {unit}", "D1", BUDGET, **people)
	second = make_indicator(
		dept.framework, f"9.{letter}2", f"Days {unit}", "D2", DAYS, direction="Lower is better", **people
	)
	return make_agreement(unit, dept.framework, [(first, 60), (second, 40)])


def complete(agreement: str, results: tuple | list = ("94", "8")) -> None:
	"""Signed, its 9-month assessment submitted."""
	advance(agreement, process.SIGNED)
	make_assessment(agreement, "9", list(results))


# --- the replica, through its administrator


def replica_admin():
	import pymysql

	admin = frappe.conf.get(ADMIN) or {}
	return pymysql.connect(
		host=frappe.conf.replica_host,
		port=int(frappe.conf.replica_db_port),
		user=admin.get("user"),
		password=admin.get("password"),
		autocommit=True,
	)


def replica_sql(query: str, *args) -> tuple:
	connection = replica_admin()
	try:
		with connection.cursor() as cursor:
			cursor.execute(query, args)
			return cursor.fetchall()
	finally:
		connection.close()


def replica_selects() -> int:
	return int(replica_sql("show global status like 'Com_select'")[0][1])


def wait_for_replica() -> None:
	position = frappe.db.sql("select @@gtid_binlog_pos")[0][0]
	if replica_sql("select master_gtid_wait(%s, 120)", position)[0][0] != 0:
		raise SystemExit("replica: 0 passed, 1 failed (the replica did not catch up in 120 s)")


def stop_replica() -> None:
	replica_sql("stop slave sql_thread")


def start_replica() -> None:
	replica_sql("start slave")
	wait_for_replica()
