# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIScorecardRow(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreement: DF.Link | None
		assessment: DF.Link | None
		dimension_scores: DF.JSON | None
		grade: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rank: DF.Int
		total_score: DF.Float
		unit: DF.Link | None
		unit_level: DF.Literal["", "Department", "Bureau", "Division", "Group", "Section"]
	# end: auto-generated types

	pass
