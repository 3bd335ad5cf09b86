frappe.realtime.on("kpi_booklets_ready", (data) => {
	const urls = data.file_urls || [data.file_url];
	const links = urls.map(
		(url, i) => `<a href="${encodeURI(url)}" target="_blank">${__("Download")}${urls.length > 1 ? ` ${i + 1}` : ""}</a>`
	);
	frappe.msgprint({
		title: __("Booklets ready"),
		indicator: "green",
		message:
			urls.length > 1
				? __("The booklets of {0} are in {1} ZIP files, each within the site's largest file size: {2}", [
						data.framework,
						urls.length,
						links.join(" · "),
				  ])
				: __("All booklets of {0} are in one ZIP file: {1}", [data.framework, links[0]]),
	});
});

frappe.realtime.on("kpi_bulk_run_done", (data) => {
	// a department-wide job (agreements, moves, booklets) has done its last document
	const title = frappe.utils.escape_html(data.title);
	frappe.show_alert(
		data.failed
			? { message: __("{0}: {1} documents could not be done", [title, data.failed]), indicator: "orange" }
			: { message: `${title}: ${__("Done")}`, indicator: "green" },
		10
	);
});

frappe.ui.form.on("KPI Framework", {
	setup(frm) {
		frm.set_query("department", () => ({ filters: { is_group: 1 } }));
	},
	onload(frm) {
		if (!frm.is_new()) return;
		// a new framework starts with the usual four dimensions and three rounds, to edit
		const defaults = frappe.boot.kpi_agreement?.new_framework;
		if (defaults && !(frm.doc.dimensions || []).length) {
			defaults.dimensions.forEach(([dimension, weight]) => frm.add_child("dimensions", { dimension, weight }));
			frm.refresh_field("dimensions");
		}
		if (defaults && !(frm.doc.rounds || []).length) {
			defaults.rounds.forEach((months) => frm.add_child("rounds", { months }));
			frm.refresh_field("rounds");
		}
		if (frm.doc.scoring_scheme && frm.doc.below_level_one_rule) return;
		frappe.db.get_doc("KPI Settings").then((settings) => {
			frm.set_value("scoring_scheme", frm.doc.scoring_scheme || settings.default_scoring_scheme);
			frm.set_value("below_level_one_rule", frm.doc.below_level_one_rule || settings.below_level_one_rule);
		});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (!frm.doc.reviewed_on) {
			// Step 1 is the department's: agreements are made from a reviewed framework.
			frm.add_custom_button(__("Mark Reviewed"), () =>
				frappe.confirm(
					__("The draft framework has been reviewed and set (step 1)? Agreements can then be made from it."),
					() => frm.call("mark_reviewed").then(() => frm.reload_doc())
				)
			).addClass("btn-primary");
			return;
		}
		frm.add_custom_button(
			__("Create Agreements for All Units"),
			() => frm.call("create_agreements"), // the server says how many, made now or in the background
			__("Process")
		);
		frm.add_custom_button(
			__("Start Indicator Drafting (all units)"),
			() =>
				frappe.confirm(
					__("Move every agreement of this framework from Framework Review to Indicator Drafting?"),
					() => frm.call("start_indicator_drafting")
				),
			__("Process")
		);
		frm.add_custom_button(
			__("Compile Booklets (all units)"),
			() => frm.call("compile_booklets"),
			__("Process")
		);
		if (frappe.user.has_role("KPI Coordinator")) {
			frm.add_custom_button(__("Copy to Next Fiscal Year"), () => copy_to_next_year(frm), __("Process"));
		}
		frm.add_custom_button(__("Year's Workbook"), () => kpi_agreement.download_year_workbook(frm.doc.name));
		frm.add_custom_button(__("Indicators"), () =>
			frappe.set_route("List", "KPI Indicator", { framework: frm.doc.name }), __("View"));
		frm.add_custom_button(__("Agreements"), () =>
			frappe.set_route("List", "KPI Agreement", { framework: frm.doc.name }), __("View"));
	},
});

function copy_to_next_year(frm) {
	// the server says what is offered (and refuses when next year's framework was made otherwise)
	frm.call("next_year_choices").then(({ message: choices }) => {
		const escape = frappe.utils.escape_html;
		const groups = choices.dimensions.map((group, i) => ({
			fieldname: `dimension_${i}`,
			fieldtype: "MultiCheck",
			label: escape(group.dimension),
			columns: 1,
			select_all: true,
			sort_options: false,
			options: group.indicators
				.filter((row) => !row.copied)
				.map((row) => ({ value: row.value, label: escape(row.label), checked: 1 })),
		}));
		const copied = choices.dimensions.reduce((n, group) => n + group.indicators.filter((r) => r.copied).length, 0);
		const intro = choices.next_framework
			? __("Framework {0} of fiscal year {1} was copied from this one; the indicators ticked are added to it ({2} are there already).", [
					escape(choices.next_framework),
					choices.fiscal_year,
					copied,
			  ])
			: __("Makes the framework of fiscal year {0} from this one (dimensions, weights, rounds a year on, signing levels) as a draft to review, and copies the indicators ticked with their detail sheets, levels and owners; last year's result becomes each one's newest baseline. Nothing of this year's framework, indicators or agreements changes.", [
					choices.fiscal_year,
			  ]);
		const dialog = new frappe.ui.Dialog({
			title: __("Copy to Next Fiscal Year"),
			size: "large",
			fields: [{ fieldname: "intro", fieldtype: "HTML", options: `<p>${intro}</p>` }, ...groups],
			primary_action_label: __("Copy"),
			primary_action(values) {
				const indicators = groups.flatMap((field) => values[field.fieldname] || []);
				dialog.hide();
				frm.call("copy_to_next_year", { indicators }).then(({ message }) => {
					if (message && !message.in_background) frappe.set_route("Form", "KPI Framework", message.framework);
				});
			},
		});
		dialog.show();
	});
}
