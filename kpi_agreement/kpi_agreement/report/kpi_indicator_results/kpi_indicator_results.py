"""Every indicator's targets, result and scores across units for a framework and round."""

from __future__ import annotations

import frappe
from frappe import _

from kpi_agreement.kpi_agreement.score_data import assessment_lines, permitted_units, round_assessments

LOW_SCORE = 3
LINE_FIELDS = (
	"indicator",
	"indicator_name",
	"weight",
	"level_1",
	"level_2",
	"level_3",
	"level_4",
	"level_5",
	"self_result",
	"committee_result",
	"self_score",
	"committee_score",
	"weighted_score",
	"evidence",
)


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	rows = result_rows(filters) if filters.framework and filters.round_months else []
	low = sum(1 for row in rows if row["below_level_3"])
	summary = [
		{"label": _("Results"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Below level 3"),
			"value": low,
			"datatype": "Int",
			"indicator": "Red" if low else "Green",
		},
	]
	return columns(), rows, None, None, summary


def columns() -> list[dict]:
	score = {"fieldtype": "Float", "precision": 4, "width": 110}
	target = {"fieldtype": "Float", "precision": 2, "width": 80}
	return [
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "KPI Unit", "width": 200},
		{
			"fieldname": "indicator",
			"label": _("Indicator"),
			"fieldtype": "Link",
			"options": "KPI Indicator",
			"width": 120,
		},
		{"fieldname": "indicator_name", "label": _("Indicator Name"), "fieldtype": "Data", "width": 260},
		{"fieldname": "dimension", "label": _("Dimension"), "fieldtype": "Data", "width": 160},
		{"fieldname": "weight", "label": _("Weight (%)"), "fieldtype": "Float", "precision": 2, "width": 80},
		*[{"fieldname": f"level_{k}", "label": _("Level {0}").format(k), **target} for k in range(1, 6)],
		{"fieldname": "result", "label": _("Result"), "fieldtype": "Data", "width": 90},
		{"fieldname": "self_score", "label": _("Self Score"), **score},
		{"fieldname": "committee_score", "label": _("Committee Score"), **score},
		{"fieldname": "score", "label": _("Final Score"), **score},
		{"fieldname": "weighted_score", "label": _("Weighted Score"), **score},
		{"fieldname": "evidence_count", "label": _("Evidence"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "assessment",
			"label": _("Assessment"),
			"fieldtype": "Link",
			"options": "KPI Assessment",
			"width": 130,
		},
	]


def result_rows(filters: frappe._dict) -> list[dict]:
	assessments = round_assessments(filters.framework, filters.round_months)
	allowed = permitted_units()
	assessments = [
		a
		for a in assessments
		if (allowed is None or a.unit in allowed) and (not filters.unit or a.unit == filters.unit)
	]
	lines = assessment_lines([a.name for a in assessments], *LINE_FIELDS)
	rows = []
	for assessment in sorted(assessments, key=lambda a: a.unit):
		for line in lines.get(assessment.name, []):
			if filters.dimension and line.dimension != filters.dimension:
				continue
			row = {
				**{field: line[field] for field in LINE_FIELDS if field != "evidence"},
				"unit": assessment.unit,
				"assessment": assessment.name,
				"dimension": line.dimension,
				"score": line.score,
				"result": line.committee_result or line.self_result,
				"committee_score": frappe.utils.flt(line.committee_score) if line.committee_score else None,
				"evidence_count": 1 if line.evidence else 0,
				"below_level_3": (line.score or 0) < LOW_SCORE,
			}
			if not frappe.utils.cint(filters.below_level_3) or row["below_level_3"]:
				rows.append(row)
	return rows
