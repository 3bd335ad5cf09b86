"""Every shipped print format fits its paper: rendered with the longest Thai names of the demo, made longer
still, no word of the PDF's text layer crosses the margins the format declares (A4)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import frappe

from kpi_agreement import demo
from kpi_agreement.demo.builders import (
	DIMENSIONS,
	advance,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
	make_unit,
)
from kpi_agreement.kpi_agreement.doctype.kpi_agreement import booklet
from kpi_agreement.tests.utils import KPITestCase, make_users, user

PRINT_FORMATS = Path(booklet.__file__).resolve().parents[2] / "print_format"
TOLERANCE = 2.0
"""Points a word may cross a margin by: glyph side bearings and rounding of the text layer."""
A4 = (595.28, 841.89)
POINTS = {"pt": 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72, "px": 0.75, "pc": 12}


def longest(names) -> str:
	return max(names, key=len)


# The longest names of the demo, made longer the way real ones are: Thai writes no spaces between words,
# so a unit name or a position is one unbroken run of 60-80 characters that only a Thai word breaker can wrap.
DEMO_UNITS = [*demo.TREE, *chain.from_iterable(demo.TREE.values())]
LONG_UNIT = longest(DEMO_UNITS) + "เพื่อการพัฒนาระบบบริหารราชการดิจิทัล"
LONG_GROUP = longest(chain.from_iterable(demo.TREE.values())) + "และพัฒนาทรัพยากรบุคคลภาครัฐส่วนภูมิภาค"
LONG_HEAD = "ว่าที่ร้อยตรีหญิงพัชราภรณ์ ศิริวัฒนาประเสริฐวงศ์ตระกูล"
LONG_HEAD_POSITION = "ผู้อำนวยการ" + LONG_UNIT
LONG_EXECUTIVE = "รองศาสตราจารย์ นายแพทย์" + demo.PEOPLE["executive"][0] + "เจริญรุ่งเรืองกิจ"
LONG_EXECUTIVE_POSITION = "อธิบดี" + demo.DEPARTMENT + " ปฏิบัติราชการแทนปลัดกระทรวง"
DEMO_INDICATORS = sorted(demo.INDICATORS, key=lambda indicator: len(indicator[0]), reverse=True)
LONG_SUFFIXES = (
	"งบประมาณและแผนยุทธศาสตร์ระยะยาวของหน่วยงาน",
	"ทั้งงบลงทุนและงบดำเนินงานของหน่วยงานในสังกัด",
	"ที่ผ่านการรับรองคุณภาพตามมาตรฐานของสำนักงาน ก.พ.ร.",
	"ภายในระยะเวลาที่กำหนดตามคู่มือการปฏิบัติงาน",
)
LONG_REMARKS = (
	"คณะทำงานตรวจประเมินผลได้พิจารณาหลักฐานประกอบการรายงานผลการดำเนินงานตามตัวชี้วัดแล้วเห็นว่า"
	"หน่วยงานควรจัดเก็บข้อมูลให้ครบถ้วนตามรายละเอียดตัวชี้วัดและส่งหลักฐานภายในกำหนดเวลา"
)


@dataclass(frozen=True)
class Margins:
	"""Page margins in points (top, right, bottom, left), and the sides whose margin holds running text
	(page numbers, running headers: CSS margin boxes), where text may go up to the page edge."""

	top: float
	right: float
	bottom: float
	left: float
	running: frozenset = frozenset()

	def __str__(self) -> str:
		sides = "/".join(
			f"{getattr(self, side) / POINTS['mm']:g}" for side in ("top", "right", "bottom", "left")
		)
		running = f", running text in the {' and '.join(sorted(self.running))} margin" if self.running else ""
		return f"margins {sides} mm (top/right/bottom/left){running}"


@dataclass(frozen=True)
class Overflow:
	page: int
	word: str
	side: str
	by: float

	def __str__(self) -> str:
		return f"page {self.page}: {self.word!r} crosses the {self.side} margin by {self.by:.1f} pt"


def length(text: str) -> float:
	"""A CSS length in points ('2.5cm', '20mm', '0')."""
	match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", text)
	if not match:
		raise ValueError(f"not a CSS length: {text!r}")
	number, unit = match.groups()
	if float(number) and unit not in POINTS:
		raise ValueError(f"not a CSS length: {text!r}")
	return float(number) * POINTS.get(unit, 1)


def page_rule_margins(markup: str) -> Margins | None:
	"""The margins of the first unnamed ``@page`` rule of a document's style sheets, if it has one."""
	match = re.search(r"@page\s*\{", markup)
	if not match:
		return None
	depth, end = 1, match.end()
	while depth and end < len(markup):
		depth += {"{": 1, "}": -1}.get(markup[end], 0)
		end += 1
	block = markup[match.end() : end - 1]
	own = re.sub(r"@[\w-]+\s*\{[^{}]*\}", "", block)  # the declarations outside the margin boxes
	values = dict(re.findall(r"(margin(?:-top|-right|-bottom|-left)?)\s*:\s*([^;}]+)", own))
	sides = ["0"] * 4
	if "margin" in values:
		parts = values["margin"].split()
		sides = {1: parts * 4, 2: parts * 2, 3: [*parts, parts[1]], 4: parts}[len(parts)]
	for index, side in enumerate(("top", "right", "bottom", "left")):
		sides[index] = values.get(f"margin-{side}", sides[index])
	running = frozenset(re.findall(r"@(top|right|bottom|left)-[\w-]+\s*\{", block))
	return Margins(*(length(value) for value in sides), running=running)


