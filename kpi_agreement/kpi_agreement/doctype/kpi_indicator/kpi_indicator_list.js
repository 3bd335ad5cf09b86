// Opens on the current fiscal year (from the boot), so years never mix unless the user asks for another.
frappe.listview_settings["KPI Indicator"] = {
	filters: kpi_agreement.fiscal_year_filters(),
	onload: (listview) => kpi_agreement.keep_year_filter(listview),
};
