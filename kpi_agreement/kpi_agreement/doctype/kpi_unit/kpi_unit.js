frappe.ui.form.on("KPI Unit", {
	refresh(frm) {
		frm.set_query("parent_kpi_unit", () => ({ filters: { is_group: 1 } }));
		if (!frm.is_new()) {
			frm.add_custom_button(__("Agreements"), () =>
				frappe.set_route("List", "KPI Agreement", { unit: frm.doc.name })
			);
		}
	},
});
