"""Results the committee can trust: each line entered by its data collector, certified or returned by its
indicator owner, the assessment endorsed by the unit head, scored by the committee; appeals after the
scorecard is published. Every path by role, refusals included."""

from decimal import Decimal as D

import frappe
from frappe.utils import add_to_date, now_datetime

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_user
from kpi_agreement.frappe_free import certification, process
from kpi_agreement.tests.department_case import dec
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department, user

ENTERED, CERTIFIED = certification.ENTERED, certification.CERTIFIED


class TestCertification(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("CRT", units="AB")
		cls.a, cls.b = cls.dept.units
		cls.owner2 = make_user("crt-owner2@test.kpi.example", "Second Owner", [process.INDICATOR_OWNER], "en")
		cls.head_b = make_user("crt-head-b@test.kpi.example", "Head B", [process.UNIT_HEAD], "en")
		cls.collector_b = make_user(
			"crt-collector-b@test.kpi.example", "Collector B", [process.DATA_COLLECTOR], "en"
		)
		cls.deputy = make_user("crt-deputy@test.kpi.example", "Deputy", [process.DATA_COLLECTOR], "en")
		for person in (cls.head_b, cls.collector_b):
			bind_user_to_unit(person, cls.b)
		# the second line of unit A has its own owner, as signed
		frappe.db.set_value("KPI Indicator", cls.dept.indicators[cls.a][1], "indicator_owner", cls.owner2)
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for name in cls.agreements.values():
			advance(name, process.BOOKLET_COMPILED)

	def setUp(self):
		frappe.set_user(user("collector"))
		doc = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": self.agreements[self.a], "round_months": "9"}
		)
		doc.insert()
		self.name = doc.name

	def tearDown(self):
		frappe.set_user("Administrator")
		for name in frappe.get_all("KPI Appeal", pluck="name"):
			frappe.delete_doc("KPI Appeal", name, force=True)
		for name in frappe.get_all("KPI Scorecard", {"framework": self.dept.framework}, pluck="name"):
			frappe.db.delete("KPI Scorecard Row", {"parent": name})
			frappe.db.delete("KPI Scorecard", name)
		for name in frappe.get_all("KPI Assessment", {"agreement": self.agreements[self.a]}, pluck="name"):
			frappe.db.delete("KPI Assessment Line", {"parent": name})
			frappe.db.delete("KPI Assessment", name)

	# --- helpers

	def doc(self):
		return frappe.get_doc("KPI Assessment", self.name)

	def as_user(self, person: str):
		frappe.set_user(person)
		return self.doc()

	def evidence(self, indicator: str) -> str:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"evidence-{indicator}.txt",
				"attached_to_doctype": "KPI Assessment",
				"attached_to_name": self.name,
				"is_private": 1,
				"content": b"evidence",
			}
		).insert(ignore_permissions=True)
		return file.file_url

	def enter_all(self, results=("94.5", "8")):
		doc = self.as_user(user("collector"))
		for line, result in zip(doc.lines, results):
			line.self_result = result
			doc.append("evidence_files", {"indicator": line.indicator, "file": self.evidence(line.indicator)})
		doc.save()
		return doc

	def certify_all(self):
		first, second = self.doc().lines
		self.as_user(user("owner")).certify_line(first.name)
		self.as_user(self.owner2).certify_line(second.name)

	def endorsed(self):
		self.enter_all()
		self.certify_all()
		self.as_user(user("head")).endorse()
		return self.doc()

	def assertRefused(self, action, *fragments, exc=(frappe.ValidationError, frappe.PermissionError)):
		with self.assertRaises(exc) as caught:
			action()
		for fragment in fragments:
			self.assertIn(fragment, str(caught.exception))

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

	# --- appeals

	def published(self):
		doc = self.endorsed()
		frappe.set_user(user("committee"))
		doc.submit()
		frappe.set_user("Administrator")
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": self.dept.framework, "round_months": "9"}
		)
		scorecard.insert()
		scorecard.build()
		scorecard.flags.ignore_agreement_moves = True
		scorecard.submit()
		return scorecard

	def appeal(self, person: str | None = None):
		frappe.set_user(person or user("head"))
		first = self.doc().lines[0]
		return frappe.get_doc(
			{
				"doctype": "KPI Appeal",
				"assessment": self.name,
				"lines": [
					{"indicator": first.indicator, "requested_score": "4", "reason": "ผลถึงเป้าตามหลักฐานแนบ"}
				],
			}
		).insert()

	def test_an_accepted_appeal_amends_the_assessment_and_revises_the_scorecard(self):
		scorecard = self.published()
		before = dec(
			frappe.db.get_value(
				"KPI Scorecard Row", {"parent": scorecard.name, "unit": self.a}, "composite_score"
			)
		)
		appeal = self.appeal()
		self.assertEqual(dec(appeal.lines[0].current_score), D("3.5000"))
		appeal.file()
		self.assertEqual(frappe.db.get_value("KPI Appeal", appeal.name, "status"), certification.FILED)
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
			["composite_score", "assessment"],
			as_dict=True,
		)
		self.assertEqual((dec(row.composite_score), row.assessment), (D("3.9000"), amended))
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
		self.assertEqual(frappe.db.get_value("KPI Appeal", appeal.name, "status"), certification.REJECTED)
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
