/* Reminders by e-mail: digest selection and the message (see reminder.h). */
#include "lib/reminder.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

bool ogi_remind_is_sending_day(const struct ogi_calendar *cal, ogi_date today)
{
	return ogi_is_workday(cal, today);
}

static int item_cmp(const void *a, const void *b)
{
	const struct ogi_remind_item *x = a, *y = b;
	if (x->state != y->state)
		return x->state < y->state ? -1 : 1;
	if (x->date->due_on != y->date->due_on)
		return x->date->due_on < y->date->due_on ? -1 : 1;
	int c = strcmp(x->date->tracking, y->date->tracking);
	return c != 0 ? c : x->date->kind - y->date->kind;
}

size_t ogi_remind_select(const struct ogi_calendar *cal, ogi_date today,
                         const struct ogi_remind_date *in, size_t n, struct ogi_remind_item *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (in[i].due_on == OGI_DATE_NONE || in[i].tracking == NULL)
			continue;
		int left = ogi_workdays_between(cal, today, in[i].due_on);
		if (in[i].due_on < today)
			out[k++] = (struct ogi_remind_item){&in[i], OGI_REMIND_OVERDUE, left};
		else if (left <= OGI_REMIND_SOON_WD)
			out[k++] = (struct ogi_remind_item){&in[i], OGI_REMIND_SOON, left};
	}
	qsort(out, k, sizeof *out, item_cmp);
	return k;
}

const char *ogi_remind_kind_zh(int kind)
{
	if (kind == OGI_REMIND_REPLY)
		return "答复期限";
	if (kind >= 0 && kind < OGI_SUB_COUNT)
		return ogi_subdeadline_labels_zh[kind];
	return "期限";
}

static size_t count(const struct ogi_remind_mail *m, enum ogi_remind_state s)
{
	size_t c = 0;
	for (size_t i = 0; i < m->nitems; i++)
		c += m->items[i].state == s;
	return c;
}

static void add_cn_date(struct ogi_buf *b, ogi_date d)
{
	static const char *const wd[] = {"一", "二", "三", "四", "五", "六", "日"};
	int y, mo, da;
	ogi_date_to_ymd(d, &y, &mo, &da);
	int w = ogi_date_weekday(d); /* 1 = Monday … 7 = Sunday */
	ogi_buf_printf(b, "%d年%d月%d日（星期%s）", y, mo, da, wd[(w + 6) % 7]);
}

char *ogi_remind_subject(const struct ogi_remind_mail *m)
{
	struct ogi_buf b = {0};
	size_t over = count(m, OGI_REMIND_OVERDUE), soon = count(m, OGI_REMIND_SOON);
	ogi_buf_add(&b, "【政府信息公开】今日期限提醒：");
	if (over > 0)
		ogi_buf_printf(&b, "已逾期%zu项", over);
	if (over > 0 && soon > 0)
		ogi_buf_add(&b, "，");
	if (soon > 0)
		ogi_buf_printf(&b, "%d个工作日内到期%zu项", OGI_REMIND_SOON_WD, soon);
	if (over == 0 && soon == 0)
		ogi_buf_add(&b, "暂无到期事项");
	if (b.oom) {
		ogi_buf_free(&b);
		return NULL;
	}
	return b.p;
}

static void add_section(struct ogi_buf *b, const struct ogi_remind_mail *m, enum ogi_remind_state s,
                        const char *title)
{
	if (count(m, s) == 0)
		return;
	ogi_buf_printf(b, "%s\n", title);
	for (size_t i = 0; i < m->nitems; i++) {
		const struct ogi_remind_item *it = &m->items[i];
		if (it->state != s)
			continue;
		char ds[OGI_DATE_STRLEN];
		ogi_buf_printf(b, "  · %s　%s　%s　", it->date->tracking,
		               it->date->what != NULL ? it->date->what
		                                      : ogi_remind_kind_zh(it->date->kind),
		               ogi_date_format(it->date->due_on, ds));
		if (s == OGI_REMIND_OVERDUE)
			ogi_buf_printf(b, "已逾期%d个工作日\n", -it->wd_left);
		else if (it->wd_left == 0)
			ogi_buf_add(b, "今日到期\n");
		else
			ogi_buf_printf(b, "还剩%d个工作日\n", it->wd_left);
	}
	ogi_buf_add(b, "\n");
}

char *ogi_remind_body(const struct ogi_remind_mail *m)
{
	struct ogi_buf b = {0};
	ogi_buf_printf(&b, "%s，您好：\n\n",
	               m->to_name != NULL && m->to_name[0] != '\0' ? m->to_name : "您");
	ogi_buf_add(&b, "截至");
	add_cn_date(&b, m->today);
	ogi_buf_add(&b, "，您负责的政府信息公开申请中有以下期限需要关注：\n\n");
	add_section(&b, m, OGI_REMIND_OVERDUE, "一、已逾期");
	add_section(&b, m, OGI_REMIND_SOON,
	            count(m, OGI_REMIND_OVERDUE) > 0 ? "二、3个工作日内到期"
	                                             : "一、3个工作日内到期");
	ogi_buf_add(
	    &b, "工作日按国务院办公厅公布的节假日安排计算，已跳过休息日。\n"
	        "请登录系统及时办理。\n\n"
	        "本邮件由系统自动发送，请勿直接回复。如不再需要邮件提醒，可在个人设置中关闭。\n");
	if (b.oom) {
		ogi_buf_free(&b);
		return NULL;
	}
	return b.p;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void add_b64(struct ogi_buf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63],
		             i + 1 < n ? b64[v >> 6 & 63] : '=', i + 2 < n ? b64[v & 63] : '='};
		ogi_buf_addn(b, q, 4);
	}
}

