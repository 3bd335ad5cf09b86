"""The KPI Cascade report at 1,000 units × 30 indicators: 30 department indicators, each the sum of its 10
bureaus' (300), each the average of its 100 units' (30,000), with every unit's 9-month results certified.

Uses the 1,000 units of ``bench_bulk.py`` and a framework of its own; the indicators, assessments and lines the
report reads are written straight into their tables once per site (the report only reads them). Times the report
as the coordinator (every row, every roll-up) and as a user bound to one unit (their 30 indicators and the 60
above them). Run it on a throw-away site:

    cd ~/frappe-bench/sites && ../env/bin/python ../apps/kpi_agreement/benchmarks/bench_cascade.py \\
        --site kpi-bench-import.localhost
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench_bulk import INDICATORS, connect, make_department

YEAR = 2566
ROUND = "9"
FLAG = "kpi_cascade_benchmark_framework"


def arguments() -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default=os.getcwd())
	parser.add_argument("--repeat", type=int, default=7)
	return parser.parse_args()


def make_tree(made: dict) -> str:
	"""The framework and its 30,330 indicators, 1,000 assessments and 30,000 certified lines, made once."""
	import frappe

	from kpi_agreement.demo.builders import make_framework

	framework = frappe.db.get_default(FLAG)
	if framework and frappe.db.exists("KPI Framework", framework):
		return framework
	root = frappe.db.get_value("KPI Unit", {"unit_name": "Bulk Department"})
	framework = make_framework(root, YEAR, dimensions=[(f"Dimension {d}", 25) for d in range(1, 5)])
	units = made["units"]
	bureaus = sorted({frappe.db.get_value("KPI Unit", unit, "parent_kpi_unit") for unit in units})
	now = frappe.utils.now()
	base = {"creation": now, "modified": now, "owner": "Administrator", "modified_by": "Administrator"}
	fields = ["name", "indicator_code", "indicator_name", "framework", "fiscal_year", "unit", "dimension"]
	fields += ["direction", "scoring_scheme", "parent_indicator", "rollup_rule", *base]
	rows = []

	def indicator(name, code, unit, parent, rule):
		dimension = f"Dimension {int(code.split('.')[-1]) % 4 + 1}"
		rows.append(
			[
				name,
				code,
				f"Indicator {code}",
				framework,
				YEAR,
				unit,
				dimension,
				"Higher is better",
				"Five Level",
				parent,
				rule,
				*base.values(),
			]
		)

	for i in range(1, INDICATORS + 1):
		indicator(f"CAS-D-{i}", f"D.{i}", root, None, "Sum")
		for b, bureau in enumerate(bureaus):
			indicator(f"CAS-B-{b}-{i}", f"B{b}.{i}", bureau, f"CAS-D-{i}", "Average")
	by_bureau = {bureau: b for b, bureau in enumerate(bureaus)}
	for u, unit in enumerate(units):
		bureau = by_bureau[frappe.db.get_value("KPI Unit", unit, "parent_kpi_unit")]
		for i in range(1, INDICATORS + 1):
			indicator(f"CAS-U-{u}-{i}", f"U{u}.{i}", unit, f"CAS-B-{bureau}-{i}", None)
	frappe.db.bulk_insert("KPI Indicator", fields, rows, chunk_size=5000)
	assessments, lines = [], []
	for u, unit in enumerate(units):
		name = f"CAS-ASM-{u}"
		assessments.append([name, framework, unit, ROUND, YEAR, 1, f"CAS-AGR-{u}", *base.values()])
		for i in range(1, INDICATORS + 1):
			result = 70 + (u + i) % 30
			lines.append(
				[
					f"CAS-L-{u}-{i}",
					name,
					"KPI Assessment",
					"lines",
					i,
					f"CAS-U-{u}-{i}",
					f"Indicator U{u}.{i}",
					str(result),
					"Certified",
					(result - 70) / 10 + 1,
					100 / INDICATORS,
					*base.values(),
				]
			)
	frappe.db.bulk_insert(
		"KPI Assessment",
		["name", "framework", "unit", "round_months", "fiscal_year", "docstatus", "agreement", *base],
		assessments,
	)
	frappe.db.bulk_insert(
		"KPI Assessment Line",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"indicator",
			"indicator_name",
			"self_result",
			"line_state",
			"score",
			"weight",
			*base,
		],
		lines,
		chunk_size=5000,
	)
	frappe.db.set_default(FLAG, framework)
	frappe.db.commit()
	return framework


def timed(framework: str, repeat: int) -> tuple[float, int]:
	"""Median seconds and rows of the report for the signed-in user."""

	from kpi_agreement.kpi_agreement.report.kpi_cascade import kpi_cascade

	times = []
	for _ in range(repeat):
		started = time.perf_counter()
		_columns, rows = kpi_cascade.execute({"framework": framework})
		times.append(time.perf_counter() - started)
	return statistics.median(times), len(rows)


def main() -> None:
	args = arguments()
	connect(args)
	import frappe

	from kpi_agreement.demo.builders import bind_user_to_unit, make_user
	from kpi_agreement.frappe_free import process

	frappe.flags.in_test = False
	made = make_department()
	started = time.perf_counter()
	framework = make_tree(made)
	print(f"cascade of {framework} ready ({time.perf_counter() - started:.0f} s)")
	staff = make_user("bench-unit-staff@bench.kpi.example", "Unit Staff", [process.DATA_COLLECTOR], "en")
	bind_user_to_unit(staff, made["units"][0])
	frappe.db.commit()
	print("\n| KPI Cascade, 1,000 units × 30 indicators | rows | median of runs |")
	print("|---|---|---|")
	for label, user in (
		("the coordinator (every row and roll-up)", "Administrator"),
		("a unit's staff", staff),
	):
		frappe.set_user(user)
		seconds, rows = timed(framework, args.repeat)
		print(f"| {label} | {rows} | {seconds:.3f} s |", flush=True)
	frappe.destroy()


if __name__ == "__main__":
	main()
