"""End-to-end: a Thai coordinator imports the indicator detail sheets of docs/import/ through Frappe's Data
Import page, opens an imported indicator with its levels and baselines, then imports the sheet with mistakes
and sees each refused row with its reason.

Runs against a served site with the demo department and a worker (scripts/run-tests.sh sets them up). The
screenshots go to docs/import-indicators.png and docs/import-row-errors.png."""

import re

from conftest import BASE, DOCS, call, settle, shot
from playwright.sync_api import Page, expect

SAMPLES = DOCS / "import"


def import_file(page: Page, doctype: str, sample: str) -> str:
	"""A new Data Import of ``doctype`` with the sample attached, started and finished: its status."""
	page.goto(f"{BASE}/app/data-import/new")
	settle(page)
	page.evaluate(
		"(d) => { cur_frm.set_value('reference_doctype', d); cur_frm.set_value('import_type', 'Insert New Records'); }",
		doctype,
	)
	page.wait_for_timeout(800)
	page.keyboard.press("Control+s")
	page.wait_for_url(re.compile(r".*/app/data-import/(?!new).+"), timeout=30000)
	settle(page)
	content = list((SAMPLES / f"{sample}.xlsx").read_bytes())
	# the file goes up the way the desk's uploader sends it, attached to this import
	page.evaluate(
		"""([bytes, name]) => {
			const form = new FormData();
			form.append("file", new Blob([new Uint8Array(bytes)]), name);
			form.append("is_private", 1);
			form.append("doctype", "Data Import");
			form.append("docname", cur_frm.doc.name);
			form.append("fieldname", "import_file");
			return fetch("/api/method/upload_file", {
				method: "POST", body: form, headers: { "X-Frappe-CSRF-Token": frappe.csrf_token },
			}).then((r) => r.json()).then((r) => cur_frm.set_value("import_file", r.message.file_url))
				.then(() => cur_frm.save());
		}""",
		[content, f"{sample}.xlsx"],
	)
	settle(page)
	page.locator(".primary-action:visible").click()  # Start Import
	name = page.evaluate("() => cur_frm.doc.name")
	for _ in range(120):  # the import runs in a worker; the page is told when socket.io runs, here we ask
		status = call(
			page, "frappe.client.get_value", doctype="Data Import", filters=name, fieldname="status"
		)
		if status["status"] != "Pending":
			break
		page.wait_for_timeout(1000)
	page.reload()
	settle(page)
	return status["status"]


def test_indicator_sheets_import_and_open_in_thai(page: Page):
	assert import_file(page, "KPI Indicator", "indicators") == "Success"
	shot(page, "import-indicators")
	framework = call(
		page,
		"frappe.client.get_value",
		doctype="KPI Indicator",
		fieldname="name",
		filters={"indicator_code": "10.2"},
	)
	page.goto(f"{BASE}/app/kpi-indicator/{framework['name']}")
	settle(page)
	expect(page.locator('[data-fieldname="indicator_name"]').first).to_contain_text("ระยะเวลาเฉลี่ย")
	expect(page.locator('[data-fieldname="levels"] .grid-body .grid-row')).to_have_count(5)
	expect(page.locator('[data-fieldname="baselines"] .grid-body .grid-row')).to_have_count(3)


def test_rows_with_mistakes_are_shown_with_their_reasons(page: Page):
	assert import_file(page, "KPI Indicator", "indicators-with-mistakes") == "Partial Success"
	log = page.locator('[data-fieldname="import_log_preview"]')
	expect(log).to_contain_text("เกณฑ์การให้คะแนน", timeout=30000)  # levels out of order
	expect(log).to_contain_text("11.1")  # the code used twice
	log.scroll_into_view_if_needed()
	shot(page, "import-row-errors")
