"""What waits on the signed-in user, earliest due first: agreements at a step their role acts in (the role
KPI Settings gives the state, or the process default), frameworks to review, assessment lines whose result
they enter (data collector, or the deputy named) or certify (indicator owner), assessments of the units they
head ready for endorsement, and for the committee the endorsed assessments to verify. Every read goes through
the user's own permissions (``frappe.get_list``), so a unit's staff see only their units' work."""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from kpi_agreement.frappe_free import my_work, process
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import holidays, settings
from kpi_agreement.permissions.unit_access import allowed_units

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
	items = [
		*agreement_work(user, roles, fiscal_year),
		*framework_work(roles, fiscal_year),
		*assessment_work(user, roles, fiscal_year),
	]
	now, off = now_datetime(), holidays()
	for item in items:
		due = item["due_on"]
		item["days_left"] = my_work.working_days_left(due, now, off)
		item["overdue"] = int(my_work.is_overdue(due, now))
	return sorted(items, key=lambda item: (*my_work.by_urgency(item["due_on"]), item["document"]))


def row(what: str, doctype: str, name: str, unit, fiscal_year, state: str, due) -> dict:
	return {
		"what": what,
		"document_type": doctype,
		"document": name,
		"unit": unit,
		"fiscal_year": fiscal_year,
		"state": state,
		"due_on": get_datetime(due) if due else None,
	}


def responsible() -> dict[str, str]:
	"""The role acting in each state: KPI Settings' role for the state, else the process default."""
	return my_work.responsible_roles({r.step: r.responsible_role for r in settings().steps})


def year(fiscal_year: int | None) -> dict:
	return {"fiscal_year": fiscal_year} if fiscal_year else {}


def agreement_work(user: str, roles: set[str], fiscal_year: int | None) -> list[dict]:
	"""Agreements in a state the user's role acts in. Where the step's email goes to particular people
	(the indicator owners of the lines, the unit head of the agreement), only theirs."""
	acting = responsible()
	states = my_work.states_waiting_on(roles, acting)
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
	rows = []
	for agreement in agreements:
		role = acting[agreement.workflow_state]
		if role == process.INDICATOR_OWNER and agreement.name not in owned:
			continue
		if role == process.UNIT_HEAD and agreement.unit_head_user != user:
			continue
		what = " / ".join(_(action) for action in my_work.actions_leaving(agreement.workflow_state))
		rows.append(
			row(
				what or _(agreement.workflow_state),
				AGREEMENT,
				agreement.name,
				agreement.unit,
				agreement.fiscal_year,
				_(agreement.workflow_state),
				agreement.step_due_on,
			)
		)
	return rows


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


def framework_work(roles: set[str], fiscal_year: int | None) -> list[dict]:
	"""Frameworks still to review (the department's step 1), for the role acting in that state."""
	if responsible().get(process.DEPARTMENT_STATE) not in roles:
		return []
	frameworks = frappe.get_list(
		FRAMEWORK,
		filters={"reviewed_on": ("is", "not set"), **year(fiscal_year)},
		fields=["name", "department", "fiscal_year", "review_due_on"],
		limit_page_length=0,
	)
	return [
		row(
			_("Mark Reviewed"),
			FRAMEWORK,
			framework.name,
			framework.department,
			framework.fiscal_year,
			_(process.DEPARTMENT_STATE),
			framework.review_due_on,
		)
		for framework in frameworks
	]


def assessment_work(user: str, roles: set[str], fiscal_year: int | None) -> list[dict]:
	"""Lines of draft assessments to enter (data collector or deputy) or certify (indicator owner), due
	with the round's results; assessments to endorse (unit head), also due with the results; and endorsed
	assessments to verify and score (committee), due on the round's assessment due date."""
	wanted = roles & {process.DATA_COLLECTOR, process.INDICATOR_OWNER, process.UNIT_HEAD, process.COMMITTEE}
	if not wanted:
		return []
	assessments = frappe.get_list(
		ASSESSMENT,
		filters={"docstatus": 0, **year(fiscal_year)},
		fields=["name", "unit", "fiscal_year", "framework", "round_months", "results_due_on", "endorsed_on"],
		limit_page_length=0,
	)
	if not assessments:
		return []
	lines = frappe.get_list(
		"KPI Assessment Line",
		parent_doctype=ASSESSMENT,
		filters={"parent": ("in", [a.name for a in assessments])},
		fields=["parent", "indicator_name", "line_state", "data_collector", "deputy", "indicator_owner"],
		order_by="idx asc",
		limit_page_length=0,
	)
	lines_of: dict[str, list] = {}
	for line in lines:
		lines_of.setdefault(line.parent, []).append(line)
	headed = headed_units(user) if process.UNIT_HEAD in roles else set()
	round_due = RoundDue()
	rows = []
	for assessment in assessments:
		results_due = assessment.results_due_on or round_due(assessment.framework, assessment.round_months)

		def add(what: str, state: str, due, assessment=assessment) -> None:
			state = _("{0} - {1} months").format(_(state), assessment.round_months)
			rows.append(
				row(what, ASSESSMENT, assessment.name, assessment.unit, assessment.fiscal_year, state, due)
			)

		for line in lines_of.get(assessment.name, []):
			work = my_work.line_work(  # each line names who enters and who certifies it
				line.line_state, user, line.data_collector, line.deputy, line.indicator_owner
			)
			if work == my_work.ENTER_RESULT:
				add(_("Enter the result: {0}").format(line.indicator_name), line.line_state, results_due)
			elif work == my_work.CHECK_RESULT:
				add(_("Check the result: {0}").format(line.indicator_name), line.line_state, results_due)
		work = my_work.assessment_work(
			[line.line_state for line in lines_of.get(assessment.name, [])], bool(assessment.endorsed_on)
		)
		if work == my_work.ENDORSE and assessment.unit in headed:
			add(_("Endorse the assessment"), "Draft", results_due)
		elif work == my_work.VERIFY and process.COMMITTEE in roles:
			due = round_due(assessment.framework, assessment.round_months)
			add(_("Verify and score the assessment"), "Endorsed", due)
	return rows


def headed_units(user: str) -> set[str]:
	"""The units whose head the user is recorded as; a head recorded nowhere heads the units they are bound
	to."""
	units = set(frappe.get_list("KPI Unit", filters={"unit_head": user}, pluck="name", limit_page_length=0))
	return units or allowed_units(user) or set()


class RoundDue:
	"""A round's assessment due date, each framework read once."""

	def __init__(self) -> None:
		self.frameworks: dict = {}

	def __call__(self, framework: str | None, months) -> datetime | None:
		if not framework:
			return None
		if framework not in self.frameworks:
			self.frameworks[framework] = frappe.get_cached_doc(FRAMEWORK, framework)
		return self.frameworks[framework].round_due(months)


def summary(rows: list[dict]) -> list[dict]:
	late = sum(1 for r in rows if r["overdue"])
	return [
		{"label": _("Waiting on You"), "value": len(rows), "indicator": "Blue", "datatype": "Int"},
		{"label": _("Overdue"), "value": late, "indicator": "Red" if late else "Green", "datatype": "Int"},
	]
