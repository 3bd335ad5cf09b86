"""The published results page (/kpi-results/<framework>) over HTTP: off for everyone by default, for signed-in
staff or for the public as KPI Settings say; only what the framework's published scorecards publish (no
assessment, evidence, committee remark, draft scorecard or unit the scorecard does not list), whoever asks and
whatever the URL adds; an accepted appeal's revised total shows."""

from __future__ import annotations

import re

import frappe

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_assessment, make_user
from kpi_agreement.frappe_free import process
from kpi_agreement.tests.http_client import Client, ServedSiteCase, refused
from kpi_agreement.tests.utils import agreement_for, build_department, user
from kpi_agreement.utils import results_page

REMARK = "หมายเหตุลับของคณะทำงาน-RPG-7731"
LINE_REMARK = "committee line remark RPG-7731"
SELF_NOTE = "evidence note RPG-7731"
ROLES = {
	"plain": ["Desk User"],
	"website": [],
	"own_head": [process.UNIT_HEAD],
	"other_staff": [process.DATA_COLLECTOR],
}


def set_page(value: str) -> None:
	frappe.db.set_single_value("KPI Settings", "results_page", value)
	frappe.db.commit()


def publish(framework: str, months: str) -> str:
	scorecard = frappe.get_doc({"doctype": "KPI Scorecard", "framework": framework, "round_months": months})
	scorecard.insert()
	scorecard.build()
	scorecard.flags.ignore_agreement_moves = True
	scorecard.submit()
	return scorecard.name


def published_totals(scorecard: str) -> dict[str, str]:
	"""unit -> its weighted total as the scorecard publishes it, formatted as the page shows it."""
	return {
		row.unit: results_page.score_text(row.total_score)
		for row in frappe.get_all(
			"KPI Scorecard Row", {"parent": scorecard}, ["unit", "total_score"], order_by="idx"
		)
	}


def shown(response) -> str:
	"""The page's text less Frappe's echo of the path that was asked for (a 404 page names it)."""
	return re.sub(r'data-path="[^"]*"', "", response.text)


class ResultsPageCase(ServedSiteCase):
	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		set_page(results_page.OFF)
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")

	def page(self, who: str | None = None, path: str | None = None, **params):
		client = who if isinstance(who, Client) else self.client_for(who)
		return client.get(path or f"/kpi-results/{self.dept.framework}", **params)


