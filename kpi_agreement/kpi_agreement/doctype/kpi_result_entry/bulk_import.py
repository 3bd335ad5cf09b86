"""A round's results on every worker (``utils/bulk_import.py``): a unit's rows are entered together with one
save of its assessment. Every row still goes through :class:`KPIResultEntry` as the importing user: each is
prepared and refused on its own, and should the unit's save be refused, its rows are entered one by one."""

from __future__ import annotations

import frappe

from kpi_agreement.kpi_agreement.doctype.kpi_result_entry.kpi_result_entry import enter_results
from kpi_agreement.utils.bulk_import import attempt, log
from kpi_agreement.utils.import_rows import answer_for_row


def enter_rows(doctype: str, data_import: str, rows: list[tuple[int, dict]]) -> None:
	"""A unit's rows are prepared one by one (a refused row is logged and left), then entered with one save
	of each assessment; should that save be refused, row by row."""
	found, ready = {}, {}
	for row, values in rows:
		if not attempt(data_import, row, answer_for_row, values, doctype):
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


def new_entry(values: dict):
	return frappe.get_doc({**values, "doctype": "KPI Result Entry"})


def save_together(assessment: str, entries: list, found: dict | None = None) -> None:
	"""Enter the entries (prepared, or prepared now with ``found``) with one save, then keep them."""
	if found is not None:
		for entry in entries:
			entry.prepare(found)
	enter_results(assessment, entries)
	for entry in entries:
		entry.flags.entered = True
		entry.insert()
