"""The desk as people use it every day: no double entry, no traps, defaults that are already right."""

from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import make_assessment, make_user
from kpi_agreement.frappe_free import process, rounds
from kpi_agreement.kpi_agreement.doctype.kpi_assessment.kpi_assessment import round_choices
from kpi_agreement.overrides.frappe_api import is_wkhtmltopdf_valid
from kpi_agreement.tests.department_case import DepartmentTestCase, dec
from kpi_agreement.tests.utils import BUDGET, user


class TestDeskUse(DepartmentTestCase):
	PREFIX = "DSK"

	def test_a_new_assessment_proposes_the_round_now_due_and_saves_nothing(self):
		agreement = self.agreements[self.units[0]]
		before = frappe.db.count("KPI Assessment")
		choices = round_choices(agreement)
		self.assertEqual(choices["rounds"], list(rounds.OPTIONS))
		self.assertEqual(choices["assessed"], [])
		make_assessment(agreement, "6", ["94", "8"])
		choices = round_choices(agreement)
		self.assertEqual(choices["assessed"], ["6"])
		self.assertIn(choices["suggested"], ("9", "12"))
		self.assertEqual(frappe.db.count("KPI Assessment"), before + 1)  # only the one made above

	def test_round_choices_of_another_units_agreement_are_refused(self):
		frappe.set_user(user("plain"))
		with self.assertRaises(frappe.PermissionError):
			round_choices(self.agreements[self.units[0]])

	def test_edited_targets_reach_unsigned_lines_that_still_carry_the_old_ones(self):
		draft_unit = self.units[3]  # D: its agreement is still a draft
		budget = self.dept.indicators[draft_unit][0]
		negotiated = self.agreements[draft_unit]
		signed = self.agreements[self.units[0]]
		indicator = frappe.get_doc("KPI Indicator", budget)
		for row, value in zip(indicator.levels, (80, 85, 90, 95, 100)):
			row.threshold = value
		indicator.save()
		line = frappe.get_doc("KPI Agreement", negotiated).lines[0]
		self.assertEqual(
			[dec(line.get(f"level_{k}")) for k in range(1, 6)], [dec(v) for v in (80, 85, 90, 95, 100)]
		)
		# a line negotiated to other targets keeps them
		frappe.db.set_value("KPI Agreement Line", line.name, "level_1", 81)
		for row, value in zip(indicator.levels, (70, 75, 80, 85, 90)):
			row.threshold = value
		indicator.save()
		self.assertEqual(dec(frappe.db.get_value("KPI Agreement Line", line.name, "level_1")), D("81.0000"))
		# a signed agreement is not touched (its own indicator, same targets as the builder's)
		signed_line = frappe.get_doc("KPI Agreement", signed).lines[0]
		self.assertEqual([dec(signed_line.get(f"level_{k}")) for k in range(1, 6)], [dec(v) for v in BUDGET])

	def test_executive_name_and_position_follow_the_chosen_user(self):
		executive = make_user("dsk-exec@test.kpi.example", "นายผู้บริหาร ทดสอบ", [process.EXECUTIVE])
		doc = frappe.get_doc("KPI Agreement", self.agreements[self.units[3]])
		doc.update({"executive_user": executive, "executive_name": None, "executive_position": None})
		doc.save()
		self.assertEqual(doc.executive_name, "นายผู้บริหาร ทดสอบ")
		self.assertEqual(doc.executive_position, f"อธิบดี{self.dept.root}")

	def test_pdf_clicks_warn_only_whoever_can_act(self):
		frappe.set_user(user("coordinator"))
		self.assertIs(is_wkhtmltopdf_valid(), True)

	def test_the_holiday_list_starts_with_the_years_public_holidays(self):
		holidays = frappe.get_single("KPI Settings").holidays
		self.assertTrue(any(row.description == "วันสงกรานต์" for row in holidays))
		self.assertTrue(any(row.description.startswith("วันหยุดชดเชย") for row in holidays))

	def test_print_format_names_show_translated(self):
		self.assertIn(
			"Print Format",
			frappe.get_all("Property Setter", {"property": "translated_doctype"}, pluck="doc_type"),
		)
