"""Agreements at the unit levels the coordinator chooses, ranked against units of the same level; the unit
head's position by unit type; dimension columns that add up to the weighted total. Numbers by hand."""

from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import (
	advance,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
	make_unit,
)
from kpi_agreement.frappe_free.ranking import points_from_json
from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary
from kpi_agreement.tests.department_case import dec
from kpi_agreement.tests.utils import BUDGET, DAYS, KPITestCase, make_users, user
from kpi_agreement.utils.printing import kpi_number

PLANS, FINANCE = "LVL กองแผนงาน", "LVL กองคลัง"
GROUP_A, GROUP_B = "LVL กลุ่มยุทธศาสตร์", "LVL กลุ่มติดตามผล"
SECTION = "LVL ฝ่ายบริหารทั่วไป"
PEOPLE = {"indicator_owner": user("owner"), "data_collector": user("collector")}
RESULTS = {  # budget (60 %, dimension D1), service days (40 %, D2, lower is better) -> weighted total
	PLANS: (("94.5", "8"), D("3.3000")),  # 3.5 × 0.6 + 3 × 0.4
	FINANCE: (("96", "6"), D("5.0000")),  # 5 × 0.6 + 5 × 0.4
	GROUP_A: (("96", "8"), D("4.2000")),  # 5 × 0.6 + 3 × 0.4
	GROUP_B: (("92", "10"), D("1.0000")),  # 1 × 0.6 + 1 × 0.4
}


