"""End-to-end: a Thai user reads and types dates in the Buddhist era (พ.ศ.) everywhere in the desk.

Runs against a served site with the demo department (see e2e/test_desk.py):
    KPI_E2E_URL=http://127.0.0.1:8011 KPI_E2E_PASSWORD=... pytest e2e/test_thai_calendar.py
The demo sets the date format dd-mm-yyyy. A screenshot of a form with พ.ศ. dates goes to docs/thai-calendar.png.
"""

import re

from conftest import BASE, DOCS, call, demo_framework, settle
from playwright.sync_api import Page, expect

ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")
HOLIDAY = "วันทดสอบปฏิทินไทย (e2e)"


def cell_input(row, fieldname: str):
	return row.locator(f'.grid-static-col[data-fieldname="{fieldname}"] input')


def type_in_cell(page: Page, row, fieldname: str, text: str, then: str) -> None:
	"""Type into a grid cell, then leave it by clicking the cell ``then`` (the change is read on leaving)."""
	row.locator(f'.grid-static-col[data-fieldname="{fieldname}"]').click()
	cell_input(row, fieldname).fill(text)
	row.locator(f'.grid-static-col[data-fieldname="{then}"]').click()
	page.wait_for_timeout(600)


def new_holiday_row(page: Page):
	page.goto(f"{BASE}/app/kpi-settings")
	settle(page)
	grid = page.locator('.frappe-control[data-fieldname="holidays"]')
	grid.locator(".grid-add-row").click()
	return grid.locator(".grid-body .grid-row").last


def holiday_dates(page: Page) -> list:
	return page.evaluate("() => cur_frm.doc.holidays.map((row) => row.holiday_date || null)")


def close_message(page: Page) -> None:
	page.locator(".modal.show .btn-modal-close").first.click()
	page.wait_for_timeout(400)


def test_a_date_typed_in_the_buddhist_era_is_stored_as_that_day(page: Page):
	before = [h["name"] for h in call(page, "frappe.client.get", doctype="KPI Settings")["holidays"]]
	row = new_holiday_row(page)
	try:
		type_in_cell(page, row, "holiday_date", "31-03-2571", then="description")
		assert holiday_dates(page)[-1] == "2028-03-31"
		expect(cell_input(row, "holiday_date")).to_have_value("31-03-2571")
		type_in_cell(page, row, "description", HOLIDAY, then="holiday_date")
		page.evaluate("() => cur_frm.save()")
		settle(page)
		stored = call(page, "frappe.client.get", doctype="KPI Settings")["holidays"]
		assert [(h["holiday_date"], h["description"]) for h in stored if h["name"] not in before] == [
			("2028-03-31", HOLIDAY)
		]
		page.reload()
		settle(page)
		saved = page.locator('.frappe-control[data-fieldname="holidays"] .grid-body .grid-row').last
		expect(saved.locator('.grid-static-col[data-fieldname="holiday_date"]')).to_have_text("31-03-2571")
	finally:  # the holidays as they were
		page.evaluate(
			"""(before) => cur_frm.reload_doc().then(() => {
				const kept = cur_frm.doc.holidays.filter((row) => before.includes(row.name));
				if (kept.length === cur_frm.doc.holidays.length) return null;
				cur_frm.doc.holidays = kept;
				cur_frm.dirty();
				return cur_frm.save();
			})""",
			before,
		)
		settle(page)


def test_a_typed_text_that_is_not_a_date_never_becomes_one(page: Page):
	row = new_holiday_row(page)
	try:
		type_in_cell(page, row, "holiday_date", "31-03-2571", then="description")
		for text in ("31-02-2571", "32-01-2571", "1-3-71", "31-03-25712", "2571-13-01"):
			type_in_cell(page, row, "holiday_date", text, then="description")
			expect(page.locator(".modal.show .msgprint")).to_contain_text(text)
			close_message(page)
			assert holiday_dates(page)[-1] == "2028-03-31", text  # kept, not turned into another day
			expect(cell_input(row, "holiday_date")).to_have_value("31-03-2571")
		# The ways of writing the same day are read as that day, and only as it.
		parsed = page.evaluate(
			"""() => ["31-03-2571", "31/3/2571", "๓๑-๐๓-๒๕๗๑", "2571-03-31", "31-03-2028", "29-02-2567",
				"29-02-2568", "31-03-2571 14:30"].map((text) =>
				kpi_agreement.thai_calendar.parse(text, frappe.sys_defaults.date_format))"""
		)
		assert parsed == [
			"2028-03-31",
			"2028-03-31",
			"2028-03-31",
			"2028-03-31",
			"2028-03-31",  # a Gregorian year stays Gregorian
			"2024-02-29",  # 2567 is a leap year
			None,  # 2568 is not
			"2028-03-31 14:30:00",
		]
	finally:
		page.evaluate("() => cur_frm.reload_doc()")
		settle(page)


