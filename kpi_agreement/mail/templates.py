"""The app's desk-editable Email Templates: created from the shipped file when absent, an administrator's
later edits kept (installing or migrating never overwrites them)."""

from __future__ import annotations

import frappe


def ensure_email_template(name: str, subject: str, template_file: str):
	"""The Email Template ``name``, made from ``template_file`` (under the app) first if it is missing."""
	if not frappe.db.exists("Email Template", name):
		frappe.get_doc(
			{
				"doctype": "Email Template",
				"name": name,
				"subject": subject,
				"use_html": 1,
				"response_html": frappe.read_file(frappe.get_app_path("kpi_agreement", template_file)),
			}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Email Template", name)
