import frappe


def run():
	fw = frappe.db.get_default("kpi_agreement_demo")
	for n in frappe.get_all(
		"KPI Indicator",
		{"framework": fw, "indicator_code": ("in", ["10.1", "10.2", "11.1", "11.2"])},
		pluck="name",
	):
		frappe.delete_doc("KPI Indicator", n, force=True)
	frappe.db.commit()
