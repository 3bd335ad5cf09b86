"""Numbers for the KPI workspace: number cards and the score distribution chart. They only read, so they
read from the site's read replica when it has one (``read_from_replica``), as Frappe's reports do."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from kpi_agreement.frappe_free import process, rounds, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import grade_bands
from kpi_agreement.utils.round_results import framework_bands


def of_year(filters: str | dict | None) -> dict:
	"""The fiscal year a card or chart is filtered to (the workspace sends the current one), as a filter;
	empty when none is given. Cards and charts of different years never mix."""
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	year = cint((filters or {}).get("fiscal_year")) if isinstance(filters, dict) else 0
	return {"fiscal_year": year} if year else {}


@frappe.whitelist()
@frappe.read_only()
def overdue_count(filters: str | dict | None = None) -> int:
	"""Agreements past the due time of their current step (of the fiscal year in ``filters``); a step with no
	due time (step 1, done on the framework) is never overdue."""
	conditions = [
		["docstatus", "<", 2],
		["step_due_on", "is", "set"],
		["step_due_on", "<", now_datetime()],
		["workflow_state", "not in", process.CLOSED_STATES],
		*[[field, "=", value] for field, value in of_year(filters).items()],
	]
	count = len(frappe.get_list("KPI Agreement", filters=conditions, pluck="name"))
	return {
		"value": count,
		"fieldtype": "Int",
		"route": ["query-report", "KPI Process Tracker"],
		"route_options": {"overdue_only": 1},
	}


def latest_round(year: dict | None = None) -> tuple[str, str] | None:
	"""Framework and round of the most recent submitted assessment the user can see (in ``year``, a filter
	from :func:`of_year`)."""
	assessed = frappe.get_list(
		"KPI Assessment",
		filters={"docstatus": 1, **(year or {})},
		fields=["framework", "fiscal_year", "round_months"],
		distinct=True,
		limit_page_length=0,
	)
	if not assessed:
		return None
	latest = max(assessed, key=lambda r: (r.fiscal_year, rounds.months_of(r.round_months) or 0))
	return latest.framework, latest.round_months


def latest_scores(year: dict | None = None) -> list:
	found = latest_round(year)
	if not found:
		return []
	framework, round_months = found
	return frappe.get_list(
		"KPI Assessment",
		filters={"docstatus": 1, "framework": framework, "round_months": round_months},
		pluck="total_score",
	)


@frappe.whitelist()
@frappe.read_only()
def latest_average(filters: str | dict | None = None) -> str:
	"""Average weighted score of the units in the latest assessed round of the fiscal year, to four places
	(a number card would round a number to a whole one)."""
	scores = latest_scores(of_year(filters))
	return str(scoring.weighted_average((score, 1) for score in scores)) if scores else "-"


@frappe.whitelist()
@frappe.read_only()
def agreements_per_step(filters: str | dict | None = None, **chart_args: object) -> dict:
	"""Live agreements of the fiscal year per step 1-9, in process order (step names do not fit under nine
	bars; the numbers are those of the progress bar on every agreement)."""
	counts = Counter(
		frappe.get_list(
			"KPI Agreement",
			filters={"docstatus": ("<", 2), **of_year(filters)},
			pluck="workflow_state",
			limit_page_length=0,
		)
	)
	return {
		"labels": [str(step.number) for step in process.STEPS],
		"datasets": [
			{"name": _("Agreements"), "values": [counts.get(step.state, 0) for step in process.STEPS]}
		],
	}


@frappe.whitelist()
@frappe.read_only()
def score_distribution(filters: str | dict | None = None, **chart_args: object) -> dict:
	"""Units per grade band in the latest assessed round of the fiscal year, on its framework's scale."""
	year = of_year(filters)
	found = latest_round(year)
	bands = (
		[(name, scoring.to_decimal(minimum)) for name, minimum in framework_bands(found[0])]
		if found
		else grade_bands()
	)
	counts = Counter(scoring.grade(score, bands) for score in latest_scores(year))
	names = [name for name, _minimum in sorted(bands, key=lambda band: band[1], reverse=True)]
	return {
		"labels": [_(name) for name in names],
		"datasets": [{"name": _("Units"), "values": [counts.get(name, 0) for name in names]}],
	}
