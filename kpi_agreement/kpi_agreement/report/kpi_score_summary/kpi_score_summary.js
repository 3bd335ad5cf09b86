frappe.query_reports["KPI Score Summary"] = {
	filters: [
		{
			fieldname: "framework",
			label: __("Framework"),
			fieldtype: "Link",
			options: "KPI Framework",
			reqd: 1,
			default: kpi_agreement.current_framework(), // the current fiscal year's
		},
		kpi_agreement.round_filter(),
		{ fieldname: "group_by_bureau", label: __("Group by Bureau"), fieldtype: "Check", default: 1 },
		{ fieldname: "group_by_strategic_issue", label: __("Group by Strategic Issue"), fieldtype: "Check" },
		{
			fieldname: "rank_within",
			label: __("Rank Units Within"),
			fieldtype: "Select",
			options: [
				{ value: "Unit Level", label: __("Unit Level") },
				{ value: "All Units", label: __("All Units") },
			],
			default: "Unit Level",
		},
	],
	onload(report) {
		report.page.add_inner_button(__("Year's Workbook"), () =>
			kpi_agreement.download_year_workbook(report.get_filter_value("framework"))
		);
	},
	tree: true,
	name_field: "unit",
	parent_field: "parent_unit",
	initial_depth: 2,
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.is_group) return `<b>${value}</b>`;
		if (column.fieldname === "change" && data && data.change) {
			value = `<span class="${data.change < 0 ? "text-danger" : "text-success"}">${value}</span>`;
		}
		return value;
	},
};