class TestResultsPage(ResultsPageCase):
	@classmethod
	def build(cls):
		tag = frappe.generate_hash(length=5)
		cls.dept = build_department(f"RPG{tag}", units="ABCD")
		cls.a, cls.b, cls.c, cls.d = cls.dept.units
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for unit in (cls.a, cls.b, cls.c):
			advance(cls.agreements[unit], process.SIGNED)
		cls.users = {
			key: make_user(f"rpg-{key}-{tag}@test.kpi.example", f"Results {key}", roles, "en")
			for key, roles in ROLES.items()
		}
		bind_user_to_unit(cls.users["own_head"], cls.a)
		bind_user_to_unit(cls.users["other_staff"], cls.d)
		# unit A: 9 months with the committee's remarks and evidence; A and B published; C submitted after
		cls.assessment_a = make_assessment(cls.agreements[cls.a], "9", ["94.5", "8"], submit=False)
		doc = frappe.get_doc("KPI Assessment", cls.assessment_a)
		cls.evidence = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"rpg-evidence-{tag}.txt",
				"attached_to_doctype": "KPI Assessment",
				"attached_to_name": doc.name,
				"is_private": 1,
				"content": b"evidence of the results page test",
			}
		).insert(ignore_permissions=True)
		doc.committee_remarks = REMARK
		doc.lines[0].remarks = LINE_REMARK
		doc.lines[0].evidence = cls.evidence.file_url
		doc.lines[0].evidence_note = SELF_NOTE
		doc.append("evidence_files", {"indicator": doc.lines[0].indicator, "file": cls.evidence.file_url})
		doc.save()
		doc.submit()
		cls.assessment_b = make_assessment(cls.agreements[cls.b], "9", ["96", "6"])
		cls.six_month = [
			make_assessment(cls.agreements[unit], "6", ["93", "9"]) for unit in (cls.a, cls.b, cls.c)
		]
		draft = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": cls.dept.framework, "round_months": "6"}
		)
		draft.insert()
		draft.build()  # built, never published
		cls.draft = draft.name
		cls.scorecard = publish(cls.dept.framework, "9")
		cls.assessment_c = make_assessment(cls.agreements[cls.c], "9", ["92", "10"])  # after publishing
		cls.hidden = [
			cls.c,
			cls.d,
			cls.dept.bureau,
			cls.assessment_a,
			cls.assessment_b,
			cls.assessment_c,
			*cls.six_month,
			*cls.agreements.values(),
			cls.draft,
			cls.scorecard,
			cls.evidence.file_url,
			cls.evidence.file_name,
			REMARK,
			LINE_REMARK,
			SELF_NOTE,
			"?round=6",
		]

	def assertShowsOnlyThePublished(self, response):
		self.assertEqual(response.status_code, 200, response.text[:500])
		html = response.text
		self.assertIn('<html lang="th">', html)
		self.assertIn("ผลการประเมินคำรับรองการปฏิบัติราชการ ระดับหน่วยงาน", html)
		self.assertIn("ผลการจัดลำดับ", html)
		for unit, total in published_totals(self.scorecard).items():
			self.assertIn(unit, html)
			self.assertIn(f'<td class="num total">{total}</td>', html)
		for text in self.hidden:
			self.assertFalse(text in html, text)

	def assertNothingShown(self, response, status: int | None = None):
		self.assertTrue(refused(response), response.status_code)
		if status:
			self.assertEqual(response.status_code, status)
		for text in (self.a, self.b, *self.hidden):
			self.assertFalse(text in shown(response), text)

	def test_off_by_default_and_not_found_for_everyone(self):
		frappe.db.delete("Singles", {"doctype": "KPI Settings", "field": "results_page"})
		frappe.db.commit()
		self.assertEqual(frappe.get_meta("KPI Settings").get_field("results_page").default, results_page.OFF)
		for who in (None, self.users["plain"], user("coordinator"), self.users["own_head"]):
			self.assertNothingShown(self.page(who), 404)
		set_page(results_page.OFF)
		for who in (None, self.users["plain"], user("coordinator"), self.users["other_staff"]):
			self.assertNothingShown(self.page(who), 404)

	def test_logged_in_staff_only(self):
		set_page(results_page.STAFF)
		self.assertNothingShown(self.page(None), 403)
		self.assertNothingShown(self.page(self.users["website"]), 403)  # a website user is not staff
		for who in (
			self.users["plain"],
			self.users["other_staff"],
			self.users["own_head"],
			user("coordinator"),
		):
			self.assertShowsOnlyThePublished(self.page(who))

	def test_public(self):
		set_page(results_page.PUBLIC)
		self.assertShowsOnlyThePublished(self.page(None))
		self.assertShowsOnlyThePublished(self.page(None, round="9"))

	def test_the_published_figures_in_thai(self):
		set_page(results_page.PUBLIC)
		html = self.page(None).text
		rows = frappe.get_all(
			"KPI Scorecard Row", {"parent": self.scorecard}, ["rank", "unit", "grade"], order_by="idx"
		)
		self.assertEqual(len(rows), 2)
		position = [html.index(row.unit) for row in rows]
		self.assertEqual(position, sorted(position))  # in the published order
		for row in rows:
			self.assertIn(f"<td>{frappe._(row.grade, 'th')}</td>", html)
		card = frappe.get_doc("KPI Scorecard", self.scorecard)
		self.assertIn(results_page.score_text(card.average_score), html)
		self.assertIn("รอบ ๙ เดือน", html)
		self.assertIn("ปีงบประมาณ พ.ศ. ๒๕๖๙", html)
		for section in ("การกระจายของระดับผลการประเมิน", "คะแนนรายมิติ", "แนวโน้มผลคะแนนตามรอบการประเมิน"):
			self.assertIn(section, html)
		self.assertIn("D1", html)
		self.assertIn("D2", html)

	def test_unknown_or_unpublished_frameworks_and_rounds_are_not_found(self):
		set_page(results_page.PUBLIC)
		other = build_department(f"RPX{frappe.generate_hash(length=4)}", units="A").framework
		frappe.db.commit()
		for path in (
			"/kpi-results/KPI-FW-NOPE",
			f"/kpi-results/{other}",  # nothing published
			f"/kpi-results/{self.draft}",
			f"/kpi-results/{self.scorecard}",
			f"/kpi-results/{self.assessment_a}",
			"/kpi-results",
		):
			self.assertNothingShown(self.page(None, path), 404)
		for months in ("6", "12", "3", "9 or 1=1"):  # the draft 6-month scorecard, no scorecard, no round
			self.assertNothingShown(self.page(None, round=months), 404)

	def test_no_parameter_widens_the_page(self):
		set_page(results_page.PUBLIC)
		fw = self.dept.framework
		for params in (
			{"unit": self.c},
			{"unit": self.d},
			{"assessment": self.assessment_a},
			{"scorecard": self.draft},
			{"docstatus": "0"},
			{"show": "remarks"},
		):
			self.assertShowsOnlyThePublished(self.page(None, **params))
		for path in (
			f"/kpi-results/{fw}/..%2F..%2Fapi%2Fresource%2FKPI%20Assessment",
			f"/kpi-results/..%2Fapi%2Fresource%2FKPI%20Assessment%2F{self.assessment_a}",
			f"/kpi-results/{fw}%2F..%2F{self.draft}",
			f"/kpi-results/{fw}/{self.draft}",
			f"/kpi-results/{fw}/6",
			f"/kpi-results?framework={fw}&round=6",
			f"/kpi-results/{fw}?framework={self.dept.framework}&round=6",
		):
			response = self.page(None, path)
			self.assertTrue(refused(response) or response.status_code == 200, (path, response.status_code))
			for text in self.hidden:
				self.assertFalse(text in shown(response), (path, text))


