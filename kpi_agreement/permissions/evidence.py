"""Who opens a unit's evidence: the unit's own people (its data collectors, indicator owners and head), the
assessment committee and the coordinators. Frappe lets whoever may read the assessment read its private
attachments; an executive reads the assessment but not the files behind it."""

from __future__ import annotations

import frappe

from kpi_agreement.frappe_free import process

EVIDENCE_OF = ("KPI Assessment", "KPI Appeal")
READERS = {
	process.COORDINATOR,
	process.COMMITTEE,
	process.DATA_COLLECTOR,
	process.INDICATOR_OWNER,
	process.UNIT_HEAD,
	"System Manager",
}
"""Roles that may open evidence (unit isolation still applies through the document the file is attached to)."""


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""``has_permission`` hook of File: a private file attached to an assessment or an appeal is refused to
	users with none of the evidence readers' roles; every other file is left to Frappe."""
	if doc.attached_to_doctype not in EVIDENCE_OF or not doc.is_private:
		return None
	user = user or frappe.session.user
	if user == "Administrator" or READERS & set(frappe.get_roles(user)):
		return None
	return False
