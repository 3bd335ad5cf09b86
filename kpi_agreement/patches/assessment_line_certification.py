"""Assessment lines made before results were certified line by line: each gets the data collector and
indicator owner of its indicator, and a state from what it holds (Entered when it has a result; the new
column starts every old line as Not Entered)."""

import frappe

from kpi_agreement.frappe_free import certification


def execute() -> None:
	frappe.db.sql(
		"""update `tabKPI Assessment Line` l join `tabKPI Indicator` i on i.name = l.indicator
		set l.data_collector = coalesce(l.data_collector, i.data_collector),
			l.indicator_owner = coalesce(l.indicator_owner, i.indicator_owner)
		where l.parenttype = 'KPI Assessment'"""
	)
	frappe.db.sql(
		"""update `tabKPI Assessment Line` set line_state = if(coalesce(self_result, '') = '', %s, %s)
		where parenttype = 'KPI Assessment' and coalesce(line_state, '') in ('', %s)""",
		(certification.NOT_ENTERED, certification.ENTERED, certification.NOT_ENTERED),
	)
