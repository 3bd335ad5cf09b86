"""The load test's department and its check afterwards (run on the site; scripts/load-test.sh calls both).

    cd ~/frappe-bench/sites && ../env/bin/python ../apps/kpi_agreement/benchmarks/load_data.py \\
        --site kpi-load.localhost prepare --unit-users 200 --coordinators 10 --out /tmp/kpi-load/users.json
    ../env/bin/python ../apps/kpi_agreement/benchmarks/load_data.py --site kpi-load.localhost \\
        check --acks /tmp/kpi-load/acks.jsonl

``prepare`` makes (once per site and size) one unit per two unit users, each unit with a signed agreement of
8 indicators (two per dimension), a submitted 6-month assessment (for the reports) and a draft 9-month assessment that its two
users fill in at once, each their own lines; coordinators; and writes who signs in with what password.
``check`` reads every save the server acknowledged and checks that none was lost: per assessment, each
acknowledged save started from the version the previous one left (no save overwrote a version it had not
seen), and each user's last acknowledged value of each line is what the database holds."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

INDICATORS = 8
YEAR = 2565
DOMAIN = "load.kpi.example"
FLAG = "kpi_load_department"


def arguments() -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default=os.getcwd())
	commands = parser.add_subparsers(dest="command", required=True)
	prepare = commands.add_parser("prepare")
	prepare.add_argument("--unit-users", type=int, default=200)
	prepare.add_argument("--coordinators", type=int, default=10)
	prepare.add_argument("--out", required=True)
	check = commands.add_parser("check")
	check.add_argument("--acks", required=True)
	return parser.parse_args()


def connect(args: argparse.Namespace) -> None:
	import frappe

	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	frappe.set_user("Administrator")


# --- prepare


def prepare(args: argparse.Namespace) -> None:
	import frappe

	from kpi_agreement.demo.builders import (
		bind_user_to_unit,
		make_framework,
		make_unit,
		make_user,
	)
	from kpi_agreement.frappe_free import process

	started = time.perf_counter()
	password = frappe.conf.get("kpi_load_password") or frappe.generate_hash(length=16)
	frappe.conf.kpi_load_password = password
	from frappe.installer import update_site_config

	update_site_config("kpi_load_password", password)
	root = make_unit("Load Department", None, "Department", is_group=1)
	bureau = make_unit("Load Bureau", root, "Bureau", is_group=1)
	dimensions = [(f"Dimension {d}", 25) for d in range(1, 5)]
	framework = make_framework(root, YEAR, dimensions=dimensions)
	units, users = [], []
	for u in range((args.unit_users + 1) // 2):
		unit = make_unit(f"Load Unit {u:03d}", bureau, "Group")
		sides = {}
		for side in "ab":
			sides[side] = make_user(
				f"unit-{u:03d}-{side}@{DOMAIN}", f"Load {u:03d}{side}", [process.DATA_COLLECTOR], "en"
			)
			bind_user_to_unit(sides[side], unit)
		indicators = unit_indicators(framework, unit, sides, [name for name, _weight in dimensions])
		assessment = unit_assessment(unit, framework, indicators)
		users.extend(
			{"user": user, "kind": "unit", "assessment": assessment, "side": side}
			for side, user in sides.items()
		)
		units.append(unit)
		frappe.db.commit()
	for c in range(args.coordinators):
		user = make_user(
			f"coordinator-{c:02d}@{DOMAIN}", f"Load Coordinator {c:02d}", [process.COORDINATOR], "en"
		)
		users.append({"user": user, "kind": "coordinator"})
	for entry in users:
		set_password(entry["user"], password)
	frappe.db.commit()
	out = {
		"site": args.site,
		"password": password,
		"framework": framework,
		"year": YEAR,
		"users": users[: args.unit_users] + [u for u in users if u["kind"] == "coordinator"],
	}
	Path(args.out).parent.mkdir(parents=True, exist_ok=True)
	Path(args.out).write_text(json.dumps(out, indent=1))
	print(
		f"load department ready: {len(units)} units, {len(out['users'])} users ({time.perf_counter() - started:.0f} s)"
	)


def unit_indicators(framework: str, unit: str, sides: dict[str, str], dimensions: list[str]) -> list[str]:
	"""The unit's indicators, two per dimension; line k (from 1) is collected by user b when k is odd, by
	user a when even: each of the unit's two users enters the results of their own lines."""
	import frappe

	from kpi_agreement.demo.builders import make_indicator

	made = frappe.get_all(
		"KPI Indicator", {"framework": framework, "unit": unit}, pluck="name", order_by="name"
	)
	if len(made) >= INDICATORS:
		return made[:INDICATORS]
	return [
		make_indicator(
			framework,
			f"{unit[-3:]}.{k}",
			f"Load indicator {k} of {unit}",
			dimensions[(k - 1) % len(dimensions)],
			(60, 70, 80, 90, 100),
			unit=unit,
			indicator_owner="Administrator",
			data_collector=sides["b" if k % 2 else "a"],
		)
		for k in range(1, INDICATORS + 1)
	]


