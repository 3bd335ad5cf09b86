"""Numbers for the KPI workspace: number cards and the score distribution chart."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.utils import now_datetime

from kpi_agreement.frappe_free import process, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import grade_bands
from kpi_agreement.kpi_agreement.round_results import framework_bands

FINAL_STATE = process.STEPS[-1].state


@frappe.whitelist()
def overdue_count(filters: str | dict | None = None) -> int:
	"""Agreements past the due time of their current step."""
	count = len(
		frappe.get_list(
			"KPI Agreement",
			filters={
				"docstatus": ("<", 2),
				"step_due_on": ("<", now_datetime()),
				"workflow_state": ("!=", FINAL_STATE),
			},
			pluck="name",
		)
	)
	return {
		"value": count,
		"fieldtype": "Int",
		"route": ["query-report", "KPI Process Tracker"],
		"route_options": {"overdue_only": 1},
	}


def latest_round() -> tuple[str, str] | None:
	"""Framework and round of the most recent submitted assessment the user can see."""
	rounds = frappe.get_list(
		"KPI Assessment",
		filters={"docstatus": 1},
		fields=["framework", "fiscal_year", "round_months"],
		distinct=True,
		limit_page_length=0,
	)
	if not rounds:
		return None
	latest = max(rounds, key=lambda r: (r.fiscal_year, int(r.round_months)))
	return latest.framework, latest.round_months


def latest_scores() -> list:
	found = latest_round()
	if not found:
		return []
	framework, round_months = found
	return frappe.get_list(
		"KPI Assessment",
		filters={"docstatus": 1, "framework": framework, "round_months": round_months},
		pluck="total_score",
	)


@frappe.whitelist()
def latest_average(filters: str | dict | None = None) -> str:
	"""Average weighted score of the units in the latest assessed round, to four places (a number card
	would round a number to a whole one)."""
	scores = latest_scores()
	return str(scoring.composite((score, 1) for score in scores)) if scores else "-"


@frappe.whitelist()
def agreements_per_step(**chart_args: object) -> dict:
	"""Live agreements per step 1-9, in process order (step names do not fit under nine bars; the numbers
	are those of the progress bar on every agreement)."""
	counts = Counter(
		frappe.get_list(
			"KPI Agreement", filters={"docstatus": ("<", 2)}, pluck="workflow_state", limit_page_length=0
		)
	)
	return {
		"labels": [str(step.number) for step in process.STEPS],
		"datasets": [
			{"name": _("Agreements"), "values": [counts.get(step.state, 0) for step in process.STEPS]}
		],
	}


@frappe.whitelist()
def score_distribution(**chart_args: object) -> dict:
	"""Units per grade band in the latest assessed round, on its framework's scale."""
	found = latest_round()
	bands = (
		[(name, scoring.to_decimal(minimum)) for name, minimum in framework_bands(found[0])]
		if found
		else grade_bands()
	)
	counts = Counter(scoring.grade(score, bands) for score in latest_scores())
	names = [name for name, _minimum in sorted(bands, key=lambda band: band[1], reverse=True)]
	return {
		"labels": [_(name) for name in names],
		"datasets": [{"name": _("Units"), "values": [counts.get(name, 0) for name in names]}],
	}
