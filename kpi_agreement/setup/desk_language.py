"""Names the desk shows from Frappe's own DocTypes in the user's language: the print format picker."""

from __future__ import annotations

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

TRANSLATED = ("Print Format",)
"""Frappe DocTypes whose names the desk shows translated (Frappe's ``translated_doctype``): the picker of
the print view shows "สมุดคำรับรอง" rather than "KPI Agreement Booklet"."""


def translate_names() -> None:
	for doctype in TRANSLATED:
		if not frappe.get_meta(doctype).translated_doctype:
			make_property_setter(
				doctype,
				None,
				"translated_doctype",
				1,
				"Check",
				for_doctype=True,
				validate_fields_for_doctype=False,
			)


def forget_names() -> None:
	frappe.db.delete("Property Setter", {"doc_type": ("in", TRANSLATED), "property": "translated_doctype"})
