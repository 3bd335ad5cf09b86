frappe.query_reports["KPI Cascade"] = {
	filters: [
		{ fieldname: "framework", label: __("Framework"), fieldtype: "Link", options: "KPI Framework", reqd: 1, default: kpi_agreement.current_framework() },
	],
	// department → bureau → unit indicators, each under the indicator it rolls up into
	tree: true,
	name_field: "indicator",
	parent_field: "parent_indicator",
	initial_depth: 3,
};
