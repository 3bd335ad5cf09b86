"""Frameworks carry their scheme's rules (tier points, grade bands on the scheme's scale), and signed
agreements keep what was signed: agreements signed before get the record as the data stands now."""

import frappe

from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import capture


def execute() -> None:
	for name in frappe.get_all("KPI Framework", pluck="name"):
		framework = frappe.get_doc("KPI Framework", name)
		if not framework.grade_bands or not framework.tier_1_points:
			framework.set_rules()
			framework.flags.ignore_validate = True
			framework.save(ignore_permissions=True)
	for name in frappe.get_all(
		"KPI Agreement", filters={"docstatus": 1, "signed_rules": ("is", "not set")}, pluck="name"
	):
		agreement = frappe.get_doc("KPI Agreement", name)
		capture(agreement)
		agreement.db_set(
			{"signed_rules": agreement.signed_rules, "signed_sheets": agreement.signed_sheets},
			update_modified=False,
		)
