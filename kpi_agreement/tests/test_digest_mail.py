"""Scheduled digests and step notifications queue the right emails on a real site."""

import email
import email.policy

import frappe
from frappe.model.workflow import apply_workflow

from kpi_agreement.demo import make_outgoing_email_account
from kpi_agreement.demo.builders import make_user
from kpi_agreement.mail.digest import OPT_OUT_FIELD, send_digests, send_due_digests
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department, user


def body(message: str) -> str:
	"""Subject and HTML body of a queued MIME message, decoded."""
	parsed = email.message_from_string(message, policy=email.policy.default)
	html = parsed.get_body(preferencelist=("html", "plain"))
	return f"{parsed['Subject']}\n{html.get_content() if html else ''}"


def queued() -> dict:
	"""recipient -> decoded messages in the Email Queue."""
	rows = frappe.db.sql(
		"""select r.recipient, q.message from `tabEmail Queue` q
		join `tabEmail Queue Recipient` r on r.parent = q.name""",
		as_dict=True,
	)
	result = {}
	for row in rows:
		result.setdefault(row.recipient, []).append(body(row.message))
	return result


class TestDigests(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_outgoing_email_account()
		cls.dept = build_department("DIG", units="AB")
		a, b = cls.dept.units
		cls.late = agreement_for(cls.dept, a)
		cls.waiting = agreement_for(cls.dept, b)
		for action in ("Start Indicator Drafting", "Send for Negotiation"):
			apply_workflow(frappe.get_doc("KPI Agreement", cls.waiting), action)
		frappe.db.set_value("KPI Indicator", cls.dept.indicators[a][0], "formula", "")
		frappe.db.set_value("KPI Indicator", cls.dept.indicators[a][0], "detail_complete", 0)
		make_user("thai.coordinator@test.kpi.example", "สมศรี ประสานงาน", ["KPI Coordinator"], "th")

	def setUp(self):
		frappe.db.delete("Email Queue")
		frappe.db.delete("Email Queue Recipient")
		settings = frappe.get_single("KPI Settings")
		settings.update({"digest_frequency": "Daily", "digest_hour": 0, "digest_last_sent": None})
		settings.update({"owner_digest": 1, "coordinator_digest": 1, "executive_digest": 1})
		settings.save()
		frappe.db.set_value("User", user("coordinator"), OPT_OUT_FIELD, 0)
		frappe.db.set_value("KPI Agreement", self.late, "step_due_on", "2020-01-06 23:59:59")

	def test_each_role_gets_one_digest_with_its_items(self):
		self.assertGreaterEqual(send_digests(), 4)
		mail = queued()
		self.assertEqual(len(mail[user("coordinator")]), 1)
		coordinator = mail[user("coordinator")][0]
		self.assertIn("Agreements overdue at their step", coordinator)
		self.assertIn("DIG Unit A", coordinator)
		self.assertIn("KPI-AGR", coordinator)  # a direct link to the agreement
		executive = mail[user("executive")][0]
		self.assertIn("Agreements waiting on you", executive)  # negotiation
		self.assertIn("DIG Unit B", executive)
		owner = mail[user("owner")][0]
		self.assertIn("Indicator detail sheets to complete", owner)
		self.assertIn("Budget disbursement DIG Unit A", owner)
		self.assertNotIn(user("plain"), mail)
		self.assertNotIn(user("committee"), mail)

	def test_wording_comes_from_the_editable_email_template(self):
		template = frappe.get_doc("Email Template", "KPI Digest")
		original = template.response_html
		template.response_html = original.replace("{{ words.intro|e }}", "Custom wording from the desk")
		template.save()
		try:
			send_digests()
			self.assertIn("Custom wording from the desk", queued()[user("coordinator")][0])
		finally:
			template.response_html = original
			template.save()

	def test_language_follows_the_user(self):
		send_digests()
		thai = queued()["thai.coordinator@test.kpi.example"][0]
		self.assertIn("คำรับรองที่เกินกำหนดในขั้นตอนปัจจุบัน", thai)
		self.assertIn("เรียน สมศรี ประสานงาน", thai)
		self.assertIn("ระบบคำรับรองการปฏิบัติราชการ: มี", thai)  # the subject
		self.assertNotIn("<script", thai)

	def test_opt_out_stops_the_digest(self):
		frappe.db.set_value("User", user("coordinator"), OPT_OUT_FIELD, 1)
		send_digests()
		self.assertNotIn(user("coordinator"), queued())
		self.assertIn("thai.coordinator@test.kpi.example", queued())

	def test_off_frequency_and_disabled_kinds_stop_them(self):
		frappe.db.set_single_value("KPI Settings", "digest_frequency", "Off")
		frappe.clear_document_cache("KPI Settings", "KPI Settings")
		self.assertEqual(send_due_digests(), 0)
		self.assertEqual(queued(), {})
		frappe.db.set_single_value("KPI Settings", {"digest_frequency": "Daily", "coordinator_digest": 0})
		frappe.clear_document_cache("KPI Settings", "KPI Settings")
		send_due_digests()
		self.assertNotIn(user("coordinator"), queued())
		self.assertIn(user("executive"), queued())

	def test_twice_on_the_same_day_sends_once(self):
		first = send_due_digests()
		frappe.clear_document_cache("KPI Settings", "KPI Settings")
		second = send_due_digests()
		self.assertGreater(first, 0)
		self.assertEqual(second, 0)
		self.assertEqual(len(queued()[user("executive")]), 1)

	def test_entering_a_step_notifies_its_responsible_role(self):
		doc = frappe.get_doc("KPI Agreement", self.late)
		apply_workflow(doc, "Start Indicator Drafting")
		doc.reload()
		self.assertEqual(doc.step_notify, user("owner"))
		mail = queued()
		self.assertIn(user("owner"), mail)
		self.assertIn("Indicator Drafting", mail[user("owner")][0])
		self.assertNotIn(user("executive"), mail)
