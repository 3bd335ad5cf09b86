"""Frappe API methods narrowed for this app's DocTypes; every other DocType gets Frappe's own answer."""

from __future__ import annotations

import frappe
from frappe import client
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.utils import get_safe_filters
from frappe.utils.pdf import is_wkhtmltopdf_valid as frappe_check

MODULE = "KPI Agreement"


def is_app_doctype(doctype: str) -> bool:
	return bool(doctype) and frappe.db.get_value("DocType", doctype, "module") == MODULE


@frappe.whitelist()
def get_count(
	doctype: str, filters: str | dict | list | None = None, debug: bool = False, cache: bool = False
) -> int:
	"""``frappe.client.get_count`` counts any DocType without a permission check (Frappe v15); for this
	app's DocTypes, files and imports the count goes through ``frappe.get_list``, so roles, User Permissions
	and unit isolation apply as they do to the list itself."""
	if not is_app_doctype(doctype) and doctype not in ("File", "Data Import"):
		return client.get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as total"], as_list=True
	)
	return rows[0][0] if rows else 0


@frappe.whitelist()
def is_wkhtmltopdf_valid() -> bool:
	"""Frappe warns on every PDF click when wkhtmltopdf lacks patched Qt (as Debian's does). Only a System
	Manager can act on that; the app's print formats need no patched Qt (no header or footer HTML), so
	everyone else prints without a warning they cannot act on."""
	if "System Manager" not in frappe.get_roles():
		return True

	return frappe_check()


@frappe.whitelist()
@frappe.read_only()
def number_card_result(doc: str | dict, filters: str | list | dict, to_date: str | None = None):
	"""Frappe's number card value, read from the site's read replica when it has one (``read_from_replica``),
	as Frappe reads its reports; on a site without one, from the primary, unchanged."""
	return get_result(doc, filters, to_date)
