"""KPI Framework: fiscal-year dates, dimensions and rounds; the three rounds first-class (per-round targets and
applicability, the round that completes step 7, due dates, the round before); a tier framework on its own
scale; and Copy to Next Fiscal Year. Numbers by hand."""

import datetime as dt
from decimal import Decimal as D
from unittest.mock import patch

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
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import PAGED_FORMATS, render_html
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import SHEET_FIELDS
from kpi_agreement.kpi_agreement.doctype.kpi_framework import copy_forward
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import holidays
from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary
from kpi_agreement.tests.department_case import DepartmentTestCase, dec
from kpi_agreement.tests.utils import (
	BUDGET,
	DAYS,
	KPITestCase,
	agreement_for,
	build_department,
	build_tier_department,
	make_tier_indicator,
	user,
)


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


SHEET = (*SHEET_FIELDS, "unit")


def snapshot(doctype: str, names) -> dict:
	return {name: frappe.get_doc(doctype, name).as_dict() for name in names}


class TestCopyForward(KPITestCase):
	"""Copy to Next Fiscal Year: what the next year's framework and indicators are, their baselines, that
	nothing of last year changes, and who may copy when.

	Units A, B, C of fiscal year 2569: A and B are responsible for their indicators; C's indicators name no
	unit but only C's agreement carries them; one indicator A and B share names no unit."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = dept = build_department("CPY", units="ABC")
		a, b, c = cls.units = dept.units
		cls.old = dept.framework
		for unit in (a, b):
			for indicator in dept.indicators[unit]:
				frappe.db.set_value("KPI Indicator", indicator, "unit", unit)
		cls.budget_a, cls.days_a = dept.indicators[a]
		budget = frappe.get_doc("KPI Indicator", cls.budget_a)
		for year, result in ((2566, 90), (2567, 91), (2568, 92.5)):
			budget.append("baselines", {"fiscal_year": year, "result": result})
		budget.save()
		cls.shared = make_indicator(
			cls.old,
			"1.3",
			"Shared service survey",
			"D1",
			BUDGET,
			indicator_owner=user("owner"),
			data_collector=user("collector"),
		)
		cls.agreements = {
			a: make_agreement(a, cls.old, [(cls.budget_a, 30), (cls.shared, 30), (cls.days_a, 40)]),
			b: make_agreement(
				b, cls.old, [(dept.indicators[b][0], 30), (cls.shared, 30), (dept.indicators[b][1], 40)]
			),
			c: make_agreement(c, cls.old, [(dept.indicators[c][0], 60), (dept.indicators[c][1], 40)]),
		}
		for agreement in cls.agreements.values():
			advance(agreement, "Signed")
		make_assessment(cls.agreements[a], "9", ["92", "99", "10"])  # not the final round: not a baseline
		final = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": cls.agreements[a], "round_months": "12"}
		)
		final.set_lines()
		for line, result in zip(final.lines, ("94.5", "95", "8")):
			line.self_result = result
		final.lines[0].committee_result = "93.25"  # the committee verified another result
		final.insert().submit()
		make_assessment(cls.agreements[b], "12", ["96", "93", "7"], submit=False)  # never submitted
		make_assessment(cls.agreements[c], "12", ["95.5", "6"])
		cls.before = cls.last_year()
		cls.everything = frappe.get_all("KPI Indicator", filters={"framework": cls.old}, pluck="name")
		cls.left_out = dept.indicators[c][1]
		frappe.set_user(user("coordinator"))
		framework = frappe.get_doc("KPI Framework", cls.old)
		cls.choices = framework.next_year_choices()
		cls.answer = framework.copy_to_next_year([n for n in cls.everything if n != cls.left_out])
		frappe.set_user("Administrator")
		cls.new = cls.answer["framework"]
		cls.copies = {
			row.copied_from: row.name
			for row in frappe.get_all(
				"KPI Indicator", filters={"framework": cls.new}, fields=["name", "copied_from"]
			)
		}

	@classmethod
	def last_year(cls) -> dict:
		"""Everything of last year the copy must leave as it was, signed record included."""
		assessments = frappe.get_all("KPI Assessment", filters={"framework": cls.old}, pluck="name")
		return {
			"framework": snapshot("KPI Framework", [cls.old]),
			"indicators": snapshot(
				"KPI Indicator", frappe.get_all("KPI Indicator", filters={"framework": cls.old}, pluck="name")
			),
			"agreements": snapshot("KPI Agreement", cls.agreements.values()),
			"assessments": snapshot("KPI Assessment", assessments),
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def baselines(self, old: str) -> list[tuple]:
		rows = frappe.get_doc("KPI Indicator", self.copies[old]).baselines
		return [(row.fiscal_year, D(str(row.result)).quantize(D("0.0001")), row.note) for row in rows]

	def test_next_years_framework_is_a_fresh_draft_a_year_on(self):
		old, new = frappe.get_doc("KPI Framework", self.old), frappe.get_doc("KPI Framework", self.new)
		self.assertTrue(self.answer["made"])
		self.assertEqual((new.department, new.fiscal_year, new.copied_from), (old.department, 2570, self.old))
		self.assertEqual((str(new.start_date), str(new.end_date)), ("2026-10-01", "2027-09-30"))
		self.assertEqual(new.title, "Assessment Framework FY 2570")
		self.assertEqual(
			[(d.dimension, d.weight) for d in new.dimensions],
			[(d.dimension, d.weight) for d in old.dimensions],
		)
		self.assertEqual(
			[(r.months, str(r.cut_off_date)) for r in new.rounds],
			[("6", "2027-03-31"), ("9", "2027-06-30"), ("12", "2027-09-30")],
		)
		for row in new.rounds:  # worked out again from next year's calendar, after the cut-off
			self.assertGreater(row.assessment_due_date, row.cut_off_date)
		self.assertEqual(new.rules(), old.rules())
		self.assertEqual(new.signing_levels(), old.signing_levels())
		self.assertEqual(new.assessed_round, old.assessed_round)
		self.assertIsNone(new.reviewed_on)  # step 1 is still to do
		self.assertIsNotNone(new.review_due_on)

	def test_chosen_indicators_come_with_their_detail_sheets(self):
		self.assertEqual(set(self.copies), set(self.everything) - {self.left_out})
		for old, new in self.copies.items():
			source, copy = frappe.get_doc("KPI Indicator", old), frappe.get_doc("KPI Indicator", new)
			self.assertEqual([copy.get(f) for f in SHEET], [source.get(f) for f in SHEET], old)
			self.assertEqual(
				[(r.level, r.threshold, r.criterion) for r in copy.levels],
				[(r.level, r.threshold, r.criterion) for r in source.levels],
			)
			self.assertEqual((copy.framework, copy.fiscal_year), (self.new, 2570))
			self.assertTrue(copy.detail_complete)

	def test_last_years_final_result_is_the_newest_baseline(self):
		_a, b, c = self.units
		verified = "12-month result, verified by the committee"
		reported = "12-month result, as the unit reported it"
		self.assertEqual(  # the committee's result; three columns, the oldest dropped
			self.baselines(self.budget_a),
			[(2567, D("91.0000"), ""), (2568, D("92.5000"), ""), (2569, D("93.2500"), verified)],
		)
		self.assertEqual(self.baselines(self.days_a), [(2569, D("8.0000"), reported)])
		self.assertEqual(self.baselines(self.dept.indicators[c][0]), [(2569, D("95.5000"), reported)])
		self.assertEqual(self.baselines(self.shared), [])  # A and B share it, neither responsible
		self.assertEqual(self.baselines(self.dept.indicators[b][0]), [])  # B's 12 months never submitted

	def test_nothing_of_last_year_changes(self):
		self.assertEqual(self.last_year(), self.before)

	def test_the_dialog_offers_the_indicators_by_dimension(self):
		self.assertEqual(self.choices["fiscal_year"], 2570)
		self.assertIsNone(self.choices["next_framework"])
		groups = {
			g["dimension"]: [row["label"].split(" ")[0] for row in g["indicators"]]
			for g in self.choices["dimensions"]
		}
		self.assertEqual(groups, {"D1": ["1.1", "1.3", "2.1", "3.1"], "D2": ["1.2", "2.2", "3.2"]})
		frappe.set_user(user("coordinator"))
		again = frappe.get_doc("KPI Framework", self.old).next_year_choices()
		self.assertEqual(again["next_framework"], self.new)
		copied = {row["value"] for g in again["dimensions"] for row in g["indicators"] if row["copied"]}
		self.assertEqual(
			copied, set(frappe.get_all("KPI Indicator", filters={"framework": self.new}, pluck="copied_from"))
		)
		self.assertIn(self.budget_a, copied)

	def test_copying_again_adds_only_what_is_missing_in_background_jobs(self):
		frappe.set_user(user("coordinator"))
		with patch.object(copy_forward, "INLINE_COPIES", 0):
			answer = frappe.get_doc("KPI Framework", self.old).copy_to_next_year(self.everything)
		self.assertEqual((answer["framework"], answer["made"], answer["indicators"]), (self.new, False, 1))
		self.assertTrue(answer["in_background"])
		copies = frappe.get_all("KPI Indicator", filters={"framework": self.new}, pluck="copied_from")
		self.assertEqual(sorted(copies), sorted(self.everything))
		self.assertEqual(copy_forward.copy_indicator(self.left_out, self.new), "skipped")

	def test_only_a_coordinator_copies(self):
		framework = frappe.get_doc("KPI Framework", self.old)
		for who in ("owner", "executive", "head", "committee"):
			frappe.set_user(user(who))
			self.assertRaises(frappe.PermissionError, framework.copy_to_next_year, self.everything)
			self.assertRaises(frappe.PermissionError, framework.next_year_choices)
		frappe.set_user(user("plain"))
		self.assertRaises(frappe.PermissionError, framework.copy_to_next_year, self.everything)

	def test_a_next_year_made_otherwise_is_refused(self):
		other = make_framework(self.dept.root, 2571)
		frappe.set_user(user("coordinator"))
		framework = frappe.get_doc("KPI Framework", self.new)
		for call in (framework.next_year_choices, lambda: framework.copy_to_next_year([])):
			with self.assertRaises(frappe.ValidationError) as caught:
				call()
			self.assertIn(f"already has framework <strong>{other}</strong>", str(caught.exception))
			self.assertIn("not copied from", str(caught.exception))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.get_all("KPI Indicator", filters={"framework": other}), [])

	def test_thai_refusal(self):
		other = make_framework(self.dept.root, 2571)
		frappe.set_user(user("coordinator"))
		lang, frappe.local.lang = frappe.local.lang, "th"
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				frappe.get_doc("KPI Framework", self.new).copy_to_next_year([])
		finally:
			frappe.local.lang = lang
		self.assertIn(f"ปีงบประมาณ 2571 มีกรอบการประเมิน <strong>{other}</strong> อยู่แล้ว", str(caught.exception))


class TestRounds(KPITestCase):
	"""Three rounds, first-class: per-round targets and applicability on agreement lines, the weighted total
	over the lines that apply, the round that completes step 7, and due dates from the process rules."""

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
		framework = frappe.get_doc("KPI Framework", build_department("RFR", units="A").framework)
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


class TestTierFramework(KPITestCase):
	"""A tier framework graded on its own scale with its own tier points."""

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
