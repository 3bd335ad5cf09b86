"""A scorecard row's weighted total has the assessment's name: ``composite_score`` becomes ``total_score``.
Frappe's rename_field copies the values and renames the field in saved reports, report views and
property setters; a print format made in the desk that printed the old name prints the new one. The old
column is dropped, so the rename runs once."""

import frappe
from frappe.model.utils.rename_field import rename_field

DOCTYPE, OLD, NEW = "KPI Scorecard Row", "composite_score", "total_score"


def execute() -> None:
	if not frappe.db.has_column(DOCTYPE, OLD):
		return
	rename_field(DOCTYPE, OLD, NEW)
	for name, html in frappe.get_all(
		"Print Format",
		filters={"doc_type": "KPI Scorecard", "standard": "No", "html": ("like", f"%{OLD}%")},
		fields=["name", "html"],
		as_list=True,
	):
		frappe.db.set_value("Print Format", name, "html", html.replace(OLD, NEW), update_modified=False)
	frappe.db.sql_ddl(f"alter table `tab{DOCTYPE}` drop column `{OLD}`")
	frappe.cache.hdel("table_columns", f"tab{DOCTYPE}")
