"""Indicators show their framework's fiscal year in the list (a new field, filled from the framework)."""

import frappe


def execute() -> None:
	frappe.db.sql(
		"""update `tabKPI Indicator` indicator
		join `tabKPI Framework` framework on framework.name = indicator.framework
		set indicator.fiscal_year = framework.fiscal_year
		where ifnull(indicator.fiscal_year, 0) = 0"""
	)
