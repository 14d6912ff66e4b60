/* The case file's own documents (see casefile_docs.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/casefile_docs.h"
#include "lib/domain.h"
#include "lib/idcheck.h"
#include "lib/sheet.h"
#include "lib/timestamp.h"

struct label {
	const char *name, *zh;
};

/* by wire name, so a type added later prints its name rather than a wrong label */
static const struct label event_labels[] = {
    {"registered", "登记"},
    {"correction_requested", "告知补正"},
    {"correction_received", "收到补正"},
    {"correction_lapsed", "逾期未补正"},
    {"consultation_started", "征求意见"},
    {"consultation_delivered", "被征求意见方收到征求意见书"},
    {"consultation_ended", "征求意见结束"},
    {"objection_overridden", "第三方不同意公开，基于公共利益决定公开"},
    {"extension_approved", "延长答复期限"},
    {"delay_set", "确定延迟答复期限（第三十五条）"},
    {"fee_notice_issued", "发出收费通知"},
    {"fee_paid", "申请人已缴费"},
    {"fee_waived", "减免费用"},
    {"fee_lapsed", "逾期未缴费"},
    {"replied", "作出答复"},
    {"withdrawn", "申请人撤回申请"},
    {"note", "备注"},
    {"deadline_recomputed", "节假日调整，答复期限重新计算"},
    {"letter_issued", "文书签发"},
    {"letter_voided", "文书作废"},
    {"letter_served", "文书送达"},
    {"record_corrected", "更正登记信息"},
    {NULL, NULL},
};

