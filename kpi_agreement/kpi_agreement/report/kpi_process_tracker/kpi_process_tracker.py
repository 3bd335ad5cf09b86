"""Where every agreement stands in the nine steps, and how late it is."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import holidays
from kpi_agreement.utils.round_results import certification_progress


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	rows = tracker_rows(filters)
	return columns(), rows, None, chart(rows), summary(rows)


def columns() -> list[dict]:
	return [
		{
			"fieldname": "agreement",
			"label": _("Agreement"),
			"fieldtype": "Link",
			"options": "KPI Agreement",
			"width": 140,
		},
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "KPI Unit", "width": 220},
		{"fieldname": "step_no", "label": _("Step No"), "fieldtype": "Int", "width": 70},
		{"fieldname": "workflow_state", "label": _("Current Step"), "fieldtype": "Data", "width": 160},
		{"fieldname": "step_entered_on", "label": _("Entered On"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "step_due_on", "label": _("Due On"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "days_overdue", "label": _("Working Days Overdue"), "fieldtype": "Int", "width": 120},
		{"fieldname": "responsible_role", "label": _("Responsible Role"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "certification",
			"label": _("Results Certification"),
			"fieldtype": "Data",
			"width": 260,
		},
	]


def tracker_rows(filters: frappe._dict) -> list[dict]:
	conditions = {"docstatus": ("<", 2)}
	for field in ("framework", "workflow_state", "unit"):
		if filters.get(field):
			conditions[field] = filters[field]
	agreements = frappe.get_list(
		"KPI Agreement",
		filters=conditions,
		fields=[
			"name as agreement",
			"unit",
			"workflow_state",
			"step_entered_on",
			"step_due_on",
			"responsible_role",
		],
		order_by="step_due_on asc",
		limit_page_length=0,
	)
	now, off = now_datetime(), holidays()
	progress = certification_progress(agreement=("in", [row.agreement for row in agreements] or [""]))
	rows = []
	for row in agreements:
		row.certification = progress[row.agreement].progress if row.agreement in progress else ""
		step = process.step_of(row.workflow_state)
		due = get_datetime(row.step_due_on) if row.step_due_on else None
		row.days_overdue = process.step_days_late(row.workflow_state, due, now, off)
		row.step_no = step.number if step else None
		row.responsible_role = _(row.responsible_role) if row.responsible_role else ""
		row.workflow_state = _(row.workflow_state) if row.workflow_state else ""
		if not cint(filters.get("overdue_only")) or row.days_overdue:
			rows.append(row)
	return rows


def chart(rows: list[dict]) -> dict:
	labels = [_(step.state) for step in process.STEPS]
	on_time = [sum(1 for r in rows if r.workflow_state == label and not r.days_overdue) for label in labels]
	late = [sum(1 for r in rows if r.workflow_state == label and r.days_overdue) for label in labels]
	return {
		"data": {
			"labels": labels,
			"datasets": [{"name": _("On time"), "values": on_time}, {"name": _("Overdue"), "values": late}],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#5e64ff", "#ff5858"],
	}


def summary(rows: list[dict]) -> list[dict]:
	late = sum(1 for r in rows if r.days_overdue)
	return [
		{"label": _("Agreements"), "value": len(rows), "indicator": "Blue", "datatype": "Int"},
		{"label": _("Overdue"), "value": late, "indicator": "Red" if late else "Green", "datatype": "Int"},
	]
