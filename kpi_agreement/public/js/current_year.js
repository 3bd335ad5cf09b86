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

// listview_settings.onload: a list opened plainly shows the current year, also when the filters Frappe kept from
// the last visit have none (a link that opened the list with filters of its own, such as a framework's); a list
// opened through such a link keeps the link's filters. A year filter the user removes stays removed: the choice
// is stored with the list's own settings, and putting a year back undoes it.
kpi_agreement.ALL_YEARS = "kpi_all_years";
kpi_agreement.keep_year_filter = (listview) => {
	const year = kpi_agreement.fiscal_year();
	if (!year) return;
	const settings = () => (frappe.model.user_settings[listview.doctype] ||= {});
	const from_link = () => Object.keys(frappe.route_options || {}).length > 0; // the URL's query, a link's filters
	const has_year = () => listview.filter_area.get().some((filter) => filter[1] === "fiscal_year");
	let shown = false;
	const before_refresh = listview.before_refresh.bind(listview);
	listview.before_refresh = () => {
		if (from_link()) shown = false; // a link sets the filters now, not the user
		return before_refresh();
	};
	const before_render = listview.before_render.bind(listview);
	listview.before_render = () => {
		// just before the list saves its filters, which carry this along
		if (has_year()) {
			shown = true;
			settings()[kpi_agreement.ALL_YEARS] = 0;
		} else if (shown) {
			settings()[kpi_agreement.ALL_YEARS] = 1; // the user removed the year filter
		}
		return before_render();
	};
	if (!from_link() && !settings()[kpi_agreement.ALL_YEARS] && !has_year()) {
		listview.filter_area.add([[listview.doctype, "fiscal_year", "=", year]]);
	}
};
