"""Dimension sub-scores are kept as JSON: on each assessment, recorded when it is saved, and on each unit's
scorecard row, in place of the separate KPI Scorecard Dimension table."""

from collections import defaultdict

import frappe

from kpi_agreement.frappe_free import ranking

OLD = "KPI Scorecard Dimension"


def execute() -> None:
	record_on_assessments()
	move_scorecard_dimensions()


def record_on_assessments() -> None:
	lines = defaultdict(list)
	for name, dimension, score, weight in frappe.db.sql(
		"""select a.name, l.dimension, l.score, l.weight
		from `tabKPI Assessment` a join `tabKPI Assessment Line` l
			on l.parent = a.name and l.parenttype = 'KPI Assessment'
		where a.dimension_scores is null"""
	):
		lines[name].append((dimension, score, weight))
	for name, rows in lines.items():
		text = ranking.dimensions_json(ranking.dimension_scores(rows))
		frappe.db.set_value("KPI Assessment", name, "dimension_scores", text, update_modified=False)


def move_scorecard_dimensions() -> None:
	if frappe.db.table_exists(OLD, cached=False):
		by_row = defaultdict(dict)
		for entry in frappe.db.sql(
			f"select parent, unit, dimension, score, weight from `tab{OLD}`", as_dict=True
		):
			by_row[(entry.parent, entry.unit)][entry.dimension or ""] = (entry.score, entry.weight)
		for (parent, unit), dimensions in by_row.items():
			frappe.db.sql(
				"update `tabKPI Scorecard Row` set dimension_scores = %s where parent = %s and unit = %s",
				(ranking.dimensions_json(dimensions), parent, unit),
			)
	if frappe.db.exists("DocType", OLD):
		frappe.delete_doc("DocType", OLD, force=True, ignore_missing=True)
	frappe.db.sql_ddl(f"drop table if exists `tab{OLD}`")
