"""A department's year through Frappe's own Data Import: every sample file of docs/import/ (good and with
mistakes) imported into the demo department as a Thai coordinator or a unit's collector, checking what was
stored, what each refused row says, that a failed row changes nothing and that importing again changes
nothing, and that imported results go through certification like typed ones."""

from __future__ import annotations

import json
import os

import frappe
from frappe.core.doctype.data_import.exporter import Exporter
from frappe.core.doctype.data_import.importer import get_df_for_column_header
from frappe.utils.xlsxutils import make_xlsx

from kpi_agreement import demo
from kpi_agreement.demo import import_samples
from kpi_agreement.demo.builders import bind_user_to_unit
from kpi_agreement.frappe_free import certification, rounds
from kpi_agreement.overrides.data_import import HEADER_MAP
from kpi_agreement.tests.utils import KPITestCase
from kpi_agreement.utils import bulk_import

SAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "import")
COORDINATOR = f"coordinator@{demo.EMAIL_DOMAIN}"
COLLECTOR = f"collector@{demo.EMAIL_DOMAIN}"
INSERT, UPDATE = "Insert New Records", "Update Existing Records"
SUPPLIES, RECRUITMENT = "กลุ่มพัสดุ", "กลุ่มสรรหาและบรรจุแต่งตั้ง"


def sample(name: str) -> bytes:
	with open(os.path.join(SAMPLES, f"{name}.xlsx"), "rb") as file:
		return file.read()


def run_import(
	doctype: str,
	content: bytes,
	user: str,
	import_type: str = INSERT,
	on_all_workers: bool = False,
):
	"""Import ``content`` (an .xlsx) into ``doctype`` as ``user`` through Data Import (its own Start Import,
	or the KPI Result Entry import on all workers); each file row's outcome: ``{row: {"success": bool,
	"docname": str, "messages": str}}``."""
	frappe.set_user(user)
	data_import = frappe.get_doc(
		{"doctype": "Data Import", "reference_doctype": doctype, "import_type": import_type}
	).insert()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{frappe.generate_hash(length=8)}.xlsx",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": "Data Import",
			"attached_to_name": data_import.name,
		}
	).insert()
	data_import.import_file = file.file_url
	data_import.save()
	if on_all_workers:
		bulk_import.start(data_import.name)
	else:
		data_import.start_import()
	logs = frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name},
		fields=["row_indexes", "success", "docname", "messages"],
	)
	frappe.set_user("Administrator")
	outcome = {
		row: {"success": bool(log.success), "docname": log.docname, "messages": messages(log.messages)}
		for log in logs
		for row in frappe.parse_json(log.row_indexes)
	}
	return outcome


def messages(logged: str | None) -> str:
	"""What a refused row says, as the user reads it."""
	entries = frappe.parse_json(logged or "[]")
	entries = [json.loads(e) if isinstance(e, str) and e.startswith("{") else e for e in entries]
	return " ".join(entry.get("message", "") if isinstance(entry, dict) else str(entry) for entry in entries)