def field_margins(print_format: dict) -> Margins:
	"""The margins a print format declares in its margin fields (millimetres)."""
	return Margins(
		*(print_format[f"margin_{side}"] * POINTS["mm"] for side in ("top", "right", "bottom", "left"))
	)


def pdf_words(pdf: bytes) -> list[tuple[int, float, float, list[tuple[str, float, float, float, float]]]]:
	"""Each page of a PDF as (number, width, height, words), a word being (text, xMin, yMin, xMax, yMax)."""
	with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
		handle.write(pdf)
		handle.flush()
		out = subprocess.run(
			["pdftotext", "-bbox", handle.name, "-"], capture_output=True, text=True, check=True
		).stdout
	pages = []
	for line in out.splitlines():
		if page := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
			pages.append((len(pages) + 1, float(page[1]), float(page[2]), []))
		elif word := re.search(
			r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*)</word>', line
		):
			box = [float(value) for value in word.groups()[:4]]
			pages[-1][3].append((html.unescape(word[5]), *box))
	return pages


def overflows(pdf: bytes, margins: Margins, tolerance: float = TOLERANCE) -> list[Overflow]:
	"""Every word of the PDF that lies outside its page less the margins (a side holding running text
	only keeps words on the page), by more than ``tolerance`` points."""
	found = []
	for number, width, height, words in pdf_words(pdf):
		inner = {
			side: 0.0 if side in margins.running else getattr(margins, side)
			for side in ("top", "right", "bottom", "left")
		}
		for text, x_min, y_min, x_max, y_max in words:
			beyond = {
				"left": inner["left"] - x_min,
				"right": x_max - (width - inner["right"]),
				"top": inner["top"] - y_min,
				"bottom": y_max - (height - inner["bottom"]),
			}
			side, by = max(beyond.items(), key=lambda item: item[1])
			if by > tolerance:
				found.append(Overflow(number, text, side, by))
	return found


def shipped_formats() -> list[dict]:
	"""The app's print formats, from the records it ships (one folder each)."""
	formats = []
	for folder in sorted(PRINT_FORMATS.iterdir()):
		record = folder / f"{folder.name}.json"
		if record.is_file():
			formats.append(json.loads(record.read_text()))
	return formats


def render(print_format: dict, name: str) -> tuple[bytes, Margins]:
	"""A document printed in a format, as the desk's PDF button prints it, and the format's margins:
	a paged-media format's own ``@page`` rule, otherwise the format's margin fields."""
	doctype, format_name = print_format["doc_type"], print_format["name"]
	template = booklet.paged_template(format_name)
	if template:
		markup = booklet.render_html(frappe.get_doc(doctype, name), template)
		margins = page_rule_margins(markup)
		if not margins:
			raise AssertionError(f"{format_name}: its template declares no @page margins")
		return booklet.render_pdf(doctype, name, format_name), margins
	return frappe.get_print(doctype, name, format_name, as_pdf=True), field_margins(print_format)


def long_indicators(framework: str, unit: str, code: int) -> list[tuple[str, int]]:
	"""One indicator per dimension of the demo, each with one of the demo's longest names made longer."""
	people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
	lines = []
	for index, ((dimension, weight), source, suffix) in enumerate(
		zip(DIMENSIONS, DEMO_INDICATORS, LONG_SUFFIXES), start=1
	):
		name, _dim, measure, direction, thresholds, formula = source
		indicator = make_indicator(
			framework,
			f"{code}.{index}",
			name + suffix,
			dimension,
			thresholds,
			unit=unit,
			unit_of_measure=measure,
			direction=direction,
			formula=formula,
			baselines=[{"fiscal_year": 2566 + year, "result": thresholds[1 + year]} for year in range(3)],
			**people,
		)
		lines.append((indicator, weight))
	return lines


