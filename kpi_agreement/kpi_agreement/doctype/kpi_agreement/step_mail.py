"""The email (and desk notification) sent to the people responsible for a step as an agreement enters it,
each in their own language. Its wording is the desk-editable Email Template "KPI Step Entered"."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.translate import print_language

from kpi_agreement.frappe_free import thai
from kpi_agreement.mail.templates import ensure_email_template

TEMPLATE = "KPI Step Entered"
TEMPLATE_FILE = "templates/emails/kpi_step_entered.html"
SUBJECT = "{{ doc.unit }}: {{ _(doc.workflow_state) }}"


def email_template():
	"""The desk-editable wording of the step email."""
	return ensure_email_template(TEMPLATE, SUBJECT, TEMPLATE_FILE)


def send_step_emails(doc) -> None:
	"""A desk notification, and one email per responsible person in their language where the site sends
	mail."""
	users = [user for user in (doc.step_notify or "").split(", ") if user]
	if not users:
		return
	notify_in_desk(doc, users)
	if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return  # no outgoing mail on this site: the desk notification is all
	template = email_template()
	languages = dict(
		frappe.get_all("User", filters={"name": ("in", users)}, fields=["name", "language"], as_list=True)
	)
	for user in users:
		language = languages.get(user) or frappe.db.get_default("lang") or "en"
		with print_language(language):
			args = {"doc": doc, "due": due_text(doc.step_due_on, language)}
			subject = frappe.render_template(template.subject, args)
			message = frappe.render_template(template.response_html, args)
		frappe.sendmail(
			recipients=[user],
			subject=subject,
			message=message,
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			delayed=True,
		)


def notify_in_desk(doc, users: list[str]) -> None:
	enqueue_create_notification(
		users,
		{
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": _("{0}: {1}").format(doc.unit, _(doc.workflow_state)),
			"from_user": frappe.session.user,
		},
	)


def due_text(value, language: str) -> str:
	if not value:
		return ""
	if language.startswith("th"):
		return thai.format_date(value, thai_numerals=False, short=True) + " " + str(value)[11:16]
	return frappe.utils.format_datetime(value)
