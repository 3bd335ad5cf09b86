frappe.query_reports["KPI Score Trend"] = {
	filters: [
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "KPI Unit" },
		{ fieldname: "from_fiscal_year", label: __("From Fiscal Year (B.E.)"), fieldtype: "Int" },
		{
			fieldname: "to_fiscal_year",
			label: __("To Fiscal Year (B.E.)"),
			fieldtype: "Int",
			default: kpi_agreement.fiscal_year(), // a round of a later year one unit runs early stays out
		},
	],
};
