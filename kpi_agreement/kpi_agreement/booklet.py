"""The agreement booklet as a PDF, typeset by WeasyPrint (CSS paged media: running header, page numbers,
a table of contents with real page numbers, Thai line breaking through Pango)."""

from __future__ import annotations

import io
import zipfile

import frappe
from frappe import _
from frappe.utils.print_format import download_pdf as frappe_download_pdf

BOOKLET_FORMAT = "KPI Agreement Booklet"
PAGED_FORMATS = {BOOKLET_FORMAT: "templates/kpi_print/booklet.html"}


def render_html(doc, template: str) -> str:
	body = frappe.render_template(template, {"doc": doc, "frappe": frappe})
	return f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def render_pdf(doctype: str, name: str, print_format: str = BOOKLET_FORMAT) -> bytes:
	from weasyprint import HTML

	doc = frappe.get_doc(doctype, name)
	doc.check_permission("print")
	return HTML(
		string=render_html(doc, PAGED_FORMATS[print_format]), base_url=frappe.utils.get_url()
	).write_pdf()


def attach_booklet(agreement) -> str:
	"""Render the booklet, attach it to the agreement and return the file URL."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{agreement.name}-booklet.pdf",
			"attached_to_doctype": agreement.doctype,
			"attached_to_name": agreement.name,
			"attached_to_field": "booklet",
			"is_private": 1,
			"content": render_pdf(agreement.doctype, agreement.name),
		}
	).insert(ignore_permissions=True)
	return file.file_url


@frappe.whitelist()
def download_pdf(
	doctype: str,
	name: str,
	format: str | None = None,
	doc: str | None = None,
	no_letterhead: int = 0,
	language: str | None = None,
	letterhead: str | None = None,
) -> None:
	"""The desk's PDF button: paged formats through WeasyPrint, every other format as Frappe does it."""
	if format not in PAGED_FORMATS:
		return frappe_download_pdf(doctype, name, format, doc, no_letterhead, language, letterhead)
	if language:
		frappe.local.lang = language
	frappe.local.response.filename = f"{name}.pdf"
	frappe.local.response.filecontent = render_pdf(doctype, name, format)
	frappe.local.response.type = "pdf"


def compile_booklets(framework: str) -> str:
	"""Booklets of every signed agreement of a framework, attached to each and zipped into one file."""
	names = frappe.get_all(
		"KPI Agreement", filters={"framework": framework, "docstatus": 1}, pluck="name", order_by="unit"
	)
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		for index, name in enumerate(names, start=1):
			agreement = frappe.get_doc("KPI Agreement", name)
			if not agreement.booklet:
				agreement.db_set("booklet", attach_booklet(agreement))
			archive.writestr(
				f"{agreement.unit}.pdf", frappe.get_doc("File", {"file_url": agreement.booklet}).get_content()
			)
			frappe.publish_progress(
				index * 100 / len(names), title=_("Compiling booklets"), description=agreement.unit
			)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{framework}-booklets.zip",
			"attached_to_doctype": "KPI Framework",
			"attached_to_name": framework,
			"is_private": 1,
			"content": buffer.getvalue(),
		}
	).insert(ignore_permissions=True)
	frappe.publish_realtime(
		"kpi_booklets_ready", {"framework": framework, "file_url": file.file_url}, user=frappe.session.user
	)
	return file.file_url
