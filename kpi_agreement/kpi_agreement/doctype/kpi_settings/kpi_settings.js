frappe.ui.form.on("KPI Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Process Tracker"), () =>
			frappe.set_route("query-report", "KPI Process Tracker")
		);
	},
});
