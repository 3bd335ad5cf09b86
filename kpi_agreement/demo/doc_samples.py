r"""PDF samples of the print formats for docs/samples, each with a PNG preview of its most telling page.

    bench --site SITE execute kpi_agreement.demo.doc_samples.write \
        --kwargs "{'out_dir': '/path/to/docs/samples'}"

(a) a Tier framework (points 50 / 70 / 100, grade bands of its own on the 0-100 scale) with three signed
agreements assessed at 9 months: one unit's booklet and assessment report, and the round's scorecard;
(b) a Five Level agreement whose weights are fractions (2.5, 7.5, 0.25, 12.25 ...) totalling 100: its booklet
and assessment report; (c) a round certified line by line and appealed: the amended assessment with its
history, and the revised scorecard. The documents are made with the builders the tests and the demo use, and rolled back
at the end: the site is left as it was.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import frappe

from kpi_agreement import demo
from kpi_agreement.demo.builders import (
	DIMENSIONS,
	PASSWORD_KEY,
	advance,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
	make_unit,
	make_user,
)
from kpi_agreement.frappe_free import process, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_agreement import booklet

DOMAIN = "samples.kpi.example"
DEPARTMENT = "กรมตัวอย่างการประเมินผลการปฏิบัติราชการ"
BUREAU = "สำนักบริหารกลาง"
UNITS = ("กลุ่มงานแผนงานและงบประมาณ", "กลุ่มงานพัฒนาระบบบริหารและนวัตกรรม", "กลุ่มงานการเงินและพัสดุ")
TIER_POINTS = (50, 70, 100)
TIER_BANDS = (("Excellent", 85), ("Very Good", 75), ("Good", 65), ("Fair", 50), ("Needs Improvement", 0))
"""Grade bands of the tier framework, on its 0-100 scale."""
TIER_LINES = ((1, 25), (8, 15), (2, 20), (0, 20), (4, 20))
"""(demo indicator, weight) of each tier agreement: one or two indicators a dimension, weighing what the
framework gives the dimension."""
TIER_RESULTS = (
	(95, 70, 4.25, 94.5, 85),
	(100, 90, 4.5, 96, 90),
	(85, 55, 3.75, 92, 78),
)
"""9-month results of the three units, line by line: between tiers, at the top, below the first tier."""
FRACTIONAL_LINES = (
	(1, 27.75),
	(8, 12.25),
	(2, 2.5),
	(3, 10),
	(6, 7.5),
	(0, 12.25),
	(5, 0.25),
	(9, 7.5),
	(4, 12.5),
	(7, 7.5),
)
"""(demo indicator, weight) of the five-level agreement: fractions adding up to each dimension's weight."""
FRACTIONAL_RESULTS = (92.5, 62, 4.1, 8.5, 87, 94.5, 5, 32, 82, 4)
APPEAL_LINES = ((1, 20), (8, 20), (2, 20), (0, 20), (4, 20))
APPEAL_RESULTS = (94, 55, 4.25, 95, 85)
APPEAL_REASON = "ผลรอบ 9 เดือนไม่รวมโครงการที่ส่งมอบแล้ว 2 โครงการ (หลักฐาน: บันทึกส่งมอบงาน 28 มิ.ย.)"
APPEAL_DECISION = "หลักฐานการส่งมอบครบถ้วน ปรับคะแนนตัวชี้วัดเป็น 3.5 ตามผลที่ตรวจสอบแล้ว"


def write(out_dir: str = "docs/samples") -> list[str]:
	"""Build the sample documents, write their PDFs and previews to ``out_dir``, then roll everything back."""
	out = Path(out_dir)
	out.mkdir(parents=True, exist_ok=True)
	frappe.set_user("Administrator")
	in_test = frappe.flags.in_test
	# As in the tests: Frappe's print view then records its access log in this transaction instead of
	# committing it, so the rollback below takes back everything the samples made.
	frappe.flags.in_test = True
	conf_had_password = PASSWORD_KEY in frappe.local.conf
	if not conf_had_password:  # the sample users are rolled back: no password to keep in the site config
		frappe.local.conf[PASSWORD_KEY] = frappe.generate_hash(length=20)
	try:
		check_names_free()
		users = make_people()
		root, *units = department(users)
		return [
			*tier_samples(out, users, root, units),
			*fractional_samples(out, users, root, units[1]),
			*appeal_samples(out, users, root, units[2]),
		]
	finally:
		frappe.db.rollback()
		frappe.flags.in_test = in_test
		if not conf_had_password:
			frappe.local.conf.pop(PASSWORD_KEY, None)


