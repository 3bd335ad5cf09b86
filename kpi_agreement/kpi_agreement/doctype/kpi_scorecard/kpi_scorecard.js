frappe.ui.form.on("KPI Scorecard", {
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.add_custom_button(__("Build Scorecard"), () =>
				frm.call({ method: "build", doc: frm.doc, freeze: true }).then(() => frm.reload_doc())
			).addClass("btn-primary");
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Score Summary"), () =>
				frappe.set_route("query-report", "KPI Score Summary", {
					framework: frm.doc.framework,
					round_months: frm.doc.round_months,
				})
			);
		}
		if (frm.doc.docstatus === 1 && !frm.doc.presented_on) {
			frm.add_custom_button(__("Mark Presented to Director-General"), () =>
				frm.call({ method: "mark_presented", doc: frm.doc }).then(() => frm.reload_doc())
			);
		}
	},
});
