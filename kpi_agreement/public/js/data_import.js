// A Data Import of a round's results: besides Frappe's Start Import (one row at a time), run it on every
// worker, a unit's results together (kpi_result_entry/bulk_import.py); running it again resumes.
frappe.ui.form.on("Data Import", {
	refresh(frm) {
		const doc = frm.doc;
		if (
			frm.is_new() ||
			doc.reference_doctype !== "KPI Result Entry" ||
			doc.import_type !== "Insert New Records" ||
			!doc.import_file ||
			doc.status === "Success"
		) {
			return;
		}
		frm.add_custom_button(__("Start Import on All Workers"), () =>
			frappe
				.call({
					method: "kpi_agreement.kpi_agreement.doctype.kpi_result_entry.bulk_import.start",
					args: { data_import: doc.name },
					freeze: true,
				})
				.then(() => frm.reload_doc())
		);
	},
});
