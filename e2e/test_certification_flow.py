"""End-to-end: results certified line by line and a score appealed, each person in their own browser.

The data collector enters the results and attaches evidence, the indicator owner certifies each line, the
unit head endorses, the committee scores and submits; the round's scorecard is published; the unit head
appeals a line, the committee accepts it, and the scorecard changes. Screenshots go to docs/.
"""

import re

import pytest
from conftest import BASE, DEMO_DEPARTMENT, call, login, settle, shot
from playwright.sync_api import Page, expect

DOMAIN = "demo.kpi.example"
ROUND = "12"


def open_doc(page: Page, route: str) -> None:
	page.goto(f"{BASE}/app/{route}")
	settle(page)


def menu(page: Page, group: str, item: str) -> None:
	page.get_by_role("button", name=group).click()
	page.get_by_role("link", name=item).or_(page.get_by_text(item, exact=True)).first.click()


def confirm(page: Page) -> None:
	page.locator(".modal.show .btn-primary").last.click()
	settle(page)


def demo_frameworks(page) -> list[str]:
	"""The demo department's frameworks (the test site holds other departments' too)."""
	return [
		row["name"]
		for row in call(
			page, "frappe.client.get_list", doctype="KPI Framework", filters={"department": DEMO_DEPARTMENT}
		)
	]


@pytest.fixture(scope="module")
def case(browser):
	"""An agreement of the demo at step 6 whose 12-month round is not assessed yet, and its people."""
	coordinator = login(browser, f"coordinator@{DOMAIN}")
	agreements = call(
		coordinator,
		"frappe.client.get_list",
		doctype="KPI Agreement",
		filters={"workflow_state": "Booklet Compiled", "framework": ["in", demo_frameworks(coordinator)]},
		fields=["name", "unit", "framework"],
	)
	for agreement in agreements:
		taken = call(
			coordinator,
			"frappe.client.get_count",
			doctype="KPI Assessment",
			filters={"agreement": agreement["name"], "round_months": ROUND, "docstatus": ["<", 2]},
		)
		if not taken:
			head = call(
				coordinator,
				"frappe.client.get_value",
				doctype="KPI Unit",
				filters=agreement["unit"],
				fieldname="unit_head",
			)["unit_head"]
			coordinator.close()
			return {**agreement, "head": head}
	coordinator.close()
	pytest.skip("no demo agreement at step 6 without a 12-month assessment")