class TestResultsPageAfterAppeal(ResultsPageCase):
	@classmethod
	def build(cls):
		tag = frappe.generate_hash(length=5)
		cls.dept = build_department(f"RPA{tag}", units="AB")
		cls.a, cls.b = cls.dept.units
		agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for name in agreements.values():
			advance(name, process.SIGNED)
		cls.assessment = make_assessment(agreements[cls.a], "9", ["94.5", "8"])
		make_assessment(agreements[cls.b], "9", ["93", "9"])
		cls.scorecard = publish(cls.dept.framework, "9")
		cls.before = published_totals(cls.scorecard)[cls.a]

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in frappe.get_all(
			"KPI Appeal", {"assessment": getattr(cls, "assessment", "")}, pluck="name"
		):
			frappe.delete_doc("KPI Appeal", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def test_an_accepted_appeal_updates_the_page(self):
		set_page(results_page.PUBLIC)
		self.assertIn(f'<td class="num total">{self.before}</td>', self.page(None).text)
		line = frappe.get_doc("KPI Assessment", self.assessment).lines[0]
		appeal = frappe.get_doc(
			{
				"doctype": "KPI Appeal",
				"assessment": self.assessment,
				"unit": self.a,
				"scorecard": self.scorecard,
				"status": "Filed",
				"decision_reason": "หลักฐานครบถ้วน",
				"lines": [
					{"indicator": line.indicator, "requested_score": "5", "reason": "r", "decided_score": "5"}
				],
			}
		)
		appeal.flags.ignore_validate = True
		appeal.insert(ignore_permissions=True)
		frappe.set_user(user("committee"))
		amended = frappe.get_doc("KPI Appeal", appeal.name).accept()
		frappe.set_user("Administrator")
		frappe.db.commit()
		after = published_totals(self.scorecard)[self.a]
		self.assertNotEqual(after, self.before)
		html = self.page(None).text
		self.assertIn(f'<td class="num total">{after}</td>', html)
		self.assertNotIn(f'<td class="num total">{self.before}</td>', html)
		self.assertIn("ปรับปรุงผลคะแนนตามคำขอทบทวน", html)
		for text in (amended, self.assessment, appeal.name, "หลักฐานครบถ้วน"):
			self.assertNotIn(text, html)
