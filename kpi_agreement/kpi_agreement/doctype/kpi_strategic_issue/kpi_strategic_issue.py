# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIStrategicIssue(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		issue: DF.Data
		issue_code: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	pass
