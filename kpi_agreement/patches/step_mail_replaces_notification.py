"""Step emails are sent by the app in each recipient's language (Email Template "KPI Step Entered"), in
place of the bilingual standard Notification, which is removed so nobody gets both."""

import frappe

OLD = "KPI Agreement Step Entered"


def execute() -> None:
	if frappe.db.get_value("Notification", OLD, "is_standard"):
		frappe.delete_doc("Notification", OLD, force=True, ignore_permissions=True)