static const char *lookup(const struct label *t, const char *name)
{
	for (; name != NULL && t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t->zh;
	return NULL;
}

const char *ogi_casefile_event_label(const char *type)
{
	const char *zh = lookup(event_labels, type);
	return zh ? zh : "";
}

static const char *const channel_zh[] = {
    "当面提交", "口头提出（工作人员代为填写）", "邮寄（需签收）",
    "平常信函", "互联网（网上申请）",           "传真",
    "电子邮件"};
static const char *const kind_zh[] = {"自然人",       "商业企业",     "科研机构",
                                      "社会公益组织", "法律服务机构", "其他组织"};
static const char *const idtype_zh[] = {"居民身份证",
                                        "统一社会信用代码",
                                        "护照",
                                        "港澳居民来往内地通行证/居住证",
                                        "台湾居民来往大陆通行证/居住证",
                                        "外国人永久居留身份证",
                                        "其他证件"};
static const char *const medium_zh[] = {"纸质", "电子数据", "查阅、抄录"};
static const char *const delivery_zh[] = {"当面领取", "邮寄", "电子邮件", "网上获取"};
static const char *const status_zh[] = {"办理中", "待补正", "征求意见中", "待缴费", "已办结"};
static const struct label letter_kind_zh[] = {
    {"receipt", "登记回执"},
    {"correction_notice", "补正申请告知书"},
    {"extension_notice", "延期答复告知书"},
    {"delay_notice", "延迟答复告知书"},
    {"third_party_consultation", "征求第三方意见书"},
    {"consultation_notice", "征求意见告知书"},
    {"body_consultation", "征求意见函"},
    {"override_notice", "决定公开告知书"},
    {"fee_notice", "收费通知书"},
    {"reply", "答复书"},
    {NULL, NULL},
};
static const struct label party_zh[] = {
    {"third_party", "第三方"}, {"other_body", "其他机关"}, {NULL, NULL}};

#define PICK(table, i)                                                                             \
	((i) >= 0 && (size_t)(i) < sizeof(table) / sizeof(table)[0] ? (table)[(i)] : "")

static const char *date_text(ogi_date d, char buf[OGI_DATE_STRLEN])
{
	if (d == OGI_DATE_NONE)
		return "";
	return ogi_date_format(d, buf);
}

/* -- the registration sheet ----------------------------------------------- */

int ogi_casefile_registration_pdf(const struct ogi_request *r, const char *body_name, bool full_id,
                                  time_t created, unsigned char **out, size_t *len)
{
	struct ogi_sheet s;
	char sub[512], foot[128], d1[OGI_DATE_STRLEN];
	snprintf(sub, sizeof sub, "%s", body_name);
	snprintf(foot, sizeof foot, "申请编号 %s · 登记表", r->tracking_no);
	ogi_sheet_init(&s, "政府信息公开申请登记表", sub, foot, created);
	const struct ogi_applicant *a = &r->applicant;

	ogi_sheet_heading(&s, "一、申请登记");
	ogi_sheet_field(&s, "申请编号", r->tracking_no);
	ogi_sheet_field(&s, "受理机关", body_name);
	ogi_sheet_field(&s, "申请方式", PICK(channel_zh, r->channel));
	ogi_sheet_field(&s, "收到申请日期", date_text(r->received_on, d1));
	if (r->submitted_on != OGI_DATE_NONE)
		ogi_sheet_field(&s, "提交日期", date_text(r->submitted_on, d1));
	if (r->confirmed_on != OGI_DATE_NONE)
		ogi_sheet_field(&s, "确认日期", date_text(r->confirmed_on, d1));
	ogi_sheet_field(&s, "适用条例",
	                r->regime == OGI_REGIME_2008 ? "2008年施行的条例（15个工作日）"
	                                             : "2019年修订的条例（20个工作日）");
	char at[32];
	ogi_timestamp_minutes(r->created_at, at, sizeof at);
	ogi_sheet_field(&s, "登记时间", at);

	ogi_sheet_heading(&s, "二、申请人");
	ogi_sheet_field(&s, "申请人类型", PICK(kind_zh, a->kind));
	ogi_sheet_field(&s, a->kind == OGI_APPLICANT_NATURAL_PERSON ? "姓名" : "名称", a->name);
	if (a->id_type >= 0)
		ogi_sheet_field(&s, "证件类型", PICK(idtype_zh, a->id_type));
	if (a->id_number != NULL && a->id_number[0] != '\0') {
		char masked[160];
		if (full_id) {
			ogi_sheet_field(&s, "证件号码", a->id_number);
		} else {
			char m[128];
			ogi_mask_id(a->id_number, m, sizeof m);
			snprintf(masked, sizeof masked, "%s（已隐去部分号码）", m);
			ogi_sheet_field(&s, "证件号码", masked);
		}
	}
	ogi_sheet_field(&s, "联系人", a->contact);
	ogi_sheet_field(&s, "联系电话", a->phone);
	ogi_sheet_field(&s, "电子邮箱", a->email);
	ogi_sheet_field(&s, "通信地址", a->address);

	ogi_sheet_heading(&s, "三、申请内容");
	ogi_sheet_field(&s, "提供信息的载体形式", PICK(medium_zh, r->form_medium));
	ogi_sheet_field(&s, "获取信息的方式", PICK(delivery_zh, r->form_delivery));
	if (r->purpose != NULL && r->purpose[0] != '\0')
		ogi_sheet_field(&s, "用途", r->purpose);
	ogi_sheet_heading(&s, "所需政府信息的名称、文号或者便于查询的其他特征性描述");
	ogi_sheet_text(&s, r->description);

	ogi_sheet_heading(&s, "四、办理情况");
	ogi_sheet_field(&s, "办理状态", PICK(status_zh, r->status));
	ogi_sheet_field(&s, "答复期限", date_text(r->due_on, d1));
	if (r->closed_on != OGI_DATE_NONE) {
		ogi_sheet_field(&s, "办结日期", date_text(r->closed_on, d1));
		ogi_sheet_field(&s, "按期办结", r->replied_late ? "否（逾期办结）" : "是");
	}
	if (r->outcome >= 0 && r->outcome < OGI_OUTCOME_COUNT)
		ogi_sheet_field(&s, "办理结果", ogi_outcome_labels_zh[r->outcome]);
	ogi_sheet_field(&s, "延长答复期限", r->extension_used ? "已延长" : "未延长");
	int rc = ogi_sheet_pdf(&s, out, len, NULL);
	ogi_sheet_free(&s);
	return rc;
}

/* -- the timeline ---------------------------------------------------------- */

/* What an event's payload says, in a line: the keys people read, labelled. */
static void event_detail(const struct ogi_event *e, struct ogi_buf *b)
{
	static const struct label keys[] = {
	    {"outcome", "结果"},
	    {"basis", "依据"},
	    {"items", "补正事项"},
	    {"correction_due", "补正期限"},
	    {"party", "征求对象"},
	    {"name", "名称"},
	    {"party_received_on", "对方收到日期"},
	    {"answer", "意见"},
	    {"working_days", "延长工作日数"},
	    {"due_on", "期限"},
	    {"reason", "理由"},
	    {"amount", "金额（元）"},
	    {"pay_by", "缴费期限"},
	    {"ref", "文号"},
	    {"kind", "文书"},
	    {"method", "方式"},
	    {"served_on", "送达日期"},
	    {"delivered_on", "送达日期"},
	    {"delivery_method", "送达方式"},
	    {"referred_body", "告知的机关"},
	    {"notes", "说明"},
	    {"text", "内容"},
	    {"from", "原日期"},
	    {"to", "新日期"},
	    {NULL, NULL},
	};
	bool first = true;
	for (const struct label *k = keys; k->name != NULL; k++) {
		json_t *v = json_object_get(e->payload, k->name);
		if (v == NULL || json_is_null(v))
			continue;
		char num[32];
		const char *text = NULL;
		char *dumped = NULL;
		if (json_is_string(v)) {
			text = json_string_value(v);
			const char *zh = NULL;
			if (strcmp(k->name, "outcome") == 0) {
				int o = ogi_enum_parse(ogi_outcome_names, text);
				zh = o >= 0 ? ogi_outcome_labels_zh[o] : NULL;
			} else if (strcmp(k->name, "party") == 0) {
				zh = lookup(party_zh, text);
			} else if (strcmp(k->name, "kind") == 0) {
				zh = lookup(letter_kind_zh, text);
			}
			if (zh != NULL)
				text = zh;
		} else if (json_is_integer(v)) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			text = num;
		} else if (json_is_real(v)) {
			snprintf(num, sizeof num, "%.2f", json_real_value(v));
			text = num;
		} else if (json_is_array(v)) {
			/* a list of strings (the items to correct) */
			struct ogi_buf items = {0};
			size_t i;
			json_t *x;
			json_array_foreach(v, i, x)
			{
				if (i > 0)
					ogi_buf_add(&items, "；");
				if (json_is_string(x))
					ogi_buf_add(&items, json_string_value(x));
			}
			dumped = items.p;
			text = dumped;
		} else {
			continue;
		}
		if (text == NULL || text[0] == '\0') {
			free(dumped);
			continue;
		}
		ogi_buf_printf(b, "%s%s：%s", first ? "" : "；", k->zh, text);
		first = false;
		free(dumped);
	}
}

