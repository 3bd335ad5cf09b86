"""Every indicator's targets, result and scores across units for a framework and round; a line scored below
target (on its scheme's scale, with the tier points its agreement was signed with) is marked."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, NullIf

from kpi_agreement.frappe_free import rounds, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import rules_of
from kpi_agreement.permissions.unit_access import allowed_units

LINE_FIELDS = (
	"indicator",
	"indicator_name",
	"weight",
	"level_1",
	"level_2",
	"level_3",
	"level_4",
	"level_5",
	"self_score",
	"weighted_score",
)


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	rows = result_rows(filters) if filters.framework and rounds.months_of(filters.round_months) else []
	low = sum(1 for row in rows if row["below_target"])
	summary = [
		{"label": _("Results"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("Below Target"),
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
		*[{"fieldname": f"level_{k}", "label": _("Level {0}").format(k), **target} for k in scoring.LEVELS],
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
	"""One joined, parameterised query (the database does the filtering); then each line is marked below
	target or not by its scheme and its agreement's signed tier points."""
	assessment, line = frappe.qb.DocType("KPI Assessment"), frappe.qb.DocType("KPI Assessment Line")
	agreement = frappe.qb.DocType("KPI Agreement")
	has_evidence = Case().when(Coalesce(line.evidence, "") != "", 1).else_(0)
	query = (
		frappe.qb.from_(assessment)
		.join(line)
		.on((line.parent == assessment.name) & (line.parenttype == "KPI Assessment"))
		.join(agreement)
		.on(agreement.name == assessment.agreement)
		.select(
			assessment.unit,
			assessment.name.as_("assessment"),
			*[line[field] for field in LINE_FIELDS],
			Coalesce(line.dimension, "").as_("dimension"),
			Coalesce(NullIf(line.committee_result, ""), line.self_result).as_("result"),
			NullIf(line.committee_score, "").as_("committee_score"),  # never given: empty, not 0
			line.score,
			line.scoring_scheme,
			has_evidence.as_("evidence_count"),
			agreement.signed_rules,
		)
		.where(
			(assessment.framework == filters.framework)
			& (assessment.round_months == rounds.key(filters.round_months))
			& (assessment.docstatus == 1)
		)
		.orderby(assessment.unit)
		.orderby(line.idx)
	)
	allowed = allowed_units(doctype="KPI Assessment")
	if allowed is not None:
		query = query.where(assessment.unit.isin(list(allowed) or [""]))
	if filters.unit:
		query = query.where(assessment.unit == filters.unit)
	if filters.dimension:
		query = query.where(line.dimension == filters.dimension)
	rows = query.run(as_dict=True)
	points = {}  # tier points by signed rules: each agreement's record is read once
	for row in rows:
		signed = row.pop("signed_rules")
		if signed not in points:
			rules = rules_of(frappe._dict(signed_rules=signed, framework=filters.framework))
			points[signed] = scoring.rule_arguments(rules)["tier_points"]
		row["below_target"] = int(scoring.below_target(row.scoring_scheme, row.score, points[signed]))
	if frappe.utils.cint(filters.below_target):
		rows = [row for row in rows if row["below_target"]]
	return rows
