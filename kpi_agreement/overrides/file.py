"""File, as this app needs it: evidence opens on its URL only to those who may open evidence.

Frappe serves ``/private/files/...`` and ``frappe.handler.download_file`` after asking the File document
itself (``is_downloadable``: the attached document's read permission), and zips files after its module's own
check; neither asks the app's ``has_permission`` hook. Both are narrowed here by the one rule of
``kpi_agreement/permissions/evidence.py``."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.core.api.file import zip_files as frappe_zip_files
from frappe.core.doctype.file.file import File

from kpi_agreement.permissions.evidence import may_open


class KPIFile(File):
	def is_downloadable(self) -> bool:
		return bool(super().is_downloadable()) and may_open(self)


@frappe.whitelist()
def zip_files(files: str) -> None:
	"""Frappe's *Download* of several files from the file manager, refused when one of them is a file the user
	may not download (Frappe would leave it out silently; evidence is refused on the same rule as its URL)."""
	names = [name for name in frappe.parse_json(files) if isinstance(name, str)]
	for name in names:
		if not frappe.get_doc("File", name).is_downloadable():
			raise frappe.PermissionError(_("You may not download {0}.").format(name))
	frappe_zip_files(frappe.as_json(names))
