# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIAssessmentEvent(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Literal[
			"Entered",
			"Certified",
			"Returned",
			"Endorsed",
			"Sent Back",
			"Deputy Named",
			"Appeal Filed",
			"Appeal Accepted",
			"Appeal Rejected",
		]
		at: DF.Datetime | None
		indicator: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText | None
		user: DF.Link | None
	# end: auto-generated types

	pass
