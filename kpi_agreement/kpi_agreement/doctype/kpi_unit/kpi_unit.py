# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.treeview import make_tree_args
from frappe.utils.nestedset import NestedSet


class KPIUnit(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_kpi_unit: DF.Link | None
		rgt: DF.Int
		unit_head: DF.Link | None
		unit_head_name: DF.Data | None
		unit_head_position: DF.Data | None
		unit_name: DF.Data
		unit_type: DF.Literal["Department", "Bureau", "Division", "Group", "Section"]
	# end: auto-generated types

	nsm_parent_field = "parent_kpi_unit"

	def on_trash(self) -> None:
		super().on_trash(allow_root_deletion=True)


@frappe.whitelist()
def get_children(doctype: str, parent: str | None = None, is_root: bool = False, **filters) -> list[dict]:
	"""Tree view loader: the units directly under ``parent`` (the root label, in any language, is no unit)."""
	if is_root or not (parent and frappe.db.exists("KPI Unit", parent)):
		parent = ""
	return frappe.get_list(
		"KPI Unit",
		fields=["name as value", "unit_name as title", "is_group as expandable"],
		filters={"parent_kpi_unit": parent or ""},
		order_by="lft",
	)


@frappe.whitelist()
def add_node() -> None:

	args = make_tree_args(**frappe.form_dict)
	if not (args.parent_kpi_unit and frappe.db.exists("KPI Unit", args.parent_kpi_unit)):
		args.parent_kpi_unit = None
	frappe.get_doc(args).insert()