class TestPrintFit(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_users()
		root = make_unit(demo.DEPARTMENT + "ทดสอบ", None, "Department", is_group=1)
		bureau = make_unit("กองทดสอบการพิมพ์", root, "Bureau", is_group=1)
		units = [make_unit(name, bureau, "Group", head=user("head")) for name in (LONG_UNIT, LONG_GROUP)]
		framework = make_framework(root, 2569)
		agreements = []
		for code, unit in enumerate(units, start=1):
			frappe.db.set_value(
				"KPI Unit", unit, {"unit_head_name": LONG_HEAD, "unit_head_position": "ผู้อำนวยการ" + unit}
			)
			agreement = make_agreement(unit, framework, long_indicators(framework, unit, code))
			frappe.db.set_value(
				"KPI Agreement",
				agreement,
				{
					"executive_name": LONG_EXECUTIVE,
					"executive_position": LONG_EXECUTIVE_POSITION,
					"unit_head_name": LONG_HEAD,
					"unit_head_position": "ผู้อำนวยการ" + unit,
				},
			)
			add_round_targets(agreement)
			advance(agreement, "Signed")
			agreements.append(agreement)
		assessments = [make_assessment(name, "9", [94.5, 85, 4.25, 7]) for name in agreements]
		frappe.db.set_value("KPI Assessment", assessments[0], "committee_remarks", LONG_REMARKS)
		scorecard = frappe.get_doc({"doctype": "KPI Scorecard", "framework": framework, "round_months": "9"})
		scorecard.insert()
		scorecard.build()
		cls.documents = {
			"KPI Agreement": agreements[0],
			"KPI Assessment": assessments[0],
			"KPI Scorecard": scorecard.name,
		}

	def setUp(self):
		if not shutil.which("pdftotext"):
			self.skipTest(
				"poppler-utils (pdftotext) is not installed: the print fit needs the PDF text layer"
			)

	def test_the_names_are_long(self):
		self.assertGreaterEqual(len(LONG_UNIT), 60)
		self.assertGreaterEqual(len(LONG_HEAD_POSITION), 80)
		self.assertGreater(len(LONG_UNIT), len(longest(DEMO_UNITS)))
		self.assertIn(
			LONG_UNIT, frappe.db.get_value("KPI Agreement", self.documents["KPI Agreement"], "unit")
		)

	def test_every_shipped_format_is_covered(self):
		formats = shipped_formats()
		self.assertGreaterEqual(
			{f["name"] for f in formats},
			{
				"KPI Agreement Booklet",
				"KPI Agreement Signature Page",
				"KPI Assessment Report",
				"KPI Scorecard",
			},
		)
		for print_format in formats:
			self.assertIn(
				print_format["doc_type"],
				self.documents,
				f"{print_format['name']} prints {print_format['doc_type']}: add a long-named one to this test",
			)

	def test_every_page_of_every_shipped_format_fits_its_paper(self):
		for print_format in shipped_formats():
			with self.subTest(print_format=print_format["name"]):
				pdf, margins = render(print_format, self.documents[print_format["doc_type"]])
				pages = pdf_words(pdf)
				self.assertTrue(pages, f"{print_format['name']}: no page")
				for number, width, height, _words in pages:
					self.assertAlmostEqual(
						width, A4[0], delta=1, msg=f"{print_format['name']}: page {number}"
					)
					self.assertAlmostEqual(
						height, A4[1], delta=1, msg=f"{print_format['name']}: page {number}"
					)
				found = overflows(pdf, margins)
				if found:
					self.fail(
						f"{print_format['name']} ({margins}): {len(found)} words cross the margins; "
						+ "; ".join(str(overflow) for overflow in found[:10])
					)

	def test_the_check_sees_a_word_wider_than_the_page(self):
		"""A word that cannot break, in a box wider than the page, printed by both PDF engines of the app."""
		from weasyprint import HTML

		word = "ตัวชี้วัด" + "W" * 120
		body = f'<div style="width: 260mm; white-space: nowrap">{word}</div><p>fits</p>'
		page = (
			'<style>@page { size: A4; margin: 2cm 2cm 1.8cm 2.5cm; @bottom-center { content: "1"; } }</style>'
		)
		margins = page_rule_margins(page)
		self.assertEqual(margins.running, frozenset({"bottom"}))
		self.assertAlmostEqual(margins.left, 2.5 * POINTS["cm"])
		engines = {
			"WeasyPrint": (
				HTML(string=f"<html><head>{page}</head><body>{body}</body></html>").write_pdf(),
				margins,
			),
			"wkhtmltopdf": (
				frappe.utils.pdf.get_pdf(f'<html><body><div class="print-format">{body}</div></body></html>'),
				Margins(*[15 * POINTS["mm"]] * 4),  # Frappe's default page margins
			),
		}
		for engine, (pdf, margins) in engines.items():
			with self.subTest(engine=engine):
				found = overflows(pdf, margins)
				self.assertTrue(found, f"{engine}: the overflowing word was not seen")
				self.assertTrue(
					all(overflow.side == "right" and "WWW" in overflow.word for overflow in found)
				)
				self.assertGreater(max(overflow.by for overflow in found), 20)
				self.assertIn("crosses the right margin by", str(found[0]))
				self.assertIn("fits", [w[0] for w in pdf_words(pdf)[0][3]])  # the short word is not reported


def add_round_targets(agreement: str) -> None:
	"""Targets of its own in the 6- and 9-month rounds for the first indicator (a wider detail sheet)."""
	doc = frappe.get_doc("KPI Agreement", agreement)
	first = doc.lines[0]
	for months, targets in (("6", (46, 48, 50, 52, 54)), ("9", (73, 75, 77, 79, 81))):
		doc.append(
			"round_targets",
			{
				"indicator": first.indicator,
				"round_months": months,
				**{f"level_{k}": t for k, t in enumerate(targets, 1)},
			},
		)
	doc.save()
