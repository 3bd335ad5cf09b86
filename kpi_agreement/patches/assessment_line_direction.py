"""Assessment lines state an indicator's direction as agreement lines and indicators do (text), in place of
the old lower_is_better check box; the old column is read where it is still there."""

import frappe

from kpi_agreement.frappe_free import scoring


def execute() -> None:
	if not frappe.db.has_column("KPI Assessment Line", "lower_is_better"):
		return
	frappe.db.sql(
		"""update `tabKPI Assessment Line`
		set direction = if(lower_is_better = 1, %s, %s)
		where ifnull(direction, '') = ''""",
		(scoring.LOWER_IS_BETTER, scoring.HIGHER_IS_BETTER),
	)