int ogi_casefile_timeline_pdf(const struct ogi_request *r, const char *body_name,
                              const struct ogi_event *events, size_t n, json_t *explain,
                              time_t created, unsigned char **out, size_t *len)
{
	struct ogi_sheet s;
	char sub[512], foot[128], d1[OGI_DATE_STRLEN];
	snprintf(sub, sizeof sub, "%s　申请编号 %s", body_name, r->tracking_no);
	snprintf(foot, sizeof foot, "申请编号 %s · 办理记录与期限说明", r->tracking_no);
	ogi_sheet_init(&s, "办理记录与期限说明", sub, foot, created);

	ogi_sheet_heading(&s, "一、办理记录");
	static const double w[] = {0.13, 0.19, 0.40, 0.12, 0.16};
	static const char *const head[] = {"日期", "事项", "说明", "记录人", "记录时间"};
	ogi_sheet_table(&s, 5, w, NULL, head);
	for (size_t i = 0; i < n; i++) {
		const struct ogi_event *e = &events[i];
		const char *type = ogi_event_type_names[e->type];
		const char *label = ogi_casefile_event_label(type);
		struct ogi_buf detail = {0};
		event_detail(e, &detail);
		char at[32];
		ogi_timestamp_minutes(e->recorded_at, at, sizeof at);
		const char *cells[] = {date_text(e->on, d1), label[0] ? label : type,
		                       detail.p ? detail.p : "",
		                       e->actor_name[0] ? e->actor_name : e->actor, at};
		ogi_sheet_row(&s, cells);
		if (detail.oom)
			s.oom = true;
		ogi_buf_free(&detail);
	}

	ogi_sheet_heading(&s, "二、答复期限的计算");
	{
		struct ogi_buf t = {0};
		json_t *due = json_object_get(explain, "due_on");
		json_t *period = json_object_get(explain, "period_workdays");
		ogi_buf_printf(&t, "适用%s，答复期限为收到申请之日起%lld个工作日。",
		               r->regime == OGI_REGIME_2008
		                   ? "2008年施行的《中华人民共和国政府信息公开条例》"
		                   : "2019年修订的《中华人民共和国政府信息公开条例》",
		               (long long)json_integer_value(period));
		if (json_is_string(due))
			ogi_buf_printf(&t, "答复期限：%s%s。", json_string_value(due),
			               json_is_true(json_object_get(explain, "provisional"))
			                   ? "（涉及尚未载入节假日安排的年份，为暂定日期）"
			                   : "");
		if (r->closed_on != OGI_DATE_NONE)
			ogi_buf_printf(&t, "办结日期：%s，%s。", date_text(r->closed_on, d1),
			               r->replied_late ? "逾期办结" : "按期办结");
		if (json_is_true(json_object_get(explain, "correction_notice_late")))
			ogi_buf_add(&t, "补正告知晚于收到申请后7个工作日。");
		ogi_sheet_text(&s, t.p);
		if (t.oom)
			s.oom = true;
		ogi_buf_free(&t);
	}
	json_t *steps = json_object_get(explain, "steps");
	if (json_array_size(steps) > 0) {
		static const double sw[] = {0.14, 0.14, 0.10, 0.62};
		static const char *const sh[] = {"起", "止", "工作日", "说明"};
		ogi_sheet_table(&s, 4, sw, NULL, sh);
		size_t i;
		json_t *st;
		json_array_foreach(steps, i, st)
		{
			char wd[16] = "";
			json_t *v = json_object_get(st, "workdays");
			if (json_is_integer(v) && json_integer_value(v) != 0)
				snprintf(wd, sizeof wd, "%lld", (long long)json_integer_value(v));
			json_t *from = json_object_get(st, "from"), *to = json_object_get(st, "to");
			const char *cells[] = {json_is_string(from) ? json_string_value(from) : "",
			                       json_is_string(to) ? json_string_value(to) : "", wd,
			                       json_string_value(json_object_get(st, "text_zh"))};
			if (cells[3] == NULL)
				cells[3] = "";
			ogi_sheet_row(&s, cells);
		}
	}
	json_t *subs = json_object_get(explain, "subdeadlines");
	if (json_array_size(subs) > 0) {
		ogi_sheet_heading(&s, "三、其他期限");
		static const double uw[] = {0.7, 0.3};
		static const char *const uh[] = {"期限", "日期"};
		ogi_sheet_table(&s, 2, uw, NULL, uh);
		size_t i;
		json_t *sd;
		json_array_foreach(subs, i, sd)
		{
			json_t *label = json_object_get(sd, "label_zh"),
			       *due = json_object_get(sd, "due_on");
			char when[64];
			snprintf(when, sizeof when, "%s%s",
			         json_is_string(due) ? json_string_value(due) : "",
			         json_is_true(json_object_get(sd, "provisional")) ? "（暂定）"
			                                                          : "");
			const char *cells[] = {
			    json_is_string(label) ? json_string_value(label) : "", when};
			ogi_sheet_row(&s, cells);
		}
	}
	int rc = ogi_sheet_pdf(&s, out, len, NULL);
	ogi_sheet_free(&s);
	return rc;
}

