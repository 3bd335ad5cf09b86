"""Each state's due time is the time allowed for the work that leaves it (KPI Settings named each duration
by the state of the same number before). Converts the settings a department had, marks frameworks that
already have agreements as reviewed (step 1 is the framework's), fills rounds' assessment due dates and
recomputes the due dates of agreements in flight."""

import frappe

from kpi_agreement.frappe_free import process, rounds
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.kpi_agreement import state_times
from kpi_agreement.kpi_agreement.doctype.kpi_framework.kpi_framework import round_of_row
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import (
	assessment_working_days,
	holidays,
	step_row,
)

LEAVING_WORK = {
	# state: the old rows (by state) whose durations are the work that now leaves it
	process.FRAMEWORK_REVIEW: (process.FRAMEWORK_REVIEW,),
	process.INDICATOR_DRAFTING: (process.INDICATOR_DRAFTING,),
	process.NEGOTIATION: (process.NEGOTIATION,),
	process.READY_FOR_SIGNING: (process.READY_FOR_SIGNING, process.SIGNED),  # format, then sign
	process.SIGNED: (process.BOOKLET_COMPILED,),  # compile the booklet
	process.ASSESSED: (process.SCORES_SUMMARIZED,),  # summarize
	process.SCORES_SUMMARIZED: (process.PRESENTED,),  # present
}


def execute() -> None:
	convert_step_settings()
	review_frameworks_in_use()
	recompute_due_dates()


def convert_step_settings() -> None:
	frappe.reload_doc("kpi_agreement", "doctype", "kpi_step_setting")
	frappe.reload_doc("kpi_agreement", "doctype", "kpi_settings")
	settings = frappe.get_single("KPI Settings")
	old = {}
	if frappe.db.has_column("KPI Step Setting", "duration"):
		for state, duration, unit in frappe.db.sql(
			"select step, duration, duration_unit from `tabKPI Step Setting` where parent = 'KPI Settings'"
		):
			old[state] = (0, duration or 0) if unit == "Hours" else (duration or 0, 0)
	rows = []
	for step in process.STEPS:
		row = step_row(step)
		existing = next((r for r in settings.steps if r.step == step.state), None)
		if existing and existing.responsible_role is not None:
			row["responsible_role"] = existing.responsible_role if step.role else None
		sources = [old[state] for state in LEAVING_WORK.get(step.state, ()) if state in old]
		if sources:
			row["working_days"] = sum(days for days, _hours in sources)
			row["hours"] = sum(hours for _days, hours in sources)
		rows.append(row)
	settings.set("steps", rows)
	if process.ASSESSED in old:  # the assessment's time is now counted from each round's cut-off
		settings.assessment_working_days = old[process.ASSESSED][0] or rounds.ASSESSMENT_WORKING_DAYS
	settings.flags.ignore_permissions = True
	settings.save()


def review_frameworks_in_use() -> None:
	"""Frameworks that already have agreements were reviewed before they were made; their rounds get
	assessment due dates."""
	for name in frappe.get_all("KPI Framework", pluck="name"):
		framework = frappe.get_doc("KPI Framework", name)
		for row in framework.rounds:
			if row.cut_off_date and not row.assessment_due_date:
				filled = round_of_row(row).with_dates(
					framework.fiscal_year, assessment_working_days(), holidays()
				)
				row.db_set("assessment_due_date", filled.assessment_due, update_modified=False)
		if not framework.reviewed_on and frappe.db.exists("KPI Agreement", {"framework": name}):
			framework.db_set(
				{"reviewed_on": framework.creation, "review_due_on": framework.creation},
				update_modified=False,
			)


def recompute_due_dates() -> None:
	for name in frappe.get_all(
		"KPI Agreement",
		filters={
			"docstatus": ("<", 2),
			"workflow_state": ("not in", [process.FINAL_STATE, process.CANCELLED]),
		},
		pluck="name",
	):
		agreement = frappe.get_doc("KPI Agreement", name)
		framework = frappe.get_doc("KPI Framework", agreement.framework)
		state = agreement.workflow_state
		_entered, due, left = state_times(framework, state, agreement.step_entered_on)
		agreement.db_set("step_due_on", None if left else due, update_modified=False)
		current = next((row for row in reversed(agreement.step_history) if row.state == state), None)
		if current:
			current.db_set("due_on", due, update_modified=False)
