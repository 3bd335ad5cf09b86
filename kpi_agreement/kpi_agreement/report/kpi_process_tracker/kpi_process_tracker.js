frappe.query_reports["KPI Process Tracker"] = {
	filters: [
		{
			fieldname: "framework",
			label: __("Framework"),
			fieldtype: "Link",
			options: "KPI Framework",
			default: kpi_agreement.current_framework(), // the current fiscal year's
		},
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "KPI Unit" },
		{ fieldname: "workflow_state", label: __("Step"), fieldtype: "Link", options: "Workflow State" },
		{ fieldname: "overdue_only", label: __("Overdue Only"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_overdue" && data && data.days_overdue > 0) {
			value = `<span class="text-danger font-weight-bold">${value}</span>`;
		}
		return value;
	},
};
