# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIStepSetting(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		hours: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		responsible_role: DF.Link | None
		step: DF.Literal[
			"Framework Review",
			"Indicator Drafting",
			"Negotiation",
			"Ready for Signing",
			"Signed",
			"Booklet Compiled",
			"Assessed",
			"Scores Summarized",
			"Presented",
			"Cancelled",
		]
		step_no: DF.Int
		work: DF.Data | None
		working_days: DF.Int
	# end: auto-generated types

	pass
