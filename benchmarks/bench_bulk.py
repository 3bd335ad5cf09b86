"""Department-wide background jobs at 1,000 units, with one and with two RQ workers.

Times each bulk action from the button's call to the last worker's exit: create the agreements of every unit,
move them all one step, compile the booklets, publish the scorecard that moves every assessed agreement. The
site gets a Redis queue of its own (started here on --queue-port) so no other site's jobs mix in; workers are
started per run in burst mode (benchmarks/worker.py) and stop when the queue is empty. Makes (once per site)
1,000 units in 10 bureaus, a framework for the create / move / publish runs, and a second framework whose
agreements are signed with 30 indicators each (a 35-page booklet) for the booklet runs. Run it on a
throw-away site:

    cd ~/frappe-bench && bench new-site kpi-bench-bulk.localhost --db-root-password root \\
        --admin-password admin --install-app kpi_agreement
    cd sites && ../env/bin/python ../apps/kpi_agreement/benchmarks/bench_bulk.py --site kpi-bench-bulk.localhost

``--booklets N`` typesets the booklets of N signed agreements (default 1,000: about half an hour on one
worker); the table then also gives the time 1,000 would take at the measured rate."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNITS, INDICATORS = 1000, 30
CREATE_YEAR, SIGNED_YEAR = 2562, 2564
FLAG = "kpi_bulk_benchmark_department"
DIMENSIONS = [(f"Dimension {d}", 25) for d in range(1, 5)]
SIGNED_DIMENSIONS = [("Dimension 1", 40), ("Dimension 2", 32), ("Dimension 3", 14), ("Dimension 4", 14)]
LINE_WEIGHTS = {"Dimension 1": 5, "Dimension 2": 4, "Dimension 3": 2, "Dimension 4": 2}
"""30 indicators, a quarter in each dimension (8, 8, 7, 7 lines): each dimension's lines weigh its weight."""
SIGNATORIES = {
	"executive_name": "Director-General",
	"executive_position": "Director-General",
	"unit_head_name": "Head",
	"unit_head_position": "Director",
}


def arguments() -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default=os.getcwd())
	parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
	parser.add_argument("--jobs", default="create,move,publish,booklets")
	parser.add_argument("--booklets", type=int, default=UNITS)
	parser.add_argument("--queue-port", type=int, default=11311)
	return parser.parse_args()


# --- a Redis queue of the site's own


def private_queue(args: argparse.Namespace) -> None:
	"""Start a Redis for this site's jobs and point the site at it (site_config.json: redis_queue)."""
	url = f"redis://127.0.0.1:{args.queue_port}"
	ping = subprocess.run(
		["redis-cli", "-p", str(args.queue_port), "ping"], capture_output=True, text=True, check=False
	)
	if "PONG" not in ping.stdout:
		subprocess.run(
			[
				"redis-server",
				"--port",
				str(args.queue_port),
				"--bind",
				"127.0.0.1",
				"--save",
				"",
				"--daemonize",
				"yes",
				"--logfile",
				f"/tmp/kpi-bench-queue-{args.queue_port}.log",
			],
			check=True,
		)
		time.sleep(0.5)
	config = Path(args.sites_path, args.site, "site_config.json")
	values = json.loads(config.read_text())
	if values.get("redis_queue") != url:
		config.write_text(json.dumps({**values, "redis_queue": url}, indent=1))


def connect(args: argparse.Namespace) -> None:
	import frappe

	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	frappe.set_user("Administrator")


def run_workers(args: argparse.Namespace, count: int, queue: str = "long") -> float:
	"""Commit, start ``count`` burst workers on ``queue``, wait until they have all stopped."""
	import frappe

	frappe.db.commit()
	started = time.perf_counter()
	command = [sys.executable, str(HERE / "worker.py"), "--site", args.site, "--queue", queue, "--burst"]
	# the workers import the app from this checkout, whatever the bench's apps/kpi_agreement points at
	env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
	workers = [subprocess.Popen(command, cwd=args.sites_path, env=env) for _ in range(count)]
	for worker in workers:
		worker.wait()
	return time.perf_counter() - started


# --- the department, made once


