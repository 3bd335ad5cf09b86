"""End-to-end: the coordinator opens the published results page to signed-in staff, then to the public;
the demo's last published scorecard shows in Thai at desktop and phone width, the phone
page with no sideways scroll (wide tables scroll inside their own box). The setting goes back to Off.

Runs against a served site with the demo department (see e2e/test_desk.py):
    KPI_E2E_URL=http://127.0.0.1:8011 KPI_E2E_PASSWORD=... pytest e2e/test_results_page.py
Screenshots go to docs/results-page.png (1440 px) and docs/results-page-phone.png (390 px).
"""

import pytest
from conftest import BASE, DEMO_DEPARTMENT, DOCS, call, settle
from playwright.sync_api import Page, expect

from kpi_agreement.frappe_free.thai import thai_digits

PHONE = {"width": 390, "height": 844}
TITLE = "ผลการประเมินคำรับรองการปฏิบัติราชการ ระดับหน่วยงาน"


def set_results_page(page: Page, value: str) -> None:
	call(
		page,
		"frappe.client.set_value",
		doctype="KPI Settings",
		name="KPI Settings",
		fieldname="results_page",
		value=value,
	)


@pytest.fixture(scope="module")
def published(page: Page):
	"""The demo framework with a published scorecard and that scorecard's units; the page back to Off after."""
	frameworks = [
		framework["name"]
		for framework in call(
			page,
			"frappe.client.get_list",
			doctype="KPI Framework",
			filters={"department": DEMO_DEPARTMENT},
			fields=["name"],
		)
	]
	cards = call(
		page,
		"frappe.client.get_list",
		doctype="KPI Scorecard",
		filters={"docstatus": 1, "framework": ["in", frameworks]},
		fields=["name", "framework", "round_months"],
		order_by="published_on desc",
		limit_page_length=1,
	)
	assert cards, "the demo has a published scorecard (last year's 9-month round at least)"
	card = call(page, "frappe.client.get", doctype="KPI Scorecard", name=cards[0]["name"])
	yield {
		"framework": card["framework"],
		"units": [row["unit"] for row in card["rows"]],
		"round": f"รอบ {thai_digits(card['round_months'])} เดือน",  # the round last published is shown
	}
	set_results_page(page, "Off")


def open_results(browser, framework: str, viewport: dict, mobile: bool = False) -> Page:
	"""A guest's browser (no session) on the framework's results page."""
	context = browser.new_context(viewport=viewport, locale="th-TH", is_mobile=mobile, has_touch=mobile)
	guest = context.new_page()
	guest.goto(f"{BASE}/kpi-results/{framework}")
	settle(guest)
	guest.evaluate("document.fonts.ready")
	return guest


def assert_results_page(guest: Page, units: list[str], current: str) -> None:
	expect(guest.locator("html")).to_have_attribute("lang", "th")
	expect(guest.locator(".kpi-results h1")).to_have_text(TITLE)
	ranking = guest.locator("table.kpi-ranking")
	expect(ranking.locator("thead")).to_contain_text("คะแนนเฉลี่ยถ่วงน้ำหนัก")
	expect(ranking.locator("thead")).to_contain_text("ระดับผลการประเมิน")
	for unit in units:
		expect(ranking).to_contain_text(unit)
	expect(ranking.locator("tbody tr:not(.kpi-level)")).to_have_count(len(units))
	expect(guest.locator(".kpi-round.current")).to_have_text(current)
	for heading in ("การกระจายของระดับผลการประเมิน", "คะแนนรายมิติ", "แนวโน้มผลคะแนนตามรอบการประเมิน"):
		expect(guest.locator(".kpi-results h2", has_text=heading)).to_be_visible()
	expect(guest.locator(".kpi-results")).to_contain_text("ปีงบประมาณ พ.ศ.")
	assert guest.evaluate("document.fonts.check('16px Sarabun')"), "the page is set in Sarabun"
	assert "KPI-ASM-" not in guest.content()  # no assessment behind the scores


def test_off_by_default_then_for_signed_in_staff(page: Page, browser, published):
	set_results_page(page, "Off")
	guest = open_results(browser, published["framework"], {"width": 1440, "height": 900})
	assert guest.locator(".kpi-results").count() == 0  # not found
	set_results_page(page, "Logged-in Staff")
	guest.reload()
	settle(guest)
	assert guest.locator(".kpi-results").count() == 0  # a guest is not staff
	guest.context.close()
	page.goto(f"{BASE}/kpi-results/{published['framework']}")
	settle(page)
	assert_results_page(page, published["units"], published["round"])


def test_public_page_in_thai_at_desktop_width(browser, page: Page, published):
	set_results_page(page, "Public")
	guest = open_results(browser, published["framework"], {"width": 1440, "height": 900})
	assert_results_page(guest, published["units"], published["round"])
	DOCS.mkdir(exist_ok=True)
	guest.screenshot(path=str(DOCS / "results-page.png"), full_page=True)
	guest.context.close()


def test_public_page_at_phone_width(browser, page: Page, published):
	set_results_page(page, "Public")
	guest = open_results(browser, published["framework"], PHONE, mobile=True)
	assert_results_page(guest, published["units"], published["round"])
	width = guest.evaluate("document.documentElement.scrollWidth")
	assert width <= PHONE["width"], f"the page scrolls sideways on a phone: {width} px"
	wrapper = guest.locator(".kpi-scroll").first  # the ranking table scrolls in its own box
	assert wrapper.evaluate("box => box.clientWidth") <= PHONE["width"]
	DOCS.mkdir(exist_ok=True)
	guest.screenshot(path=str(DOCS / "results-page-phone.png"), full_page=True)
	guest.context.close()
