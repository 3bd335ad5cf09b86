"""A tier framework's lines shown on their own 0-100 scale: the what-if scores them as their assessment does
(by the tier points the agreement was signed with) and finds the result a score needs; the printed assessment
and the KPI Indicator Results report mark a line below target when it is below the standard tier's points.
Numbers by hand."""

from decimal import Decimal as D

import frappe
from frappe import _

from kpi_agreement.api import what_if
from kpi_agreement.demo.builders import advance, make_agreement, make_assessment
from kpi_agreement.frappe_free import process, scoring
from kpi_agreement.kpi_agreement.report.kpi_indicator_results import kpi_indicator_results
from kpi_agreement.tests.department_case import dec
from kpi_agreement.tests.utils import KPITestCase, build_tier_department, make_tier_indicator, set_tier_points
from kpi_agreement.utils.printing import kpi_below_target


class TestTierScale(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		dept = build_tier_department("TSC")
		# basic / standard / advanced targets: 70 / 75 / 80 %, and 12 / 10 / 4 days (lower is better)
		cls.rate = make_tier_indicator(dept.framework, "S.1", "Tier rate", (70, 75, 80))
		cls.days = make_tier_indicator(
			dept.framework, "S.2", "Tier days", (12, 10, 4), direction="Lower is better"
		)
		cls.agreement = make_agreement(dept.unit, dept.framework, [(cls.rate, 60), (cls.days, 40)])
		advance(cls.agreement, process.SIGNED)  # signed with tier points 50 / 70 / 100
		# a later change of the framework does not reach the signed agreement
		set_tier_points(frappe.get_doc("KPI Framework", dept.framework), (60, 80, 100))
		cls.framework = dept.framework
		# 9 months: 72.5 % is basic 50 + 20 × 2.5 / 5 = 60 points; 9 days is standard 70 + 30 × 1 / 6 = 75
		cls.nine = make_assessment(cls.agreement, "9", ["72.5", "9"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_what_if_scores_as_the_assessment_and_finds_the_result_needed(self):
		trial = {self.rate: "77.5", self.days: "11"}
		# 77.5 %: standard 70 + 30 × 2.5 / 5 = 85 points; 11 days: basic 50 + 20 × 1 / 2 = 60 points
		six = frappe.get_doc(
			"KPI Assessment", make_assessment(self.agreement, "6", ["77.5", "11"], submit=False)
		)
		self.assertEqual([dec(line.score) for line in six.lines], [D(85), D(60)])
		self.assertEqual(dec(six.total_score), D(75))  # (85 × 60 + 60 × 40) / 100
		for doctype, name in (("KPI Assessment", six.name), ("KPI Agreement", self.agreement)):
			answer = what_if.run(doctype, name, trial, "85")
			self.assertEqual(
				[D(line["score"]) for line in answer["lines"]], [dec(line.score) for line in six.lines]
			)
			self.assertEqual(D(answer["total_score"]), dec(six.total_score))
			# 85 points: 75 + (85 − 70) / (100 − 70) × (80 − 75) = 77.5 %; 10 − 15 / 30 × 6 = 7 days
			self.assertEqual([line["needed"] for line in answer["lines"]], ["77.5", "7"])
			self.assertEqual(answer["target_label"], _("Score to reach (0-100)"))
		# below the basic tier's points the basic target is needed
		answer = what_if.run("KPI Assessment", six.name, trial, "30")
		self.assertEqual([line["needed"] for line in answer["lines"]], ["70", "12"])
		for outside in ("101", "-1", "many"):
			with self.assertRaises(frappe.ValidationError):
				what_if.run("KPI Assessment", six.name, trial, outside)

	def test_a_score_to_reach_on_five_levels_is_carried_to_a_tier_line(self):
		common = {"weight": 50, "direction": "Higher is better"}
		budget = {f"level_{k}": 91 + k for k in range(1, 6)}  # 92 / 93 / 94 / 95 / 96
		lines = [
			frappe._dict(
				common, indicator="A", indicator_name="A", scoring_scheme=scoring.FIVE_LEVEL, **budget
			),
			frappe._dict(
				common,
				indicator="B",
				indicator_name="B",
				scoring_scheme=scoring.TIER,
				level_1=70,
				level_2=75,
				level_3=80,
			),
		]
		rules = {"below_level_one_rule": "Score 0", "tier_points": ["50", "70", "100"]}
		answer = what_if.what_if(lines, {}, "4", rules=rules)
		# 4 of 5 is level 4 (95); on the tier line it is 80 of 100: 75 + 10 / 30 × 5 = 76.666…, shown 76.6667
		self.assertEqual([row["needed"] for row in answer["lines"]], ["95", "76.6667"])
		self.assertEqual(answer["target_label"], _("Score to reach (1-5)"))

	def test_below_target_is_below_the_standard_tier(self):
		_columns, rows, _message, _chart, summary = kpi_indicator_results.execute(
			{"framework": self.framework, "round_months": "9"}
		)
		self.assertEqual([dec(row["score"]) for row in rows], [D(60), D(75)])
		# 60 is below the standard tier's 70 points; 75 is not (nor below the framework's later 80)
		self.assertEqual([row["below_target"] for row in rows], [1, 0])
		self.assertEqual(summary[1]["value"], 1)
		self.assertEqual([row["committee_score"] for row in rows], [None, None])  # never given: empty
		_columns, low, *_ = kpi_indicator_results.execute(
			{"framework": self.framework, "round_months": "9", "below_target": 1}
		)
		self.assertEqual([row["indicator"] for row in low], [self.rate])
		assessment = frappe.get_doc("KPI Assessment", self.nine)
		self.assertEqual([kpi_below_target(line, assessment) for line in assessment.lines], [True, False])
