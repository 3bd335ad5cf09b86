frappe.ui.form.on("KPI Assessment", {
	setup(frm) {
		frm.set_query("agreement", () => ({ filters: { docstatus: 1 } }));
	},
	agreement(frm) {
		if (frm.doc.agreement && frm.doc.round_months) frm.save();
	},
	round_months(frm) {
		if (frm.doc.agreement && frm.doc.round_months && frm.is_new()) frm.save();
	},
});

