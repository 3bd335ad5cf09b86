// Values the app keeps as codes (roles, workflow states, grade names) shown in the user's language in
// forms, grids, lists and reports. Select fields are translated by Frappe itself.
for (const doctype of ["Role", "Workflow State"]) {
	frappe.form.link_formatters[doctype] = (value) => __(value);
}

// Grade names are free text (English by default, Thai through the translations).
const TRANSLATED_TEXT = { "KPI Grade Band": ["grade"], "KPI Scorecard Row": ["grade"] };
const format = frappe.format;
frappe.format = function (value, df, options, doc) {
	if (value && df && (TRANSLATED_TEXT[df.parent] || []).includes(df.fieldname)) {
		value = __(value);
	}
	return format(value, df, options, doc);
};

// Field labels of the app's DocTypes in the user's language wherever the desk asks the meta for them
// (Frappe's version timeline names a changed table field by its untranslated label).
const get_label = frappe.meta.get_label;
frappe.meta.get_label = function (doctype, fieldname, name) {
	const label = get_label.call(this, doctype, fieldname, name);
	return String(doctype || "").startsWith("KPI ") ? __(label, null, doctype) : label;
};
