"""KPI Assessment: results, rounds and the committee's score; each line entered by its data collector,
certified or returned by its indicator owner, the assessment endorsed by the unit head and scored by the
committee, every path by role, refusals included; two people saving the same assessment; fractional weights
stored, scored and printed exactly."""

from __future__ import annotations

import random
import re
from decimal import Decimal as D

import frappe
from frappe.utils import flt

from kpi_agreement.demo.builders import (
	advance,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
	make_unit,
)
from kpi_agreement.frappe_free import certification, process, scoring
from kpi_agreement.tests.certification_case import CertificationCase
from kpi_agreement.tests.department_case import DepartmentTestCase, dec
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department, make_users, user

ENTERED, CERTIFIED = certification.ENTERED, certification.CERTIFIED


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


class TestCertification(CertificationCase):
	# --- the line's way

	def test_lines_start_with_who_enters_and_who_certifies(self):
		first, second = self.doc().lines
		self.assertEqual((first.data_collector, first.indicator_owner), (user("collector"), user("owner")))
		self.assertEqual(second.indicator_owner, self.owner2)
		self.assertEqual({first.line_state, second.line_state}, {certification.NOT_ENTERED})
		self.assertTrue(self.doc().results_due_on)

	def test_only_the_lines_collector_enters_its_result(self):
		doc = self.as_user(user("owner"))
		doc.lines[0].self_result = "95"
		self.assertRefused(doc.save, "only its data collector")
		doc = self.enter_all()
		self.assertEqual([line.line_state for line in doc.lines], [ENTERED, ENTERED])
		self.assertEqual((doc.lines_entered, doc.lines_certified), (2, 0))

	def test_a_deputy_named_by_the_unit_head_enters(self):
		deputy = self.deputy
		line = self.doc().lines[0]
		self.assertRefused(lambda: self.as_user(user("collector")).name_deputy(line.name, deputy), "head")
		self.as_user(user("head")).name_deputy(line.name, deputy)
		doc = self.as_user(deputy)
		doc.lines[0].self_result = "93"
		doc.save()
		self.assertEqual(self.doc().lines[0].line_state, ENTERED)

	def test_certifying_needs_the_owner_a_result_and_evidence(self):
		doc = self.as_user(user("collector"))
		doc.lines[0].self_result = "94.5"
		doc.save()
		first, second = self.doc().lines
		self.assertRefused(
			lambda: self.as_user(user("collector")).certify_line(first.name), "only its indicator owner"
		)
		self.assertRefused(
			lambda: self.as_user(self.owner2).certify_line(first.name), "only its indicator owner"
		)
		self.assertRefused(lambda: self.as_user(user("owner")).certify_line(first.name), "evidence")
		self.assertRefused(lambda: self.as_user(self.owner2).certify_line(second.name), "no result entered")
		doc = self.as_user(user("collector"))
		doc.append("evidence_files", {"indicator": first.indicator, "file": self.evidence(first.indicator)})
		doc.append(
			"evidence_files", {"indicator": first.indicator, "file": self.evidence(first.indicator + "-2")}
		)
		doc.save()
		self.as_user(user("owner")).certify_line(first.name)
		self.assertEqual(self.doc().lines[0].line_state, CERTIFIED)
		# a certified line is the owner's word: the collector cannot change it
		doc = self.as_user(user("collector"))
		doc.lines[0].self_result = "96"
		self.assertRefused(doc.save, "certified by its indicator owner")

	def test_evidence_is_a_file_attached_to_this_assessment(self):
		frappe.set_user("Administrator")
		other = make_assessment(self.agreements[self.b], "9", ["94", "8"], submit=False)
		self.addCleanup(frappe.db.delete, "KPI Assessment Line", {"parent": other})
		self.addCleanup(frappe.db.delete, "KPI Assessment", other)
		borrowed = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "evidence-of-unit-b.txt",
				"attached_to_doctype": "KPI Assessment",
				"attached_to_name": other,
				"is_private": 1,
				"content": b"unit B's proof",
			}
		).insert(ignore_permissions=True)
		loose = frappe.get_doc(
			{"doctype": "File", "file_name": "loose.txt", "is_private": 1, "content": b"attached to nothing"}
		).insert(ignore_permissions=True)
		for url in (borrowed.file_url, loose.file_url):
			doc = self.as_user(user("collector"))
			doc.lines[0].self_result = "94"
			doc.lines[0].evidence = url
			self.assertRefused(doc.save, "not a private file attached to this assessment")
			doc = self.as_user(user("collector"))
			doc.append("evidence_files", {"indicator": doc.lines[0].indicator, "file": url})
			self.assertRefused(doc.save, "Evidence Files row 1", "not a private file attached")
		self.assertEqual(self.doc().lines[0].line_state, certification.NOT_ENTERED)  # nothing was saved
		doc = self.as_user(user("collector"))
		doc.lines[0].self_result = "94"
		doc.lines[0].evidence = self.evidence(doc.lines[0].indicator)
		doc.save()
		self.assertEqual(self.doc().lines[0].line_state, ENTERED)

	def test_the_owner_returns_a_line_with_a_reason(self):
		self.enter_all()
		first = self.doc().lines[0]
		self.assertRefused(lambda: self.as_user(user("owner")).return_line(first.name, " "), "reason")
		self.as_user(user("owner")).return_line(first.name, "ตัวเลขไม่ตรงกับรายงาน")
		line = self.doc().lines[0]
		self.assertEqual((line.line_state, line.state_reason), (certification.RETURNED, "ตัวเลขไม่ตรงกับรายงาน"))
		event = self.doc().history[-1]
		self.assertEqual(
			(event.action, event.user, event.reason),
			(certification.RETURN, user("owner"), "ตัวเลขไม่ตรงกับรายงาน"),
		)
		comments = frappe.get_all(
			"Comment", {"reference_name": self.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("ตัวเลขไม่ตรงกับรายงาน" in text for text in comments))

	def test_endorsing_needs_every_line_certified(self):
		self.enter_all()
		self.as_user(user("owner")).certify_line(self.doc().lines[0].name)
		self.assertRefused(lambda: self.as_user(user("head")).endorse(), "Waiting")
		self.assertRefused(lambda: self.as_user(user("collector")).endorse(), "head")
		self.as_user(self.owner2).certify_line(self.doc().lines[1].name)
		self.as_user(user("head")).endorse()
		doc = self.doc()
		self.assertEqual(doc.endorsed_by, user("head"))
		# after the endorsement the unit's lines stay as they are
		doc = self.as_user(user("collector"))
		doc.evidence_files[0].note = "late note"
		self.assertRefused(doc.save, "endorsed")

	def test_the_committee_scores_only_an_endorsed_assessment_and_sends_lines_back(self):
		self.enter_all()
		doc = self.as_user(user("committee"))
		doc.lines[0].committee_score = "4"
		self.assertRefused(doc.save, "endorsed")
		self.assertRefused(lambda: self.as_user(user("committee")).submit(), "endorsed")
		self.certify_all()
		self.as_user(user("head")).endorse()
		first = self.doc().lines[0]
		self.assertRefused(
			lambda: self.as_user(user("collector")).send_back_line(first.name, "x"), "committee"
		)
		self.as_user(user("committee")).send_back_line(first.name, "ขอหลักฐานเพิ่ม")
		doc = self.doc()
		self.assertEqual((doc.lines[0].line_state, doc.endorsed_on), (certification.SENT_BACK, None))
		# the collector answers, the owner certifies again, the head endorses again, the committee scores
		doc = self.as_user(user("collector"))
		doc.lines[0].self_result = "95"
		doc.save()
		self.as_user(user("owner")).certify_line(first.name)
		self.as_user(user("head")).endorse()
		doc = self.as_user(user("committee"))
		doc.lines[0].committee_score = "4"
		doc.save()
		doc.submit()
		self.assertEqual(dec(self.doc().lines[0].score), D("4.0000"))
		actions = [event.action for event in self.doc().history]
		for action in (
			certification.ENTER,
			certification.CERTIFY,
			certification.ENDORSE,
			certification.SEND_BACK,
		):
			self.assertIn(action, actions)
		html = frappe.get_print("KPI Assessment", self.name, "KPI Assessment Report")
		self.assertIn("ขอหลักฐานเพิ่ม", html)  # the printed assessment tells who, when and why

	def test_another_units_collector_sees_and_changes_nothing(self):
		frappe.set_user(self.collector_b)
		self.assertFalse(frappe.has_permission("KPI Assessment", "read", self.doc()))
		self.assertNotIn(self.name, frappe.get_list("KPI Assessment", pluck="name"))
		self.assertEqual(
			frappe.get_list("KPI Assessment Evidence", fields=["name"], parent_doctype="KPI Assessment"), []
		)

	def test_tracker_and_score_summary_show_certification_progress(self):
		from kpi_agreement.kpi_agreement.report.kpi_process_tracker import kpi_process_tracker
		from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary

		self.enter_all()
		self.as_user(user("owner")).certify_line(self.doc().lines[0].name)
		frappe.set_user("Administrator")
		tracker = kpi_process_tracker.execute({"framework": self.dept.framework})[1]
		row = next(r for r in tracker if r.agreement == self.agreements[self.a])
		self.assertEqual(row.certification, "9-month round: 2/2 entered, 1/2 certified")
		summary = kpi_score_summary.execute({"framework": self.dept.framework, "round_months": "9"})[1]
		unit_row = next(r for r in summary if r["unit"] == self.a and not r.get("is_group"))
		self.assertEqual(unit_row["certification"], "9-month round: 2/2 entered, 1/2 certified")
		self.as_user(self.owner2).certify_line(self.doc().lines[1].name)
		self.as_user(user("head")).endorse()
		frappe.set_user("Administrator")
		tracker = kpi_process_tracker.execute({"framework": self.dept.framework})[1]
		row = next(r for r in tracker if r.agreement == self.agreements[self.a])
		self.assertEqual(row.certification, "9-month round: endorsed")

	def test_evidence_opens_to_the_unit_the_committee_and_coordinators_only(self):
		url = self.evidence(self.doc().lines[0].indicator)
		file = frappe.get_doc("File", {"file_url": url})
		readers = (user("collector"), user("owner"), user("head"), user("committee"), user("coordinator"))
		for person in readers:
			self.assertTrue(frappe.has_permission("File", "read", file, user=person), person)
		for person in (user("executive"), user("plain"), self.collector_b):
			self.assertFalse(frappe.has_permission("File", "read", file, user=person), person)


class TestCertificationMessages(KPITestCase):
	def test_every_refusal_of_the_core_table_has_its_message(self):
		from itertools import product

		from kpi_agreement.kpi_agreement.doctype.kpi_assessment.kpi_assessment import REFUSALS

		actors = (certification.COLLECTOR, certification.OWNER, certification.HEAD, certification.COMMITTEE)
		for action in certification.MOVES:
			for who, endorsed, state, evidence, states, results in product(
				actors,
				(False, True),
				certification.LINE_STATES,
				(0, 1),
				([], [certification.CERTIFIED], [certification.ENTERED]),
				([True], [False]),
			):
				refusal = certification.refusal(action, {who}, endorsed, state, evidence, states, results)
				if refusal:
					self.assertIn(refusal, REFUSALS[action], (action, who, endorsed, state))


class TestConcurrentSave(KPITestCase):
	"""Two people saving the same document: the one who saves a stale copy gets Frappe's conflict message and
	the first save stays as it was (no lost update). The load test (benchmarks/locustfile.py) checks the same
	over HTTP with many users at once."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("CON", units="A")
		agreement = agreement_for(cls.dept, cls.dept.units[0])
		advance(agreement, process.SIGNED)
		cls.assessment = make_assessment(agreement, "9", ["94", "8"], submit=False)

	def test_the_second_save_of_the_same_version_is_refused_and_loses_nothing(self):
		first = frappe.get_doc("KPI Assessment", self.assessment)
		second = frappe.get_doc("KPI Assessment", self.assessment)  # opened at the same time
		first.lines[0].self_result = "95"
		first.save()
		second.lines[0].self_result = "96"
		with self.assertRaises(frappe.TimestampMismatchError) as conflict:
			second.save()
		self.assertIn("has been modified after you have opened it", str(conflict.exception))
		stored = frappe.db.get_value("KPI Assessment Line", first.lines[0].name, "self_result")
		self.assertEqual(flt(stored), 95)
		second.reload()  # what the desk offers: open the latest version, then change it
		second.lines[0].self_result = "96"
		second.save()
		self.assertEqual(
			flt(frappe.db.get_value("KPI Assessment Line", first.lines[0].name, "self_result")), 96
		)


THRESHOLDS = (60, 70, 80, 90, 100)
CELLS = re.compile(r'<td class="num[^"]*">([^<]*)</td>')
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def random_weights(rng: random.Random, count: int) -> list[D]:
	"""``count`` weights of two places, each at least 0.25, adding up to exactly 100."""
	spread = 10000 - 25 * count  # hundredths left once each line has its 0.25
	cuts = sorted(rng.sample(range(1, spread), count - 1))
	parts = [b - a for a, b in zip([0, *cuts], [*cuts, spread])]
	return [D(part + 25) / 100 for part in parts]


def printed_numbers(row: str) -> list[D]:
	return [
		D(cell.translate(ARABIC_DIGITS).replace(",", "")) for cell in CELLS.findall(row) if cell.strip(" -")
	]


class TestFractionalWeights(KPITestCase):
	"""Fractional weights (2.5, 0.25, 12.75 …) on a real site: stored, scored and printed exactly, and every
	printed weighted-score column adds up to the total printed under it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_users()
		cls.root = make_unit("FRW Department", None, "Department", is_group=1)
		cls.units = [make_unit(f"FRW Unit {i}", cls.root, "Group", head=user("head")) for i in range(3)]
		cls.framework = make_framework(cls.root, 2569, dimensions=(("X", 100),))
		people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
		cls.indicators = [
			make_indicator(cls.framework, f"F.{i}", f"Fraction {i}", "X", THRESHOLDS, **people)
			for i in range(1, 8)
		]

	def test_random_fractional_weights_print_and_add_up(self):
		rng = random.Random(2569)
		for trial, unit in enumerate(self.units):
			weights = random_weights(rng, len(self.indicators))
			self.assertEqual(sum(weights), 100)
			agreement = make_agreement(unit, self.framework, list(zip(self.indicators, weights)))
			lines = frappe.get_doc("KPI Agreement", agreement).lines
			self.assertEqual([scoring.to_decimal(line.weight) for line in lines], weights)  # stored exactly
			advance(agreement, process.SIGNED)
			results = [str(D(rng.randint(5500, 10500)) / 100) for _ in weights]
			assessment = frappe.get_doc("KPI Assessment", make_assessment(agreement, "9", results))
			expected = scoring.weighted_total(
				(scoring.level_score(result, THRESHOLDS), weight) for result, weight in zip(results, weights)
			)
			self.assertEqual(scoring.to_decimal(assessment.total_score).quantize(D("0.0001")), expected)

			html = frappe.get_print("KPI Assessment", assessment.name, "KPI Assessment Report")
			body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
			rows = body.split("<tr")[1:]
			lines_printed, total = [printed_numbers(row) for row in rows[:-1]], printed_numbers(rows[-1])
			self.assertEqual([numbers[0] for numbers in lines_printed], weights, f"trial {trial}: weights")
			self.assertEqual(sum(numbers[-1] for numbers in lines_printed), total[-1], f"trial {trial}: sum")
			self.assertEqual(total[-1], expected)
