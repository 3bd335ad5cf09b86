# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIFrameworkDimension(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		dimension: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		weight: DF.Float
	# end: auto-generated types

	pass