def check_names_free() -> None:
	"""The samples make their own department; they never build on (or roll back into) existing documents."""
	taken = [name for name in (DEPARTMENT, BUREAU, *UNITS) if frappe.db.exists("KPI Unit", name)]
	if taken:
		frappe.throw(
			f"KPI Units already on this site: {', '.join(taken)}; the samples need a site without them."
		)


def make_people() -> frappe._dict:
	"""The demo's people (Thai names on the detail sheets) and a unit head, as users of the samples' own
	domain."""
	people = {**demo.PEOPLE, "head": ("สมหญิง รักงาน", process.UNIT_HEAD)}
	return frappe._dict(
		{key: make_user(f"{key}@{DOMAIN}", name, [role]) for key, (name, role) in people.items()}
	)


def department(users: frappe._dict) -> list[str]:
	root = make_unit(DEPARTMENT, None, "Department", is_group=1)
	bureau = make_unit(BUREAU, root, "Bureau", is_group=1)
	return [root, *(make_unit(name, bureau, "Group", head=users.head) for name in UNITS)]


def indicators(framework: str, unit: str, number: int, lines, users, tier: bool = False) -> list:
	"""The unit's indicators, taken from the demo's, and the agreement lines (indicator, weight)."""
	made = []
	dimensions = [name for name, _weight in DIMENSIONS]
	for k, (source, weight) in enumerate(lines, start=1):
		name, dim, measure, direction, thresholds, formula = demo.INDICATORS[source]
		if tier:  # three targets: ขั้นต้น, มาตรฐาน, ขั้นสูง
			thresholds = (thresholds[0], thresholds[2], thresholds[4])
		indicator = make_indicator(
			framework,
			f"{number}.{k}",
			name,
			dimensions[dim],
			thresholds,
			unit=unit,
			unit_of_measure=measure,
			direction=direction,
			formula=formula,
			indicator_owner=users.owner,
			data_collector=users.collector,
			baselines=[{"fiscal_year": 2565 + y, "result": thresholds[y]} for y in range(3)],
			**({"scoring_scheme": scoring.TIER} if tier else {}),
		)
		made.append((indicator, weight))
	return made


def tier_samples(out: Path, users: frappe._dict, root: str, units: list[str]) -> list[str]:
	framework = make_framework(
		root,
		2568,
		scoring_scheme=scoring.TIER,
		**{f"tier_{k}_points": points for k, points in enumerate(TIER_POINTS, start=1)},
		grade_bands=[{"grade": grade, "min_score": minimum} for grade, minimum in TIER_BANDS],
	)
	agreements, assessments = [], []
	for number, (unit, results) in enumerate(zip(units, TIER_RESULTS), start=1):
		lines = indicators(framework, unit, number, TIER_LINES, users, tier=True)
		agreement = make_agreement(unit, framework, lines)
		advance(agreement, process.SIGNED)
		agreements.append(agreement)
		assessments.append(make_assessment(agreement, "9", results))
	scorecard = frappe.get_doc({"doctype": "KPI Scorecard", "framework": framework, "round_months": "9"})
	scorecard.insert()
	scorecard.build()
	pdf, pages = booklet_with_pages(agreements[0])
	return [
		save(out, "tier-booklet", pdf, pages["sheet-1"]),
		save(out, "tier-assessment", print_pdf("KPI Assessment", assessments[0], "KPI Assessment Report")),
		save(out, "tier-scorecard", print_pdf("KPI Scorecard", scorecard.name, "KPI Scorecard")),
	]


def fractional_samples(out: Path, users: frappe._dict, root: str, unit: str) -> list[str]:
	framework = make_framework(root, 2569)
	lines = indicators(framework, unit, 1, FRACTIONAL_LINES, users)
	agreement = make_agreement(unit, framework, lines)
	advance(agreement, process.SIGNED)
	assessment = make_assessment(agreement, "9", FRACTIONAL_RESULTS)
	pdf, pages = booklet_with_pages(agreement)
	return [
		save(out, "five-level-booklet", pdf, pages["framework-table"]),
		save(out, "five-level-assessment", print_pdf("KPI Assessment", assessment, "KPI Assessment Report")),
	]


