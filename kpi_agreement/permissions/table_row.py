"""Rows of the app's tables are part of their parent document: read with the parent's permission and
written only through the parent, so the parent's checks (unit, workflow state, permission levels, totals)
always run. Frappe lets a row be read, saved or deleted on its own by name (REST resource, client.get)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document


class TableRow(Document):
	def has_permission(self, permtype: str = "read", *, debug: bool = False, user: str | None = None) -> bool:
		if self.flags.ignore_permissions:
			return True
		parent = self.parent_doc or self.stored_parent()
		if parent is None:
			return super().has_permission(permtype, debug=debug, user=user)
		return frappe.has_permission(self.parenttype, permtype, parent, user=user)

	def stored_parent(self) -> Document | None:
		if self.parenttype and self.parent and frappe.db.exists(self.parenttype, self.parent):
			return frappe.get_doc(self.parenttype, self.parent)
		return None

	def validate(self) -> None:
		"""Only a row saved on its own is validated as a document: refuse it."""
		self.refuse_alone()

	def on_trash(self) -> None:
		self.refuse_alone()

	def refuse_alone(self) -> None:
		frappe.throw(
			_("A row of {0} is changed through its {0}: open {1} and edit the table there.").format(
				_(self.parenttype or _("its document")), self.parent or ""
			),
			frappe.PermissionError,
			title=_("Edit the whole document"),
		)
