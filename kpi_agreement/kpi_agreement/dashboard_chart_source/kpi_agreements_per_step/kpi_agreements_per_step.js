frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["KPI Agreements per Step"] = {
	method: "kpi_agreement.api.dashboard.agreements_per_step",
	// the workspace shows the current fiscal year (the chart's dynamic filter); another can be chosen here
	filters: [{ fieldname: "fiscal_year", label: __("Fiscal Year (B.E.)"), fieldtype: "Int" }],
};
