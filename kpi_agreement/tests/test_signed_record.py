"""Scores and records that hold up in review: a tier framework graded on its own scale with its own tier
points, and an agreement that keeps what was signed when an indicator or the framework changes later."""

from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import advance, make_agreement, make_assessment
from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import PAGED_FORMATS, render_html
from kpi_agreement.tests.utils import (
	KPITestCase,
	agreement_for,
	build_department,
	build_tier_department,
	make_tier_indicator,
)


class TestTierFramework(KPITestCase):
	def test_composite_and_grade_on_the_tier_scale(self):
		frappe.set_user("Administrator")
		dept = build_tier_department("TIER")
		unit, framework = dept.unit, dept.framework_doc
		self.assertEqual(framework.rules()["grade_bands"][0], ["Excellent", "90.0000"])
		first = make_tier_indicator(framework.name, "T.1", "Tier one", (70, 75, 80))
		second = make_tier_indicator(framework.name, "T.2", "Tier two", (70, 75, 80))
		name = make_agreement(unit, framework.name, [(first, 60), (second, 40)])
		advance(name, process.BOOKLET_COMPILED)
		booklet = render_html(frappe.get_doc("KPI Agreement", name), PAGED_FORMATS["KPI Agreement Booklet"])
		self.assertIn("<th>ขั้นต้น</th><th>มาตรฐาน</th><th>ขั้นสูง</th>", booklet)  # tiers by their Thai names
		assessment = frappe.get_doc("KPI Assessment", make_assessment(name, "9", ["77.5", "72.5"]))
		# 77.5: standard (70 points) + 30 × 2.5 / 5 = 85; 72.5: basic (50) + 20 × 2.5 / 5 = 60
		self.assertEqual([D(str(line.score)) for line in assessment.lines], [D(85), D(60)])
		# (85 × 60 + 60 × 40) / 100 = 75 of 100: "Good" (70-80) on the tier scale, never "Excellent"
		self.assertEqual(D(str(assessment.total_score)), D(75))
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": framework.name, "round_months": "9"}
		)
		scorecard.insert()
		scorecard.build()
		self.assertEqual((scorecard.rows[0].unit, scorecard.rows[0].grade), (unit, "Good"))


class TestSignedRecord(KPITestCase):
	def test_a_later_edit_does_not_reach_the_signed_agreement(self):
		frappe.set_user("Administrator")
		dept = build_department("SRC", units="A")
		unit = dept.units[0]
		name = agreement_for(dept, unit)
		advance(name, process.SIGNED)
		signed = frappe.get_doc("KPI Agreement", name)
		self.assertTrue(signed.signed_rules and signed.signed_sheets)
		before = render_html(signed, PAGED_FORMATS["KPI Agreement Booklet"])
		indicator = frappe.get_doc("KPI Indicator", dept.indicators[unit][0])
		original = indicator.definition
		indicator.definition = "Rewritten after signing"
		indicator.levels[0].threshold = 1
		indicator.save()
		framework = frappe.get_doc("KPI Framework", dept.framework)
		framework.below_level_one_rule = "Score 1"
		framework.save()
		after = render_html(frappe.get_doc("KPI Agreement", name), PAGED_FORMATS["KPI Agreement Booklet"])
		self.assertIn(original, after)
		self.assertNotIn("Rewritten after signing", after)
		self.assertEqual(before, after)
		# below level 1 scores 0 as signed, although the framework now says 1
		assessment = frappe.get_doc("KPI Assessment", make_assessment(name, "9", ["50", "8"], submit=False))
		self.assertEqual(D(str(assessment.lines[0].score)), D(0))
