"""Each dimension's points (its lines' weighted scores summed) are recorded next to its sub-score, so the
scorecard's dimension columns add up to the weighted total. Filled from the saved lines of every assessment
and copied to the scorecard rows that show them."""

from collections import defaultdict

import frappe

from kpi_agreement.frappe_free import ranking


def execute() -> None:
	lines = defaultdict(list)
	for name, dimension, score, weight, weighted in frappe.db.sql(
		"""select a.name, l.dimension, l.score, l.weight, l.weighted_score
		from `tabKPI Assessment` a join `tabKPI Assessment Line` l
			on l.parent = a.name and l.parenttype = 'KPI Assessment'"""
	):
		lines[name].append((dimension, score, weight, weighted))
	for name, rows in lines.items():
		text = ranking.dimensions_json(
			ranking.dimension_scores((d, s, w) for d, s, w, _weighted in rows),
			ranking.dimension_points((d, weighted) for d, _s, _w, weighted in rows),
		)
		frappe.db.set_value("KPI Assessment", name, "dimension_scores", text, update_modified=False)
	frappe.db.sql(
		"""update `tabKPI Scorecard Row` r join `tabKPI Assessment` a on a.name = r.assessment
		set r.dimension_scores = a.dimension_scores"""
	)
