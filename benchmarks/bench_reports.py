"""Department-scale speed of the scorecard and the score reports.

Makes (once per site) a department of 200 units x 25 indicators x 3 rounds, then times building a round's
KPI Scorecard, the KPI Score Summary report and the KPI Indicator Results report against one hand-written
SQL aggregate over the same rows. Run it on a throw-away site:

    cd ~/frappe-bench && bench new-site kpi-bench.localhost --db-root-password root --admin-password admin \\
        --install-app kpi_agreement
    cd sites && ../env/bin/python ../apps/kpi_agreement/benchmarks/bench_reports.py --site kpi-bench.localhost
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import SIGNATORIES, QueryCounter, connect, timed

UNITS, INDICATORS = 200, 25
FISCAL_YEAR = 2560
FLAG = "kpi_benchmark_framework"
TARGETS = {"scorecard": 2.0, "summary": 0.5, "indicator_results": 0.5}


def make_department() -> str:
	import frappe

	from kpi_agreement.demo.builders import (
		make_agreement,
		make_assessment,
		make_framework,
		make_indicator,
		make_unit,
	)
	from kpi_agreement.frappe_free.rounds import OPTIONS as ROUNDS

	existing = frappe.db.get_default(FLAG)
	if existing and frappe.db.exists("KPI Framework", existing):
		return existing
	started = time.perf_counter()
	root = make_unit("Benchmark Department", None, "Department", is_group=1)
	bureaus = [make_unit(f"Benchmark Bureau {b:02d}", root, "Bureau", is_group=1) for b in range(10)]
	units = [make_unit(f"Benchmark Unit {u:03d}", bureaus[u % 10], "Group") for u in range(UNITS)]
	# indicator i is in dimension i % 4 and weighs 4: each dimension weighs what its lines add up to
	dims = [(f"Dimension {d}", 4 * len(range(d - 1, INDICATORS, 4))) for d in range(1, 5)]
	framework = make_framework(root, FISCAL_YEAR, dimensions=dims)
	people = {"indicator_owner": "Administrator", "data_collector": "Administrator"}
	indicators = [
		make_indicator(
			framework, f"{i}", f"Indicator {i:02d}", dims[i % 4][0], (60, 70, 80, 90, 100), **people
		)
		for i in range(INDICATORS)
	]
	rng = random.Random(2569)
	for unit in units:
		agreement = make_agreement(unit, framework, [(i, 4) for i in indicators], **SIGNATORIES)
		frappe.db.set_value("KPI Agreement", agreement, {"docstatus": 1, "workflow_state": "Signed"})
		frappe.db.sql("update `tabKPI Agreement Line` set docstatus = 1 where parent = %s", agreement)
		for months in ROUNDS:
			make_assessment(agreement, months, [rng.randint(55, 105) for _ in indicators])
		frappe.db.commit()
	frappe.db.set_default(FLAG, framework)
	frappe.db.commit()
	print(
		f"made {UNITS} units x {INDICATORS} indicators x {len(ROUNDS)} rounds in {time.perf_counter() - started:.0f} s"
	)
	return framework


def hand_sql_aggregate(framework: str) -> list:
	import frappe

	return frappe.db.sql(
		"""select a.unit, sum(l.score * l.weight) / sum(l.weight)
		from `tabKPI Assessment` a join `tabKPI Assessment Line` l on l.parent = a.name
		where a.framework = %s and a.round_months = '9' and a.docstatus = 1
		group by a.unit""",
		framework,
	)


def hand_sql_scorecard(framework: str, scorecard: str) -> None:
	"""The scorecard's whole job in hand-written SQL: aggregate per unit and dimension, rank, and insert the
	unit rows with their dimension sub-scores."""
	import frappe

	frappe.db.sql("delete from `tabKPI Scorecard Row` where parent = %s", scorecard)
	frappe.db.sql(
		"""insert into `tabKPI Scorecard Row` (name, parent, parenttype, parentfield, idx, `rank`, unit,
			assessment, agreement, total_score, dimension_scores, creation, modified, owner, modified_by)
		select uuid(), %(sc)s, 'KPI Scorecard', 'rows', 0, rank() over (order by sum(d.sw) / sum(d.w) desc),
			d.unit, d.name, d.agreement, sum(d.sw) / sum(d.w),
			json_objectagg(d.dimension, json_object('score', d.sw / d.w, 'weight', d.w)),
			now(), now(), 'Administrator', 'Administrator'
		from (select a.unit, a.name, a.agreement, l.dimension, sum(l.score * l.weight) sw, sum(l.weight) w
			from `tabKPI Assessment` a join `tabKPI Assessment Line` l on l.parent = a.name
			where a.framework = %(fw)s and a.round_months = '9' and a.docstatus = 1
			group by a.unit, a.name, a.agreement, l.dimension) d
		group by d.unit, d.name, d.agreement""",
		{"sc": scorecard, "fw": framework},
	)


def hand_sql_lines(framework: str) -> list:
	import frappe

	return frappe.db.sql(
		"""select a.unit, l.indicator, l.indicator_name, l.weight, l.level_1, l.level_2, l.level_3, l.level_4,
			l.level_5, l.self_result, l.self_score, l.committee_score, l.score, l.weighted_score, l.evidence
		from `tabKPI Assessment` a join `tabKPI Assessment Line` l on l.parent = a.name
		where a.framework = %s and a.round_months = '9' and a.docstatus = 1""",
		framework,
	)


def main() -> None:
	args = connect(__doc__.splitlines()[0])
	import frappe

	from kpi_agreement.kpi_agreement.report.kpi_indicator_results import kpi_indicator_results
	from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary

	framework = make_department()
	filters = {"framework": framework, "round_months": "9", "group_by_bureau": 1}

	scorecard = frappe.get_doc(
		{"doctype": "KPI Scorecard", "framework": framework, "round_months": "9"}
	).insert()

	def build_scorecard():
		scorecard.build()  # what the Build Scorecard button runs on a draft scorecard
		return scorecard

	cases = {
		"scorecard": (build_scorecard, lambda: hand_sql_aggregate(framework)),
		"summary": (lambda: kpi_score_summary.execute(filters), lambda: hand_sql_aggregate(framework)),
		"indicator_results": (
			lambda: kpi_indicator_results.execute(filters),
			lambda: hand_sql_lines(framework),
		),
	}
	print(f"\n{UNITS} units x {INDICATORS} indicators, 9-month round, median of {args.repeat} runs\n")
	print("| what | time (s) | SQL queries | hand-written SQL (s) | ratio | target |")
	print("|---|---|---|---|---|---|")
	same_work, _none = timed(lambda: hand_sql_scorecard(framework, scorecard.name), args.repeat)
	failed = False
	for name, (function, baseline) in cases.items():
		seconds, _result = timed(function, args.repeat)
		with QueryCounter() as counter:
			function()
		base, _rows = timed(baseline, args.repeat)
		ratio = seconds / base if base else float("inf")
		ok = seconds <= TARGETS[name] and ratio <= 3
		failed |= not ok
		print(
			f"| {name} | {seconds:.3f} | {counter.count} | {base:.3f} | {ratio:.1f}x | "
			f"<= {TARGETS[name]} s, <= 3x {'ok' if ok else 'MISSED'} |"
		)
	scorecard_time = timed(build_scorecard, args.repeat)[0]
	print(
		f"\nscorecard against hand-written SQL doing the same work (aggregate + insert of the rows): "
		f"{same_work:.3f} s, ratio {scorecard_time / same_work:.1f}x"
	)
	frappe.db.rollback()
	frappe.destroy()
	sys.exit(1 if failed else 0)


if __name__ == "__main__":
	main()
