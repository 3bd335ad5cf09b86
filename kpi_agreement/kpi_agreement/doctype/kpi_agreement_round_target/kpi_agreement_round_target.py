# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIAgreementRoundTarget(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		indicator: DF.Link
		indicator_name: DF.Data | None
		level_1: DF.Float
		level_2: DF.Float
		level_3: DF.Float
		level_4: DF.Float
		level_5: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		round_months: DF.Literal["6", "9", "12"]
	# end: auto-generated types

	pass