def appeal_samples(out: Path, users: frappe._dict, root: str, unit: str) -> list[str]:
	"""A unit's 9-month round the way people do it: the collector enters results with evidence, the owner
	certifies each line, the unit head endorses, the committee submits; the scorecard is published, the unit
	appeals one line and the committee accepts. The amended assessment prints its whole history, the
	scorecard its revision."""
	framework = make_framework(root, 2570)
	agreement = make_agreement(unit, framework, indicators(framework, unit, 1, APPEAL_LINES, users))
	advance(agreement, process.SIGNED)
	frappe.set_user(users.collector)
	doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": agreement, "round_months": "9"}).insert()
	for line, result in zip(doc.lines, APPEAL_RESULTS):
		line.self_result = str(result)
		doc.append("evidence_files", {"indicator": line.indicator, "file": evidence_file(doc.name, line)})
	doc.save()
	frappe.set_user(users.owner)
	for line in doc.lines:
		frappe.get_doc("KPI Assessment", doc.name).certify_line(line.name)
	frappe.set_user(users.head)
	frappe.get_doc("KPI Assessment", doc.name).endorse()
	frappe.set_user(users.committee)
	frappe.get_doc("KPI Assessment", doc.name).submit()
	frappe.set_user("Administrator")
	scorecard = frappe.get_doc({"doctype": "KPI Scorecard", "framework": framework, "round_months": "9"})
	scorecard.insert()
	scorecard.build()
	scorecard.flags.ignore_agreement_moves = True
	scorecard.submit()
	frappe.set_user(users.head)
	appealed = doc.lines[1]
	appeal = frappe.get_doc(
		{
			"doctype": "KPI Appeal",
			"assessment": doc.name,
			"lines": [{"indicator": appealed.indicator, "requested_score": "4", "reason": APPEAL_REASON}],
		}
	).insert()
	appeal.file()
	frappe.set_user(users.committee)
	appeal = frappe.get_doc("KPI Appeal", appeal.name)
	appeal.decision_reason = APPEAL_DECISION
	appeal.lines[0].decided_score = "3.5"
	appeal.save()
	amended = appeal.accept()
	frappe.set_user("Administrator")
	return [
		save(out, "appeal-assessment", print_pdf("KPI Assessment", amended, "KPI Assessment Report"), 2),
		save(out, "appeal-scorecard", print_pdf("KPI Scorecard", scorecard.name, "KPI Scorecard")),
	]


def evidence_file(assessment: str, line) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"หลักฐาน-{line.idx}.pdf",
				"attached_to_doctype": "KPI Assessment",
				"attached_to_name": assessment,
				"is_private": 1,
				"content": f"evidence {assessment} {line.idx}".encode(),
			}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def booklet_with_pages(agreement: str) -> tuple[bytes, dict[str, int]]:
	"""The booklet as the desk prints it, and the page each anchor of it (``framework-table``, ``sheet-1``)
	starts on."""
	from weasyprint import HTML

	doc = frappe.get_doc("KPI Agreement", agreement)
	layout = HTML(
		string=booklet.render_html(doc, booklet.PAGED_FORMATS[booklet.BOOKLET_FORMAT]),
		base_url=frappe.utils.get_url(),
		url_fetcher=booklet.site_fetcher,
	).render()
	pages = {}
	for number, page in enumerate(layout.pages, start=1):
		for anchor in page.anchors:  # an element split across pages: the page it starts on
			pages.setdefault(anchor, number)
	return booklet.render_pdf("KPI Agreement", agreement), pages


def print_pdf(doctype: str, name: str, print_format: str) -> bytes:
	return frappe.get_print(doctype, name, print_format, as_pdf=True)


def save(out: Path, stem: str, pdf: bytes, preview_page: int = 1) -> str:
	"""Write the PDF, and a PNG of one page beside it when poppler-utils is installed."""
	path = out / f"{stem}.pdf"
	path.write_bytes(pdf)
	if shutil.which("pdftoppm"):
		page = str(preview_page)
		subprocess.run(
			["pdftoppm", "-png", "-r", "70", "-f", page, "-l", page, "-singlefile", path, out / stem],
			check=True,
		)
	return str(path)
