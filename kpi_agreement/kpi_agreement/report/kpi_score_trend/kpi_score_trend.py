"""A unit's (or the department's) weighted average score across rounds and fiscal years."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _

from kpi_agreement.frappe_free import rounds, scoring
from kpi_agreement.permissions.unit_access import allowed_units


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	rows = trend_rows(filters)
	return columns(), rows, None, chart(rows, filters)


def columns() -> list[dict]:
	return [
		{"fieldname": "period", "label": _("Round"), "fieldtype": "Data", "width": 140},
		{"fieldname": "fiscal_year", "label": _("Fiscal Year (B.E.)"), "fieldtype": "Int", "width": 110},
		{"fieldname": "round_months", "label": _("Round (months)"), "fieldtype": "Int", "width": 110},
		{"fieldname": "units", "label": _("Units Assessed"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "score",
			"label": _("Weighted Average Score"),
			"fieldtype": "Float",
			"precision": 4,
			"width": 160,
		},
	]


def trend_rows(filters: frappe._dict) -> list[dict]:
	assessment = frappe.qb.DocType("KPI Assessment")
	query = (
		frappe.qb.from_(assessment)
		.select(assessment.unit, assessment.fiscal_year, assessment.round_months, assessment.total_score)
		.where(assessment.docstatus == 1)
	)
	if filters.unit:
		query = query.where(assessment.unit == filters.unit)
	if filters.from_fiscal_year:
		query = query.where(assessment.fiscal_year >= frappe.utils.cint(filters.from_fiscal_year))
	if filters.to_fiscal_year:
		query = query.where(assessment.fiscal_year <= frappe.utils.cint(filters.to_fiscal_year))
	allowed = allowed_units(doctype="KPI Assessment")
	periods: dict = defaultdict(list)
	for row in query.run(as_dict=True):
		if allowed is None or row.unit in allowed:
			periods[(row.fiscal_year, rounds.months_of(row.round_months))].append(row.total_score)
	return [
		{
			"period": (
				_("FY {0} / 12 months (final)").format(year)
				if months == rounds.FINAL
				else _("FY {0} / {1} months").format(year, months)
			),
			"fiscal_year": year,
			"round_months": months,
			"units": len(scores),
			"score": scoring.weighted_average((score, 1) for score in scores),
		}
		for (year, months), scores in sorted(periods.items())
	]


def chart(rows: list[dict], filters: frappe._dict) -> dict:
	return {
		"data": {
			"labels": [row["period"] for row in rows],
			"datasets": [
				{"name": filters.unit or _("Department"), "values": [str(row["score"]) for row in rows]}
			],
		},
		"type": "line",
		"lineOptions": {"regionFill": 1},
		"colors": ["#7cd6fd"],
	}