def test_forms_grids_timeline_and_messages_show_the_buddhist_era(page: Page):
	framework = demo_framework(page, "fiscal_year")
	year = int(framework["fiscal_year"])  # 6-month cut-off: 31 March of the fiscal year (พ.ศ.)
	page.goto(f"{BASE}/app/kpi-framework/{framework['name']}")
	settle(page)
	form = page.locator(".form-layout")
	expect(page.locator('.frappe-control[data-fieldname="start_date"]')).to_contain_text(f"01-10-{year - 1}")
	rounds = page.locator('.frappe-control[data-fieldname="rounds"]')
	expect(rounds.locator(".grid-body")).to_contain_text(f"31-03-{year}")
	assert not ISO_DATE.search(form.inner_text())
	assert not ISO_DATE.search(page.locator(".new-timeline").inner_text())  # "changed ... to 26-11-2569"

	# The calendar pop-up: Thai month, พ.ศ. year (the screenshot: step 1's times, the rounds, the pop-up).
	page.set_viewport_size({"width": 1440, "height": 1200})
	page.locator('.frappe-control[data-fieldname="review_due_on"]').evaluate(
		"(field) => { field.closest('.form-section').scrollIntoView(); window.scrollBy(0, -70); }"
	)
	row = rounds.locator(".grid-body .grid-row").first
	row.locator('.grid-static-col[data-fieldname="cut_off_date"]').click()
	picker = page.locator(".datepicker.active")
	expect(picker.locator(".datepicker--nav-title")).to_contain_text(f"มีนาคม, {year}")
	page.wait_for_timeout(300)
	DOCS.mkdir(exist_ok=True)
	page.screenshot(path=str(DOCS / "thai-calendar.png"))
	page.set_viewport_size({"width": 1440, "height": 900})

	# The server's message names the dates in พ.ศ. too.
	try:
		type_in_cell(page, row, "cut_off_date", f"31-03-{year + 1}", then="months")
		page.evaluate("() => cur_frm.save()")
		message = page.locator(".modal.show .msgprint")
		expect(message).to_contain_text(f"31 มี.ค. {year + 1}")
		expect(message).to_contain_text(f"1 ต.ค. {year - 1}")
		close_message(page)
	finally:
		page.evaluate("() => cur_frm.reload_doc()")
		settle(page)


def test_lists_reports_and_filters_show_the_buddhist_era(page: Page):
	framework = demo_framework(page, "fiscal_year")
	year = int(framework["fiscal_year"])

	# A list filter on a date shows it in พ.ศ.
	page.goto(f"{BASE}/app/kpi-framework?start_date=" + f"{year - 544}-10-01")
	settle(page)
	page.locator(".filter-selector button").first.click()
	expect(page.locator(".filter-field input").first).to_have_value(f"01-10-{year - 1}")
	page.keyboard.press("Escape")

	# The report view of a list: a date column in พ.ศ.
	page.goto(f"{BASE}/app/kpi-framework/view/report")
	settle(page)
	page.evaluate("() => cur_list.add_column_to_datatable('start_date', 'KPI Framework')")
	try:
		cells = page.locator(".dt-scrollable")
		expect(cells).to_contain_text(f"01-10-{year - 1}", timeout=15000)
		assert not ISO_DATE.search(cells.inner_text())
	finally:
		page.evaluate(
			"""() => {
				const column = cur_list.columns.find((c) => c.docfield?.fieldname === "start_date");
				column && cur_list.remove_column_from_datatable(column);
			}"""
		)
		settle(page)

	# The process tracker (a query report with date-and-time columns) and the agreement list.
	page.goto(f"{BASE}/app/query-report/KPI Process Tracker?framework={framework['name']}")
	settle(page)
	table = page.locator(".dt-scrollable")
	expect(table).to_contain_text(re.compile(r"\d\d-\d\d-25\d\d \d\d:\d\d"), timeout=30000)
	assert not ISO_DATE.search(table.inner_text())
	page.goto(f"{BASE}/app/kpi-agreement?framework={framework['name']}")
	settle(page)
	expect(page.locator(".frappe-list .result")).to_contain_text(re.compile(r" 25\d\d"))
