"""The KPI Agreement Process workflow: installing it once, its first state, and department-wide moves."""

from __future__ import annotations

import json
from pathlib import Path

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_workflow_name

WORKFLOW = "KPI Agreement Process"
DEFINITION = Path(__file__).parent / "workflow" / "kpi_agreement_process"


def install_workflow() -> None:
	"""Create the workflow, its states and actions when absent; an admin's later edits are left alone."""
	masters = json.loads((DEFINITION / "masters.json").read_text())
	for record in masters["workflow_states"] + masters["workflow_action_masters"]:
		key = "workflow_state_name" if record["doctype"] == "Workflow State" else "workflow_action_name"
		if not frappe.db.exists(record["doctype"], record[key]):
			frappe.get_doc(record).insert(ignore_permissions=True)
	if not frappe.db.exists("Workflow", WORKFLOW):
		definition = json.loads((DEFINITION / "kpi_agreement_process.json").read_text())
		for key in ("creation", "modified", "owner", "modified_by"):
			definition.pop(key, None)
		frappe.get_doc(definition).insert(ignore_permissions=True)


def workflow_states() -> list:
	"""The states of the active workflow on KPI Agreement, as an administrator may have edited them."""
	name = get_workflow_name("KPI Agreement")
	return frappe.get_cached_doc("Workflow", name).states if name else []


def initial_state() -> str | None:
	"""The first state of the active workflow on KPI Agreement, if there is one."""
	states = workflow_states()
	return states[0].state if states else None


def state_docstatus(state: str | None) -> int | None:
	"""The docstatus an agreement in ``state`` must have, or None for a state the workflow does not know."""
	return next((int(row.doc_status) for row in workflow_states() if row.state == state), None)


def state_editors(state: str | None) -> set[str] | None:
	"""The roles that may edit an agreement while it is in ``state`` (None: the state is unknown)."""
	rows = [row for row in workflow_states() if row.state == state]
	return {row.allow_edit for row in rows if row.allow_edit} if rows else None


def cancelled_state() -> str | None:
	"""The workflow state of a cancelled agreement."""
	return next((row.state for row in workflow_states() if str(row.doc_status) == "2"), None)


def enqueue_step(framework: str, state: str, action: str) -> str:
	"""Take ``action`` on every agreement of ``framework`` now in ``state``, as a background job."""
	job = frappe.enqueue(
		move_agreements,
		queue="long",
		timeout=3600,
		framework=framework,
		state=state,
		action=action,
		now=frappe.flags.in_test,
		enqueue_after_commit=True,
	)
	frappe.msgprint(
		_("Moving the agreements of {0} from {1}: {2}. Progress shows here; refresh when done.").format(
			framework, _(state), _(action)
		),
		alert=True,
	)
	return getattr(job, "id", "") or ""


def move_agreements(framework: str, state: str, action: str) -> dict:
	"""Apply one workflow action to a framework's agreements, reporting progress; failures are listed."""
	names = frappe.get_all(
		"KPI Agreement",
		filters={"framework": framework, "workflow_state": state, "docstatus": ("<", 2)},
		pluck="name",
		order_by="name",
	)
	done, failed = [], []
	for index, name in enumerate(names, start=1):
		frappe.db.savepoint("move_agreement")
		try:
			apply_workflow(frappe.get_doc("KPI Agreement", name), action)
			done.append(name)
		except frappe.ValidationError as error:
			frappe.db.rollback(save_point="move_agreement")
			failed.append({"agreement": name, "reason": frappe.utils.strip_html(str(error))})
			frappe.clear_last_message()
		frappe.publish_progress(
			index * 100 / len(names),
			title=_("Moving agreements: {0}").format(_(action)),
			description=name,
		)
	if failed:
		frappe.log_error(
			title=_("Some agreements of {0} could not move").format(framework),
			message=json.dumps(failed, ensure_ascii=False, indent=1),
		)
	frappe.publish_realtime(
		"kpi_agreements_moved",
		{"framework": framework, "done": len(done), "failed": failed},
		user=frappe.session.user,
	)
	return {"done": done, "failed": failed}
