"""Text a user types shows as text everywhere, whatever its shape.

Frappe sanitizes markup in text fields on save, except in a value that parses as JSON: such a value is
stored raw and grids, reports and dialogs that render cell HTML would run it. Here the angle brackets of
such values become entities (the value stays valid JSON and reads the same), before Frappe's own check.
"""

from __future__ import annotations

from frappe.utils.html_utils import is_json

TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text")


def neutralize(value: object) -> object:
	if isinstance(value, str) and ("<" in value or ">" in value) and is_json(value):
		return value.replace("<", "&lt;").replace(">", "&gt;")
	return value


def escape_json_markup(doc, method: str | None = None) -> None:
	"""``doc_events`` hook (before validate and before an update after submit) of every app DocType."""
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get("fields", {"fieldtype": ("in", TEXT_TYPES)}):
			row.set(df.fieldname, neutralize(row.get(df.fieldname)))