class TestDataImport(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		frappe.local.conf[demo.ALLOW_KEY] = 1
		demo.install()
		cls.framework = frappe.db.get_default(demo.DEMO_FLAG)
		cls.year = frappe.db.get_value("KPI Framework", cls.framework, "fiscal_year")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in frappe.get_all("Data Import", pluck="name"):
			frappe.delete_doc("Data Import", name, force=True, ignore_permissions=True)
		demo.remove()
		frappe.local.conf.pop(demo.ALLOW_KEY, None)
		super().tearDownClass()

	def setUp(self):
		"""Fresh draft assessments of the 12-month round for the units the result samples name."""
		frappe.set_user("Administrator")
		frappe.db.delete("KPI Result Entry", {"framework": self.framework})
		units = (SUPPLIES, RECRUITMENT)
		for name in frappe.get_all(
			"KPI Assessment",
			{"framework": self.framework, "round_months": "12", "unit": ("in", units)},
			pluck="name",
		):
			doc = frappe.get_doc("KPI Assessment", name)
			if doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc("KPI Assessment", name, force=True, ignore_permissions=True)
		self.assessments = {
			unit: open_assessment(self.framework, unit, "12") for unit in (SUPPLIES, RECRUITMENT)
		}
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def file(self, name: str) -> bytes:
		"""A sample, moved to the demo's fiscal year when the demo is of a later year than the samples."""
		content = sample(name)
		if self.year == import_samples.YEAR:
			return content
		from io import BytesIO

		from openpyxl import load_workbook

		book = load_workbook(BytesIO(content))
		for row in book.active.iter_rows():
			for cell in row:
				if (
					isinstance(cell.value, int)
					and import_samples.YEAR - 3 <= cell.value <= import_samples.YEAR + 3
				):
					cell.value += self.year - import_samples.YEAR
		out = BytesIO()
		book.save(out)
		return out.getvalue()

	# --- the unit tree

	def test_unit_tree_imports_under_its_parents_and_again_changes_nothing(self):
		log = run_import("KPI Unit", self.file("units"), COORDINATOR)
		self.assertTrue(all(row["success"] for row in log.values()), log)
		self.assertEqual(
			frappe.db.get_value("KPI Unit", import_samples.NEW_BUREAU, "parent_kpi_unit"), demo.DEPARTMENT
		)
		self.assertEqual(frappe.db.get_value("KPI Unit", "กลุ่มตรวจสอบการเงิน", "parent_kpi_unit"), "กองคลัง")
		modified = frappe.db.get_value("KPI Unit", import_samples.NEW_BUREAU, "modified")
		again = run_import("KPI Unit", self.file("units"), COORDINATOR)
		self.assertFalse(any(row["success"] for row in again.values()))
		self.assertEqual(frappe.db.get_value("KPI Unit", import_samples.NEW_BUREAU, "modified"), modified)

		# a whole tree in one file: a group under the bureau of an earlier row
		self.assertEqual(
			frappe.db.get_value("KPI Unit", import_samples.NEW_GROUP, "parent_kpi_unit"),
			import_samples.NEW_BUREAU,
		)

		# a parent that does not exist, or a type not offered, refuses only its row, saying so and the fix
		mistakes = run_import("KPI Unit", self.file("units-with-mistakes"), COORDINATOR)
		self.assertTrue(mistakes[3]["success"], mistakes)
		self.assertTrue(frappe.db.exists("KPI Unit", "กลุ่มตรวจสอบสารสนเทศ"))
		for row, words in ((2, "กองที่ไม่มีอยู่จริง"), (4, "Division")):
			self.assertFalse(mistakes[row]["success"], row)
			self.assertIn(words, mistakes[row]["messages"], row)
			self.assertIn("หน่วยงานต้นสังกัด" if row == 2 else "ประเภทหน่วยงาน", mistakes[row]["messages"])
		self.assertFalse(frappe.db.exists("KPI Unit", "กลุ่มตรวจสอบพิเศษ"))
		self.assertFalse(frappe.db.exists("KPI Unit", "กลุ่มตรวจสอบระบบงาน"))

	def test_a_unit_bound_user_cannot_import_units(self):
		frappe.set_user(COLLECTOR)
		self.assertFalse(frappe.has_permission("KPI Unit", "import"))
		self.assertFalse(frappe.has_permission("KPI Indicator", "import"))

	# --- frameworks and indicator detail sheets

	def test_framework_with_dimensions_and_rounds_and_one_whose_weights_break_the_total(self):
		log = run_import("KPI Framework", self.file("frameworks"), COORDINATOR)
		self.assertTrue(log[2]["success"], log)
		framework = frappe.get_doc("KPI Framework", log[2]["docname"])
		first = framework.dimensions[0]
		self.assertEqual((first.dimension, first.weight), (import_samples.EFFECTIVENESS, 60))
		self.assertEqual(tuple(sorted(int(r.months) for r in framework.rounds)), rounds.MONTHS)

		mistakes = run_import("KPI Framework", self.file("frameworks-with-mistakes"), COORDINATOR)
		self.assertFalse(mistakes[2]["success"])
		self.assertIn("95", mistakes[2]["messages"])
		self.assertFalse(
			frappe.db.exists("KPI Framework", {"department": demo.DEPARTMENT, "fiscal_year": self.year + 2})
		)

	def test_indicator_sheets_with_levels_and_baselines_in_thai(self):
		self.assertEqual(frappe.db.get_value("User", COORDINATOR, "language"), "th")
		# Data Import's cached map of headers built first in English (as a worker builds it): Thai still reads
		frappe.cache.hdel(HEADER_MAP, "KPI Indicator")
		frappe.local.lang = "en"
		self.assertIsNone(get_df_for_column_header("KPI Indicator", "รหัส"))
		log = run_import("KPI Indicator", self.file("indicators"), COORDINATOR)
		self.assertTrue(all(row["success"] for row in log.values()), log)
		name = frappe.db.get_value("KPI Indicator", {"framework": self.framework, "indicator_code": "10.2"})
		sheet = frappe.get_doc("KPI Indicator", name)
		self.assertEqual(sheet.direction, "Lower is better")
		self.assertEqual([row.threshold for row in sheet.levels], [30, 25, 20, 15, 10])
		self.assertEqual(len(sheet.baselines), 3)
		self.assertEqual(sheet.unit, "กองการเจ้าหน้าที่")
		again = run_import("KPI Indicator", self.file("indicators"), COORDINATOR)
		self.assertFalse(any(row["success"] for row in again.values()))
		self.assertEqual(
			frappe.db.count("KPI Indicator", {"framework": self.framework, "indicator_code": "10.2"}), 1
		)

	def test_indicator_rows_with_mistakes_each_refused_with_its_row(self):
		log = run_import("KPI Indicator", self.file("indicators-with-mistakes"), COORDINATOR)
		outcome = {row: entry["success"] for row, entry in log.items()}
		self.assertTrue(outcome[2])  # 11.1, good
		self.assertFalse(outcome[7])  # 11.2, levels out of order
		self.assertIn("เกณฑ์การให้คะแนน", log[7]["messages"])
		self.assertFalse(outcome[12])  # 11.1 again
		self.assertIn("11.1", log[12]["messages"])
		self.assertFalse(outcome[17])  # text in a threshold is not taken as 0
		self.assertIn("ร้อยละ 80", log[17]["messages"])
		self.assertIn("ไม่ใช่ตัวเลข", log[17]["messages"])
		self.assertFalse(outcome[22])  # a responsible unit that does not exist refuses its sheet alone
		self.assertIn("กองที่ไม่มีอยู่จริง", log[22]["messages"])
		codes = frappe.get_all(
			"KPI Indicator",
			{"framework": self.framework, "indicator_code": ("like", "11.%")},
			pluck="indicator_code",
		)
		self.assertEqual(codes, ["11.1"])

	def test_indicator_sheets_on_all_workers_as_row_by_row(self):
		for name in frappe.get_all(
			"KPI Indicator", {"framework": self.framework, "indicator_code": ("like", "11.%")}, pluck="name"
		):
			frappe.delete_doc("KPI Indicator", name, force=True)
		log = run_import(
			"KPI Indicator", self.file("indicators-with-mistakes"), COORDINATOR, on_all_workers=True
		)
		self.assertEqual(
			{row: entry["success"] for row, entry in log.items()},
			{2: True, 7: False, 12: False, 17: False, 22: False},
		)
		self.assertIn("ไม่ใช่ตัวเลข", log[17]["messages"])
		sheet = frappe.get_doc("KPI Indicator", log[2]["docname"])
		self.assertEqual(
			([row.threshold for row in sheet.levels], sheet.owner), ([60, 70, 80, 90, 100], COORDINATOR)
		)
		self.assertEqual(
			frappe.get_all("Data Import", pluck="status", order_by="creation desc", limit=1),
			["Partial Success"],
		)

	def test_sheets_updated_by_import_leave_signed_agreements_alone(self):
		"""Update Existing Records of a sheet: agreements not yet signed that carry its targets take the new
		ones, as from the form; a signed agreement keeps what was signed."""
		line, agreement = frappe.qb.DocType("KPI Agreement Line"), frappe.qb.DocType("KPI Agreement")
		signed_lines = (
			frappe.qb.from_(line)
			.join(agreement)
			.on(agreement.name == line.parent)
			.select(line.indicator, line.name, line.level_5)
			.where((agreement.framework == self.framework) & (agreement.docstatus == 1))
			.run(as_dict=True)
		)
		self.assertTrue(signed_lines)
		signed = signed_lines[0]
		frappe.set_user(COORDINATOR)
		rows = Exporter(
			"KPI Indicator",
			export_fields={"KPI Indicator": ["name"], "levels": ["name", "level", "threshold"]},
			export_data=True,
			export_filters={"name": signed.indicator},
			file_type="Excel",
		).get_csv_array_for_export()
		frappe.set_user("Administrator")
		top = next(row for row in rows[1:] if str(row[2]) == "5")
		lower = frappe.db.get_value("KPI Indicator", signed.indicator, "direction") == "Lower is better"
		top[3] = float(top[3]) + (-1 if lower else 1)  # the top level further on, the levels still in order
		update = run_import("KPI Indicator", make_xlsx(rows, "update").getvalue(), COORDINATOR, UPDATE)
		self.assertTrue(all(row["success"] for row in update.values()), update)
		levels = frappe.get_all(
			"KPI Indicator Level", {"parent": signed.indicator, "level": 5}, pluck="threshold"
		)
		self.assertEqual(levels, [top[3]])
		self.assertEqual(frappe.db.get_value("KPI Agreement Line", signed.name, "level_5"), signed.level_5)

	# --- a round's results

	def test_results_are_entered_with_their_source_and_go_through_certification(self):
		log = run_import("KPI Result Entry", self.file("results"), COORDINATOR)
		self.assertTrue(all(row["success"] for row in log.values()), log)
		doc = frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES])
		line = next(line for line in doc.lines if code_of(line) == "6.1")
		self.assertEqual((line.self_result, line.line_state), ("95.5", certification.ENTERED))
		self.assertEqual(line.result_by, COORDINATOR)
		self.assertIn(import_samples.RESULT_SOURCE, line.result_source)
		event = doc.history[-1]
		self.assertEqual((event.user, event.action), (COORDINATOR, certification.ENTER))
		self.assertIn(import_samples.RESULT_SOURCE, event.reason)
		printed = frappe.get_print("KPI Assessment", doc.name, "KPI Assessment Report")  # its history printed
		self.assertIn(import_samples.RESULT_SOURCE, printed)
		# its owner certifies it only with evidence, as a typed result
		frappe.set_user(f"owner@{demo.EMAIL_DOMAIN}")
		self.assertRaises(frappe.ValidationError, doc.certify_line, line.name)
		frappe.set_user("Administrator")

		events = len(frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES]).history)
		again = run_import("KPI Result Entry", self.file("results"), COORDINATOR)
		self.assertFalse(any(row["success"] for row in again.values()))
		self.assertIn("Update", again[2]["messages"])
		self.assertEqual(len(frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES]).history), events)

		# "update": the coordinator exports the entries, changes a result and imports them back
		frappe.set_user(COORDINATOR)
		exporter = Exporter(
			"KPI Result Entry",
			export_fields={"KPI Result Entry": ["name", "result", "source"]},
			export_data=True,
			export_filters={"unit": SUPPLIES, "indicator_code": "6.1"},
			file_type="Excel",
		)
		rows = exporter.get_csv_array_for_export()
		rows[1][1] = "96"
		update = run_import("KPI Result Entry", make_xlsx(rows, "update").getvalue(), COORDINATOR, UPDATE)
		self.assertTrue(update[2]["success"], update)
		line = next(
			line
			for line in frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES]).lines
			if code_of(line) == "6.1"
		)
		self.assertEqual(line.self_result, "96")

	def test_result_rows_with_mistakes_each_refused_and_nothing_changed(self):
		log = run_import("KPI Result Entry", self.file("results-with-mistakes"), COORDINATOR)
		self.assertTrue(log[2]["success"], log)
		for row, words in ((3, "ร้อยละ 95"), (4, "2570"), (5, "กลุ่มที่ไม่มีอยู่จริง")):
			self.assertFalse(log[row]["success"], row)
			self.assertIn(words, log[row]["messages"], row)
		line = next(
			line
			for line in frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES]).lines
			if code_of(line) == "6.4"
		)
		self.assertFalse(line.self_result)
		self.assertEqual(line.line_state, certification.NOT_ENTERED)

	def test_results_on_all_workers_enter_and_refuse_as_row_by_row(self):
		log = run_import(
			"KPI Result Entry", self.file("results-with-mistakes"), COORDINATOR, on_all_workers=True
		)
		self.assertTrue(log[2]["success"], log)
		for row, words in ((3, "ร้อยละ 95"), (4, "2570"), (5, "กลุ่มที่ไม่มีอยู่จริง")):
			self.assertFalse(log[row]["success"], row)
			self.assertIn(words, log[row]["messages"], row)
		doc = frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES])
		line = next(line for line in doc.lines if code_of(line) == "6.3")
		self.assertEqual(
			(line.self_result, line.line_state, line.result_by), ("4", certification.ENTERED, COORDINATOR)
		)
		self.assertIn(import_samples.RESULT_SOURCE, line.result_source)
		self.assertEqual(
			frappe.get_all("Data Import", pluck="status", order_by="creation desc", limit=1),
			["Partial Success"],
		)

		# the good file: one save per unit's assessment, and again changes nothing
		log = run_import("KPI Result Entry", self.file("results"), COORDINATOR, on_all_workers=True)
		self.assertTrue(all(row["success"] for row in log.values()), log)
		events = len(frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES]).history)
		again = run_import("KPI Result Entry", self.file("results"), COORDINATOR, on_all_workers=True)
		self.assertFalse(any(row["success"] for row in again.values()))
		self.assertEqual(len(frappe.get_doc("KPI Assessment", self.assessments[SUPPLIES]).history), events)

	def test_a_unit_bound_collector_imports_only_into_their_unit(self):
		bind_user_to_unit(COLLECTOR, SUPPLIES)
		frappe.db.commit()
		try:
			log = run_import("KPI Result Entry", self.file("results"), COLLECTOR)
			# on all workers too: its own rows were posted already, the other unit's is refused
			bulk = run_import("KPI Result Entry", self.file("results"), COLLECTOR, on_all_workers=True)
		finally:
			frappe.db.delete("User Permission", {"user": COLLECTOR})
			frappe.db.commit()
		self.assertTrue(log[2]["success"] and log[3]["success"], log)
		self.assertFalse(log[4]["success"])  # another unit's line
		self.assertEqual(
			{row: entry["success"] for row, entry in bulk.items()}, {2: False, 3: False, 4: False}
		)
		other = frappe.get_doc("KPI Assessment", self.assessments[RECRUITMENT])
		self.assertFalse(next(line for line in other.lines if code_of(line) == "7.1").self_result)


def code_of(line) -> str:
	return frappe.db.get_value("KPI Indicator", line.indicator, "indicator_code")


def open_assessment(framework: str, unit: str, months: str) -> str:
	agreement = frappe.db.get_value("KPI Agreement", {"framework": framework, "unit": unit, "docstatus": 1})
	doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": agreement, "round_months": months})
	return doc.insert(ignore_permissions=True).name
