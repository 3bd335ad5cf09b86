"""KPI Assessment: results, rounds and the committee's score."""

import frappe

from kpi_agreement.demo.builders import make_assessment
from kpi_agreement.tests.department_case import DepartmentTestCase


class TestKPIAssessment(DepartmentTestCase):
	PREFIX = "FAS"

	def test_assessment_validations(self):
		unit = self.units[0]
		agreement = self.agreements[unit]
		self.assertRefused(
			lambda: make_assessment(agreement, "12", ["abc", "8"], submit=False), "not a number"
		)
		self.assertRefused(lambda: make_assessment(agreement, "12", ["1e30", "8"], submit=False), "too large")
		framework = frappe.get_doc("KPI Framework", self.dept.framework)
		framework.rounds = [r for r in framework.rounds if r.months != "6"]
		framework.save()
		try:
			self.assertRefused(
				lambda: make_assessment(agreement, "6", ["94", "8"], submit=False), "no 6-month round"
			)
		finally:
			framework.append("rounds", {"months": "6"})
			framework.save()
		self.assertRefused(
			lambda: make_assessment(self.agreements[self.units[3]], "9", ["94", "8"], submit=False),
			"not signed",
		)

	def test_committee_score_bounds(self):
		doc = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": self.agreements[self.units[2]], "round_months": "12"}
		)
		doc.set_lines()
		doc.lines[0].self_result, doc.lines[1].self_result = "94", "8"
		doc.lines[0].committee_score = "5.5"
		self.assertRefused(doc.insert, "above the best possible score")
		doc.lines[0].committee_score = "-1"
		self.assertRefused(doc.insert, "cannot be negative")
