"""Unit isolation: a user bound to KPI Units by User Permissions reaches only their units' documents, on
every path Frappe offers.

Frappe applies User Permissions to a DocType's own link fields. This module adds what it does not cover:
- child tables (agreement lines, step history, assessment lines, indicator levels and baselines) are
  filtered by their parent's unit in every list query (``permission_query_conditions``);
- a saved document is judged by the unit stored in the database, not the unit sent with the request
  (``has_permission``), so a request cannot claim another unit's document for its own;
- reports and digests use the same rule through :func:`allowed_units`.

The rule follows Frappe's own reading of User Permissions: ``applicable_for``, ``hide_descendants`` and
the system setting *Apply Strict User Permissions* (without it, a document with no unit is not restricted).
"""

from __future__ import annotations

import frappe
from frappe.core.doctype.user_permission.user_permission import get_user_permissions
from frappe.permissions import get_allowed_docs_for_doctype

from kpi_agreement.frappe_free.unit_scope import UNIT_SCOPED

UNIT = "KPI Unit"

UNIT_OF_NEW = {"KPI Assessment": ("KPI Agreement", "agreement")}
"""Where a new document's unit comes from when the unit is fetched from a link, not typed."""


def allowed_units(user: str | None = None, doctype: str | None = None) -> set[str] | None:
	"""The units ``user`` may reach in ``doctype``, or None when User Permissions do not restrict them."""
	user = user or frappe.session.user
	entries = get_user_permissions(user).get(UNIT)
	if not entries:
		return None
	allowed = get_allowed_docs_for_doctype(entries, doctype or UNIT)
	return set(allowed) if allowed else None


def strict() -> bool:
	return bool(frappe.get_system_settings("apply_strict_user_permissions"))


def unit_filter(column: str, allowed: set[str]) -> str:
	"""SQL condition on ``column`` for the allowed units (values escaped)."""
	values = ", ".join(frappe.db.escape(unit, percent=False) for unit in sorted(allowed)) or "''"
	condition = f"{column} in ({values})"
	return condition if strict() else f"(ifnull({column}, '') = '' or {condition})"


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""``permission_query_conditions`` of every unit-scoped DocType, child tables included."""
	parent = UNIT_SCOPED.get(doctype)
	allowed = allowed_units(user, parent or doctype)
	if allowed is None:
		return ""
	if not parent:
		return unit_filter(f"`tab{doctype}`.`unit`", allowed)
	return (
		f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
		f"(select `name` from `tab{parent}` where {unit_filter('`unit`', allowed)}))"
	)


def stored_unit(doc) -> str | None:
	"""The unit a document belongs to as the database knows it (for a new document: where it will belong)."""
	if not doc.is_new() and frappe.db.exists(doc.doctype, doc.name):
		return frappe.db.get_value(doc.doctype, doc.name, "unit")
	source = UNIT_OF_NEW.get(doc.doctype)
	if source and doc.get(source[1]):
		return frappe.db.get_value(source[0], doc.get(source[1]), "unit")
	return doc.get("unit")


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""``has_permission`` hook: refuse a document whose stored unit (or the unit sent with it) is not the
	user's; otherwise leave the decision to roles and User Permissions."""
	allowed = allowed_units(user, doc.doctype)
	if allowed is None:
		return None
	for unit in {stored_unit(doc), doc.get("unit")}:
		if (unit and unit not in allowed) or (not unit and strict()):
			return False
	return None


@frappe.whitelist()
def search_query(
	doctype: str,
	txt: str,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
) -> list:
	"""Link search (``standard_queries``) of the unit-scoped DocTypes: Frappe's link search lets a caller
	ask to ignore User Permissions; this one always applies them, with the unit rule."""
	meta = frappe.get_meta(doctype)
	fields = list(dict.fromkeys(["name", meta.title_field or "name", *meta.get_search_fields()]))
	fields = [field for field in fields if field == "name" or meta.has_field(field)]
	return frappe.get_list(
		doctype,
		filters=frappe.parse_json(filters) if isinstance(filters, str) else filters,
		or_filters=[[doctype, field, "like", f"%{txt}%"] for field in fields] if txt else None,
		fields=fields,
		limit_start=frappe.utils.cint(start),
		limit_page_length=frappe.utils.cint(page_length),
		order_by="modified desc",
		reference_doctype=reference_doctype,
		as_list=not as_dict,
	)
