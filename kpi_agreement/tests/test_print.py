"""Print formats rendered to PDF: Thai text, the embedded Sarabun font, page counts and escaping."""

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile

import frappe

from kpi_agreement.demo.builders import advance, make_assessment
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import compile_booklets, render_pdf
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department

HOSTILE = "<script>alert('x')</script> การเบิกจ่าย"


THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\\s]")


def thai_key(text: str) -> str:
	"""Text as PDF text layers keep it: pdftotext reorders or splits Thai vowel and tone marks, and
	may write sara am as nikhahit + sara aa, so compare the base letters only."""
	return THAI_MARKS.sub("", unicodedata.normalize("NFKC", text))


def pdf_facts(pdf: bytes) -> tuple[str, str, int]:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
		handle.write(pdf)
		handle.flush()
		text = subprocess.run(
			["pdftotext", "-layout", handle.name, "-"], capture_output=True, text=True
		).stdout
		fonts = subprocess.run(["pdffonts", handle.name], capture_output=True, text=True).stdout
		info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
	pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
	return thai_key(text), fonts, pages


class TestPrintFormats(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("PRN", units="AB")
		unit = cls.dept.units[0]
		frappe.db.set_value("KPI Indicator", cls.dept.indicators[unit][0], "indicator_name", HOSTILE)
		cls.agreement = agreement_for(cls.dept, unit)
		frappe.db.set_value(
			"KPI Agreement",
			cls.agreement,
			{"executive_name": "นายสมชาย ตัวอย่าง", "unit_head_name": "นางสาวสมหญิง ทดสอบ"},
		)
		advance(cls.agreement, "Signed")
		cls.assessment = make_assessment(cls.agreement, "9", ["94.5", "8"])

	def setUp(self):
		if not shutil.which("pdftotext"):
			self.skipTest("poppler-utils (pdftotext, pdffonts) is not installed")

	def test_booklet_pdf(self):
		text, fonts, pages = pdf_facts(render_pdf("KPI Agreement", self.agreement))
		self.assertIn("Sarabun", fonts)
		self.assertNotIn("Laksaman", fonts)
		for expected in ("PRN Unit A", "๒๕๖๙", "Service days PRN Unit A", "นายสมชาย ตัวอย่าง", "ผู้จัดเก็บข้อมูล"):
			self.assertIn(thai_key(expected), text)
		self.assertIn("<script>alert", text)  # printed as text, not run or dropped
		self.assertNotIn("&lt;", text)
		# cover, contents, signature page, framework table, one sheet per indicator
		self.assertGreaterEqual(pages, 6)
		self.assertLessEqual(pages, 8)

	def test_booklet_table_of_contents_has_page_numbers(self):
		text, _fonts, _pages = pdf_facts(render_pdf("KPI Agreement", self.agreement))
		self.assertRegex(text, thai_key("Service days PRN Unit A") + r"\.{5,}[๐-๙]+")

	def test_signature_page_pdf(self):
		pdf = frappe.get_print("KPI Agreement", self.agreement, "KPI Agreement Signature Page", as_pdf=True)
		text, fonts, pages = pdf_facts(pdf)
		self.assertEqual(pages, 1)
		self.assertIn("Sarabun", fonts)
		for expected in ("PRN Unit A", "๒๕๖๙", "อธิบดี", "ผู้รับคำรับรอง", "ผู้ทำคำรับรอง", "นายสมชาย ตัวอย่าง"):
			self.assertIn(thai_key(expected), text)

	def test_thai_digits_follow_settings(self):
		settings = frappe.get_single("KPI Settings")
		settings.thai_digits = 0
		settings.save()
		try:
			text, _fonts, _pages = pdf_facts(render_pdf("KPI Agreement", self.agreement))
			self.assertIn("2569", text)
			self.assertNotIn("๒๕๖๙", text)
		finally:
			settings.thai_digits = 1
			settings.save()

	def test_assessment_report_pdf(self):
		pdf = frappe.get_print("KPI Assessment", self.assessment, "KPI Assessment Report", as_pdf=True)
		text, fonts, pages = pdf_facts(pdf)
		self.assertEqual(pages, 1)
		self.assertIn("Sarabun", fonts)
		self.assertIn("๓.๕๐๐๐", text)  # the worked example's score
		self.assertIn("<script>", text)
		self.assertNotIn("&lt;", text)

	def test_scorecard_pdf(self):
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": self.dept.framework, "round_months": "9"}
		).insert()
		scorecard.build()
		text, fonts, _pages = pdf_facts(
			frappe.get_print("KPI Scorecard", scorecard.name, "KPI Scorecard", as_pdf=True)
		)
		self.assertIn(thai_key("PRN Unit A"), text)
		self.assertIn("Sarabun", fonts)
		self.assertIn("D1", text)  # a column per dimension, with its points in the weighted total
		self.assertIn("D2", text)
		self.assertIn("๒.๑๐๐๐", text)

	def test_booklets_for_every_unit_in_one_zip(self):
		file_url = compile_booklets(self.dept.framework)
		content = frappe.get_doc("File", {"file_url": file_url}).get_content()
		with zipfile.ZipFile(io.BytesIO(content)) as archive:
			self.assertEqual(archive.namelist(), [f"{self.dept.units[0]}.pdf"])
			self.assertTrue(archive.read(archive.namelist()[0]).startswith(b"%PDF"))
		self.assertTrue(frappe.db.get_value("KPI Agreement", self.agreement, "booklet"))
