"""Shared fixtures of the certification and appeal tests (KPI Assessment's and KPI Appeal's own tests)."""

import frappe

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_user
from kpi_agreement.frappe_free import process
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department, user


class CertificationCase(KPITestCase):
	"""A department of units A and B, unit A's signed agreement and a fresh draft 9-month assessment per
	test, with the steps of certification and of a published round as helpers."""

	PREFIX = "CRT"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department(cls.PREFIX, units="AB")
		cls.a, cls.b = cls.dept.units
		cls.owner2 = make_user(
			f"{cls.PREFIX.lower()}-owner2@test.kpi.example", "Second Owner", [process.INDICATOR_OWNER], "en"
		)
		cls.head_b = make_user(
			f"{cls.PREFIX.lower()}-head-b@test.kpi.example", "Head B", [process.UNIT_HEAD], "en"
		)
		cls.collector_b = make_user(
			f"{cls.PREFIX.lower()}-collector-b@test.kpi.example",
			"Collector B",
			[process.DATA_COLLECTOR],
			"en",
		)
		cls.deputy = make_user(
			f"{cls.PREFIX.lower()}-deputy@test.kpi.example", "Deputy", [process.DATA_COLLECTOR], "en"
		)
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

	# --- a published round and an appeal against it

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