def test_certify_endorse_score_appeal(browser, case):
	# the data collector: a new assessment, round chosen before saving, results typed in the grid
	collector = login(browser, f"collector@{DOMAIN}")
	open_doc(collector, "kpi-assessment/new")
	collector.evaluate("(a) => cur_frm.set_value('agreement', a)", case["name"])
	collector.wait_for_timeout(1500)
	collector.evaluate("(r) => cur_frm.set_value('round_months', r)", ROUND)
	collector.keyboard.press("Control+s")
	collector.wait_for_url(re.compile(r".*/kpi-assessment/KPI-ASM-.*"), timeout=30000)
	settle(collector)
	name = collector.evaluate("() => cur_frm.doc.name")
	lines = collector.evaluate("() => cur_frm.doc.lines.map((l) => [l.name, l.indicator, l.level_4])")
	for row, _indicator, level_4 in lines:  # as typing in the grid does
		collector.evaluate(
			"([row, value]) => frappe.model.set_value('KPI Assessment Line', row, 'self_result', String(value))",
			[row, level_4],
		)
	collector.wait_for_timeout(800)
	# evidence: a private file uploaded the way the desk's uploader does, one row per line
	for _row, indicator, _level in lines:
		url = collector.evaluate(
			"""([doc, indicator]) => {
				const form = new FormData();
				form.append("file", new Blob(["หลักฐานผลการดำเนินงาน"], { type: "text/plain" }), `evidence-${indicator}.txt`);
				form.append("is_private", 1);
				form.append("doctype", "KPI Assessment");
				form.append("docname", doc);
				return fetch("/api/method/upload_file", {
					method: "POST", body: form, headers: { "X-Frappe-CSRF-Token": frappe.csrf_token },
				}).then((r) => r.json()).then((r) => r.message.file_url);
			}""",
			[name, indicator],
		)
		collector.evaluate(
			"([indicator, url]) => { cur_frm.add_child('evidence_files', { indicator, file: url }); cur_frm.refresh_field('evidence_files'); }",
			[indicator, url],
		)
	collector.keyboard.press("Control+s")
	settle(collector)
	states = collector.evaluate("() => cur_frm.doc.lines.map((l) => l.line_state)")
	assert set(states) == {"Entered"}
	shot(collector, "certification-collector")
	collector.close()

	# the indicator owner certifies each line from the Certification menu
	owner = login(browser, f"owner@{DOMAIN}")
	open_doc(owner, f"kpi-assessment/{name}")
	for _ in lines:
		menu(owner, "การรับรองผล", "รับรองผลตัวชี้วัด")
		owner.locator(".modal.show .btn-primary").last.click()
		settle(owner)
	assert set(owner.evaluate("() => cur_frm.doc.lines.map((l) => l.line_state)")) == {"Certified"}
	shot(owner, "certification-owner")
	owner.close()

	# the unit head endorses
	head = login(browser, case["head"])
	open_doc(head, f"kpi-assessment/{name}")
	menu(head, "การรับรองผล", "ให้ความเห็นชอบ")
	confirm(head)
	expect(head.locator(".form-message")).to_contain_text("เห็นชอบ", timeout=15000)
	shot(head, "certification-head")
	head.close()

	# the committee scores one line and submits
	committee = login(browser, f"committee@{DOMAIN}")
	open_doc(committee, f"kpi-assessment/{name}")
	committee.evaluate("() => { cur_frm.doc.lines[0].committee_score = '3'; cur_frm.dirty(); }")
	committee.keyboard.press("Control+s")
	settle(committee)
	committee.evaluate("() => { cur_frm.savesubmit(); }")
	confirm(committee)
	assert committee.evaluate("() => cur_frm.doc.docstatus") == 1
	shot(committee, "certification-committee")

	# the round's scorecard is built and published
	coordinator = login(browser, f"coordinator@{DOMAIN}")
	scorecard = call(
		coordinator,
		"frappe.client.insert",
		doc={"doctype": "KPI Scorecard", "framework": case["framework"], "round_months": ROUND},
	)["name"]
	open_doc(coordinator, f"kpi-scorecard/{scorecard}")
	coordinator.get_by_role("button", name="สรุปผลคะแนน", exact=True).click()
	settle(coordinator)
	coordinator.evaluate("() => { cur_frm.savesubmit(); }")
	confirm(coordinator)
	before = coordinator.evaluate(
		"(unit) => cur_frm.doc.rows.find((r) => r.unit === unit).total_score", case["unit"]
	)

	# the unit head appeals the first line
	head = login(browser, case["head"])
	open_doc(head, "kpi-appeal/new")
	head.evaluate(
		"""([assessment, indicator]) => {
			cur_frm.set_value("assessment", assessment);
			const row = cur_frm.add_child("lines", { indicator, requested_score: "4", reason: "ผลถึงเป้าหมายตามหลักฐานที่แนบ" });
			cur_frm.refresh_field("lines");
		}""",
		[name, lines[0][1]],
	)
	head.keyboard.press("Control+s")
	head.wait_for_url(re.compile(r".*/kpi-appeal/KPI-APL-.*"), timeout=30000)
	settle(head)
	head.get_by_role("button", name="ยื่นคำขอทบทวน").click()
	confirm(head)
	appeal = head.evaluate("() => cur_frm.doc.name")
	assert head.evaluate("() => cur_frm.doc.status") == "Filed"
	shot(head, "appeal-filed")
	head.close()

	# the committee accepts with its new score; the scorecard is revised
	open_doc(committee, f"kpi-appeal/{appeal}")
	committee.evaluate(
		"""() => {
			cur_frm.set_value("decision_reason", "หลักฐานครบถ้วน");
			cur_frm.doc.lines[0].decided_score = "5";
			cur_frm.dirty();
		}"""
	)
	menu(committee, "พิจารณา", "รับคำขอ")
	confirm(committee)
	expect(committee.locator(".indicator-pill").first).to_be_visible()
	assert committee.evaluate("() => cur_frm.doc.status") == "Accepted"
	shot(committee, "appeal-accepted")
	committee.close()

	open_doc(coordinator, f"kpi-scorecard/{scorecard}")
	after = coordinator.evaluate(
		"(unit) => cur_frm.doc.rows.find((r) => r.unit === unit).total_score", case["unit"]
	)
	assert after > before
	assert coordinator.evaluate("() => cur_frm.doc.revised_after_appeal_on")
	shot(coordinator, "scorecard-revised")
	coordinator.close()
