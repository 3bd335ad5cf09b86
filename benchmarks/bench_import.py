"""Bringing a department's year in at 1,000 units: a round's 30,000 results, and indicator detail sheets with
their five levels, through Data Import, with one and with two RQ workers.

- *results on all workers*: a Data Import of KPI Result Entry with one row per unit and indicator (1,000 units
  × 30 indicators), run by *Start Import on All Workers* (each unit's results entered with one save of its
  assessment, as the importing user, every row logged in the Data Import's log).
- *indicator sheets*: a Data Import of KPI Indicator, ``--sheets`` sheets (30,000 by default) each with its
  five level rows, run by *Start Import on All Workers* (each sheet saved on its own as the importing user,
  every row logged); ``--frappe-sheets`` sheets also through Frappe's own *Start Import* (one job, so one
  worker) for comparison.

Uses the department of ``bench_bulk.py`` (1,000 units, a framework of 30 indicators) on its own Redis queue;
makes once per site the 1,000 signed agreements and their open 9-month assessments. Run it on a throw-away site:

    cd ~/frappe-bench && bench new-site kpi-bench-import.localhost --db-root-password root \\
        --admin-password admin --install-app kpi_agreement
    cd sites && ../env/bin/python ../apps/kpi_agreement/benchmarks/bench_import.py \\
        --site kpi-bench-import.localhost
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time

from bench_bulk import INDICATORS, SIGNED_YEAR, UNITS, connect, make_department, private_queue, run_workers
from bench_bulk import signed_agreements as signed

ROUND = "9"


def arguments() -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default=os.getcwd())
	parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
	parser.add_argument("--units", type=int, default=UNITS)
	parser.add_argument("--sheets", type=int, default=30000, help="indicator sheets on all workers")
	parser.add_argument(
		"--frappe-sheets", type=int, default=0, help="indicator sheets by Frappe's Start Import"
	)
	parser.add_argument("--queue-port", type=int, default=11312)
	parser.add_argument("--jobs", default="results,sheets")
	return parser.parse_args()


def open_assessments(agreements: list[str]) -> list[str]:
	"""Each agreement's open assessment of the round, made once."""
	import frappe

	names = []
	for agreement in agreements:
		name = frappe.db.get_value("KPI Assessment", {"agreement": agreement, "round_months": ROUND})
		if not name:
			doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": agreement, "round_months": ROUND})
			name = doc.insert().name
			frappe.db.commit()
		names.append(name)
	return names


def reset(assessments: list[str]) -> None:
	"""The assessments as made: no result entered, no entry, no history; no job left in the site's queue."""
	import frappe
	from frappe.utils.background_jobs import get_queue

	get_queue("long").empty()

	frappe.db.delete("KPI Result Entry", {"assessment": ("in", assessments)})
	for table, values in (
		(
			"KPI Assessment Line",
			"self_result = null, line_state = 'Not Entered', result_source = null, "
			"result_by = null, result_on = null, self_score = 0, score = 0, weighted_score = 0",
		),
	):
		frappe.db.sql(f"update `tab{table}` set {values} where parent in %(names)s", {"names": assessments})
	frappe.db.delete("KPI Assessment Event", {"parent": ("in", assessments)})
	frappe.db.delete(
		"Comment", {"reference_doctype": "KPI Assessment", "reference_name": ("in", assessments)}
	)
	frappe.db.delete("Version", {"ref_doctype": "KPI Assessment", "docname": ("in", assessments)})
	frappe.db.delete("Data Import Log")
	frappe.db.delete("Data Import")
	frappe.db.commit()


def data_import(doctype: str, rows: list[list], fields: dict) -> str:
	"""A Data Import of ``rows`` under the template's headers, its file attached."""
	import frappe
	from frappe.utils.xlsxutils import make_xlsx

	from kpi_agreement.demo.import_samples import header

	doc = frappe.get_doc(
		{"doctype": "Data Import", "reference_doctype": doctype, "import_type": "Insert New Records"}
	)
	doc.insert()
	content = make_xlsx([header(doctype, fields), *rows], "import").getvalue()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{doctype}.xlsx",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": "Data Import",
			"attached_to_name": doc.name,
		}
	).insert()
	doc.import_file = file.file_url
	doc.save()
	frappe.db.commit()
	return doc.name


def time_results(
	args, made: dict, assessments: list[str], units: list[str], workers: int
) -> tuple[float, int]:
	import frappe

	from kpi_agreement.demo.import_samples import KINDS
	from kpi_agreement.utils import bulk_import

	reset(assessments)
	rows = [
		[SIGNED_YEAR, ROUND, unit, str(code), 60 + (index + code) % 45, "GFMIS", ""]
		for index, unit in enumerate(units)
		for code in range(1, INDICATORS + 1)
	]
	name = data_import("KPI Result Entry", rows, KINDS["results"][1])
	started = time.perf_counter()
	bulk_import.start(name)  # parses the file and queues the units
	run_workers(args, workers)
	seconds = time.perf_counter() - started
	imported = frappe.db.count("Data Import Log", {"data_import": name, "success": 1})
	return seconds, imported


