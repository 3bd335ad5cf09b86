"""The agreement booklet as a PDF, typeset by WeasyPrint (CSS paged media: running header, page numbers,
a table of contents with real page numbers, Thai line breaking through Pango)."""

from __future__ import annotations

import io
import mimetypes
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frappe
from frappe import _
from frappe.core.api.file import get_max_file_size
from frappe.www.printview import validate_print_permission

from kpi_agreement.utils import bulk_jobs

BOOKLET_FORMAT = "KPI Agreement Booklet"
PAGED_TEMPLATES = ("templates/kpi_print/booklet.html",)
"""Templates that need CSS paged media: a print format whose template includes one prints through
WeasyPrint, whatever the format is called; every other print format prints as Frappe prints it."""
PAGED_FORMATS = {BOOKLET_FORMAT: PAGED_TEMPLATES[0]}


def render_html(doc, template: str) -> str:
	body = frappe.render_template(template, {"doc": doc, "frappe": frappe})
	return f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def paged_template(print_format: str | None) -> str | None:
	"""The paged-media template a print format is built on, if any."""
	if not print_format:
		return None
	html = frappe.db.get_value("Print Format", print_format, "html") or ""
	return next((template for template in PAGED_TEMPLATES if template in html), None)


def render_pdf(doctype: str, name: str, print_format: str = BOOKLET_FORMAT, doc=None) -> bytes:
	from weasyprint import HTML

	doc = doc or frappe.get_doc(doctype, name)
	validate_print_permission(doc)
	template = paged_template(print_format) or PAGED_FORMATS[BOOKLET_FORMAT]
	return HTML(
		string=render_html(doc, template), base_url=frappe.utils.get_url(), url_fetcher=site_fetcher
	).write_pdf()


def site_fetcher(url: str) -> dict:
	"""WeasyPrint reads data URLs and this site's own files only: app assets, public files, and private
	files the user may read. Any other URL (another host, file://) is refused."""
	from weasyprint import default_url_fetcher

	if url.startswith("data:"):
		return default_url_fetcher(url)
	parts = urlsplit(url)
	own = urlsplit(frappe.utils.get_url())
	if parts.scheme not in ("http", "https") or parts.netloc != own.netloc:
		raise ValueError(f"not this site's file: {url}")
	path = unquote(parts.path)
	file = local_file(path)
	if not file:
		raise ValueError(f"not this site's file: {url}")
	return {"string": file.read_bytes(), "mime_type": mimetypes.guess_type(file.name)[0]}


def local_file(path: str) -> Path | None:
	"""The file on disk behind a site URL path, if the user may read it."""
	roots = {
		"/assets/": Path(frappe.local.sites_path, "assets"),
		"/files/": Path(frappe.get_site_path("public", "files")),
		"/private/files/": Path(frappe.get_site_path("private", "files")),
	}
	for prefix, root in roots.items():
		if not path.startswith(prefix):
			continue
		relative = path[len(prefix) :]
		if prefix == "/assets/":  # each app's assets are a link to its public folder
			app, _, relative = relative.partition("/")
			if not app or app.startswith("."):
				return None
			root = root / app
		root = root.resolve()
		file = (root / relative).resolve()
		if not file.is_relative_to(root) or not file.is_file():
			return None
		if prefix == "/private/files/" and not may_read_private(path):
			return None
		return file
	return None


def may_read_private(file_url: str) -> bool:
	name = frappe.db.get_value("File", {"file_url": file_url})
	return bool(name) and frappe.get_doc("File", name).is_downloadable()


def booklet_file(agreement) -> str | None:
	"""The File record of the agreement's booklet: attached to this agreement, in its booklet field."""
	if not agreement.booklet:
		return None
	return frappe.db.get_value(
		"File",
		{
			"file_url": agreement.booklet,
			"attached_to_doctype": agreement.doctype,
			"attached_to_name": agreement.name,
			"attached_to_field": "booklet",
		},
	)


def attach_booklet(agreement, content: bytes | None = None) -> str:
	"""Attach the booklet (rendered now unless given) to the agreement and return the file URL."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{agreement.name}-booklet.pdf",
			"attached_to_doctype": agreement.doctype,
			"attached_to_name": agreement.name,
			"attached_to_field": "booklet",
			"is_private": 1,
			"content": content or render_pdf(agreement.doctype, agreement.name),
		}
	).insert(ignore_permissions=True)
	return file.file_url


BOOKLET_CHUNK = 10
"""Booklets one background job typesets (about 2 s each): 1,000 agreements make 100 jobs on the long queue."""


def start_compiling(framework: str) -> str:
	"""Booklets of the framework's signed agreements that have none, in background jobs; the job that makes
	the last one zips them all. Returns the run's id."""
	missing = agreements_without_booklet(framework)
	title = _("Compiling booklets: {0}").format(framework)
	run = bulk_jobs.start(
		"kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet.compile_booklet",
		missing,
		title=title,
		chunk_size=BOOKLET_CHUNK,
		finish="kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet.zip_booklets",
		finish_arguments={"framework": framework},
	)
	bulk_jobs.queued_message(title, len(missing))
	return run


