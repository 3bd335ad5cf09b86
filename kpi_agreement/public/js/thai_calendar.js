// The desk in the Buddhist era (พ.ศ.) for Thai users: every date Frappe shows through frappe.datetime, the
// Date/Datetime formatters (forms, grids, lists, report views, filters, the timeline) and the calendar pop-up
// carries the พ.ศ. year, and a date typed the Thai way (31-03-2571) is read as one. A typed text that is not a
// date is refused with a message and the field keeps its value: no typed date silently becomes another.
// The stored values stay ISO (Gregorian); only what the user reads and types changes.
frappe.provide("kpi_agreement.thai_calendar");

(function (calendar) {
	const BE_OFFSET = 543;
	const BE_FROM = 2400; // a 4-digit year from here on is Buddhist era (CE 1857 on); below it, Common Era
	const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

	// The year a Thai reader sees: Buddhist era, except before CE 1857 (shown as stored, so what is shown is
	// read back as the same year).
	calendar.shown_year = (year) => (year + BE_OFFSET >= BE_FROM ? year + BE_OFFSET : year);

	// The first 4-digit year of a formatted date in the Buddhist era: "31-03-2028 14:30" -> "31-03-2571 14:30".
	// Frappe's date formats (dd-mm-yyyy, mm/dd/yyyy, yyyy-mm-dd, ...) have no other 4-digit group.
	calendar.to_buddhist = (text) =>
		typeof text === "string" ? text.replace(/\b\d{4}\b/, (year) => calendar.shown_year(+year)) : text;

	// "31-03-2571", "31/3/2571 14:30", "2571-03-31", Thai digits too, for a user date format such as
	// "dd-mm-yyyy" -> "2028-03-31" or "2028-03-31 14:30:00"; null when the text is not one date. The year must
	// have 4 digits: 2400 and later is Buddhist era, earlier years are Common Era.
	calendar.parse = function (text, date_format) {
		const value = String(text)
			.trim()
			.replace(/[๐-๙]/g, (digit) => THAI_DIGITS.indexOf(digit));
		const match = value.match(
			/^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
		);
		if (!match) return null;
		const format = String(date_format || "yyyy-mm-dd").toLowerCase();
		let order = ["d", "m", "y"].sort((a, b) => format.indexOf(a) - format.indexOf(b));
		if (match[1].length === 4) order = ["y", "m", "d"]; // year first (ISO), whatever the format
		else if (match[3].length === 4 && order[0] === "y") order = ["d", "m", "y"]; // the Thai way
		const part = {};
		order.forEach((key, i) => (part[key] = match[i + 1]));
		if (part.y.length !== 4 || part.d.length > 2) return null;
		const year = +part.y >= BE_FROM ? +part.y - BE_OFFSET : +part.y;
		const has_time = match[4] !== undefined;
		const date = moment({
			year,
			month: +part.m - 1,
			day: +part.d,
			hour: has_time ? +match[4] : 0,
			minute: has_time ? +match[5] : 0,
			second: has_time ? +(match[6] || 0) : 0,
		});
		if (!date.isValid()) return null; // 31-02, month 13, 25:00 ...
		return date.locale("en").format(has_time ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD");
	};

	// Today as the user types it, for messages: "26-11-2569".
	calendar.example = () => frappe.datetime.str_to_user(frappe.datetime.get_today());

	calendar.refuse = function (text) {
		frappe.msgprint({
			message: __("{0} is not a date. Type the day, month and Buddhist-era year, for example {1}.", [
				frappe.utils.escape_html(String(text)),
				calendar.example(),
			]),
			indicator: "red",
		});
	};

	calendar.install = function () {
		const datetime = frappe.datetime;

		// What Frappe shows: str_to_user (date and datetime fields, filters, grids, lists, timeline titles),
		// obj_to_user, global_date_format, and the Datetime formatter, which formats with moment itself.
		const str_to_user = datetime.str_to_user;
		datetime.str_to_user = function (value, only_time = false, only_date = false) {
			const text = str_to_user.call(this, value, only_time, only_date);
			return only_time ? text : calendar.to_buddhist(text);
		};
		for (const name of ["obj_to_user", "global_date_format"]) {
			const original = datetime[name];
			datetime[name] = (...args) => calendar.to_buddhist(original.apply(datetime, args));
		}
		const format_datetime = frappe.form.formatters.Datetime;
		frappe.form.formatters.Datetime = function (...args) {
			return calendar.to_buddhist(format_datetime.apply(this, args));
		};

		// What Frappe reads: user_to_str (Date, Datetime and Date Range controls, grid paste and upload,
		// report column filters). Not a date -> "Invalid date", as moment says it, which the controls treat
		// as no date.
		const user_to_str = datetime.user_to_str;
		datetime.user_to_str = function (value, only_time = false) {
			if (only_time || !value) return user_to_str.apply(this, arguments);
			return calendar.parse(value, datetime.get_user_date_fmt()) || "Invalid date";
		};

		// A typed date that is not a date is refused out loud, and the field shows its value again.
		const date_control = frappe.ui.form.ControlDate.prototype;
		const set_in_model = date_control.parse_validate_and_set_in_model;
		date_control.parse_validate_and_set_in_model = function (value, event) {
			const dated = ["Date", "Datetime"].includes(this.df.fieldtype) && !this.timepicker_only;
			if (dated && value && !calendar.parse(value, datetime.get_user_date_fmt())) {
				calendar.refuse(value);
				this.set_formatted_input(this.value);
				return Promise.resolve();
			}
			return set_in_model.call(this, value, event);
		};
		const range_control = frappe.ui.form.ControlDateRange.prototype;
		const parse_range = range_control.parse;
		range_control.parse = function (value) {
			const range = parse_range.call(this, value);
			if (Array.isArray(range) && range.some((day) => !datetime.validate(day))) {
				calendar.refuse(value);
				this.$input && this.$input.val("");
				return undefined;
			}
			return range;
		};

		// The calendar pop-up (air-datepicker): Thai names, the พ.ศ. year in its title, its year cells and the
		// date it writes into the field.
		const picker = $.fn.datepicker;
		picker.language.th = {
			days: ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"],
			daysShort: ["อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส."],
			daysMin: ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"],
			months: frappe.boot.kpi_agreement.thai_months.long,
			monthsShort: kpi_agreement.THAI_MONTHS,
			today: "วันนี้",
			clear: "ล้าง",
			dateFormat: "dd-mm-yyyy",
			timeFormat: "hh:ii",
			firstDay: 0,
		};
		const format_date = picker.Constructor.prototype.formatDate;
		picker.Constructor.prototype.formatDate = function (string, date) {
			date = date || this.date;
			const year = date.getFullYear();
			const decade = Math.floor(year / 10) * 10;
			const shown = String(string)
				.replace(/yyyy1/g, calendar.shown_year(decade))
				.replace(/yyyy2/g, calendar.shown_year(decade + 9))
				.replace(/yyyy/g, calendar.shown_year(year));
			return format_date.call(this, shown, date);
		};
		const cell_contents = picker.Body.prototype._getCellContents;
		picker.Body.prototype._getCellContents = function (date, type) {
			const cell = cell_contents.call(this, date, type);
			if (type === "year" && cell.html === date.getFullYear()) {
				cell.html = calendar.shown_year(cell.html);
			}
			return cell;
		};

		// The timeline's "changed the value of ..." lines: a changed date as the user reads it. Frappe keeps
		// the timeline's class to itself; the form footer makes the first one, before it renders.
		const make_timeline = frappe.ui.form.Footer.prototype.make_timeline;
		frappe.ui.form.Footer.prototype.make_timeline = function () {
			make_timeline.call(this);
			const timeline = Object.getPrototypeOf(this.frm.timeline);
			if (timeline.kpi_thai_calendar) return;
			timeline.kpi_thai_calendar = true;
			const version_contents = timeline.get_version_timeline_contents;
			timeline.get_version_timeline_contents = function () {
				const versions = this.doc_info.versions;
				this.doc_info.versions = (versions || []).map((v) => calendar.shown_version(v, this.frm));
				try {
					return version_contents.call(this);
				} finally {
					this.doc_info.versions = versions;
				}
			};
		};
	};

	// A Version with its changed Date and Datetime values formatted for the user.
	calendar.shown_version = function (version, frm) {
		let data;
		try {
			data = JSON.parse(version.data);
		} catch (e) {
			return version;
		}
		const shown = (doctype, [fieldname, before, after, ...rest]) => {
			const df = frappe.meta.get_docfield(doctype, fieldname);
			if (!df || !["Date", "Datetime"].includes(df.fieldtype)) {
				return [fieldname, before, after, ...rest];
			}
			const format = (value) => (value ? frappe.format(value, df, { only_value: 1 }) : value);
			return [fieldname, format(before), format(after), ...rest];
		};
		if (Array.isArray(data.changed)) {
			data.changed = data.changed.map((change) => shown(frm.doctype, change));
		}
		if (Array.isArray(data.row_changed)) {
			data.row_changed = data.row_changed.map(([table, idx, name, changes, ...rest]) => {
				const child = frm.fields_dict[table]?.grid?.doctype;
				const rows = child && Array.isArray(changes) ? changes.map((c) => shown(child, c)) : changes;
				return [table, idx, name, rows, ...rest];
			});
		}
		return { ...version, data: JSON.stringify(data) };
	};

	if (String(frappe.boot?.lang || "").startsWith("th")) {
		calendar.install();
	}
})(kpi_agreement.thai_calendar);
