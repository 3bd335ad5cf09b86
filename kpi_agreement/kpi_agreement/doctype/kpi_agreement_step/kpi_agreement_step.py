# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIAgreementStep(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_on: DF.Datetime | None
		entered_by: DF.Link | None
		entered_on: DF.Datetime | None
		left_on: DF.Datetime | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText | None
		state: DF.Literal[
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
	# end: auto-generated types

	pass
