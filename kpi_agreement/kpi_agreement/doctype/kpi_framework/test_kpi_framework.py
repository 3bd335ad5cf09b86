"""KPI Framework: fiscal-year dates, dimensions and rounds."""

import frappe

from kpi_agreement.tests.department_case import DepartmentTestCase


class TestKPIFramework(DepartmentTestCase):
	PREFIX = "FFR"

	def test_framework_dates_and_dimensions(self):
		framework = frappe.get_doc("KPI Framework", self.dept.framework)
		self.assertEqual(str(framework.start_date), "2025-10-01")
		self.assertEqual(str(framework.end_date), "2026-09-30")
		self.assertEqual(framework.total_dimension_weight, 100)
		self.assertEqual(
			sorted(str(r.cut_off_date) for r in framework.rounds), ["2026-03-31", "2026-06-30", "2026-09-30"]
		)

	def test_dimension_weights_must_total_100(self):
		self.assertRefused(self.framework_doc(2570, (("X", 70), ("Y", 20))), "total 90", "100")

	def test_fiscal_year_must_be_buddhist_era(self):
		self.assertRefused(self.framework_doc(2026), "Fiscal Year", "2569")

	def test_round_cut_off_inside_fiscal_year(self):
		self.assertRefused(self.framework_doc(2571, cut_off_date="2030-01-01"), "outside fiscal year")

	def test_a_thai_user_reads_the_refused_dates_in_the_buddhist_era(self):
		lang, frappe.local.lang = frappe.local.lang, "th"
		try:
			self.assertRefused(
				self.framework_doc(2571, cut_off_date="2030-01-01"),
				"1 ม.ค. 2573",
				"1 ต.ค. 2570",
				"30 ก.ย. 2571",
			)
		finally:
			frappe.local.lang = lang

	def test_duplicate_framework_refused(self):
		self.assertRefused(self.framework_doc(2569), "already has framework")