char *ogi_remind_encode_header(const char *s)
{
	struct ogi_buf b = {0};
	bool plain = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e || strchr("\"()<>@,;:\\[]=?", *p) != NULL)
			plain = false;
	if (plain) {
		ogi_buf_add(&b, s);
	} else {
		/* 45 bytes give 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" = 72 ≤ 75 */
		size_t n = strlen(s), i = 0;
		while (i < n) {
			size_t j = i + 45 < n ? i + 45 : n;
			while (j < n && j > i && ((unsigned char)s[j] & 0xc0) == 0x80)
				j--; /* never split a character */
			if (i > 0)
				ogi_buf_add(&b, "\r\n ");
			ogi_buf_add(&b, "=?UTF-8?B?");
			add_b64(&b, (const unsigned char *)s + i, j - i);
			ogi_buf_add(&b, "?=");
			i = j;
		}
	}
	if (b.oom) {
		ogi_buf_free(&b);
		return NULL;
	}
	return b.p;
}

static bool addr_ok(const char *a)
{
	return a != NULL && a[0] != '\0' && strpbrk(a, "\r\n<>") == NULL;
}

char *ogi_remind_message(const struct ogi_remind_mail *m)
{
	if (!addr_ok(m->from) || !addr_ok(m->to) || !addr_ok(m->msgid_host) ||
	    (m->to_name != NULL && strpbrk(m->to_name, "\r\n") != NULL))
		return NULL;
	char *subj = ogi_remind_subject(m), *body = ogi_remind_body(m), *name = NULL;
	if (m->to_name != NULL && m->to_name[0] != '\0')
		name = ogi_remind_encode_header(m->to_name);
	char *esubj = subj != NULL ? ogi_remind_encode_header(subj) : NULL;
	struct ogi_buf b = {0};
	if (body == NULL || esubj == NULL || (m->to_name != NULL && m->to_name[0] && !name)) {
		b.oom = true;
		goto out;
	}
	/* Date in China Standard Time (+0800, no daylight saving) */
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long long t = m->now_unix + 8 * 3600, days = t / 86400, sec = t % 86400;
	if (sec < 0) {
		sec += 86400;
		days--;
	}
	ogi_date local = ogi_date_from_ymd(1970, 1, 1) + (ogi_date)days;
	int y, mo, da, ty, tm, td;
	ogi_date_to_ymd(local, &y, &mo, &da);
	ogi_date_to_ymd(m->today, &ty, &tm, &td);
	ogi_buf_printf(&b, "Date: %s, %d %s %d %02lld:%02lld:%02lld +0800\r\n",
	               wd[(ogi_date_weekday(local) + 6) % 7], da, mon[mo - 1], y, sec / 3600,
	               sec / 60 % 60, sec % 60);
	ogi_buf_printf(&b, "From: %s\r\n", m->from);
	if (name != NULL)
		ogi_buf_printf(&b, "To: %s <%s>\r\n", name, m->to);
	else
		ogi_buf_printf(&b, "To: %s\r\n", m->to);
	ogi_buf_printf(&b, "Subject: %s\r\n", esubj);
	ogi_buf_printf(&b, "Message-ID: <ogi-remind-%lld-%04d%02d%02d@%s>\r\n", m->user_id, ty, tm,
	               td, m->msgid_host);
	ogi_buf_add(&b, "MIME-Version: 1.0\r\n"
	                "Content-Type: text/plain; charset=UTF-8\r\n"
	                "Content-Transfer-Encoding: base64\r\n"
	                "Auto-Submitted: auto-generated\r\n\r\n");
	/* the body with CRLF line ends, base64 in lines of 76 (57 bytes) */
	struct ogi_buf crlf = {0};
	for (const char *p = body; *p; p++) {
		if (*p == '\n')
			ogi_buf_add(&crlf, "\r\n");
		else
			ogi_buf_addn(&crlf, p, 1);
	}
	if (crlf.oom) {
		b.oom = true;
	} else {
		for (size_t i = 0; i < crlf.len; i += 57) {
			add_b64(&b, (const unsigned char *)crlf.p + i,
			        crlf.len - i < 57 ? crlf.len - i : 57);
			ogi_buf_add(&b, "\r\n");
		}
	}
	ogi_buf_free(&crlf);
out:
	free(subj);
	free(body);
	free(name);
	free(esubj);
	if (b.oom) {
		ogi_buf_free(&b);
		return NULL;
	}
	return b.p;
}