def make_department() -> dict:
	import frappe

	from kpi_agreement.demo.builders import make_framework, make_indicator, make_unit

	made = frappe.db.get_default(FLAG)
	if made:
		return frappe.parse_json(made)
	started = time.perf_counter()
	root = make_unit("Bulk Department", None, "Department", is_group=1)
	bureaus = [make_unit(f"Bulk Bureau {b:02d}", root, "Bureau", is_group=1) for b in range(10)]
	units = [make_unit(f"Bulk Unit {u:04d}", bureaus[u % 10], "Group") for u in range(UNITS)]
	frappe.db.commit()
	created = make_framework(root, CREATE_YEAR, dimensions=DIMENSIONS)
	signed = make_framework(root, SIGNED_YEAR, dimensions=SIGNED_DIMENSIONS)
	people = {"indicator_owner": "Administrator", "data_collector": "Administrator"}
	indicators = [
		make_indicator(
			signed,
			f"{i + 1}",
			f"Indicator {i + 1:02d}: the share of the unit's services delivered on time",
			SIGNED_DIMENSIONS[i % 4][0],
			(60, 70, 80, 90, 100),
			**people,
		)
		for i in range(INDICATORS)
	]
	frameworks = {CREATE_YEAR: {"name": created}, SIGNED_YEAR: {"name": signed, "indicators": indicators}}
	frappe.db.commit()
	made = {"units": units, "create": frameworks[CREATE_YEAR], "signed": frameworks[SIGNED_YEAR]}
	frappe.db.set_default(FLAG, frappe.as_json(made))
	frappe.db.commit()
	print(f"made {UNITS} units and two frameworks in {time.perf_counter() - started:.0f} s")
	return made


def signed_agreements(made: dict, count: int) -> list[str]:
	"""``count`` agreements of the second framework, signed with the indicators' sheets kept as signed."""
	import frappe

	from kpi_agreement.frappe_free import process
	from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import capture

	framework, indicators = made["signed"]["name"], made["signed"]["indicators"]
	names = frappe.get_all("KPI Agreement", {"framework": framework}, pluck="name", order_by="name")
	dimension = dict(
		frappe.get_all("KPI Indicator", {"framework": framework}, ["name", "dimension"], as_list=True)
	)
	for unit in made["units"][len(names) : count]:
		doc = frappe.get_doc(
			{
				"doctype": "KPI Agreement",
				"unit": unit,
				"framework": framework,
				"lines": [{"indicator": i, "weight": LINE_WEIGHTS[dimension[i]]} for i in indicators],
				**SIGNATORIES,
			}
		).insert()
		capture(doc)
		doc.db_set(
			{
				"docstatus": 1,
				"workflow_state": process.SIGNED,
				"signed_rules": doc.signed_rules,
				"signed_sheets": doc.signed_sheets,
			}
		)
		frappe.db.sql("update `tabKPI Agreement Line` set docstatus = 1 where parent = %s", doc.name)
		names.append(doc.name)
		frappe.db.commit()
	return names[:count]


# --- one timed run of each bulk action


def time_create(args, made: dict, workers: int) -> tuple[float, int]:
	import frappe

	framework = made["create"]["name"]
	for table in ("KPI Agreement Step", "KPI Agreement Line", "KPI Agreement Round Target"):
		frappe.db.sql(
			f"delete c from `tab{table}` c join `tabKPI Agreement` a on a.name = c.parent where a.framework = %s",
			framework,
		)
	frappe.db.delete("KPI Agreement", {"framework": framework})
	frappe.db.commit()
	started = time.perf_counter()
	frappe.get_doc("KPI Framework", framework).create_agreements()
	run_workers(args, workers)
	return time.perf_counter() - started, frappe.db.count("KPI Agreement", {"framework": framework})


def time_move(args, made: dict, workers: int) -> tuple[float, int]:
	import frappe

	from kpi_agreement.frappe_free import process

	framework = made["create"]["name"]
	put_agreements(framework, process.FRAMEWORK_REVIEW, docstatus=0)
	frappe.db.commit()
	started = time.perf_counter()
	frappe.get_doc("KPI Framework", framework).start_indicator_drafting()
	run_workers(args, workers)
	return time.perf_counter() - started, agreements_in(framework, process.INDICATOR_DRAFTING)


def put_agreements(framework: str, state: str, docstatus: int) -> None:
	"""Every agreement of the framework set straight to ``state``: the starting point of a timed move."""
	import frappe

	frappe.db.set_value(
		"KPI Agreement",
		{"framework": framework},
		{"workflow_state": state, "docstatus": docstatus},
		update_modified=False,
	)


