// The current Thai fiscal year (B.E.) and its framework, from the boot (kpi_agreement/boot.py): what the app's
// lists, reports and workspace cards open with, so years never mix unless the user asks for another one.
frappe.provide("kpi_agreement");

kpi_agreement.fiscal_year = () => frappe.boot.kpi_agreement?.fiscal_year;

// A report filter's default: the current year's framework. Its title is known from the boot, so the filter
// holds the value at once (a title link otherwise fetches its title first and the report runs without it).
kpi_agreement.current_framework = () => {
	const { framework, framework_title } = frappe.boot.kpi_agreement || {};
	if (framework && framework_title) {
		frappe.utils.add_link_title("KPI Framework", framework, framework_title);
	}
	return framework || undefined;
};

// The default filter of a list view (listview_settings.filters): the current fiscal year.
kpi_agreement.fiscal_year_filters = () => {
	const year = kpi_agreement.fiscal_year();
	return year ? [["fiscal_year", "=", year]] : [];
};

// listview_settings.onload: a list opened with filters saved before it had a year filter (Frappe keeps each
// user's last filters) opens once on the current year; after that the user's own filters stand, so a year
// filter the user removes stays removed, and a year the user chose stays.
kpi_agreement.YEAR_FILTER_GIVEN = "kpi_year_filter_given";
kpi_agreement.keep_year_filter = (listview) => {
	const year = kpi_agreement.fiscal_year();
	const settings = (frappe.model.user_settings[listview.doctype] ||= {});
	if (!year || settings[kpi_agreement.YEAR_FILTER_GIVEN]) return;
	settings[kpi_agreement.YEAR_FILTER_GIVEN] = 1; // stored with the list's own settings when they next change
	if (!listview.filter_area.get().some((filter) => filter[1] === "fiscal_year")) {
		listview.filter_area.add([[listview.doctype, "fiscal_year", "=", year]]);
	}
};
