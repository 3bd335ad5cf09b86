"""KPI Appeal: filed by the unit head after the round is published, decided by the committee; an accepted
appeal amends the assessment and revises the scorecard."""

from decimal import Decimal as D

import frappe
from frappe.utils import add_to_date, now_datetime

from kpi_agreement.frappe_free import appeals, certification
from kpi_agreement.tests.certification_case import CertificationCase
from kpi_agreement.tests.department_case import dec
from kpi_agreement.tests.utils import user


class TestKPIAppeal(CertificationCase):
	PREFIX = "APL"

	def test_an_accepted_appeal_amends_the_assessment_and_revises_the_scorecard(self):
		scorecard = self.published()
		before = dec(
			frappe.db.get_value(
				"KPI Scorecard Row", {"parent": scorecard.name, "unit": self.a}, "total_score"
			)
		)
		appeal = self.appeal()
		self.assertEqual(dec(appeal.lines[0].current_score), D("3.5000"))
		appeal.file()
		self.assertEqual(frappe.db.get_value("KPI Appeal", appeal.name, "status"), appeals.FILED)
		frappe.set_user(user("head"))
		self.assertRefused(lambda: frappe.get_doc("KPI Appeal", appeal.name).accept(), "committee")
		frappe.set_user(user("committee"))
		decided = frappe.get_doc("KPI Appeal", appeal.name)
		decided.decision_reason = "หลักฐานครบถ้วน"
		decided.lines[0].decided_score = "4.5"
		decided.save()
		amended = decided.accept()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("KPI Assessment", self.name, "docstatus"), 2
		)  # the original kept
		new = frappe.get_doc("KPI Assessment", amended)
		self.assertEqual((new.amended_from, new.docstatus), (self.name, 1))
		self.assertEqual(dec(new.lines[0].score), D("4.5000"))
		self.assertEqual(dec(new.total_score), D("3.9000"))  # 4.5 × 60 % + 3 × 40 %
		row = frappe.db.get_value(
			"KPI Scorecard Row",
			{"parent": scorecard.name, "unit": self.a},
			["total_score", "assessment"],
			as_dict=True,
		)
		self.assertEqual((dec(row.total_score), row.assessment), (D("3.9000"), amended))
		self.assertNotEqual(before, D("3.9000"))
		self.assertTrue(frappe.db.get_value("KPI Scorecard", scorecard.name, "revised_after_appeal_on"))
		self.assertIn(certification.APPEAL_ACCEPTED, [e.action for e in new.history])
		html = frappe.get_print("KPI Scorecard", scorecard.name, "KPI Scorecard")
		self.assertIn(appeal.name, html)  # the printed scorecard notes the revision

	def test_a_rejected_appeal_keeps_the_scores_and_says_why(self):
		self.published()
		appeal = self.appeal()
		appeal.file()
		frappe.set_user(user("committee"))
		decided = frappe.get_doc("KPI Appeal", appeal.name)
		self.assertRefused(decided.reject, "Reason")
		decided.decision_reason = "หลักฐานไม่เพียงพอ"
		decided.save()
		decided.reject()
		self.assertEqual(frappe.db.get_value("KPI Appeal", appeal.name, "status"), appeals.REJECTED)
		self.assertEqual(frappe.db.get_value("KPI Assessment", self.name, "docstatus"), 1)

	def test_an_appeal_after_its_deadline_is_refused(self):
		self.published()
		appeal = self.appeal()
		frappe.db.set_value("KPI Appeal", appeal.name, "appeal_due", add_to_date(now_datetime(), days=-1))
		self.assertRefused(frappe.get_doc("KPI Appeal", appeal.name).file, "ended")

	def test_another_unit_cannot_appeal_or_see_an_appeal(self):
		self.published()
		self.assertRefused(lambda: self.appeal(self.head_b), exc=frappe.PermissionError)
		appeal = self.appeal()
		frappe.set_user(self.head_b)
		self.assertNotIn(appeal.name, frappe.get_list("KPI Appeal", pluck="name"))
		self.assertFalse(
			frappe.has_permission("KPI Appeal", "read", frappe.get_doc("KPI Appeal", appeal.name))
		)

	def test_a_filed_appeal_no_longer_changes(self):
		self.published()
		appeal = self.appeal()
		appeal.file()
		doc = frappe.get_doc("KPI Appeal", appeal.name)
		doc.lines[0].reason = "another reason"
		self.assertRefused(doc.save, "filed")