BOOKLET_FILE = """`tabFile` f on f.file_url = a.booklet and f.attached_to_doctype = 'KPI Agreement'
	and f.attached_to_name = a.name and f.attached_to_field = 'booklet'"""
"""The File an agreement ``a``'s booklet field points at, as booklet_file() finds it, for a join."""


def agreements_without_booklet(framework: str) -> list[str]:
	"""Signed agreements of the framework with no booklet file attached in their booklet field."""
	return frappe.db.sql_list(
		f"""select a.name from `tabKPI Agreement` a left join {BOOKLET_FILE}
		where a.framework = %s and a.docstatus = 1 and f.name is null
		order by a.name""",
		framework,
	)


def compile_booklet(name: str) -> bulk_jobs.Outcome:
	"""Typeset one agreement's booklet and attach it, unless it has one. The PDF is made before the
	agreement is locked (typesetting takes seconds); the lock then makes sure only one run attaches it."""
	agreement = frappe.get_doc("KPI Agreement", name)
	if booklet_file(agreement):
		return "skipped"
	content = render_pdf(agreement.doctype, agreement.name, doc=agreement)
	agreement = frappe.get_doc("KPI Agreement", name, for_update=True)
	if booklet_file(agreement):
		return "skipped"
	agreement.db_set("booklet", attach_booklet(agreement, content))
	return "done"


ZIP_ENTRY_OVERHEAD = 512
"""Bytes a ZIP adds per file (headers and the central directory entry, with a unit's name), with room to spare."""


def zip_booklets(framework: str) -> list[str]:
	"""Every booklet of the framework's signed agreements in ZIP files attached to the framework, each within
	the site's largest file size (1,000 booklets are well over Frappe's default 25 MB): one ZIP when they fit.
	The previous ZIPs are replaced; the user who compiled them is told. Returns the ZIPs' URLs."""
	remove_zips(framework)
	parts = list(zip_parts(framework_booklets(framework), get_max_file_size()))
	numbered = len(parts) > 1
	urls = [
		attach_zip(framework, f"{framework}-booklets{f'-{number}' if numbered else ''}.zip", part)
		for number, part in enumerate(parts, start=1)
	]
	frappe.publish_realtime(
		"kpi_booklets_ready",
		{"framework": framework, "file_url": urls[0] if urls else None, "file_urls": urls},
		user=frappe.session.user,
	)
	return urls


def framework_booklets(framework: str) -> list[frappe._dict]:
	"""The booklet file of each signed agreement of the framework, by unit."""
	return frappe.db.sql(
		f"""select a.unit, f.name as file, f.file_size from `tabKPI Agreement` a join {BOOKLET_FILE}
		where a.framework = %s and a.docstatus = 1
		order by a.unit""",
		framework,
		as_dict=True,
	)


def zip_parts(booklets: list[frappe._dict], limit: int) -> Iterator[list[frappe._dict]]:
	"""The booklets in consecutive groups whose ZIP stays within ``limit`` bytes."""
	part, size = [], 0
	for booklet in booklets:
		entry = int(booklet.file_size or 0) + ZIP_ENTRY_OVERHEAD
		if part and size + entry > limit:
			yield part
			part, size = [], 0
		part.append(booklet)
		size += entry
	if part:
		yield part


def attach_zip(framework: str, file_name: str, booklets: list[frappe._dict]) -> str:
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
		for booklet in booklets:
			archive.writestr(f"{booklet.unit}.pdf", frappe.get_doc("File", booklet.file).get_content())
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": "KPI Framework",
				"attached_to_name": framework,
				"is_private": 1,
				"content": buffer.getvalue(),
			}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def remove_zips(framework: str) -> None:
	for previous in frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": "KPI Framework",
			"attached_to_name": framework,
			"file_name": ("like", f"{framework}-booklets%.zip"),
		},
		pluck="name",
	):
		frappe.delete_doc("File", previous, ignore_permissions=True)


def compile_booklets(framework: str) -> str | None:
	"""Every missing booklet of the framework here and now (no job), then the ZIP; returns its (first) URL."""
	for name in agreements_without_booklet(framework):
		compile_booklet(name)
	return next(iter(zip_booklets(framework)), None)
