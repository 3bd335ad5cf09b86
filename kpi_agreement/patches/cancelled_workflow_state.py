"""Cancelled agreements leave the process: the workflow gets a Cancelled state (docstatus 2) where it has
none, and agreements cancelled before it are put in it. An administrator's own states are left alone."""

import json

import frappe

from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import DEFINITION, WORKFLOW


def execute() -> None:
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	masters = json.loads((DEFINITION / "masters.json").read_text())
	for record in masters["workflow_states"]:
		if not frappe.db.exists("Workflow State", record["workflow_state_name"]):
			frappe.get_doc(record).insert(ignore_permissions=True)
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	cancelled = next((row.state for row in workflow.states if str(row.doc_status) == "2"), None)
	if not cancelled:
		shipped = json.loads((DEFINITION / "kpi_agreement_process.json").read_text())
		row = next(s for s in shipped["states"] if s["state"] == process.CANCELLED)
		workflow.append("states", {k: v for k, v in row.items() if k != "doctype"})
		workflow.save(ignore_permissions=True)
		cancelled = process.CANCELLED
	frappe.db.sql(
		"update `tabKPI Agreement` set workflow_state = %s where docstatus = 2 and workflow_state != %s",
		(cancelled, cancelled),
	)
