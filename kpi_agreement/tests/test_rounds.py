"""Three rounds, first-class: per-round targets and applicability on agreement lines, the weighted total
over the lines that apply, the round that completes step 7, and due dates from the process rules. Numbers
by hand."""

import datetime as dt
from decimal import Decimal as D

import frappe
from frappe.model.workflow import apply_workflow

from kpi_agreement.demo.builders import (
	advance,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
)
from kpi_agreement.frappe_free import process, rounds
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import holidays
from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary
from kpi_agreement.tests.utils import BUDGET, DAYS, KPITestCase, agreement_for, build_department, user


def dec(value) -> D:
	return D(str(value)).quantize(D("0.0001"))


class TestRounds(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("RND", units="AB")
		cls.a, cls.b = cls.dept.units
		cls.agreement = agreement_for(cls.dept, cls.a)
		doc = frappe.get_doc("KPI Agreement", cls.agreement)
		budget, days = doc.lines
		days.in_round_6 = 0  # the service-days indicator is not assessed at 6 months
		doc.append(
			"round_targets",
			{
				"indicator": budget.indicator,
				"round_months": "6",
				**{f"level_{k}": 45 + 5 * k for k in range(1, 6)},
			},
		)
		doc.save()
		advance(cls.agreement, "Booklet Compiled")

	def test_a_round_assesses_only_its_lines_with_its_targets(self):
		six = frappe.get_doc("KPI Assessment", make_assessment(self.agreement, "6", ["57.5"], submit=False))
		self.assertEqual(len(six.lines), 1)  # service days do not apply at 6 months
		line = six.lines[0]
		self.assertEqual([line.get(f"level_{k}") for k in range(1, 6)], [50, 55, 60, 65, 70])
		# 57.5 lies between level 2 (55) and level 3 (60): 2 + 2.5 / 5 = 2.5; the weighted total is over the
		# lines that apply: 2.5 × 60 / 60
		self.assertEqual(dec(line.score), D("2.5000"))
		self.assertEqual(dec(line.weighted_score), D("2.5000"))
		self.assertEqual((dec(six.total_score), dec(six.total_weight)), (D("2.5000"), D("60.0000")))
		nine = frappe.get_doc(
			"KPI Assessment", make_assessment(self.agreement, "9", ["94.5", "8"], submit=False)
		)
		self.assertEqual(len(nine.lines), 2)
		self.assertEqual([nine.lines[0].get(f"level_{k}") for k in range(1, 6)], [92, 93, 94, 95, 96])
		# (3.5 × 60 + 3 × 40) / 100 = 3.3; the weighted scores add up to it
		self.assertEqual(dec(nine.total_score), D("3.3000"))
		self.assertEqual(sum(dec(line.weighted_score) for line in nine.lines), D("3.3000"))

	def test_what_if_follows_a_round(self):
		from kpi_agreement.api.what_if import run

		budget, days = frappe.get_doc("KPI Agreement", self.agreement).lines
		answer = run(
			"KPI Agreement", self.agreement, {budget.indicator: "57.5", days.indicator: "8"}, None, "6"
		)
		self.assertEqual(answer["total_score"], "2.5000")
		self.assertEqual(answer["lines"][0]["score"], "2.5000")
		self.assertIn("not assessed in the 6-month round", answer["lines"][1]["error"])
		whole_year = run("KPI Agreement", self.agreement, {budget.indicator: "94.5", days.indicator: "8"})
		self.assertEqual(whole_year["total_score"], "3.3000")

	def test_a_line_not_assessed_in_a_round_cannot_be_reported(self):
		doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": self.agreement, "round_months": "12"})
		doc.set_lines()
		doc.append("lines", {"indicator": self.dept.indicators[self.b][0], "self_result": "90"})
		with self.assertRaises(frappe.ValidationError):
			doc.insert()

	def test_round_targets_are_checked(self):
		doc = frappe.get_doc("KPI Agreement", agreement_for(self.dept, self.b))
		budget, days = doc.lines
		days.in_round_6 = 0
		doc.append("round_targets", {"indicator": days.indicator, "round_months": "6", "level_1": 1})
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.save()
		self.assertIn("not assessed in the 6-month round", str(caught.exception))
		doc.reload()
		doc.append(
			"round_targets", {"indicator": budget.indicator, "round_months": "9", "level_1": 9, "level_2": 8}
		)
		with self.assertRaises(frappe.ValidationError):
			doc.save()  # out of order for a higher-is-better indicator
		doc.reload()
		for months in rounds.MONTHS:
			doc.lines[0].set(rounds.Round(months).line_field, 0)
		with self.assertRaises(frappe.ValidationError):
			doc.save()  # a line must be assessed in some round
		frappe.delete_doc("KPI Agreement", doc.name, force=True)

	def test_booklet_compiled_waits_on_the_rounds_assessment_due_date(self):
		doc = frappe.get_doc("KPI Agreement", self.agreement)
		framework = frappe.get_doc("KPI Framework", self.dept.framework)
		nine = next(row for row in framework.rounds if row.months == "9")
		# the 9-month cut-off (30 June 2569 B.E. = 2026) plus 15 working days, to the end of that day
		self.assertEqual(str(nine.assessment_due_date), "2026-07-21")
		self.assertEqual(str(doc.step_due_on), "2026-07-21 23:59:59")
		self.assertEqual(doc.workflow_state, process.BOOKLET_COMPILED)


class TestTwelveMonthRoundCompletesStep7(KPITestCase):
	def test_the_framework_names_the_round(self):
		frappe.set_user("Administrator")
		dept = build_department("R12", units="A")
		framework = frappe.get_doc("KPI Framework", dept.framework)
		framework.assessed_round = "12"
		framework.save()
		name = agreement_for(dept, dept.units[0])
		advance(name, process.BOOKLET_COMPILED)
		doc = frappe.get_doc("KPI Agreement", name)
		# 30 Sep + 15 working days; 13 Oct (วันนวมินทรมหาราช) counts only when it is on the holiday list
		expected = "2026-10-22" if dt.date(2026, 10, 13) in holidays() else "2026-10-21"
		self.assertEqual(str(doc.step_due_on), f"{expected} 23:59:59")
		make_assessment(name, "9", ["94", "8"])
		with self.assertRaises(frappe.ValidationError) as caught:
			apply_workflow(doc, process.RECORD_ASSESSMENT)
		self.assertIn("12-month", str(caught.exception))
		make_assessment(name, "12", ["95", "7"])
		apply_workflow(frappe.get_doc("KPI Agreement", name), process.RECORD_ASSESSMENT)
		nine = frappe.get_doc({"doctype": "KPI Scorecard", "framework": dept.framework, "round_months": "9"})
		nine.insert()
		nine.build()
		nine.submit()  # the 9-month scorecard is published, but it is not the round of step 7
		self.assertEqual(frappe.db.get_value("KPI Agreement", name, "workflow_state"), process.ASSESSED)
		twelve = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": dept.framework, "round_months": "12"}
		)
		twelve.insert()
		twelve.build()
		twelve.submit()
		self.assertEqual(
			frappe.db.get_value("KPI Agreement", name, "workflow_state"), process.SCORES_SUMMARIZED
		)

	def test_agreements_start_from_a_reviewed_framework(self):
		frappe.set_user("Administrator")
		dept = build_department("RVW", units="A")
		draft = make_framework(dept.root, 2570, reviewed=False)
		framework = frappe.get_doc("KPI Framework", draft)
		self.assertTrue(framework.review_due_on)
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc({"doctype": "KPI Agreement", "unit": dept.units[0], "framework": draft}).insert()
		with self.assertRaises(frappe.ValidationError):
			framework.create_agreements()
		framework.mark_reviewed()
		self.assertTrue(framework.reviewed_on)
		self.assertGreater(framework.create_agreements(), 0)


