"""Sites that had KPI Settings before results were certified and appeals filed: the new allowances (results
due, appeals filed, appeals decided) start at the process defaults rather than at zero days (a site that
saved its settings since then stored zeros for them)."""

import frappe

from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import WORKING_DAYS

NEW = ("results_working_days", "appeal_working_days", "appeal_decision_working_days")


def execute() -> None:
	for field in NEW:
		if not frappe.utils.cint(frappe.db.get_single_value("KPI Settings", field)):
			frappe.db.set_single_value("KPI Settings", field, WORKING_DAYS[field])