static void csv_field(struct ogi_buf *b, const char *v, bool last)
{
	ogi_buf_add(b, "\"");
	if (v[0] != '\0' && strchr("=+-@", v[0]) != NULL)
		ogi_buf_add(b, "'");
	for (const char *s = v; *s; s++)
		ogi_buf_add(b, *s == '"' ? "\"\"" : (char[]){*s, '\0'});
	ogi_buf_add(b, last ? "\"\r\n" : "\",");
}

int ogi_casefile_timeline_csv(const struct ogi_event *events, size_t n, char **out, size_t *len)
{
	struct ogi_buf b = {0};
	ogi_buf_add(&b, "\xEF\xBB\xBF\"日期\",\"事项\",\"说明\",\"记录人\",\"记录时间\"\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct ogi_event *e = &events[i];
		char d[OGI_DATE_STRLEN];
		const char *type = ogi_event_type_names[e->type];
		const char *label = ogi_casefile_event_label(type);
		struct ogi_buf detail = {0};
		event_detail(e, &detail);
		ogi_buf_printf(&b, "%s,", date_text(e->on, d));
		csv_field(&b, label[0] ? label : type, false);
		csv_field(&b, detail.p ? detail.p : "", false);
		csv_field(&b, e->actor_name[0] ? e->actor_name : e->actor, false);
		char at[32];
		ogi_timestamp_minutes(e->recorded_at, at, sizeof at);
		csv_field(&b, at, true);
		if (detail.oom)
			b.oom = true;
		ogi_buf_free(&detail);
	}
	if (b.oom) {
		ogi_buf_free(&b);
		return -1;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}

/* -- the index -------------------------------------------------------------- */

int ogi_casefile_index_pdf(const struct ogi_casefile *cf, const struct ogi_request *r,
                           const char *body_name, time_t created, unsigned char **out, size_t *len)
{
	struct ogi_sheet s;
	char sub[512], foot[128];
	snprintf(sub, sizeof sub, "%s　申请编号 %s", body_name, r->tracking_no);
	snprintf(foot, sizeof foot, "申请编号 %s · 卷内目录", r->tracking_no);
	ogi_sheet_init(&s, "卷内目录", sub, foot, created);
	static const double w[] = {0.07, 0.33, 0.12, 0.07, 0.11, 0.30};
	static const bool mono[] = {false, false, false, false, false, true};
	static const char *const head[] = {"序号", "文件题名", "日期", "页数", "大小", "SHA-256"};
	ogi_sheet_table(&s, 6, w, mono, head);
	int listed = 0;
	for (size_t i = 0; i < cf->n; i++) {
		const struct ogi_casefile_entry *e = &cf->v[i];
		if (e->kind == OGI_CF_INDEX)
			continue;
		char seq[16], date[OGI_DATE_STRLEN], pages[16] = "", size[32];
		snprintf(seq, sizeof seq, "%d", e->seq);
		if (e->pages > 0)
			snprintf(pages, sizeof pages, "%d", e->pages);
		ogi_casefile_size_text(e->size, size, sizeof size);
		const char *cells[] = {seq,   e->title, date_text(e->date, date),
		                       pages, size,     e->sha256};
		ogi_sheet_row(&s, cells);
		listed++;
	}
	char total[256], left[96] = "";
	if (cf->left_out > 0)
		snprintf(left, sizeof left, "另有%d件已作废的案卷材料未收入本卷。", cf->left_out);
	snprintf(total, sizeof total,
	         "本卷共%d件。%sSHA-256 为各文件的数字摘要，可用于核对文件未被改动。", listed,
	         left);
	ogi_sheet_text(&s, total);
	int rc = ogi_sheet_pdf(&s, out, len, NULL);
	ogi_sheet_free(&s);
	return rc;
}
