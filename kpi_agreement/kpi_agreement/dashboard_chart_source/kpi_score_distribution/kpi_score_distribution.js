frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KPI Score Distribution"] = {
	method: "kpi_agreement.api.dashboard.score_distribution",
	// the workspace shows the current fiscal year (the chart's dynamic filter); another can be chosen here
	filters: [{ fieldname: "fiscal_year", label: __("Fiscal Year (B.E.)"), fieldtype: "Int" }],
};
