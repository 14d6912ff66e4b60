/* The iCalendar feed of deadlines (ical_feed.h), written with libical. */
#include "lib/ical_feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

/* A date as an iCalendar DATE value (VALUE=DATE: an all-day event). */
static struct icaltimetype ical_date(ogi_date d)
{
	struct icaltimetype t = icaltime_null_date();
	ogi_date_to_ymd(d, &t.year, &t.month, &t.day);
	return t;
}

/* An x-property NAME:value. */
static void add_x(icalcomponent *c, const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(c, p);
}

static icalcomponent *feed_event(const struct ogi_feed_event *e, const char *host, const char *link,
                                 time_t now)
{
	char uid[256], summary[512], date[OGI_DATE_STRLEN], url[600] = "";
	if (link != NULL)
		snprintf(url, sizeof url, "%s%lld", link, e->request_id);
	snprintf(uid, sizeof uid, "ogi-request-%lld-%s-%d@%s", e->request_id, e->kind, e->seq,
	         host != NULL && *host ? host : "ogi");
	snprintf(summary, sizeof summary, "%s%s：%s", e->provisional ? "（暂定）" : "", e->what,
	         e->tracking);
	size_t dlen = strlen(e->tracking) + strlen(e->what) + strlen(e->body) + strlen(url) + 128;
	char *desc = malloc(dlen);
	if (desc == NULL)
		return NULL;
	snprintf(desc, dlen, "申请编号：%s\n办理机关：%s\n%s：%s%s%s%s", e->tracking, e->body,
	         e->what, ogi_date_format(e->on, date), e->provisional ? "（暂定，可能变动）" : "",
	         url[0] ? "\n" : "", url);

	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
	                                   now, 0, icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(e->on)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(ical_date(e->on + 1)));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	icalcomponent_add_property(ev, icalproperty_new_description(desc));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	icalcomponent_add_property(ev, icalproperty_new_categories("政府信息公开"));
	if (url[0])
		icalcomponent_add_property(ev, icalproperty_new_url(url));
	free(desc);
	return ev;
}

char *ogi_ical_feed(const char *name, const char *host, const char *link,
                    const struct ogi_feed_event *ev, size_t n, time_t now)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (cal == NULL)
		return NULL;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//ogi//deadlines//ZH"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalcomponent_add_property(cal, icalproperty_new_name(name));
	add_x(cal, "X-WR-CALNAME", name);
	/* how often a subscriber fetches it again (RFC 7986; Outlook reads the X- one) */
	struct icaldurationtype hour = icaldurationtype_null_duration();
	hour.hours = 1;
	icalcomponent_add_property(cal, icalproperty_new_refreshinterval(hour));
	add_x(cal, "X-PUBLISHED-TTL", "PT1H");
	for (size_t i = 0; i < n; i++) {
		icalcomponent *e = feed_event(&ev[i], host, link, now);
		if (e == NULL) {
			icalcomponent_free(cal);
			return NULL;
		}
		icalcomponent_add_component(cal, e);
	}
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return text;
}
