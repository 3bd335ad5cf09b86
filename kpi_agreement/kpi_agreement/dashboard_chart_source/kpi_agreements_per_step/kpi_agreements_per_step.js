frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KPI Agreements per Step"] = {
	method: "kpi_agreement.kpi_agreement.dashboard.agreements_per_step",
	filters: [],
};
