"""Text stored before JSON-shaped values were neutralized on save: the same treatment for what is there."""

import frappe

from kpi_agreement.overrides.text_safety import TEXT_TYPES, neutralize


def execute() -> None:
	for doctype in frappe.get_all(
		"DocType", filters={"module": "KPI Agreement", "issingle": 0}, pluck="name"
	):
		for df in frappe.get_meta(doctype).get("fields", {"fieldtype": ("in", TEXT_TYPES)}):
			table, column = f"tab{doctype}", df.fieldname
			for name, value in frappe.db.sql(
				f"select name, `{column}` from `{table}` where `{column}` like %s", ("%<%",)
			):
				if neutralize(value) != value:
					frappe.db.set_value(doctype, name, column, neutralize(value), update_modified=False)