class TestUnitLevels(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_users()
		cls.root = make_unit("LVL Department", None, "Department", is_group=1)
		make_unit(PLANS, cls.root, "Division", is_group=1, head=user("head"))
		make_unit(FINANCE, cls.root, "Division", head=user("head"))
		make_unit(GROUP_A, PLANS, "Group", head=user("head"))
		make_unit(GROUP_B, PLANS, "Group", head=user("head"))
		make_unit(SECTION, cls.root, "Section", head=user("head"))
		cls.framework = make_framework(cls.root, 2568, dimensions=(("D1", 60), ("D2", 40)))
		framework = frappe.get_doc("KPI Framework", cls.framework)
		cls.created = framework.create_agreements()  # the default levels: กอง and กลุ่มงาน
		cls.agreements = {}
		for i, unit in enumerate(RESULTS, start=1):
			doc = frappe.get_doc("KPI Agreement", {"unit": unit, "framework": cls.framework})
			for code, name, dimension, levels, weight, direction in (
				(f"{i}.1", f"Budget {unit}", "D1", BUDGET, 60, "Higher is better"),
				(f"{i}.2", f"Days {unit}", "D2", DAYS, 40, "Lower is better"),
			):
				indicator = make_indicator(
					cls.framework, code, name, dimension, levels, direction=direction, **PEOPLE
				)
				doc.append("lines", {"indicator": indicator, "weight": weight})
			doc.update({"executive_name": "นายประยุทธ มั่นคง", "executive_position": "อธิบดี"})
			doc.save()
			advance(doc.name, "Signed")
			cls.agreements[unit] = doc.name
			make_assessment(doc.name, "9", RESULTS[unit][0])

	def scorecard(self, rank_within: str):
		"""The round's scorecard, rebuilt with units ranked within ``rank_within``."""
		name = frappe.db.exists("KPI Scorecard", {"framework": self.framework, "round_months": "9"})
		doc = frappe.get_doc("KPI Scorecard", name) if name else frappe.new_doc("KPI Scorecard")
		doc.update({"framework": self.framework, "round_months": "9", "rank_within": rank_within})
		if name:
			doc.save()
		doc.build()
		return doc

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.set_value("KPI Framework", self.framework, "signs_section", 0)
		frappe.clear_document_cache("KPI Framework", self.framework)

	def test_agreements_only_for_the_levels_that_sign(self):
		self.assertEqual(self.created, 4)
		units = set(frappe.get_all("KPI Agreement", {"framework": self.framework}, pluck="unit"))
		self.assertEqual(units, set(RESULTS))  # not the department, not the ฝ่าย
		framework = frappe.get_doc("KPI Framework", self.framework)
		framework.signs_section = 1
		framework.save()
		self.assertEqual(framework.create_agreements(), 1)
		self.assertTrue(frappe.db.exists("KPI Agreement", {"unit": SECTION, "framework": self.framework}))
		for field in ("signs_division", "signs_group", "signs_section"):
			framework.set(field, 0)
		with self.assertRaises(frappe.ValidationError) as refused:
			framework.create_agreements()
		self.assertIn("Units That Sign Agreements", str(refused.exception))

	def test_scorecard_ranks_within_each_level(self):
		rows = [(r.unit_level, r.unit, r.rank, dec(r.total_score)) for r in self.scorecard("Unit Level").rows]
		self.assertEqual(
			rows,
			[
				("Division", FINANCE, 1, D("5.0000")),
				("Division", PLANS, 2, D("3.3000")),
				("Group", GROUP_A, 1, D("4.2000")),
				("Group", GROUP_B, 2, D("1.0000")),
			],
		)

	def test_scorecard_ranks_all_units_together_by_choice(self):
		rows = [(r.unit, r.rank) for r in self.scorecard("All Units").rows]
		self.assertEqual(rows, [(FINANCE, 1), (GROUP_A, 2), (PLANS, 3), (GROUP_B, 4)])

	def test_score_summary_ranks_by_level_or_all(self):
		filters = {"framework": self.framework, "round_months": "9", "group_by_bureau": 0}
		by_level = kpi_score_summary.execute({**filters, "rank_within": "Unit Level"})[1]
		self.assertEqual(
			{r["unit"]: (r["unit_level"], r["rank"]) for r in by_level if r["rank"]},
			{FINANCE: ("Division", 1), PLANS: ("Division", 2), GROUP_A: ("Group", 1), GROUP_B: ("Group", 2)},
		)
		together = kpi_score_summary.execute({**filters, "rank_within": "All Units"})[1]
		self.assertEqual(
			{r["unit"]: r["rank"] for r in together if r["rank"]},
			{FINANCE: 1, GROUP_A: 2, PLANS: 3, GROUP_B: 4},
		)

	def test_dimension_columns_add_up_to_the_weighted_total(self):
		for row in self.scorecard("Unit Level").rows:
			points = points_from_json(row.dimension_scores)
			self.assertEqual(sum(points.values()), dec(row.total_score), row.unit)
		plans = next(r for r in self.scorecard("Unit Level").rows if r.unit == PLANS)
		self.assertEqual(points_from_json(plans.dimension_scores), {"D1": D("2.1000"), "D2": D("1.2000")})
		summary = kpi_score_summary.execute({"framework": self.framework, "round_months": "9"})[1]
		row = next(r for r in summary if r["unit"] == PLANS and not r.get("is_group"))
		self.assertEqual((row["dimension_1"], row["dimension_2"]), (D("2.1000"), D("1.2000")))
		html = frappe.get_print("KPI Scorecard", self.scorecard("Unit Level").name, "KPI Scorecard")
		self.assertIn("หน่วยงานระดับกอง", html)
		self.assertIn(kpi_number(D("2.1000"), 4), html)

	def test_head_position_follows_the_unit_type_and_is_editable(self):
		self.assertEqual(
			frappe.db.get_value("KPI Agreement", self.agreements[GROUP_A], "unit_head_position"),
			f"ผู้อำนวยการ{GROUP_A}",
		)
		for name in frappe.get_all("KPI Agreement", {"unit": SECTION}, pluck="name"):
			frappe.delete_doc("KPI Agreement", name)
		with self.assertRaises(frappe.ValidationError) as refused:
			make_agreement(SECTION, self.framework, [])  # sections do not sign under this framework
		self.assertIn("Units That Sign Agreements", str(refused.exception))
		frappe.db.set_value("KPI Framework", self.framework, "signs_section", 1)
		frappe.clear_document_cache("KPI Framework", self.framework)
		section = make_agreement(SECTION, self.framework, [])
		self.assertEqual(
			frappe.db.get_value("KPI Agreement", section, "unit_head_position"), f"หัวหน้า{SECTION}"
		)
		settings = frappe.get_single("KPI Settings")
		row = next(r for r in settings.head_positions if r.unit_type == "Section")
		row.position_title = "หัวหน้างาน "
		settings.save()
		frappe.delete_doc("KPI Agreement", section)
		section = frappe.get_doc("KPI Agreement", make_agreement(SECTION, self.framework, []))
		self.assertEqual(section.unit_head_position, f"หัวหน้างาน {SECTION}")
		section.unit_head_position = "รักษาการในตำแหน่งหัวหน้าฝ่ายบริหารทั่วไป"
		section.save()
		html = frappe.get_print("KPI Agreement", section.name, "KPI Agreement Signature Page")
		self.assertIn("รักษาการในตำแหน่งหัวหน้าฝ่ายบริหารทั่วไป", html)
