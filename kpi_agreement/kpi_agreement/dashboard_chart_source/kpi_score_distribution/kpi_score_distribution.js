frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KPI Score Distribution"] = {
	method: "kpi_agreement.kpi_agreement.dashboard.score_distribution",
	filters: [],
};
