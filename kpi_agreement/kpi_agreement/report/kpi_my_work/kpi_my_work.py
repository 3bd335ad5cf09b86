"""What waits on the signed-in user, earliest due first, as ``frappe_free/waiting.py`` decides it for the
digests too: agreements at a step their role acts in, frameworks to review, assessment lines to enter,
evidence to attach, results to certify, deputies to name, assessments to endorse or verify, appeals to file or
decide. Every read goes through the user's own permissions (``frappe.get_list``), so a unit's staff see only
their units' work."""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from kpi_agreement.frappe_free import appeals, process, waiting
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import holidays, responsible_roles
from kpi_agreement.permissions.unit_access import allowed_units
from kpi_agreement.utils.round_results import RoundDue, waiting_assessments

AGREEMENT, ASSESSMENT, FRAMEWORK = "KPI Agreement", "KPI Assessment", "KPI Framework"


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	rows = work_rows(cint(filters.get("fiscal_year")) or None)
	return columns(), rows, None, None, summary(rows)


def columns() -> list[dict]:
	return [
		{"fieldname": "what", "label": _("Work"), "fieldtype": "Data", "width": 280},
		{"fieldname": "document_type", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		{"fieldname": "document", "label": _("Document"), "fieldtype": "Dynamic Link",
			"options": "document_type", "width": 150},
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "KPI Unit", "width": 200},
		{"fieldname": "fiscal_year", "label": _("Fiscal Year (B.E.)"), "fieldtype": "Int", "width": 100},
		{"fieldname": "state", "label": _("State"), "fieldtype": "Data", "width": 170},
		{"fieldname": "due_on", "label": _("Due On"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "days_left", "label": _("Working Days Left"), "fieldtype": "Int", "width": 110},
	]  # fmt: skip


def work_rows(fiscal_year: int | None = None) -> list[dict]:
	"""Everything waiting on the session user, earliest due first, with the working days left."""
	user, roles = frappe.session.user, set(frappe.get_roles())
	acting = responsible_roles()
	headed = headed_units(user) if process.UNIT_HEAD in roles else set()
	found = waiting.waiting(
		{user: {"roles": roles, "units": None}},
		acting,
		agreements=agreement_facts(user, roles, acting, fiscal_year),
		frameworks=framework_facts(roles, acting, fiscal_year),
		assessments=assessment_facts(user, headed, fiscal_year),
		appeals_=appeal_facts(user, headed, fiscal_year),
	).get(user, [])
	now, off = now_datetime(), holidays()
	return [
		{
			"what": what(work),
			"document_type": work.doctype,
			"document": work.name,
			"unit": work.unit,
			"fiscal_year": work.fiscal_year,
			"state": state(work),
			"due_on": work.due,
			"days_left": waiting.working_days_left(work.due, now, off),
			"overdue": int(process.is_overdue(work.due, now)),
		}
		for work in found
	]


WHAT = {
	waiting.REVIEW_FRAMEWORK: lambda: _("Mark Reviewed"),
	waiting.ENTER_RESULT: lambda: _("Enter the result: {0}"),
	waiting.ATTACH_EVIDENCE: lambda: _("Attach evidence: {0}"),
	waiting.CERTIFY_RESULT: lambda: _("Check the result: {0}"),
	waiting.NAME_DEPUTY: lambda: _("Name a deputy to enter: {0}"),
	waiting.ENDORSE: lambda: _("Endorse the assessment"),
	waiting.VERIFY: lambda: _("Verify and score the assessment"),
	waiting.FILE_APPEAL: lambda: _("File the appeal"),
	waiting.DECIDE_APPEAL: lambda: _("Decide the appeal"),
}


def what(work: waiting.Work) -> str:
	if work.kind == waiting.AGREEMENT_STEP:
		actions = waiting.actions_leaving(work.state)
		return " / ".join(_(action) for action in actions) or _(work.state)
	return WHAT[work.kind]().format(work.indicator)


def state(work: waiting.Work) -> str:
	if work.doctype != ASSESSMENT:
		return _(work.state)
	shown = work.state or ("Endorsed" if work.kind == waiting.VERIFY else "Draft")
	return _("{0} - {1} months").format(_(shown), work.months)


def year(fiscal_year: int | None) -> dict:
	return {"fiscal_year": fiscal_year} if fiscal_year else {}


def due(value) -> datetime | None:
	return get_datetime(value) if value else None


def agreement_facts(user: str, roles: set[str], acting: dict, fiscal_year: int | None) -> list[dict]:
	"""Agreements in a state the user's role acts in, with the owners of their indicators where owners act."""
	states = waiting.states_waiting_on(roles, acting)
	if not states:
		return []
	agreements = frappe.get_list(
		AGREEMENT,
		filters={"workflow_state": ("in", states), "docstatus": ("<", 2), **year(fiscal_year)},
		fields=["name", "unit", "fiscal_year", "workflow_state", "step_due_on", "unit_head_user"],
		order_by="step_due_on asc",
		limit_page_length=0,
	)
	owned = owned_agreements(
		user, [a.name for a in agreements if acting[a.workflow_state] == process.INDICATOR_OWNER]
	)
	return [
		{
			"name": a.name,
			"unit": a.unit,
			"fiscal_year": a.fiscal_year,
			"state": a.workflow_state,
			"due": due(a.step_due_on),
			"unit_head": a.unit_head_user,
			"owners": {user} if a.name in owned else set(),
		}
		for a in agreements
	]


def owned_agreements(user: str, agreements: list[str]) -> set[str]:
	"""Which of ``agreements`` have a line on an indicator the user owns."""
	if not agreements:
		return set()
	mine = frappe.get_list(
		"KPI Indicator", filters={"indicator_owner": user}, pluck="name", limit_page_length=0
	)
	if not mine:
		return set()
	lines = frappe.get_list(
		"KPI Agreement Line",
		parent_doctype=AGREEMENT,
		filters={"parent": ("in", agreements), "indicator": ("in", mine)},
		fields=["parent"],
		limit_page_length=0,
	)
	return {line.parent for line in lines}


def framework_facts(roles: set[str], acting: dict, fiscal_year: int | None) -> list[dict]:
	"""Frameworks still to review (the department's step 1), read by the role acting in that state."""
	if acting.get(process.DEPARTMENT_STATE) not in roles:
		return []
	frameworks = frappe.get_list(
		FRAMEWORK,
		filters={"reviewed_on": ("is", "not set"), **year(fiscal_year)},
		fields=["name", "department", "fiscal_year", "review_due_on"],
		limit_page_length=0,
	)
	return [
		{"name": f.name, "unit": f.department, "fiscal_year": f.fiscal_year, "due": due(f.review_due_on)}
		for f in frameworks
	]


def assessment_facts(user: str, headed: set[str], fiscal_year: int | None) -> list[dict]:
	"""Draft assessments the user may read, with their lines, each line's evidence count and due dates."""
	assessments = frappe.get_list(
		ASSESSMENT,
		filters={"docstatus": 0, **year(fiscal_year)},
		fields=["name", "unit", "fiscal_year", "framework", "round_months", "results_due_on", "endorsed_on"],
		limit_page_length=0,
	)
	if not assessments:
		return []
	return waiting_assessments(
		assessments, RoundDue(), lambda a: user if a.unit in headed else None, frappe.get_list
	)


def appeal_facts(user: str, headed: set[str], fiscal_year: int | None) -> list[dict]:
	"""Appeals still to file or to decide that the user may read."""
	rows = frappe.get_list(
		"KPI Appeal",
		filters={"status": ("in", [appeals.DRAFT, appeals.FILED]), **year(fiscal_year)},
		fields=["name", "unit", "fiscal_year", "round_months", "status", "appeal_due", "decision_due"],
		limit_page_length=0,
	)
	return [
		{
			"name": a.name,
			"unit": a.unit,
			"fiscal_year": a.fiscal_year,
			"months": a.round_months,
			"status": a.status,
			"due": due(a.decision_due if a.status == appeals.FILED else a.appeal_due),
			"unit_head": user if a.unit in headed else None,
		}
		for a in rows
	]


def headed_units(user: str) -> set[str]:
	"""The units whose head the user is recorded as; a head recorded nowhere heads the units they are bound
	to."""
	units = set(frappe.get_list("KPI Unit", filters={"unit_head": user}, pluck="name", limit_page_length=0))
	return units or allowed_units(user) or set()


def summary(rows: list[dict]) -> list[dict]:
	late = sum(1 for r in rows if r["overdue"])
	return [
		{"label": _("Waiting on You"), "value": len(rows), "indicator": "Blue", "datatype": "Int"},
		{"label": _("Overdue"), "value": late, "indicator": "Red" if late else "Green", "datatype": "Int"},
	]