def agreements_in(framework: str, state: str) -> int:
	import frappe

	return frappe.db.count("KPI Agreement", {"framework": framework, "workflow_state": state})


def time_publish(args, made: dict, workers: int) -> tuple[float, int]:
	"""Every agreement of the first framework assessed, a built scorecard of the 9-month round published."""
	import frappe
	from frappe.utils import now_datetime

	from kpi_agreement.frappe_free import process

	framework = made["create"]["name"]
	put_agreements(framework, process.ASSESSED, docstatus=1)
	for name in frappe.get_all("KPI Scorecard", {"framework": framework}, pluck="name"):
		frappe.db.delete("KPI Scorecard Row", {"parent": name})
		frappe.db.delete("KPI Scorecard", {"name": name})
	scorecard = frappe.get_doc({"doctype": "KPI Scorecard", "framework": framework, "round_months": "9"})
	scorecard.insert()
	scorecard.built_on = now_datetime()
	units = frappe.get_all("KPI Agreement", {"framework": framework}, ["name", "unit"], order_by="unit")
	scorecard.replace_rows(  # the rows Build Scorecard would make; publishing only needs them present
		[
			{"rank": 1, "unit": row.unit, "agreement": row.name, "total_score": 3, "grade": "Good"}
			for row in units
		]
	)
	frappe.db.commit()
	started = time.perf_counter()
	scorecard.submit()  # publishing queues the moves
	run_workers(args, workers)
	return time.perf_counter() - started, agreements_in(framework, process.SCORES_SUMMARIZED)


def time_booklets(args, made: dict, workers: int) -> tuple[float, int]:
	import frappe

	names = signed_agreements(made, args.booklets)
	framework = made["signed"]["name"]
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "KPI Agreement", "attached_to_name": ("in", names)},
		fields=["name", "file_url"],
	)
	for file in files:
		Path(frappe.get_site_path(file.file_url.lstrip("/"))).unlink(missing_ok=True)
	frappe.db.delete("File", {"name": ("in", [file.name for file in files] or [""])})
	frappe.db.set_value("KPI Agreement", {"framework": framework}, "booklet", None, update_modified=False)
	frappe.db.commit()
	started = time.perf_counter()
	frappe.get_doc("KPI Framework", framework).compile_booklets()
	run_workers(args, workers)
	made_now = frappe.db.count("KPI Agreement", {"framework": framework, "booklet": ("is", "set")})
	zipped = frappe.db.exists("File", {"attached_to_doctype": "KPI Framework", "attached_to_name": framework})
	return time.perf_counter() - started, made_now if zipped else -made_now


def main() -> None:
	args = arguments()
	private_queue(args)
	connect(args)
	import frappe

	frappe.flags.in_test = False
	made = make_department()
	cases = {
		"create": ("create agreements for every unit", time_create, UNITS),
		"move": ("move every agreement a step (Start Indicator Drafting)", time_move, UNITS),
		"publish": ("publish the scorecard: move every assessed agreement", time_publish, UNITS),
		"booklets": (
			f"compile {args.booklets} booklets of 35 pages and the ZIP",
			time_booklets,
			args.booklets,
		),
	}
	counts = [int(count) for count in args.workers.split(",")]
	print(f"\n{UNITS} units; {INDICATORS} indicators per signed agreement\n")
	print("| bulk action | documents | " + " | ".join(f"{c} worker{'s' * (c > 1)}" for c in counts) + " |")
	print("|---|---|" + "---|" * len(counts))
	for key in args.jobs.split(","):
		label, function, expected = cases[key]
		cells = []
		for count in counts:
			seconds, done = function(args, made, count)
			mark = "" if done == expected else f" (only {done} of {expected})"
			rate = f", {seconds / max(abs(done), 1):.2f} s each" if key == "booklets" else ""
			cells.append(f"{seconds:.1f} s{rate}{mark}")
			print(f"  {key}, {count} worker(s): {cells[-1]}", flush=True)
		print(f"| {label} | {expected} | " + " | ".join(cells) + " |", flush=True)
	frappe.destroy()


if __name__ == "__main__":
	if not shutil.which("redis-server"):
		sys.exit("redis-server is needed (apt-get install redis-server)")
	main()
