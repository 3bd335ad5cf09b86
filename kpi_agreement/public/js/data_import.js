// A Data Import of a round's results or of indicator sheets: besides Frappe's Start Import (one job, one row
// at a time), run it on every worker (utils/bulk_import.py); running it again resumes.
frappe.ui.form.on("Data Import", {
	refresh(frm) {
		const doc = frm.doc;
		if (
			frm.is_new() ||
			!frm.doc.__onload?.on_all_workers ||
			doc.import_type !== "Insert New Records" ||
			!doc.import_file ||
			doc.status === "Success"
		) {
			return;
		}
		frm.add_custom_button(__("Start Import on All Workers"), () =>
			frappe
				.call({
					method: "kpi_agreement.utils.bulk_import.start",
					args: { data_import: doc.name },
					freeze: true,
				})
				.then(() => frm.reload_doc())
		);
	},
});
