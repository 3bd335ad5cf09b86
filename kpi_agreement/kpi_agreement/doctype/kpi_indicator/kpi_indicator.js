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
	direction(frm) {
		frm.trigger("render_preview");
	},
	validate(frm) {
		const problem = kpi_agreement.threshold_problem(frm.doc);
		if (problem) frappe.throw(problem);
	},
	render_preview(frm) {
		const field = frm.get_field("score_preview");
		if (!field) return;
		const levels = (frm.doc.levels || []).slice().sort((a, b) => a.level - b.level);
		const milestone = frm.doc.scoring_scheme === "Milestone";
		const arrow = frm.doc.direction === "Lower is better" ? "↓" : "↑";
		const strip = levels
			.map(
				(l) => `<div class="kpi-level"><div class="text-muted small">${__("Level {0}", [l.level])}</div>
				<div class="kpi-level-value">${milestone ? frappe.utils.escape_html(l.criterion || "-") : l.threshold ?? "-"}</div></div>`
			)
			.join('<div class="kpi-level-sep">›</div>');
		const problem = kpi_agreement.threshold_problem(frm.doc);
		field.$wrapper.html(`
			<div class="kpi-levels">${strip}<div class="kpi-level-dir" title="${__(frm.doc.direction || "")}">${arrow}
				${__(frm.doc.direction || "")}</div></div>
			${problem ? `<div class="text-danger small">${problem}</div>` : ""}
			${milestone ? "" : `<div class="form-group" style="margin-top: 10px;">
				<label class="control-label">${__("Score preview: try a result")}</label>
				<div class="d-flex" style="gap: 8px; max-width: 420px;">
					<input type="text" class="form-control kpi-sample" placeholder="${__("e.g. 94.5")}">
					<span class="kpi-sample-score" style="min-width: 140px; align-self: center;"></span>
				</div></div>`}`);
		field.$wrapper.find(".kpi-sample").on(
			"input change",
			frappe.utils.debounce((e) => {
				frm.call("preview_score", { result: e.target.value }).then((r) => {
					field.$wrapper.find(".kpi-sample-score").text(r.message ? __("Score: {0}", [r.message]) : "");
				});
			}, 400)
		);
	},
});

frappe.ui.form.on("KPI Indicator Level", {
	threshold: (frm) => frm.trigger("render_preview"),
	criterion: (frm) => frm.trigger("render_preview"),
	levels_remove: (frm) => frm.trigger("render_preview"),
});

frappe.provide("kpi_agreement");

kpi_agreement.threshold_problem = function (doc) {
	// The same rule the server applies: strictly increasing (or decreasing when lower is better).
	if (doc.scoring_scheme === "Milestone") return "";
	const values = (doc.levels || [])
		.slice()
		.sort((a, b) => a.level - b.level)
		.map((l) => flt(l.threshold));
	const lower = doc.direction === "Lower is better";
	for (let i = 1; i < values.length; i++) {
		if (lower ? values[i] >= values[i - 1] : values[i] <= values[i - 1]) {
			return __("Level {0} ({1}) must be {2} than level {3} ({4}).", [
				i + 1,
				values[i],
				lower ? __("lower") : __("higher"),
				i,
				values[i - 1],
			]);
		}
	}
	return "";
};