class TestTheRoundBeforeIsInTheSameYear(KPITestCase):
	def test_a_years_first_round_shows_no_change_from_last_year(self):
		"""The Score Summary's previous round is the framework's round before (rounds.previous): last year's
		12-month score is another agreement's and is never the previous round of this year's 6 months."""
		frappe.set_user("Administrator")
		dept = build_department("RPY", units="A")
		unit = dept.units[0]
		last_year = make_framework(dept.root, 2568, dimensions=(("D1", 60), ("D2", 40)))
		people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
		budget = make_indicator(last_year, "1.1", "Budget disbursement RPY 2568", "D1", BUDGET, **people)
		days = make_indicator(
			last_year, "1.2", "Service days RPY 2568", "D2", DAYS, direction="Lower is better", **people
		)
		signed = make_agreement(unit, last_year, [(budget, 60), (days, 40)])
		advance(signed, "Signed")
		make_assessment(signed, "12", ["95", "7"])
		this_year = agreement_for(dept, unit)
		advance(this_year, "Signed")
		make_assessment(this_year, "6", ["93", "9"])
		make_assessment(this_year, "9", ["94.5", "8"])

		def row(months: str) -> dict:
			filters = {"framework": dept.framework, "round_months": months, "group_by_bureau": 0}
			return next(r for r in kpi_score_summary.execute(filters)[1] if r["unit"] == unit)

		six, nine = row("6"), row("9")
		self.assertEqual(dec(six["total_score"]), D("2.0000"))
		self.assertIsNone(six["previous"])
		self.assertIsNone(six["change"])
		self.assertEqual((dec(nine["previous"]), dec(nine["change"])), (D("2.0000"), D("1.3000")))

	def test_a_framework_round_must_be_one_of_the_rounds(self):
		frappe.set_user("Administrator")
		framework = frappe.get_doc("KPI Framework", build_department("RPY", units="A").framework)
		first = framework.round_list()[0]
		self.assertEqual((first.key, first.cut_off), ("6", dt.date(2026, 3, 31)))
		# results are due after the cut-off and before the committee's assessment, however spelled
		self.assertLess(dt.datetime(2026, 6, 30, 23, 59, 59), framework.results_due(9))
		self.assertLess(framework.results_due("9"), framework.round_due(" 9 "))
		self.assertIsNone(framework.results_due("7"))
		framework.append("rounds", {"months": "7"})
		with self.assertRaises(frappe.ValidationError) as caught:
			framework.save()
		self.assertIn(f"choose the round's months, one of {', '.join(rounds.OPTIONS)}", str(caught.exception))
