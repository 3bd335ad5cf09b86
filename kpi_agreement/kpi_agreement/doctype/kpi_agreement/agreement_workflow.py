"""The KPI Agreement Process workflow: installing it once, its first state, and department-wide moves
(background jobs that can be run again, see bulk_jobs.py)."""

from __future__ import annotations

import json
from pathlib import Path

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_workflow_name

from kpi_agreement.utils import bulk_jobs

WORKFLOW = "KPI Agreement Process"
DEFINITION = Path(__file__).resolve().parents[2] / "workflow" / "kpi_agreement_process"


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


MOVE_CHUNK = 50
"""Agreements one job moves: 1,000 agreements make 20 jobs, shared by the workers of the long queue."""


def enqueue_step(framework: str, state: str, action: str) -> str:
	"""Take ``action`` on every agreement of ``framework`` now in ``state``, in background jobs; returns the
	run's id. Running it again after a failure moves only the agreements still in ``state``."""
	names = agreements_in(framework, state)
	title = _("Moving agreements: {0}").format(_(action))
	run = bulk_jobs.start(
		"kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow.move_agreement",
		names,
		title=title,
		chunk_size=MOVE_CHUNK,
		arguments={"state": state, "action": action},
	)
	frappe.msgprint(
		_(
			"Moving the {0} agreements of {1} from {2}: {3}. Progress shows here; refresh when done. Should it stop, run it again: agreements already moved are left alone."
		).format(len(names), framework, _(state), _(action)),
		alert=True,
	)
	return run


def agreements_in(framework: str, state: str) -> list[str]:
	return frappe.get_all(
		"KPI Agreement",
		filters={"framework": framework, "workflow_state": state, "docstatus": ("<", 2)},
		pluck="name",
		order_by="name",
	)


def move_agreement(name: str, state: str, action: str) -> bulk_jobs.Outcome:
	"""One agreement of a department-wide move, locked while it moves; one that has left ``state`` (moved
	by an earlier run or by hand) is skipped."""
	doc = frappe.get_doc("KPI Agreement", name, for_update=True)
	if doc.workflow_state != state or doc.docstatus == 2:
		return "skipped"
	apply_workflow(doc, action)
	return "done"


def move_agreements(framework: str, state: str, action: str) -> dict:
	"""Apply one workflow action to a framework's agreements here and now (no job), listing failures."""
	done, failed = [], []
	for name in agreements_in(framework, state):
		outcome, reason = bulk_jobs.do_one(move_agreement, name, {"state": state, "action": action})
		if outcome == "done":
			done.append(name)
		elif outcome == "failed":
			failed.append({"agreement": name, "reason": reason})
	return {"done": done, "failed": failed}
