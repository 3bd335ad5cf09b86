"""End-to-end: a Thai coordinator's main jobs in the real desk, in headless Chromium.

Runs against a served site with the demo department (scripts/run-tests.sh sets it up):
    KPI_E2E_URL=http://127.0.0.1:8011 pytest e2e
Screenshots of the main screens go to docs/.
"""

import re

import pytest
from conftest import BASE, call, demo_framework, settle, shot
from playwright.sync_api import Page, expect


def test_workspace_in_thai(page: Page):
	page.goto(f"{BASE}/app/performance-agreements")
	settle(page)
	expect(page.locator(".page-title .title-text")).to_contain_text("คำรับรองการปฏิบัติราชการ")
	expect(page.get_by_text("คำรับรองที่ลงนามแล้ว").first).to_be_visible()
	expect(page.get_by_text("ติดตามขั้นตอนคำรับรอง").first).to_be_visible()
	expect(page.get_by_text("ตัวชี้วัดของฉัน").first).to_be_visible()
	page.set_viewport_size({"width": 1440, "height": 1000})
	expect(page.locator(".chart-container svg").nth(1)).to_be_visible(timeout=15000)
	page.wait_for_timeout(3000)  # the charts animate their bars in
	shot(page, "workspace")
	page.set_viewport_size({"width": 1440, "height": 900})


def test_create_indicator_with_levels(page: Page):
	framework = demo_framework(page)["name"]
	page.goto(f"{BASE}/app/kpi-indicator/new")
	settle(page)
	page.locator('[data-fieldname="indicator_code"] input').fill("E2E.1")
	page.locator('[data-fieldname="indicator_name"] input').fill("ร้อยละของงานที่แล้วเสร็จตามกำหนด")
	page.evaluate(
		"""(fw) => {
			cur_frm.set_value("framework", fw);
			return frappe.db.get_doc("KPI Framework", fw).then((doc) => {
				cur_frm.set_value("dimension", doc.dimensions[0].dimension);
				cur_frm.set_value("unit_of_measure", "ร้อยละ");
				[80, 85, 90, 95, 100].forEach((t, i) => (cur_frm.doc.levels[i].threshold = t));
				cur_frm.refresh_field("levels");
				cur_frm.trigger("render_preview");
			});
		}""",
		framework,
	)
	page.wait_for_timeout(800)
	page.locator(".kpi-sample").fill("92.5")
	expect(page.locator(".kpi-sample-score")).to_contain_text("3.5000", timeout=10000)
	shot(page, "indicator")
	page.keyboard.press("Control+s")
	page.wait_for_url(re.compile(r".*/kpi-indicator/KPI-IND-.*"), timeout=30000)
	expect(page.locator(".page-title .title-text")).to_contain_text("ร้อยละของงานที่แล้วเสร็จตามกำหนด")


MOVES = (  # state, the coordinator's action in Thai, the next state in Thai
	("Framework Review", "เริ่มจัดทำรายละเอียดตัวชี้วัด", "จัดทำรายละเอียดตัวชี้วัด"),
	("Indicator Drafting", "ส่งพิจารณา/เจรจา", "พิจารณา/เจรจาตัวชี้วัด"),
)


def test_move_an_agreement_one_step(page: Page):
	framework = demo_framework(page)["name"]

	def agreement_at(state: str):
		filters = {"workflow_state": state, "framework": framework}
		return call(
			page, "frappe.client.get_value", doctype="KPI Agreement", fieldname="name", filters=filters
		)

	found, action, next_state = next(
		((agreement_at(state), action, after) for state, action, after in MOVES if agreement_at(state)),
		(None, None, None),
	)
	if not found:
		pytest.skip("no agreement of the demo department is at step 1 or 2")
	page.goto(f"{BASE}/app/kpi-agreement/{found['name']}")
	settle(page)
	expect(page.locator(".kpi-steps")).to_be_visible()
	page.get_by_role("button", name=re.compile("การดำเนินการ|Actions")).click()
	page.get_by_text(action, exact=True).click()
	expect(page.locator(".indicator-pill").first).to_contain_text(next_state, timeout=30000)
	settle(page)
	shot(page, "agreement")


def test_score_summary(page: Page):
	framework = demo_framework(page)["name"]
	page.goto(f"{BASE}/app/query-report/KPI Score Summary?framework={framework}&round_months=9")
	settle(page)
	expect(page.locator(".dt-scrollable .dt-row").nth(2)).to_be_visible(timeout=30000)
	expect(page.get_by_text("สรุปผลคะแนนรายหน่วยงาน").first).to_be_visible()
	shot(page, "score-summary")


def test_build_scorecard(page: Page):
	framework = demo_framework(page)["name"]
	existing = call(
		page,
		"frappe.client.get_value",
		doctype="KPI Scorecard",
		fieldname="name",
		filters={"framework": framework, "round_months": "9", "docstatus": 0},
	)
	if existing:
		page.goto(f"{BASE}/app/kpi-scorecard/{existing['name']}")
	else:
		page.goto(f"{BASE}/app/kpi-scorecard/new")
		settle(page)
		page.evaluate(
			"(fw) => cur_frm.set_value('framework', fw).then(() => cur_frm.set_value('round_months', '9'))",
			framework,
		)
		page.wait_for_timeout(500)
		page.keyboard.press("Control+s")
		page.wait_for_url(re.compile(r".*/kpi-scorecard/KPI-SC-.*"), timeout=30000)
	settle(page)
	with page.expect_response(lambda response: "run_doc_method" in response.url, timeout=60000):
		page.get_by_role("button", name="สรุปผลคะแนน", exact=True).click()
	settle(page)
	grades = page.locator('[data-fieldname="rows"] .grid-body .grid-row [data-fieldname="grade"]')
	expect(grades.first).to_contain_text(re.compile("[ก-๛]"), timeout=30000)  # grades in Thai
	expect(page.get_by_role("button", name="เพิ่มแถว")).to_have_count(0)  # rows come only from the build
	page.get_by_text("คะแนนรายมิติ", exact=True).click()
	table = page.locator(".kpi-dimension-table")
	expect(table).to_contain_text("มิติที่ ๑")  # a column per dimension of the demo framework
	expect(table.locator("tbody tr")).to_have_count(grades.count())
	table.scroll_into_view_if_needed()
	expect(page.locator(".desk-alert")).to_have_count(0, timeout=15000)  # let the "saved" toast go
	shot(page, "scorecard")


def test_process_tracker_shows_late_units(page: Page):
	page.goto(f"{BASE}/app/query-report/KPI Process Tracker?framework={demo_framework(page)}")
	settle(page)
	expect(page.locator(".dt-scrollable .dt-row").first).to_be_visible(timeout=30000)
	expect(page.get_by_text("เกินกำหนด").first).to_be_visible()
	shot(page, "process-tracker")


def test_print_signature_page(page: Page):
	name = call(
		page,
		"frappe.client.get_value",
		doctype="KPI Agreement",
		fieldname="name",
		filters={"docstatus": 1, "framework": demo_framework(page)["name"]},
	)["name"]
	page.goto(
		f"{BASE}/printview?doctype=KPI%20Agreement&name={name}&format=KPI%20Agreement%20Signature%20Page"
	)
	settle(page)
	expect(page.get_by_text("ผู้รับคำรับรอง").first).to_be_visible()
	shot(page, "print-signature-preview")
	pdf = page.request.get(
		f"{BASE}/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": "KPI Agreement", "name": name, "format": "KPI Agreement Signature Page"},
	)
	assert pdf.ok and pdf.body().startswith(b"%PDF")
