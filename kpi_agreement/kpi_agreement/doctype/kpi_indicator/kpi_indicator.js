frappe.ui.form.on("KPI Indicator", {
	setup(frm) {
		frm.set_query("unit", () => ({ filters: { is_group: 0 } }));
	},
	refresh(frm) {
		frm.trigger("framework");
		frm.trigger("render_preview");
		if (frm.is_new() && !(frm.doc.levels || []).length) frm.trigger("add_levels");
	},
	framework(frm) {
		if (!frm.doc.framework) return;
		frappe.db.get_doc("KPI Framework", frm.doc.framework).then((fw) => {
			const options = (fw.dimensions || []).map((d) => d.dimension);
			frm.set_df_property("dimension", "options", [""].concat(options));
			if (frm.is_new() && fw.scoring_scheme && !frm.doc.__scheme_set) {
				frm.doc.__scheme_set = 1;
				frm.set_value("scoring_scheme", fw.scoring_scheme);
			}
		});
	},
	scoring_scheme(frm) {
		frm.trigger("add_levels");
	},
	add_levels(frm) {
		const count = frm.doc.scoring_scheme === "Tier" ? 3 : 5;
		const have = (frm.doc.levels || []).map((r) => r.level);
		for (let level = 1; level <= count; level++) {
			if (!have.includes(level)) frm.add_child("levels", { level });
		}
		frm.refresh_field("levels");
	},
	render_preview(frm) {
		const field = frm.get_field("score_preview");
		if (!field || frm.doc.scoring_scheme === "Milestone") return field && field.$wrapper.empty();
		field.$wrapper.html(`<div class="form-group">
			<label class="control-label">${__("Score preview: try a result")}</label>
			<div class="d-flex" style="gap: 8px; max-width: 420px;">
				<input type="text" class="form-control kpi-sample" placeholder="${__("e.g. 94.5")}">
				<span class="kpi-sample-score" style="min-width: 140px; align-self: center;"></span>
			</div></div>`);
		field.$wrapper.find(".kpi-sample").on("change keyup", frappe.utils.debounce((e) => {
			frm.call("preview_score", { result: e.target.value }).then((r) => {
				field.$wrapper.find(".kpi-sample-score").text(r.message ? __("Score: {0}", [r.message]) : "");
			});
		}, 400));
	},
});