def set_password(user: str, password: str) -> None:
	from frappe.utils.password import update_password

	update_password(user, password)


def unit_assessment(unit: str, framework: str, indicators: list[str]) -> str:
	"""The unit's signed agreement, its submitted 6-month assessment and its draft 9-month one."""
	import frappe
	from common import SIGNATORIES

	from kpi_agreement.demo.builders import make_agreement, make_assessment
	from kpi_agreement.frappe_free import process
	from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import capture

	draft = frappe.db.get_value(
		"KPI Assessment", {"framework": framework, "unit": unit, "round_months": "9", "docstatus": 0}
	)
	if draft:
		return draft
	agreement = frappe.get_doc(
		"KPI Agreement",
		make_agreement(
			unit,
			framework,
			[(i, 100 / len(indicators)) for i in indicators],  # 25 a dimension
			**SIGNATORIES,
		),
	)
	capture(agreement)
	agreement.db_set(
		{
			"docstatus": 1,
			"workflow_state": process.BOOKLET_COMPILED,
			"signed_rules": agreement.signed_rules,
			"signed_sheets": agreement.signed_sheets,
		}
	)
	frappe.db.sql("update `tabKPI Agreement Line` set docstatus = 1 where parent = %s", agreement.name)
	results = [60 + (k * 7) % 45 for k in range(len(indicators))]
	make_assessment(agreement.name, "6", results)
	return make_assessment(agreement.name, "9", results, submit=False)


# --- check


def check(args: argparse.Namespace) -> int:
	"""Every acknowledged save is in the database; prints the findings and returns how many were lost."""
	entries = [json.loads(line) for line in Path(args.acks).read_text().splitlines() if line.strip()]
	acks = [entry for entry in entries if entry["kind"] == "ack"]
	answered = {entry["id"] for entry in entries if entry["kind"] != "sent"}
	in_flight = [entry for entry in entries if entry["kind"] == "sent" and entry["id"] not in answered]
	by_doc = defaultdict(list)
	for ack in acks:
		by_doc[ack["assessment"]].append(ack)
	lost, finished_late = [], 0
	for name, saves in by_doc.items():
		saves.sort(key=lambda ack: ack["modified"])
		for before, after in pairwise(saves):
			if after["loaded_modified"] != before["modified"]:
				lost.append(f"{name}: a save from {after['loaded_modified']} overwrote {before['modified']}")
		expected = {line: value for ack in saves for line, value in ack["values"].items()}
		stored = stored_results(name)
		if stored["modified"] != saves[-1]["modified"]:
			# saved again after the last acknowledgement: only a save sent from that version, whose answer
			# the stopped run never read, may have done it
			late = [
				save
				for save in in_flight
				if save["assessment"] == name
				and save["loaded_modified"] == saves[-1]["modified"]
				and all(stored["lines"].get(line) == value for line, value in save["values"].items())
			]
			if not late:
				lost.append(f"{name}: changed after its last acknowledged save by no save of the run")
				continue
			finished_late += 1
			expected.update(late[0]["values"])
		for line, value in expected.items():
			if stored["lines"].get(line) != str(value):
				lost.append(f"{name} line {line}: acknowledged {value}, stored {stored['lines'].get(line)}")
	print(
		f"acknowledged saves: {len(acks)} on {len(by_doc)} assessments; in flight when the run stopped: "
		f"{len(in_flight)} ({finished_late} of them saved); lost: {len(lost)}"
	)
	for entry in lost[:20]:
		print("LOST", entry)
	return len(lost)


def stored_results(name: str) -> dict:
	import frappe

	rows = frappe.get_all(
		"KPI Assessment Line", {"parent": name}, ["name", "self_result"], parent_doctype="KPI Assessment"
	)
	return {
		"modified": str(frappe.db.get_value("KPI Assessment", name, "modified")),
		"lines": {row.name: str(row.self_result) for row in rows},
	}


def main() -> None:
	args = arguments()
	connect(args)
	import frappe

	try:
		if args.command == "prepare":
			prepare(args)
			status = 0
		else:
			status = 1 if check(args) else 0
	finally:
		frappe.destroy()
	sys.exit(status)


if __name__ == "__main__":
	main()
