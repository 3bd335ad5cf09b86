frappe.query_reports["KPI Indicator Results"] = {
	filters: [
		{ fieldname: "framework", label: __("Framework"), fieldtype: "Link", options: "KPI Framework", reqd: 1, default: kpi_agreement.current_framework() },
		kpi_agreement.round_filter(),
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "KPI Unit" },
		{ fieldname: "dimension", label: __("Dimension"), fieldtype: "Data" },
		{ fieldname: "below_target", label: __("Below Target Only"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		// below target on the line's own scale: below level 3, or below the standard tier's points
		if (data && data.below_target && ["score", "indicator_name"].includes(column.fieldname)) {
			value = `<span class="text-danger font-weight-bold">${value}</span>`;
		}
		return value;
	},
};