def sheets_import(sheets: int) -> tuple[str, str]:
	"""A Data Import of ``sheets`` indicator sheets (five levels each) into a framework of their own,
	emptied first: (the import, the framework)."""
	import frappe
	from frappe.utils.background_jobs import get_queue

	from kpi_agreement.demo.import_samples import KINDS

	frappe.db.set_single_value("System Settings", "enable_scheduler", 1)  # Data Import asks for it
	for queue in ("default", "long"):
		get_queue(queue).empty()  # the site's own queued work (a search index, say) is not this import's
	frappe.db.delete("Data Import Log")
	frappe.db.delete("Data Import", {"reference_doctype": "KPI Indicator"})
	year = SIGNED_YEAR + 1
	framework = frappe.db.get_value("KPI Framework", {"fiscal_year": year})
	if not framework:
		from kpi_agreement.demo.builders import make_framework

		root = frappe.db.get_value("KPI Unit", {"parent_kpi_unit": ("is", "not set")}, "name")
		framework = make_framework(root, year, dimensions=[(f"Dimension {d}", 25) for d in range(1, 5)])
	sheets_of = frappe.get_all("KPI Indicator", {"framework": framework}, pluck="name")
	for table in ("KPI Indicator Level", "KPI Indicator Baseline"):
		frappe.db.delete(table, {"parent": ("in", sheets_of or [""])})
	frappe.db.delete("KPI Indicator", {"framework": framework})
	rows = []
	for i in range(sheets):
		sheet = [f"S{i}", f"Sheet {i}: the share of services on time", year, "", "Dimension 1", "%"]
		sheet += ["Higher is better", "Five Level", "", "", "", "", ""]
		for level, threshold in enumerate((60, 70, 80, 90, 100), start=1):
			rows.append([*(sheet if level == 1 else [""] * len(sheet)), level, threshold, "", ""])
	frappe.db.commit()
	return data_import("KPI Indicator", rows, KINDS["indicators"][1]), framework


def time_sheets(args, workers: int) -> tuple[float, int]:
	"""*Start Import on All Workers* of ``--sheets`` sheets with ``workers`` workers."""
	import frappe

	from kpi_agreement.utils import bulk_import

	name, framework = sheets_import(args.sheets)
	started = time.perf_counter()
	bulk_import.start(name)  # parses the file and queues the groups of sheets
	frappe.db.commit()
	run_workers(args, workers)
	seconds = time.perf_counter() - started
	return seconds, frappe.db.count("KPI Indicator", {"framework": framework})


def time_frappe_sheets(args) -> tuple[float, int]:
	"""Frappe's own *Start Import* (one job on ``default``) of ``--frappe-sheets`` sheets."""
	import frappe

	name, framework = sheets_import(args.frappe_sheets)
	started = time.perf_counter()
	frappe.get_doc("Data Import", name).start_import()
	frappe.db.commit()
	run_workers(args, 1, queue="default")
	seconds = time.perf_counter() - started
	return seconds, frappe.db.count("KPI Indicator", {"framework": framework})


def main() -> None:
	args = arguments()
	private_queue(args)
	connect(args)
	import frappe

	frappe.flags.in_test = False
	made = make_department()
	from kpi_agreement.demo.builders import make_user
	from kpi_agreement.frappe_free import process

	coordinator = make_user(
		"bench-coordinator@bench.kpi.example", "Bench Coordinator", [process.COORDINATOR], "en"
	)
	started = time.perf_counter()
	agreements = signed(made, args.units)
	assessments = open_assessments(agreements)
	units = [frappe.db.get_value("KPI Agreement", name, "unit") for name in agreements]
	print(
		f"{len(assessments)} signed agreements with open assessments ready ({time.perf_counter() - started:.0f} s)"
	)
	frappe.set_user(coordinator)  # the imports are the coordinator's, and so are their jobs
	counts = [int(count) for count in args.workers.split(",")]
	total = len(units) * INDICATORS
	print("\n| import | rows | " + " | ".join(f"{c} worker{'s' * (c > 1)}" for c in counts) + " |")
	print("|---|---|" + "---|" * len(counts))
	cells = []
	for count in counts if "results" in args.jobs else ():
		seconds, done = time_results(args, made, assessments, units, count)
		mark = "" if done == total else f" (only {done} of {total})"
		cells.append(f"{seconds:.0f} s, {done / seconds:.0f} rows/s{mark}")
		print(f"  results, {count} worker(s): {cells[-1]}", flush=True)
	if cells:
		print(f"| a round's results on all workers | {total} | " + " | ".join(cells) + " |", flush=True)
	cells = []
	for count in counts if "sheets" in args.jobs else ():
		seconds, done = time_sheets(args, count)
		mark = "" if done == args.sheets else f" (only {done} of {args.sheets})"
		cells.append(f"{seconds:.0f} s, {done / seconds:.1f} sheets/s{mark}")
		print(f"  sheets, {count} worker(s): {cells[-1]}", flush=True)
	if cells:
		print(
			f"| indicator sheets with 5 levels on all workers | {args.sheets} sheets ({args.sheets * 5} level "
			"rows) | " + " | ".join(cells) + " |",
			flush=True,
		)
	if args.frappe_sheets:
		seconds, done = time_frappe_sheets(args)
		print(
			f"| indicator sheets, Frappe's own Start Import (one job) | {done} sheets | "
			f"{seconds:.0f} s, {done / seconds:.1f} sheets/s |",
			flush=True,
		)
	frappe.destroy()


if __name__ == "__main__":
	if not shutil.which("redis-server"):
		sys.exit("redis-server is needed (apt-get install redis-server)")
	main()
