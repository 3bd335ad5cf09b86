"""A row of a Data Import of this app's DocTypes answers for itself. Data Import stops the whole file when a
value cannot be read (a unit or user that does not exist, an option that is not offered, a date it cannot
read) and takes text in a number column as 0. Here each such row is refused on its own, with the column as the
file heads it, the value and the fix; the good rows are imported, and a refused row changes nothing."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.core.doctype.data_import.importer import ImportFile

NUMBERS = ("Int", "Float", "Currency", "Percent")
REFUSED = "__kpi_refused"
"""Set on a row's document when the row cannot be imported as written: the reasons."""
LINKED_LATER = "__kpi_linked_later"
"""Set on a row's document: its links to records not in the site when the file was read, which an earlier
row of the same file may make (a bureau's row before its groups' rows); looked up again when the row's turn
comes."""


def payloads_answering_for_their_rows(file: ImportFile) -> list:
	"""Data Import's documents of the file; one with a value that cannot be imported carries its reasons
	(:data:`REFUSED`), and Data Import's own warnings of that row no longer stop the file."""
	payloads = ImportFile.get_payloads_for_import(file)
	columns = [column for column in file.header.columns if column.df and not column.skip_import]
	for payload in payloads:
		reasons = [reason for row in payload.rows for reason in unreadable(row, columns)]
		later = [link for link in missing_links(payload.rows[0], columns) if not payload.doc.get(link[1])]
		if later:
			payload.doc[LINKED_LATER] = later
		for row in payload.rows:
			for warning in row.warnings:
				if warning.get("field"):
					warning["type"] = "info"
		if reasons:
			payload.doc[REFUSED] = list(dict.fromkeys(reasons))
	return payloads


def unreadable(row, columns: list) -> list[str]:
	"""Why values of ``row`` cannot be imported as written: each with its column, the value and the fix."""
	reasons = []
	for column in columns:
		value = row.data[column.index] if column.index < len(row.data) else None
		if value in (None, ""):
			continue
		reason = misread(column, value, row)
		if reason:
			reasons.append(reason.format(frappe.bold(column.header_title), frappe.bold(value)))
	return reasons


def missing_links(row, columns: list) -> list[tuple]:
	"""The document's own links in ``row`` to records not in the site: (column, field, value)."""
	return [
		(column.header_title, column.df.fieldname, str(row.data[column.index]))
		for column in columns
		if column.df.fieldtype == "Link"
		and not column.df.get("is_child_table_field")
		and column.index < len(row.data)
		and row.data[column.index] not in (None, "")
		and not frappe.db.exists(column.df.options, str(row.data[column.index]), cache=True)
	]


def missing_link() -> str:
	return _(
		"{0} {1} does not exist. Type it exactly as the system names it, or import it first (a parent unit before the units under it)."
	)


def misread(column, value, row) -> str | None:
	"""The message (``{0}`` the column, ``{1}`` the value) when ``value`` is not one ``column`` takes (a
	link of the document itself is looked up when its row is imported)."""
	df = column.df
	if (
		df.fieldtype == "Link"
		and df.get("is_child_table_field")
		and not frappe.db.exists(df.options, str(value), cache=True)
	):
		return missing_link()
	if df.fieldtype == "Select" and str(value) not in (df.options or "").split("\n"):
		return _("{0} {1} is not one of its choices. Type one of: {2}.").replace(
			"{2}", ", ".join(option for option in (df.options or "").split("\n") if option)
		)
	if df.fieldtype in NUMBERS and not is_number(value):
		return _(
			"{0} {1} is not a number. Type the figure alone in Arabic digits (e.g. 95.5), without words."
		)
	if df.fieldtype in ("Date", "Datetime") and isinstance(row.get_date(value, column), str):
		return _(
			"{0} {1} is not a date the import can read. Type it as a Christian-era date, e.g. 2027-09-30."
		)
	return None


def is_number(value) -> bool:
	if isinstance(value, int | float):
		return True
	try:
		float(str(value).replace(",", "").strip())
	except ValueError:
		return False
	return True


def answer_for_row(doc: dict, doctype: str) -> None:
	"""Refuse the row of ``doc`` if a value of it could not be read (see :func:`unreadable`) or a record it
	links to is still not in the site; the links made since the file was read are set."""
	reasons = doc.pop(REFUSED, None) or []
	for header, fieldname, value in doc.pop(LINKED_LATER, None) or ():
		options = frappe.get_meta(doctype).get_field(fieldname).options
		frappe.db.value_cache.pop((options, value, "name"), None)  # "not found" when the file was read
		if frappe.db.exists(options, value):
			doc[fieldname] = value
		else:
			reasons.append(missing_link().format(frappe.bold(header), frappe.bold(value)))
	if reasons:
		frappe.throw("<br>".join(reasons), title=_("Row not imported"))
