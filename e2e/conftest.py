"""What every end-to-end test shares: the served demo site, Debian's Chromium, signing in as a demo user.

Runs against a served site with the demo department (scripts/run-tests.sh sets it up):
    KPI_E2E_URL=http://127.0.0.1:8011 KPI_E2E_PASSWORD=... pytest e2e
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

BASE = os.environ.get("KPI_E2E_URL", "http://127.0.0.1:8000")
USER = os.environ.get("KPI_E2E_USER", "coordinator@demo.kpi.example")
PASSWORD = os.environ.get("KPI_E2E_PASSWORD", "")  # the demo site's own (kpi_demo_password)
DOCS = Path(__file__).resolve().parents[1] / "docs"
CHROMIUM = os.environ.get("KPI_CHROMIUM", "/usr/bin/chromium")
DEMO_DEPARTMENT = "กรมส่งเสริมการบริหารตัวอย่าง"  # kpi_agreement.demo.DEPARTMENT
ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
		yield browser
		browser.close()


@pytest.fixture(scope="module")
def page(browser):
	"""The coordinator (or KPI_E2E_USER), signed in through the login page, where the login sends them."""
	page = login(browser, USER)
	yield page
	page.close()


def login(browser, user: str, height: int = 900) -> Page:
	page = browser.new_page(viewport={"width": 1440, "height": height}, locale="th-TH")
	page.goto(f"{BASE}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", PASSWORD)
	page.click(".btn-login")
	page.wait_for_url(re.compile(r".*/app.*"), timeout=60000)
	return page


def settle(page: Page) -> None:
	page.wait_for_load_state("networkidle")
	page.wait_for_timeout(1200)


def shot(page: Page, name: str) -> None:
	DOCS.mkdir(exist_ok=True)
	page.screenshot(path=str(DOCS / f"{name}.png"))


def call(page: Page, method: str, **args):
	return page.evaluate("([m, a]) => frappe.xcall(m, a)", [method, args])


def demo_framework(page: Page, *fields: str) -> dict:
	"""The demo department's framework: its name and the ``fields`` asked for."""
	return call(
		page,
		"frappe.client.get_value",
		doctype="KPI Framework",
		fieldname=["name", *fields],
		filters={"department": DEMO_DEPARTMENT},
	)
