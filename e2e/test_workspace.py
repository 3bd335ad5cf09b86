"""End-to-end: a Thai coordinator signs in and lands on the KPI workspace, first in the sidebar with its icon,
with what waits on them (My Work) at the top; the agreement list opens on the current fiscal year with the
year as a column.

Runs against a served site with the demo department (see e2e/test_desk.py):
    KPI_E2E_URL=http://127.0.0.1:8011 KPI_E2E_PASSWORD=... pytest e2e/test_workspace.py
A screenshot of the workspace with My Work goes to docs/workspace-my-work.png.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from conftest import BASE, DOCS, USER, login, settle
from playwright.sync_api import Page, expect

from kpi_agreement.frappe_free.thai import fiscal_year_of

WORKSPACE = "/app/performance-agreements"


@pytest.fixture(scope="module")
def page(browser):
	"""Signed in through the login page, left where the login sends the user."""
	page = login(browser, USER, height=1000)
	yield page
	page.close()


def current_fiscal_year() -> int:
	return fiscal_year_of(dt.datetime.now(ZoneInfo("Asia/Bangkok")).date())  # the demo site's time zone


def test_lands_on_the_kpi_workspace_first_in_the_sidebar(page: Page):
	page.wait_for_url(re.compile(rf".*{WORKSPACE}$"), timeout=30000)
	settle(page)
	expect(page.locator(".page-title .title-text")).to_contain_text("คำรับรองการปฏิบัติราชการ")
	first = page.locator(".desk-sidebar .standard-sidebar-item").first
	expect(first).to_contain_text("คำรับรองการปฏิบัติราชการ")
	expect(first.locator(".sidebar-item-icon use")).to_have_attribute("href", "#icon-milestone")


def test_my_work_at_the_top_of_the_workspace(page: Page):
	if not page.url.endswith(WORKSPACE):
		page.goto(f"{BASE}{WORKSPACE}")
	settle(page)
	block = page.locator(".kpi-my-work")  # inside the custom block's shadow root
	expect(block.locator(".kpi-my-work-title")).to_have_text("งานของฉัน", timeout=30000)
	rows = block.locator("tbody tr")
	expect(rows.first).to_be_visible(timeout=30000)
	# the demo has agreements waiting on the coordinator: signing, compiling the booklet, summarizing scores
	expect(block).to_contain_text("KPI-AGR-")
	expect(block.locator("thead")).to_contain_text("ครบกำหนด")
	top = page.locator(".ce-block").first
	expect(top.locator(".kpi-my-work")).to_have_count(1)  # the first block of the page
	page.wait_for_timeout(2500)  # the charts below animate their bars in
	DOCS.mkdir(exist_ok=True)
	page.screenshot(path=str(DOCS / "workspace-my-work.png"))
	rows.first.locator("a").first.click()
	page.wait_for_url(re.compile(r".*/app/kpi-(agreement|assessment|framework)/.+"), timeout=30000)


def test_agreement_list_opens_on_the_current_fiscal_year(page: Page):
	year = current_fiscal_year()
	assert page.evaluate("frappe.boot.kpi_agreement.fiscal_year") == year
	page.goto(f"{BASE}/app/kpi-agreement")
	settle(page)
	year_filter = page.locator('.standard-filter-section [data-fieldname="fiscal_year"] input')
	expect(year_filter).to_have_value(str(year))
	header = page.locator(".list-row-head")
	expect(header).to_contain_text("ปีงบประมาณ (พ.ศ.)")
	years = page.locator('.list-row-container [data-filter^="fiscal_year,="]')
	expect(years.first).to_be_visible(timeout=30000)
	for value in years.all_inner_texts():
		assert value.strip() == str(year)


def test_a_year_filter_the_user_removes_stays_removed(page: Page):
	year = str(current_fiscal_year())
	year_filter = page.locator('.standard-filter-section [data-fieldname="fiscal_year"] input')

	def open_list() -> None:
		page.goto(f"{BASE}/app/kpi-agreement")
		settle(page)
		expect(page.locator(".list-row-container").first).to_be_visible(timeout=30000)

	def choose_year(value: str) -> None:  # the list saves the user's filters on the server
		with page.expect_response(lambda r: "user_settings.save" in r.url, timeout=30000):
			year_filter.fill(value)
			year_filter.press("Tab")
		settle(page)

	open_list()
	expect(year_filter).to_have_value(year)
	choose_year("")  # the user wants every year
	open_list()
	expect(year_filter).to_have_value("")  # opened again: still every year
	choose_year(year)  # as it was
