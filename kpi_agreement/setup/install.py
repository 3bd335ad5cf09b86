"""Install and migrate hooks: roles, default settings, the workflow, and the optional ERPNext link."""

from __future__ import annotations

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.desk.utils import slug
from frappe.permissions import setup_custom_perms

from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement import step_mail
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import install_workflow
from kpi_agreement.mail import digest
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
	land_on_workspace()
	add_public_holidays()


def add_public_holidays() -> None:
	settings = frappe.get_single("KPI Settings")
	if not settings.holidays:
		settings.add_public_holidays()
		settings.flags.ignore_permissions = True
		settings.save()


def after_migrate() -> None:
	make_roles()
	allow_data_import()
	set_default_settings()
	install_workflow()
	make_my_work_block()
	digest.email_template()
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


DATA_IMPORTERS = {process.COORDINATOR: 0, process.DATA_COLLECTOR: 1}
"""Who may use Frappe's Data Import for the app's imports, and whether only their own imports (a unit's
collector does not see another unit's files)."""


def allow_data_import() -> None:
	"""Data Import is the System Manager's in Frappe: the coordinator imports the department's year, a
	collector their unit's results (only their own imports). The rows go through each DocType's rules."""
	rights = {"read": 1, "write": 1, "create": 1, "delete": 1}
	for role, if_owner in DATA_IMPORTERS.items():
		for doctype in ("Data Import", "Data Import Log"):
			setup_custom_perms(doctype)
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				frappe.get_doc(
					{
						"doctype": "Custom DocPerm",
						"parent": doctype,
						"parenttype": "DocType",
						"parentfield": "permissions",
						"role": role,
						"if_owner": if_owner,
						**(rights if doctype == "Data Import" else {"read": 1}),
					}
				).insert(ignore_permissions=True)
	frappe.clear_cache(doctype="Data Import")


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
	leave_workspace()


# --- the desk a KPI user lands on

WORKSPACE = "Performance Agreements"
"""The app's workspace (a workspace named after a DocType would take over that DocType's route)."""
MY_WORK_BLOCK = "KPI My Work"
"""The workspace block listing what waits on the user; its script draws kpi_agreement.my_work."""


def land_on_workspace() -> None:
	"""Each KPI role, and each user holding one, lands on the KPI workspace after login where nothing else
	is chosen. It runs at install and once on existing sites (a patch), never on every migrate, so what an
	administrator sets afterwards (another home page, another default workspace, or none) stays."""
	if not frappe.db.exists("Workspace", WORKSPACE):
		return
	for role in process.ROLES:
		if frappe.db.exists("Role", role) and not frappe.db.get_value("Role", role, "home_page"):
			frappe.db.set_value("Role", role, "home_page", f"app/{slug(WORKSPACE)}")
	holders = frappe.get_all(
		"Has Role",
		filters={
			"parenttype": "User",
			"role": ("in", process.ROLES),
			"parent": ("not in", frappe.STANDARD_USERS),
		},
		pluck="parent",
		distinct=True,
	)
	for user in frappe.get_all(
		"User",
		filters={"name": ("in", holders or [""]), "default_workspace": ("is", "not set")},
		pluck="name",
	):
		frappe.db.set_value("User", user, "default_workspace", WORKSPACE)


def land_new_kpi_user(doc, method: str | None = None) -> None:
	"""``validate`` of User: a user given their first KPI role lands on the KPI workspace, unless they
	already have a default workspace; a workspace an administrator clears afterwards is not set again."""
	if doc.default_workspace or doc.name in frappe.STANDARD_USERS:
		return
	before = doc.get_doc_before_save()
	kpi_roles = set(process.ROLES)
	had = {row.role for row in before.roles} & kpi_roles if before else set()
	has = {row.role for row in doc.roles} & kpi_roles
	if has and not had and frappe.db.exists("Workspace", WORKSPACE):
		doc.default_workspace = WORKSPACE


def make_my_work_block() -> None:
	"""The My Work block of the workspace, created when absent (an administrator's edits to it are kept).
	It only calls the desk bundle, where the list is drawn, so the block itself never needs an update."""
	if frappe.db.exists("Custom HTML Block", MY_WORK_BLOCK):
		return
	block = frappe.new_doc("Custom HTML Block")
	block.update(
		{
			"html": '<div class="kpi-my-work"></div>',
			"script": "kpi_agreement.my_work.render(root_element);",
			"private": 0,
			"roles": [{"role": role} for role in process.ROLES],
		}
	)
	block.insert(set_name=MY_WORK_BLOCK, ignore_permissions=True)


def leave_workspace() -> None:
	"""On uninstall: nobody lands on the workspace that goes away, and its block goes with it."""
	frappe.db.set_value("Role", {"home_page": f"app/{slug(WORKSPACE)}"}, "home_page", None)
	frappe.db.set_value("User", {"default_workspace": WORKSPACE}, "default_workspace", None)
	frappe.delete_doc("Custom HTML Block", MY_WORK_BLOCK, ignore_permissions=True, ignore_missing=True)
