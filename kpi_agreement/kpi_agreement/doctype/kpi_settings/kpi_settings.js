frappe.ui.form.on("KPI Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Process Tracker"), () =>
			frappe.set_route("query-report", "KPI Process Tracker")
		);
		if (frappe.user.has_role("System Manager") && frm.doc.__onload?.demo_allowed) {
			frm.add_custom_button(
				__("Install Demo Data"),
				() =>
					frappe.confirm(
						__("Create a demo department in Thai, with units, a framework, indicators, agreements at several steps and assessments?"),
						() => frappe.xcall("kpi_agreement.demo.install_from_settings")
					),
				__("Demo")
			);
		}
	},
});
