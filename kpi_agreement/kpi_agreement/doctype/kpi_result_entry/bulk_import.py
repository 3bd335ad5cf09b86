"""A round's results for the whole department over every worker: a Data Import of KPI Result Entry whose rows
(read by Data Import's own parser) are entered a unit at a time by the resumable background jobs of
``utils/bulk_jobs.py``, each unit's results in one save of its assessment. Every row still goes through
:class:`KPIResultEntry` as the importing user, and its outcome is written to the Data Import's own log, so the
Data Import form shows the imported rows and each refused row with its reason, as for Frappe's own import.

Frappe's *Start Import* takes one row per transaction in one job; this is for the tens of thousands of rows of a
department's round (README *Speed*)."""

from __future__ import annotations

import json
import random
import time

import frappe
from frappe import _
from frappe.core.doctype.data_import.importer import INSERT, create_import_log

from kpi_agreement.kpi_agreement.doctype.kpi_result_entry.kpi_result_entry import enter_results
from kpi_agreement.overrides.data_import import answer_for_row
from kpi_agreement.utils import bulk_jobs
from kpi_agreement.utils.validation import fail

DOCTYPE = "KPI Result Entry"
REFUSALS = (frappe.ValidationError, frappe.PermissionError, frappe.DuplicateEntryError)
"""What refuses one row (a rule, a permission, a row posted already), as Data Import's own log shows it."""
DEADLOCK_RETRIES = 5
CHUNK = 20
"""Units per job: small enough that both workers stay busy to the end."""


@frappe.whitelist()
def start(data_import: str) -> str:
	"""Import the Data Import's rows over every worker, a unit's rows together; run it again to resume."""
	doc = frappe.get_doc("Data Import", data_import)
	doc.check_permission("write")
	if doc.reference_doctype != DOCTYPE or doc.import_type != INSERT:
		fail(_("Only an Insert New Records import of {0} runs on all workers.").format(_(DOCTYPE)))
	importer = doc.get_importer()
	payloads = importer.import_file.get_payloads_for_import()
	warnings = [w for w in importer.import_file.get_warnings() if w.get("type") != "info"]
	if warnings:
		doc.db_set("template_warnings", json.dumps(warnings))
		fail(_("The file has problems to fix first; they are listed under Warnings."))
	units: dict[str, list] = {}
	for payload in payloads:
		units.setdefault(payload.doc.get("unit") or "", []).append(
			[payload.rows[0].row_number, frappe.as_json(payload.doc)]
		)
	rows = bulk_jobs.tally()
	key = rows_key(data_import)
	rows.hset(key, mapping={unit: json.dumps(group) for unit, group in units.items()})
	rows.expire(key, bulk_jobs.TALLY_TTL)
	doc.db_set({"status": "Pending", "template_warnings": "", "payload_count": len(payloads)})
	title = _("Import {0}").format(data_import)
	run = bulk_jobs.start(
		"kpi_agreement.kpi_agreement.doctype.kpi_result_entry.bulk_import.enter_unit",
		sorted(units),
		title=title,
		chunk_size=CHUNK,
		arguments={"data_import": data_import},
		finish="kpi_agreement.kpi_agreement.doctype.kpi_result_entry.bulk_import.finish",
		finish_arguments={"data_import": data_import},
	)
	bulk_jobs.queued_message(title, len(units))
	return run


def rows_key(data_import: str) -> str:
	return f"kpi_result_import:{frappe.local.site}:{data_import}"


def enter_unit(unit: str, data_import: str) -> bulk_jobs.Outcome:
	"""A unit's rows (see :func:`enter_rows`). Two workers saving assessments at once can deadlock on the
	tables' indexes; MariaDB then rolls the unit's transaction back, and in a worker the unit is done again."""
	for retry in range(DEADLOCK_RETRIES):
		try:
			return enter_rows(unit, data_import)
		except frappe.QueryDeadlockError:
			if not bulk_jobs.in_worker() or retry == DEADLOCK_RETRIES - 1:
				raise
			frappe.db.rollback()
			time.sleep(random.uniform(0.05, 0.25) * (retry + 1))


def enter_rows(unit: str, data_import: str) -> bulk_jobs.Outcome:
	"""The unit's rows not yet logged are prepared one by one (a refused row is logged and left), then
	entered with one save of each assessment; should that save be refused, row by row."""
	group = json.loads(bulk_jobs.tally().hget(rows_key(data_import), unit) or "[]")
	logged = set(frappe.get_all("Data Import Log", {"data_import": data_import}, pluck="log_index"))
	todo = [(row, json.loads(values)) for row, values in group if row not in logged]
	if not todo:
		return "skipped"
	found, ready = {}, {}
	for row, values in todo:
		if not attempt(data_import, row, answer_for_row, values, DOCTYPE):
			continue
		entry = new_entry(values)
		if attempt(data_import, row, entry.prepare, found):
			ready.setdefault(entry.assessment, []).append((row, values, entry))
	for assessment, entries in ready.items():
		if attempt(data_import, None, save_together, assessment, [entry for _r, _v, entry in entries]):
			for row, _values, entry in entries:
				log(data_import, row, entry.name)
			continue
		for row, values, _entry in entries:  # one refused the save of all: each on its own
			entry = new_entry(values)
			if attempt(data_import, row, save_together, assessment, [entry], found):
				log(data_import, row, entry.name)
	return "done"


def new_entry(values: dict):
	return frappe.get_doc({**values, "doctype": DOCTYPE})


def save_together(assessment: str, entries: list, found: dict | None = None) -> None:
	"""Enter the entries (prepared, or prepared now with ``found``) with one save, then keep them."""
	if found is not None:
		for entry in entries:
			entry.prepare(found)
	enter_results(assessment, entries)
	for entry in entries:
		entry.flags.entered = True
		entry.insert()


def attempt(data_import: str, row: int | None, step, *arguments) -> bool:
	"""Run ``step``; a refusal rolls back to before it and, for a row, is logged with its reason."""
	frappe.db.savepoint("kpi_result_row")
	try:
		step(*arguments)
	except REFUSALS:
		frappe.db.rollback(save_point="kpi_result_row")
		messages = frappe.local.message_log
		frappe.clear_messages()
		if row is not None:
			create_import_log(
				data_import,
				row,
				{
					"success": False,
					"row_indexes": [row],
					"messages": messages,
					"exception": frappe.get_traceback(),
				},
			)
		return False
	return True


def log(data_import: str, row: int, name: str) -> None:
	create_import_log(data_import, row, {"success": True, "row_indexes": [row], "docname": name})


def finish(data_import: str) -> str:
	"""The import's status from its log, as Frappe's own import sets it."""
	outcomes = frappe.get_all("Data Import Log", {"data_import": data_import}, pluck="success")
	status = "Success" if outcomes and all(outcomes) else "Partial Success" if any(outcomes) else "Error"
	frappe.db.set_value("Data Import", data_import, "status", status)
	bulk_jobs.tally().delete(rows_key(data_import))
	frappe.publish_realtime("data_import_refresh", {"data_import": data_import})
	return status
