# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from kpi_agreement.permissions.table_row import TableRow


class KPIAssessmentLine(TableRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		committee_result: DF.Data | None
		committee_score: DF.Data | None
		data_collector: DF.Link | None
		deputy: DF.Link | None
		dimension: DF.Data | None
		direction: DF.Literal["Higher is better", "Lower is better"]
		evidence: DF.Attach | None
		evidence_note: DF.SmallText | None
		indicator: DF.Link | None
		indicator_name: DF.Data | None
		indicator_owner: DF.Link | None
		level_1: DF.Float
		level_2: DF.Float
		level_3: DF.Float
		level_4: DF.Float
		level_5: DF.Float
		line_state: DF.Literal["Not Entered", "Entered", "Returned", "Certified", "Sent Back"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		remarks: DF.SmallText | None
		result_by: DF.Link | None
		result_on: DF.Datetime | None
		result_source: DF.SmallText | None
		rollup_note: DF.SmallText | None
		rollup_partial: DF.Check
		score: DF.Float
		scoring_scheme: DF.Literal["Five Level", "Milestone", "Tier"]
		self_result: DF.Data | None
		self_score: DF.Float
		state_reason: DF.SmallText | None
		weight: DF.Float
		weighted_score: DF.Float
	# end: auto-generated types

	pass
