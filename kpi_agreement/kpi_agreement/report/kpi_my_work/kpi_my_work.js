// What waits on the signed-in user, earliest due first; work past its due time in red.
frappe.query_reports["KPI My Work"] = {
	filters: [{ fieldname: "fiscal_year", label: __("Fiscal Year (B.E.)"), fieldtype: "Int" }],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.overdue && ["due_on", "days_left", "what"].includes(column.fieldname)) {
			value = `<span class="text-danger font-weight-bold">${value}</span>`;
		}
		return value;
	},
};
