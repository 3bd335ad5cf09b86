frappe.query_reports["KPI Score Trend"] = {
	filters: [
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "KPI Unit" },
		{ fieldname: "from_fiscal_year", label: __("From Fiscal Year (B.E.)"), fieldtype: "Int" },
	],
};
