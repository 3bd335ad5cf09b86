"""PDF routing: a print format built on a paged-media template prints through WeasyPrint, every other
through Frappe."""

from __future__ import annotations

import frappe
from frappe.translate import print_language
from frappe.utils.print_format import download_pdf as frappe_download_pdf

from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import paged_template, render_pdf


@frappe.whitelist(allow_guest=True)
def download_pdf(
	doctype: str,
	name: str,
	format: str | None = None,
	doc: str | None = None,
	no_letterhead: int = 0,
	language: str | None = None,
	letterhead: str | None = None,
) -> None:
	"""The desk's PDF button: a print format built on a paged-media template prints through WeasyPrint;
	everything else goes to Frappe's own method unchanged (guest links with a key included)."""
	if not paged_template(format):
		return frappe_download_pdf(doctype, name, format, doc, no_letterhead, language, letterhead)
	stored = frappe.get_doc(doctype, name)  # the stored document, never one sent with the request
	with print_language(language):
		content = render_pdf(doctype, name, format, stored)
	frappe.local.response.filename = "{}.pdf".format(name.replace(" ", "-").replace("/", "-"))
	frappe.local.response.filecontent = content
	frappe.local.response.type = "pdf"
