"""A Data Import over every worker: its rows (read by Data Import's own parser, :class:`KPIImporter`) are
shared out in groups by the resumable background jobs of ``utils/bulk_jobs.py``, and every row's outcome goes
to the Data Import's own log, so the Data Import form shows the imported rows and each refused row with its
reason, as for Frappe's own import. Every row is still saved by its DocType's own code as the importing user.

Frappe's *Start Import* takes one row per transaction in one job, so one worker; this is for a department's
tens of thousands of rows (README *Speed*). Rows that could clash are kept in one group, done in order: a
round's results by unit (a unit's results go into its assessment with one save), indicator sheets by code
(one code per indicator in a framework, so a code's rows are in one group). A stopped run is resumed by starting it again: rows already logged
are skipped."""

from __future__ import annotations

import json
import random
import time
import zlib

import frappe
from frappe import _
from frappe.core.doctype.data_import.importer import INSERT, create_import_log

from kpi_agreement.utils import bulk_jobs
from kpi_agreement.utils.import_rows import answer_for_row
from kpi_agreement.utils.validation import fail


def by_unit(doc: dict) -> str:
	return doc.get("unit") or ""


def by_code(doc: dict) -> str:
	"""One of 1,000 groups, the same for every row of a code."""
	return str(zlib.crc32(str(doc.get("indicator_code") or "").encode()) % 1000)


GROUPS = {
	"KPI Result Entry": (
		by_unit,
		"kpi_agreement.kpi_agreement.doctype.kpi_result_entry.bulk_import.enter_rows",
	),
	"KPI Indicator": (by_code, "kpi_agreement.utils.bulk_import.insert_rows"),
}
"""What imports on every worker: the group of a row's document, and what enters a group's rows
``(doctype, data_import, rows)``."""
REFUSALS = (frappe.ValidationError, frappe.PermissionError, frappe.DuplicateEntryError)
"""What refuses one row (a rule, a permission, a row posted already), as Data Import's own log shows it."""
DEADLOCK_RETRIES = 5
CHUNK = 20
"""Groups per job: small enough that every worker stays busy to the end."""


@frappe.whitelist()
def start(data_import: str) -> str:
	"""Import the Data Import's rows over every worker, a group's rows together; run it again to resume."""
	doc = frappe.get_doc("Data Import", data_import)
	doc.check_permission("write")
	if doc.reference_doctype not in GROUPS or doc.import_type != INSERT:
		fail(
			_("Only an Insert New Records import of {0} runs on all workers.").format(
				", ".join(_(doctype) for doctype in GROUPS)
			)
		)
	importer = doc.get_importer()
	payloads = importer.import_file.get_payloads_for_import()
	warnings = [w for w in importer.import_file.get_warnings() if w.get("type") != "info"]
	if warnings:
		doc.db_set("template_warnings", json.dumps(warnings))
		fail(_("The file has problems to fix first; they are listed under Warnings."))
	group_of = GROUPS[doc.reference_doctype][0]
	groups: dict[str, list] = {}
	for payload in payloads:
		groups.setdefault(group_of(payload.doc), []).append(
			[payload.rows[0].row_number, frappe.as_json(payload.doc)]
		)
	rows = bulk_jobs.tally()
	key = rows_key(data_import)
	rows.hset(key, mapping={group: json.dumps(members) for group, members in groups.items()})
	rows.expire(key, bulk_jobs.TALLY_TTL)
	doc.db_set({"status": "Pending", "template_warnings": "", "payload_count": len(payloads)})
	title = _("Import {0}").format(data_import)
	run = bulk_jobs.start(
		"kpi_agreement.utils.bulk_import.enter_group",
		sorted(groups),
		title=title,
		chunk_size=CHUNK,
		arguments={"data_import": data_import},
		finish="kpi_agreement.utils.bulk_import.finish",
		finish_arguments={"data_import": data_import},
	)
	bulk_jobs.queued_message(title, len(groups))
	return run


def rows_key(data_import: str) -> str:
	return f"kpi_bulk_import:{frappe.local.site}:{data_import}"


def enter_group(group: str, data_import: str) -> bulk_jobs.Outcome:
	"""A group's rows not yet logged. Two workers saving at once can deadlock on the tables' indexes;
	MariaDB then rolls the group's transaction back, and in a worker the group is done again."""
	doctype = frappe.db.get_value("Data Import", data_import, "reference_doctype")
	enter = frappe.get_attr(GROUPS[doctype][1])
	for retry in range(DEADLOCK_RETRIES):
		try:
			rows = rows_to_do(group, data_import)
			if not rows:
				return "skipped"
			enter(doctype, data_import, rows)
			return "done"
		except frappe.QueryDeadlockError:
			if not bulk_jobs.in_worker() or retry == DEADLOCK_RETRIES - 1:
				raise
			frappe.db.rollback()
			time.sleep(random.uniform(0.05, 0.25) * (retry + 1))


def rows_to_do(group: str, data_import: str) -> list[tuple[int, dict]]:
	members = json.loads(bulk_jobs.tally().hget(rows_key(data_import), group) or "[]")
	logged = set(
		frappe.get_all(
			"Data Import Log",
			{"data_import": data_import, "log_index": ("in", [row for row, _values in members] or [0])},
			pluck="log_index",
		)
	)
	return [(row, json.loads(values)) for row, values in members if row not in logged]


def insert_rows(doctype: str, data_import: str, rows: list[tuple[int, dict]]) -> None:
	"""Each row saved on its own, in the file's order."""
	for row, values in rows:
		if not attempt(data_import, row, answer_for_row, values, doctype):
			continue
		doc = frappe.get_doc({**values, "doctype": doctype})
		if attempt(data_import, row, doc.insert):
			log(data_import, row, doc.name)


def attempt(data_import: str, row: int | None, step, *arguments) -> bool:
	"""Run ``step``; a refusal rolls back to before it and, for a row, is logged with its reason."""
	frappe.db.savepoint("kpi_import_row")
	try:
		step(*arguments)
	except REFUSALS:
		frappe.db.rollback(save_point="kpi_import_row")
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
