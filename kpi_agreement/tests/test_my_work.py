"""KPI My Work per role: what waits on each user, with its due date, and nothing of a unit they may not see."""

import frappe
from frappe.desk.query_report import run
from frappe.desk.utils import slug
from frappe.utils import get_datetime, now_datetime

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_framework, make_user
from kpi_agreement.frappe_free import certification, process
from kpi_agreement.kpi_agreement.report.kpi_my_work.kpi_my_work import work_rows
from kpi_agreement.setup.install import WORKSPACE
from kpi_agreement.tests.test_security import role_user
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department, user

REPORT = "KPI My Work"


def draft_assessment(agreement: str, months: str = "9") -> str:
	doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": agreement, "round_months": months})
	doc.set_lines()
	return doc.insert(ignore_permissions=True).name


def set_lines(assessment: str, **values) -> None:
	"""Put every line of an assessment in a state (what the certification actions would have done)."""
	for line in frappe.get_all("KPI Assessment Line", filters={"parent": assessment}, pluck="name"):
		frappe.db.set_value("KPI Assessment Line", line, values)


class TestMyWork(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("MYW", units="ABCD")
		cls.a, cls.b, cls.c, cls.d = cls.dept.units
		cls.collector_a = make_user(
			"myw-collector-a@test.kpi.example", "MYW Collector", [process.DATA_COLLECTOR], "en"
		)
		bind_user_to_unit(cls.collector_a, cls.a)
		cls.staff_b = make_user(
			"myw-staff-b@test.kpi.example",
			"MYW Staff",
			[process.DATA_COLLECTOR, process.INDICATOR_OWNER, process.UNIT_HEAD],
			"en",
		)
		bind_user_to_unit(cls.staff_b, cls.b)
		# unit A's first indicator is collected by A's collector, its second by someone else; unit B's both
		# name A's collector too, whom unit isolation must still keep out of B
		first_a, _second_a = cls.dept.indicators[cls.a]
		for indicator in (first_a, *cls.dept.indicators[cls.b]):
			frappe.db.set_value("KPI Indicator", indicator, "data_collector", cls.collector_a)
		cls.first_a = frappe.db.get_value("KPI Indicator", first_a, "indicator_name")
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for unit in (cls.a, cls.b):
			advance(cls.agreements[unit], process.SIGNED)
		advance(cls.agreements[cls.c], process.READY_FOR_SIGNING)
		advance(cls.agreements[cls.d], process.NEGOTIATION)
		cls.assessment = {unit: draft_assessment(cls.agreements[unit]) for unit in (cls.a, cls.b)}
		set_lines(cls.assessment[cls.b], line_state=certification.CERTIFIED)  # ready for B's head
		cls.unreviewed = make_framework(cls.dept.root, 2570, reviewed=False)

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows_as(self, who: str) -> list[dict]:
		frappe.set_user(who)
		return work_rows()

	def of_department(self, rows: list[dict]) -> list[dict]:
		return [row for row in rows if row["unit"] in (*self.dept.units, self.dept.root)]

	def test_collector_sees_only_their_lines_in_their_unit(self):
		rows = self.of_department(self.rows_as(self.collector_a))
		self.assertEqual([row["document"] for row in rows], [self.assessment[self.a]])
		(row,) = rows
		self.assertEqual(row["what"], f"Enter the result: {self.first_a}")
		self.assertEqual((row["unit"], row["fiscal_year"]), (self.a, 2569))
		self.assertEqual(row["state"], "Not Entered - 9 months")
		due = frappe.db.get_value("KPI Assessment", self.assessment[self.a], "results_due_on")
		self.assertEqual(row["due_on"], get_datetime(due))
		self.assertIsInstance(row["days_left"], int)
		# the same through Frappe's report API, which the workspace block calls
		result = run(REPORT, filters={})["result"]
		self.assertNotIn(self.b, frappe.as_json(result))
		self.assertIn(self.assessment[self.a], {r["document"] for r in result})

	def test_another_units_user_sees_nothing_of_it(self):
		rows = self.rows_as(self.staff_b)
		shown = frappe.as_json(rows)
		for name in (self.a, self.assessment[self.a], self.agreements[self.a]):
			self.assertNotIn(name, shown)
		self.assertEqual(
			[(row["what"], row["document"]) for row in self.of_department(rows)],
			[("Endorse the assessment", self.assessment[self.b])],  # their own unit's draft
		)

	def test_coordinator_sees_agreements_waiting_on_the_coordinator_with_due_dates(self):
		rows = self.of_department(self.rows_as(user("coordinator")))
		by_document = {row["document"]: row for row in rows}
		expected = {
			self.agreements[self.a]: ("Compile Booklet", process.SIGNED),
			self.agreements[self.b]: ("Compile Booklet", process.SIGNED),
			self.agreements[self.c]: ("Sign", process.READY_FOR_SIGNING),
			self.unreviewed: ("Mark Reviewed", process.FRAMEWORK_REVIEW),
		}
		self.assertEqual(set(by_document), set(expected))  # not the agreement in negotiation
		now = now_datetime()
		for name, (what, state) in expected.items():
			row = by_document[name]
			self.assertEqual((row["what"], row["state"]), (what, state))
			due = frappe.db.get_value(
				row["document_type"], name, "review_due_on" if name == self.unreviewed else "step_due_on"
			)
			self.assertEqual(row["due_on"], get_datetime(due))
			self.assertGreaterEqual(row["days_left"], 0)
			self.assertEqual(row["overdue"], int(row["due_on"] < now))
		dues = [row["due_on"] for row in rows]
		self.assertEqual(dues, sorted(dues))  # earliest due first

	def test_a_line_moves_from_collector_to_owner_to_unit_head_to_committee(self):
		a = self.assessment[self.a]

		def work_of(who: str) -> list[str]:
			return [row["what"] for row in self.of_department(self.rows_as(who)) if row["document"] == a]

		try:
			set_lines(a, self_result="94", line_state=certification.ENTERED)
			# entered without evidence: certifying needs a file, so the collector attaches it first
			self.assertEqual(work_of(self.collector_a), [f"Attach evidence: {self.first_a}"])
			self.assertEqual(work_of(user("owner")), [])
			set_lines(a, evidence="/private/files/proof.pdf")
			self.assertEqual(work_of(self.collector_a), [])  # nothing left to enter
			self.assertEqual(len(work_of(user("owner"))), 2)
			self.assertTrue(all(w.startswith("Check the result: ") for w in work_of(user("owner"))))
			self.assertEqual(work_of(user("head")), [])
			set_lines(a, line_state=certification.CERTIFIED)
			self.assertEqual(work_of(user("owner")), [])
			self.assertEqual(work_of(user("head")), ["Endorse the assessment"])
			self.assertEqual(work_of(user("committee")), [])
			frappe.set_user("Administrator")
			frappe.db.set_value("KPI Assessment", a, "endorsed_on", now_datetime())
			self.assertEqual(work_of(user("head")), [])
			self.assertEqual(work_of(user("committee")), ["Verify and score the assessment"])
			(row,) = [r for r in self.rows_as(user("committee")) if r["document"] == a]
			framework = frappe.get_doc("KPI Framework", self.dept.framework)
			self.assertEqual(row["due_on"], framework.round_due("9"))
			set_lines(a, line_state=certification.SENT_BACK)  # the committee asks for more evidence
			frappe.db.set_value("KPI Assessment", a, "endorsed_on", None)
			self.assertEqual(work_of(user("committee")), [])
			self.assertEqual(work_of(self.collector_a), [f"Enter the result: {self.first_a}"])
		finally:
			frappe.set_user("Administrator")
			set_lines(a, self_result=None, line_state=certification.NOT_ENTERED)
			frappe.db.set_value("KPI Assessment", a, "endorsed_on", None)

	def test_kpi_settings_give_a_state_to_another_role(self):
		settings = frappe.get_single("KPI Settings")
		row = next(row for row in settings.steps if row.step == process.NEGOTIATION)
		try:
			row.responsible_role = process.COORDINATOR
			settings.save()
			documents = {r["document"] for r in self.rows_as(user("coordinator"))}
			self.assertIn(self.agreements[self.d], documents)
			documents = {r["document"] for r in self.rows_as(user("executive"))}
			self.assertNotIn(self.agreements[self.d], documents)
		finally:
			frappe.set_user("Administrator")
			settings.reload()
			next(
				r for r in settings.steps if r.step == process.NEGOTIATION
			).responsible_role = process.EXECUTIVE
			settings.save()

	def test_a_desk_user_without_a_kpi_role_is_refused(self):
		frappe.set_user(role_user(None))
		with self.assertRaises(frappe.PermissionError):
			run(REPORT, filters={})


class TestLanding(KPITestCase):
	def test_kpi_roles_land_on_the_workspace(self):
		self.assertEqual(
			frappe.db.get_value("Role", process.COORDINATOR, "home_page"), f"app/{slug(WORKSPACE)}"
		)

	def test_a_user_given_a_first_kpi_role_lands_on_the_workspace_once(self):
		email = make_user(f"landing-{frappe.generate_hash(length=8)}@test.kpi.example", "Landing", [], "en")
		self.assertFalse(frappe.db.get_value("User", email, "default_workspace"))
		user = frappe.get_doc("User", email)
		user.add_roles(process.DATA_COLLECTOR)
		self.assertEqual(frappe.db.get_value("User", email, "default_workspace"), WORKSPACE)
		user.reload()
		user.default_workspace = None  # the administrator's choice: no default workspace
		user.save()
		user.add_roles(process.UNIT_HEAD)
		self.assertFalse(frappe.db.get_value("User", email, "default_workspace"))


class TestOneResultsDeadline(KPITestCase):
	"""A collector's digest, My Work and the assessment form give the same results deadline: the round's
	cut-off plus KPI Settings' working days, stored on the assessment."""

	def test_digest_my_work_and_the_assessment_agree(self):
		from kpi_agreement.frappe_free import digest_content
		from kpi_agreement.mail import digest

		frappe.set_user("Administrator")
		dept = build_department("DDL", units="A")
		(unit,) = dept.units
		agreement = agreement_for(dept, unit)
		advance(agreement, process.SIGNED)
		assessment = draft_assessment(agreement)
		collector = user("collector")
		due = get_datetime(frappe.db.get_value("KPI Assessment", assessment, "results_due_on"))
		self.assertTrue(due)
		mine = [r for r in self.rows_as(collector) if r["document"] == assessment]
		self.assertTrue(mine)
		self.assertEqual({r["due_on"] for r in mine}, {due})
		frappe.set_user("Administrator")
		facts = digest.gather_facts((digest_content.OWNER,))
		digests = digest_content.build_digests(facts, link=lambda doctype, name: name)
		(mail,) = [d for d in digests if d.user == collector]
		items = [i for s in mail.sections for i in s.items if i.link == assessment]
		self.assertTrue(items)
		expected = digest_content.format_due(due, "en", digest.translate)
		self.assertEqual({i.due for i in items}, {expected})

	def rows_as(self, who: str) -> list[dict]:
		frappe.set_user(who)
		return work_rows()
