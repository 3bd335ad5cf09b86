"""Install and migrate hooks: roles, default settings, the workflow, and the optional ERPNext link."""

from __future__ import annotations

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement import digest_mail, step_mail
from kpi_agreement.kpi_agreement.agreement_workflow import install_workflow
from kpi_agreement.setup.desk_language import forget_names, translate_names
from kpi_agreement.setup.fonts import install_fonts

USER_FIELDS = {
	"User": [
		{
			"fieldname": "kpi_digest_opt_out",
			"fieldtype": "Check",
			"label": "No KPI Digest Emails",
			"insert_after": "thread_notify",
			"description": "Do not send me the KPI Agreement email digest",
		}
	]
}
DEPARTMENT_FIELD = {
	"KPI Unit": [
		{
			"fieldname": "department",
			"fieldtype": "Link",
			"label": "ERPNext Department",
			"options": "Department",
			"insert_after": "unit_head_position",
			"description": "The matching Department of ERPNext / HRMS",
		}
	]
}


def before_install() -> None:
	make_roles()


def after_install() -> None:
	after_migrate()


def after_migrate() -> None:
	make_roles()
	set_default_settings()
	install_workflow()
	digest_mail.email_template()
	step_mail.email_template()
	link_erpnext_department()
	create_custom_fields(USER_FIELDS, ignore_validate=True)
	install_fonts()
	translate_names()


def after_app_install(app_name: str) -> None:
	if app_name in ("erpnext", "hrms"):
		link_erpnext_department()


def make_roles() -> None:
	for role in process.ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def set_default_settings() -> None:
	settings = frappe.get_single("KPI Settings")
	if settings.has_defaults():
		return
	settings.set_defaults()
	settings.flags.ignore_permissions = True
	settings.save()


def link_erpnext_department() -> None:
	"""Show the ERPNext Department link on KPI Unit only where ERPNext or HRMS provides Department."""
	if frappe.db.exists("DocType", "Department") and not frappe.db.exists(
		"Custom Field", {"dt": "KPI Unit", "fieldname": "department"}
	):
		create_custom_fields(DEPARTMENT_FIELD, ignore_validate=True)


def before_uninstall() -> None:
	for name in frappe.get_all("Workflow", filters={"document_type": ("like", "KPI %")}, pluck="name"):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)
	frappe.db.delete("Custom Field", {"dt": ("like", "KPI %")})
	frappe.db.delete("Custom Field", {"dt": "User", "fieldname": "kpi_digest_opt_out"})
	frappe.db.delete("Property Setter", {"doc_type": ("like", "KPI %")})
	forget_names()
	frappe.db.delete("User Permission", {"allow": "KPI Unit"})
	frappe.delete_doc("Email Template", "KPI Digest", ignore_permissions=True, ignore_missing=True)
