/* The working-day calendar as the API returns it (see calendar_json.h). */
#include "daemon/wire/calendar_json.h"

json_t *wire_calendar_year(const struct ogi_calendar *cal, int year)
{
	json_t *days = json_array();
	int workdays = 0;
	char buf[OGI_DATE_STRLEN];
	for (ogi_date d = ogi_date_from_ymd(year, 1, 1); d < ogi_date_from_ymd(year + 1, 1, 1);
	     d++) {
		const char *name;
		enum ogi_day_kind k = ogi_calendar_day(cal, d, &name);
		if (ogi_is_workday(cal, d))
			workdays++;
		if (k == OGI_DAY_RULE)
			continue;
		json_array_append_new(days,
		                      json_pack("{s:s, s:s, s:s}", "date", ogi_date_format(d, buf),
		                                "kind", ogi_day_kind_names[k], "name", name));
	}
	const char *source = ogi_calendar_year_source(cal, year);
	json_t *out = json_pack("{s:i, s:b, s:o, s:i, s:o}", "year", year, "loaded",
	                        ogi_calendar_year_loaded(cal, year), "source",
	                        source ? json_string(source) : json_null(), "workdays", workdays,
	                        "days", days);
	int years[OGI_DATE_MAX_YEAR - OGI_DATE_MIN_YEAR + 1];
	int nyears = ogi_calendar_years(cal, years, (int)(sizeof years / sizeof years[0]));
	json_t *loaded_years = json_array();
	for (int i = 0; i < nyears; i++)
		json_array_append_new(loaded_years, json_integer(years[i]));
	json_object_set_new(out, "loaded_years", loaded_years);
	return out;
}

json_t *wire_workdays(const struct ogi_calendar *cal, ogi_date from, int days, ogi_date date,
                      bool provisional)
{
	json_t *skipped = json_array(), *counted = json_array();
	struct ogi_day_note notes[400];
	int n = date - from <= 560 ? ogi_calendar_notes(cal, from, date, notes, 400) : 0;
	char buf[OGI_DATE_STRLEN], fbuf[OGI_DATE_STRLEN];
	for (int i = 0; i < n; i++) {
		ogi_date_format(notes[i].day, buf);
		if (notes[i].kind == OGI_DAY_WORKDAY)
			json_array_append_new(
			    counted, json_pack("{s:s, s:s}", "date", buf, "name", notes[i].name));
		else
			json_array_append_new(
			    skipped,
			    json_pack("{s:s, s:s, s:o}", "date", buf, "reason",
			              notes[i].kind == OGI_DAY_HOLIDAY ? "holiday" : "weekend",
			              "name",
			              notes[i].name ? json_string(notes[i].name) : json_null()));
	}
	return json_pack("{s:s, s:i, s:s, s:b, s:o, s:o}", "from", ogi_date_format(from, fbuf),
	                 "days", days, "date", ogi_date_format(date, buf), "provisional",
	                 provisional, "skipped", skipped, "makeup_counted", counted);
}
