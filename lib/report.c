/* The annual report model: formats and labels, the mapping, staff inputs,
 * the tally, the checks, the sentences and the comparison with the locked
 * report (see report.h).  Labels are character for character those of the
 * official forms (reference/law.md §4.3–4.7) and of the older reports (§2). */
#include "lib/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ogi_report_format_names[] = {"2021", "2019", "legacy", NULL};

enum ogi_report_format ogi_report_format_for_year(int year)
{
	if (year >= 2021)
		return OGI_FORMAT_2021;
	if (year >= 2019)
		return OGI_FORMAT_2019;
	return OGI_FORMAT_LEGACY;
}

const char *const ogi_report_column_keys[] = {"natural_person",
                                              "commercial_enterprise",
                                              "research_institution",
                                              "social_welfare_org",
                                              "legal_service_org",
                                              "other_org",
                                              "total",
                                              NULL};
const char *const ogi_report_column_labels[] = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", NULL};

/* ---- table 三: rows of each format ---------------------------------------------------------- */

#define S1       "三、本年度办理结果"
#define WITHHELD "（三）不予公开"
#define UNABLE   "（四）无法提供"
#define REJECTED "（五）不予处理"
#define OTHERP   "（六）其他处理"

#define ROWS_HEAD                                                                                  \
	{"new", OGI_ROW_NEW, {"一、本年新收政府信息公开申请数量", NULL, NULL}, 0},                 \
	    {"carried_in",                                                                         \
	     OGI_ROW_CARRIED_IN,                                                                   \
	     {"二、上年结转政府信息公开申请数量", NULL, NULL},                                     \
	     0},                                                                                   \
	    {"disclosed", OGI_ROW_RESULT, {S1, "（一）予以公开", NULL}, 0},                        \
	    {"partial",                                                                            \
	     OGI_ROW_RESULT,                                                                       \
	     {S1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL},               \
	     0},                                                                                   \
	    {"withheld_state_secret", OGI_ROW_RESULT, {S1, WITHHELD, "1.属于国家秘密"}, 0},        \
	    {"withheld_law_prohibited",                                                            \
	     OGI_ROW_RESULT,                                                                       \
	     {S1, WITHHELD, "2.其他法律行政法规禁止公开"},                                         \
	     0},                                                                                   \
	    {"withheld_security_stability",                                                        \
	     OGI_ROW_RESULT,                                                                       \
	     {S1, WITHHELD, "3.危及“三安全一稳定”"},                                               \
	     0},                                                                                   \
	    {"withheld_third_party", OGI_ROW_RESULT, {S1, WITHHELD, "4.保护第三方合法权益"}, 0},   \
	    {"withheld_internal_affairs",                                                          \
	     OGI_ROW_RESULT,                                                                       \
	     {S1, WITHHELD, "5.属于三类内部事务信息"},                                             \
	     0},                                                                                   \
	    {"withheld_process_info", OGI_ROW_RESULT, {S1, WITHHELD, "6.属于四类过程性信息"}, 0},  \
	    {"withheld_enforcement_file",                                                          \
	     OGI_ROW_RESULT,                                                                       \
	     {S1, WITHHELD, "7.属于行政执法案卷"},                                                 \
	     0},                                                                                   \
	    {"withheld_query_matter", OGI_ROW_RESULT, {S1, WITHHELD, "8.属于行政查询事项"}, 0},    \
	    {"unable_not_held", OGI_ROW_RESULT, {S1, UNABLE, "1.本机关不掌握相关政府信息"}, 0},    \
	    {"unable_needs_creation",                                                              \
	     OGI_ROW_RESULT,                                                                       \
	     {S1, UNABLE, "2.没有现成信息需要另行制作"},                                           \
	     0},                                                                                   \
	    {"unable_still_unclear", OGI_ROW_RESULT, {S1, UNABLE, "3.补正后申请内容仍不明确"}, 0}, \
	    {"rejected_petition", OGI_ROW_RESULT, {S1, REJECTED, "1.信访举报投诉类申请"}, 0},      \
	    {"rejected_repeat", OGI_ROW_RESULT, {S1, REJECTED, "2.重复申请"}, 0},                  \
	    {"rejected_publication", OGI_ROW_RESULT, {S1, REJECTED, "3.要求提供公开出版物"}, 0},   \
	    {"rejected_excessive", OGI_ROW_RESULT, {S1, REJECTED, "4.无正当理由大量反复申请"}, 0}, \
	{                                                                                          \
		"rejected_confirm_reissue", OGI_ROW_RESULT,                                        \
		    {S1, REJECTED, "5.要求行政机关确认或重新出具已获取信息"}, 0                    \
	}

#define ROWS_TAIL                                                                                  \
	{"total", OGI_ROW_RESULT_TOTAL, {S1, "（七）总计", NULL}, 0},                              \
	{                                                                                          \
		"carried_out", OGI_ROW_CARRIED_OUT, {"四、结转下年度继续办理", NULL, NULL}, 0      \
	}

/* 国办公开办函〔2021〕30号: (六) has three sub-rows; 25 rows. */
static const struct ogi_report_row rows_2021[] = {
    ROWS_HEAD,
    {"other_correction_lapsed",
     OGI_ROW_RESULT,
     {S1, OTHERP, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
     0},
    {"other_fee_lapsed",
     OGI_ROW_RESULT,
     {S1, OTHERP, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
     0},
    {"other_other", OGI_ROW_RESULT, {S1, OTHERP, "3.其他"}, 0},
    ROWS_TAIL,
};

/* 国办公开办函〔2019〕60号: (六) is one row; 23 rows. */
static const struct ogi_report_row rows_2019[] = {
    ROWS_HEAD,
    {"other_processing", OGI_ROW_RESULT, {S1, OTHERP, NULL}, 0},
    ROWS_TAIL,
};

/* Up to 2018: the 2007 regulation's 依申请公开 figures as the older reports
 * wrote them — applications by channel, replies by the old categories. */
static const struct ogi_report_row rows_legacy[] = {
    {"new", OGI_ROW_NEW, {"（一）收到申请数", NULL, NULL}, 0},
    {"new_in_person", OGI_ROW_NEW_CHANNEL, {"1.当面申请", NULL, NULL}, 1},
    {"new_fax", OGI_ROW_NEW_CHANNEL, {"2.传真申请", NULL, NULL}, 1},
    {"new_email", OGI_ROW_NEW_CHANNEL, {"3.电子邮件申请", NULL, NULL}, 1},
    {"new_online", OGI_ROW_NEW_CHANNEL, {"4.网上申请", NULL, NULL}, 1},
    {"new_letter", OGI_ROW_NEW_CHANNEL, {"5.信函申请", NULL, NULL}, 1},
    {"new_other", OGI_ROW_NEW_CHANNEL, {"6.其他形式申请", NULL, NULL}, 1},
    {"carried_in", OGI_ROW_CARRIED_IN, {"（二）上年结转申请数", NULL, NULL}, 0},
    {"total", OGI_ROW_RESULT_TOTAL, {"（三）本年办结申请数", NULL, NULL}, 0},
    {"agreed", OGI_ROW_RESULT, {"1.同意公开", NULL, NULL}, 1},
    {"agreed_partial", OGI_ROW_RESULT, {"2.同意部分公开", NULL, NULL}, 1},
    {"refused", OGI_ROW_RESULT, {"3.不予公开", NULL, NULL}, 1},
    {"not_government_info", OGI_ROW_RESULT, {"4.非政府信息", NULL, NULL}, 1},
    {"not_exist", OGI_ROW_RESULT, {"5.信息不存在", NULL, NULL}, 1},
    {"not_this_body", OGI_ROW_RESULT, {"6.非本机关", NULL, NULL}, 1},
    {"unclear", OGI_ROW_RESULT, {"7.申请内容不明确", NULL, NULL}, 1},
    {"redirected", OGI_ROW_RESULT, {"8.告知通过其他途径办理", NULL, NULL}, 1},
    {"other", OGI_ROW_RESULT, {"9.其他", NULL, NULL}, 1},
    {"carried_out", OGI_ROW_CARRIED_OUT, {"（四）结转下年度办理申请数", NULL, NULL}, 0},
};

const struct ogi_report_row *ogi_report_rows(enum ogi_report_format f, int *n)
{
	switch (f) {
	case OGI_FORMAT_2019:
		*n = (int)(sizeof rows_2019 / sizeof rows_2019[0]);
		return rows_2019;
	case OGI_FORMAT_LEGACY:
		*n = (int)(sizeof rows_legacy / sizeof rows_legacy[0]);
		return rows_legacy;
	default:
		*n = (int)(sizeof rows_2021 / sizeof rows_2021[0]);
		return rows_2021;
	}
}

int ogi_report_row_find(enum ogi_report_format f, const char *key)
{
	int n;
	const struct ogi_report_row *rows = ogi_report_rows(f, &n);
	for (int i = 0; key != NULL && i < n; i++)
		if (strcmp(rows[i].key, key) == 0)
			return i;
	return -1;
}

const char *ogi_report_row_label(const struct ogi_report_row *row)
{
	for (int k = 2; k > 0; k--)
		if (row->label[k] != NULL)
			return row->label[k];
	return row->label[0];
}

/* ---- the mapping ---------------------------------------------------------------------------- */

void ogi_report_mapping_init(struct ogi_report_mapping *m)
{
	memset(m, 0, sizeof *m);
	memset(m->outcome, -1, sizeof m->outcome);
	memset(m->channel, -1, sizeof m->channel);
}

static bool mapping_error(struct ogi_report_mapping *m, const char *fmt, const char *a,
                          const char *b, const char *c)
{
	if (m->nerrors < (int)(sizeof m->errors / sizeof m->errors[0]))
		snprintf(m->errors[m->nerrors++], sizeof m->errors[0], fmt, a, b, c);
	return false;
}

bool ogi_report_mapping_add(struct ogi_report_mapping *m, const char *format, const char *kind,
                            const char *value, const char *row_key)
{
	int f = ogi_enum_parse(ogi_report_format_names, format);
	if (f < 0)
		return mapping_error(m, "report_row_map: unknown format %s (%s %s)", format, kind,
		                     value);
	int row = ogi_report_row_find((enum ogi_report_format)f, row_key);
	int nrows;
	const struct ogi_report_row *rows = ogi_report_rows((enum ogi_report_format)f, &nrows);
	if (kind != NULL && strcmp(kind, "outcome") == 0) {
		int o = ogi_enum_parse(ogi_outcome_names, value);
		if (o < 0)
			return mapping_error(
			    m, "report_row_map: unknown outcome %s (format %s, row %s)", value,
			    format, row_key);
		if (row < 0 || rows[row].role != OGI_ROW_RESULT)
			return mapping_error(
			    m, "report_row_map: %s is not a result row of format %s (outcome %s)",
			    row_key, format, value);
		m->outcome[f][o] = (signed char)row;
		return true;
	}
	if (kind != NULL && strcmp(kind, "channel") == 0) {
		int ch = ogi_enum_parse(ogi_channel_names, value);
		if (ch < 0)
			return mapping_error(
			    m, "report_row_map: unknown channel %s (format %s, row %s)", value,
			    format, row_key);
		if (row < 0 || rows[row].role != OGI_ROW_NEW_CHANNEL)
			return mapping_error(
			    m, "report_row_map: %s is not a channel row of format %s (channel %s)",
			    row_key, format, value);
		m->channel[f][ch] = (signed char)row;
		return true;
	}
	return mapping_error(m, "report_row_map: unknown kind %s (format %s, value %s)",
	                     kind ? kind : "(null)", format, value);
}

/* ---- table 四 ------------------------------------------------------------------------------- */

const char *const ogi_report_remedy_names[] = {"reconsideration", "litigation_direct",
                                               "litigation_after_reconsideration", NULL};
const char *const ogi_report_remedy_cols[] = {"upheld",  "corrected", "other",
                                              "pending", "total",     NULL};
const char *const ogi_report_remedy_labels[] = {"结果维持", "结果纠正", "其他结果",
                                                "尚未审结", "总计",     NULL};

/* ---- section 二 ----------------------------------------------------------------------------- */

/* 国办公开办函〔2021〕30号 (law.md §4.3). */
static const struct ogi_proactive_block proactive_2021[] = {
    {"第二十条第（一）项",
     3,
     {"issued", "repealed", "in_force"},
     {"本年制发件数", "本年废止件数", "现行有效件数"},
     {OGI_PF_COUNT, OGI_PF_COUNT, OGI_PF_COUNT},
     2,
     {{"regulations", "规章"}, {"normative_documents", "行政规范性文件"}}},
    {"第二十条第（五）项",
     1,
     {"decisions"},
     {"本年处理决定数量"},
     {OGI_PF_COUNT},
     1,
     {{"licensing", "行政许可"}}},
    {"第二十条第（六）项",
     1,
     {"decisions"},
     {"本年处理决定数量"},
     {OGI_PF_COUNT},
     2,
     {{"penalty", "行政处罚"}, {"enforcement", "行政强制"}}},
    {"第二十条第（八）项",
     1,
     {"amount"},
     {"本年收费金额（单位：万元）"},
     {OGI_PF_AMOUNT},
     1,
     {{"administrative_fees", "行政事业性收费"}}},
};

/* 国办公开办函〔2019〕60号 (law.md §4.7). */
static const struct ogi_proactive_block proactive_2019[] = {
    {"第二十条第（一）项",
     3,
     {"made", "published", "total"},
     {"本年新制作数量", "本年新公开数量", "对外公开总数量"},
     {OGI_PF_COUNT, OGI_PF_COUNT, OGI_PF_COUNT},
     2,
     {{"regulations", "规章"}, {"normative_documents", "规范性文件"}}},
    {"第二十条第（五）项",
     3,
     {"previous", "change", "decisions"},
     {"上一年项目数量", "本年增/减", "处理决定数量"},
     {OGI_PF_COUNT, OGI_PF_CHANGE, OGI_PF_COUNT},
     2,
     {{"licensing", "行政许可"}, {"other_services", "其他对外管理服务事项"}}},
    {"第二十条第（六）项",
     3,
     {"previous", "change", "decisions"},
     {"上一年项目数量", "本年增/减", "处理决定数量"},
     {OGI_PF_COUNT, OGI_PF_CHANGE, OGI_PF_COUNT},
     2,
     {{"penalty", "行政处罚"}, {"enforcement", "行政强制"}}},
    {"第二十条第（八）项",
     2,
     {"previous", "change"},
     {"上一年项目数量", "本年增/减"},
     {OGI_PF_COUNT, OGI_PF_CHANGE},
     1,
     {{"administrative_fees", "行政事业性收费"}}},
    {"第二十条第（九）项",
     2,
     {"items", "amount"},
     {"采购项目数量", "采购总金额"},
     {OGI_PF_COUNT, OGI_PF_AMOUNT},
     1,
     {{"procurement", "政府集中采购"}}},
};

/* The older reports gave the number of items published proactively. */
static const struct ogi_proactive_block proactive_legacy[] = {
    {"主动公开政府信息",
     1,
     {"published"},
     {"本年主动公开政府信息数（条）"},
     {OGI_PF_COUNT},
     1,
     {{"information", "政府信息"}}},
};

int ogi_proactive_blocks(enum ogi_report_format f, const struct ogi_proactive_block **out)
{
	switch (f) {
	case OGI_FORMAT_2019:
		*out = proactive_2019;
		return (int)(sizeof proactive_2019 / sizeof proactive_2019[0]);
	case OGI_FORMAT_LEGACY:
		*out = proactive_legacy;
		return (int)(sizeof proactive_legacy / sizeof proactive_legacy[0]);
	default:
		*out = proactive_2021;
		return (int)(sizeof proactive_2021 / sizeof proactive_2021[0]);
	}
}

/* ---- staff inputs --------------------------------------------------------------------------- */

const char *const ogi_report_text_names[] = {"overview", "proactive", "problems", "other", NULL};
const char *const ogi_report_sentence_names[] = {"proactive", "applications", "remedies", "fees",
                                                 NULL};

#define TEXT_MAX 20000

static char *dup_or_null(const char *s)
{
	return s != NULL && *s ? strdup(s) : NULL;
}

static bool amount_ok(double v)
{
	double scaled = v * 10000.0;
	return v >= 0 && v < 1e11 && fabs(scaled - round(scaled)) < 1e-6;
}

bool ogi_report_inputs_parse(json_t *body, enum ogi_report_format f, struct ogi_report_inputs *out,
                             const char **override_reason, struct spec_errors *errs)
{
	memset(out, 0, sizeof *out);
	out->present = true;
	*override_reason = NULL;
	const struct ogi_proactive_block *blocks;
	int nblocks = ogi_proactive_blocks(f, &blocks);

	/* proactive: {row: {field: value}} built from the format's blocks */
	struct spec row_specs[16][4];
	struct spec proactive_spec[17];
	long long ints[OGI_PROACTIVE_MAX];
	double nums[OGI_PROACTIVE_MAX];
	bool has[OGI_PROACTIVE_MAX];
	int nrow = 0, idx = 0;
	for (int b = 0; b < nblocks; b++) {
		for (int r = 0; r < blocks[b].nrows; r++, nrow++) {
			int k;
			for (k = 0; k < blocks[b].nfields; k++, idx++) {
				const char *name = blocks[b].fields[k];
				switch (blocks[b].kinds[k]) {
				case OGI_PF_AMOUNT:
					row_specs[nrow][k] = (struct spec)SPEC_OPT(
					    &has[idx], SPEC_F_NUMBER(name, &nums[idx]));
					break;
				case OGI_PF_CHANGE:
					row_specs[nrow][k] = (struct spec)SPEC_OPT(
					    &has[idx],
					    SPEC_F_INT(name, &ints[idx], -1000000000, 1000000000));
					break;
				default:
					row_specs[nrow][k] = (struct spec)SPEC_OPT(
					    &has[idx], SPEC_F_INT(name, &ints[idx], 0, 1000000000));
				}
			}
			row_specs[nrow][k] = (struct spec)SPEC_END;
			proactive_spec[nrow] = (struct spec)SPEC_OPT(
			    NULL, SPEC_F_OBJECT(blocks[b].rows[r].key, row_specs[nrow]));
		}
	}
	proactive_spec[nrow] = (struct spec)SPEC_END;
	memset(has, 0, sizeof has);

	const char *texts[OGI_TEXT_COUNT] = {0};
	struct spec text_spec[OGI_TEXT_COUNT + 1];
	for (int i = 0; i < OGI_TEXT_COUNT; i++)
		text_spec[i] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_STRING(ogi_report_text_names[i], &texts[i], TEXT_MAX));
	text_spec[OGI_TEXT_COUNT] = (struct spec)SPEC_END;

	const char *sentences[OGI_SENT_COUNT] = {0};
	struct spec sentence_spec[OGI_SENT_COUNT + 1];
	for (int i = 0; i < OGI_SENT_COUNT; i++)
		sentence_spec[i] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_STRING(ogi_report_sentence_names[i], &sentences[i], TEXT_MAX));
	sentence_spec[OGI_SENT_COUNT] = (struct spec)SPEC_END;

	struct spec spec[] = {
	    SPEC_OPT(NULL, SPEC_F_OBJECT("proactive", proactive_spec)),
	    SPEC_OPT(NULL, SPEC_F_OBJECT("text", text_spec)),
	    SPEC_OPT(NULL, SPEC_F_OBJECT("sentences", sentence_spec)),
	    SPEC_OPT(NULL, SPEC_F_STRING("override_reason", override_reason, 500)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;

	/* amounts: non-negative, at most 4 decimal places (1 元 = 0.0001 万元) */
	idx = 0;
	for (int b = 0; b < nblocks; b++)
		for (int r = 0; r < blocks[b].nrows; r++)
			for (int k = 0; k < blocks[b].nfields; k++, idx++) {
				if (!has[idx])
					continue;
				if (blocks[b].kinds[k] == OGI_PF_AMOUNT && !amount_ok(nums[idx])) {
					char field[96];
					snprintf(field, sizeof field, "proactive.%s.%s",
					         blocks[b].rows[r].key, blocks[b].fields[k]);
					spec_error_add(
					    errs, field, "range",
					    "金额须为不小于 0 的数，最多 4 位小数（单位：万元）",
					    "must be a number >= 0 with at most 4 decimal places "
					    "(10,000 yuan)");
					continue;
				}
				out->proactive[idx].set = true;
				out->proactive[idx].v = blocks[b].kinds[k] == OGI_PF_AMOUNT
				                            ? nums[idx]
				                            : (double)ints[idx];
			}
	if (errs->n > 0)
		return false;
	for (int i = 0; i < OGI_TEXT_COUNT; i++)
		out->text[i] = dup_or_null(texts[i]);
	for (int i = 0; i < OGI_SENT_COUNT; i++)
		out->sentence[i] = dup_or_null(sentences[i]);
	return true;
}

void ogi_report_inputs_load(json_t *stored, enum ogi_report_format f, struct ogi_report_inputs *out)
{
	ogi_report_inputs_free(out);
	if (!json_is_object(stored))
		return;
	out->present = true;
	const struct ogi_proactive_block *blocks;
	int nblocks = ogi_proactive_blocks(f, &blocks);
	json_t *proactive = json_object_get(stored, "proactive");
	int idx = 0;
	for (int b = 0; b < nblocks; b++)
		for (int r = 0; r < blocks[b].nrows; r++) {
			json_t *row = json_object_get(proactive, blocks[b].rows[r].key);
			for (int k = 0; k < blocks[b].nfields; k++, idx++) {
				json_t *v = json_object_get(row, blocks[b].fields[k]);
				if (json_is_number(v)) {
					out->proactive[idx].set = true;
					out->proactive[idx].v = json_number_value(v);
				}
			}
		}
	json_t *text = json_object_get(stored, "text");
	for (int i = 0; i < OGI_TEXT_COUNT; i++)
		out->text[i] =
		    dup_or_null(json_string_value(json_object_get(text, ogi_report_text_names[i])));
	json_t *sentences = json_object_get(stored, "sentences");
	for (int i = 0; i < OGI_SENT_COUNT; i++) {
		json_t *s = json_object_get(sentences, ogi_report_sentence_names[i]);
		out->sentence[i] = dup_or_null(json_string_value(json_object_get(s, "text")));
		out->sentence_basis[i] =
		    dup_or_null(json_string_value(json_object_get(s, "basis")));
	}
}

json_t *ogi_report_inputs_json(const struct ogi_report_inputs *in, enum ogi_report_format f)
{
	const struct ogi_proactive_block *blocks;
	int nblocks = ogi_proactive_blocks(f, &blocks);
	json_t *proactive = json_object();
	int idx = 0;
	for (int b = 0; b < nblocks; b++)
		for (int r = 0; r < blocks[b].nrows; r++) {
			json_t *row = json_object();
			for (int k = 0; k < blocks[b].nfields; k++, idx++) {
				const struct ogi_report_value *v = &in->proactive[idx];
				if (!v->set)
					continue;
				json_object_set_new(row, blocks[b].fields[k],
				                    blocks[b].kinds[k] == OGI_PF_AMOUNT
				                        ? json_real(v->v)
				                        : json_integer((json_int_t)llround(v->v)));
			}
			if (json_object_size(row) > 0)
				json_object_set_new(proactive, blocks[b].rows[r].key, row);
			else
				json_decref(row);
		}
	json_t *text = json_object();
	for (int i = 0; i < OGI_TEXT_COUNT; i++)
		if (in->text[i] != NULL)
			json_object_set_new(text, ogi_report_text_names[i],
			                    json_string(in->text[i]));
	json_t *sentences = json_object();
	for (int i = 0; i < OGI_SENT_COUNT; i++)
		if (in->sentence[i] != NULL)
			json_object_set_new(sentences, ogi_report_sentence_names[i],
			                    json_pack("{s:s, s:s?}", "text", in->sentence[i],
			                              "basis", in->sentence_basis[i]));
	return json_pack("{s:o, s:o, s:o}", "proactive", proactive, "text", text, "sentences",
	                 sentences);
}

void ogi_report_inputs_free(struct ogi_report_inputs *in)
{
	for (int i = 0; i < OGI_TEXT_COUNT; i++)
		free(in->text[i]);
	for (int i = 0; i < OGI_SENT_COUNT; i++) {
		free(in->sentence[i]);
		free(in->sentence_basis[i]);
	}
	memset(in, 0, sizeof *in);
}

/* ---- fees ----------------------------------------------------------------------------------- */

void ogi_report_yuan(long long fen, char *buf, size_t len)
{
	const char *sign = fen < 0 ? "-" : "";
	long long a = fen < 0 ? -fen : fen;
	if (a % 100 == 0)
		snprintf(buf, len, "%s%lld", sign, a / 100);
	else
		snprintf(buf, len, "%s%lld.%02lld", sign, a / 100, a % 100);
}

void ogi_report_cn_date(const char *iso, char *out, size_t len)
{
	int y, m, d;
	if (iso != NULL && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(out, len, "%d年%d月%d日", y, m, d);
	else
		snprintf(out, len, "%s", iso ? iso : "");
}

/* ---- the report ----------------------------------------------------------------------------- */

struct ogi_report *ogi_report_new(int year, enum ogi_report_format f, long long body_id,
                                  const char *body_name, bool subtree,
                                  const struct ogi_report_mapping *map)
{
	struct ogi_report *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	r->year = year;
	r->format = f;
	r->body_id = body_id;
	snprintf(r->body_name, sizeof r->body_name, "%s", body_name ? body_name : "");
	r->subtree = subtree;
	r->nbodies = 1;
	r->today = ogi_today();
	r->map = *map;
	r->rows = ogi_report_rows(f, &r->nrows);
	return r;
}

void ogi_report_free(struct ogi_report *r)
{
	if (r == NULL)
		return;
	ogi_report_inputs_free(&r->inputs);
	json_decref(r->snapshot);
	free(r->amendments);
	for (int i = 0; i < OGI_SENT_COUNT; i++)
		free(r->generated[i]);
	free(r);
}

static int row_of_role(const struct ogi_report *r, enum ogi_row_role role)
{
	for (int i = 0; i < r->nrows; i++)
		if (r->rows[i].role == role)
			return i;
	return -1;
}

static void add_cell(struct ogi_report *r, int row, int kind, long long n)
{
	if (row < 0 || n == 0)
		return;
	if (kind >= 0)
		r->cells[row][kind] += n;
	/* the total column is counted for itself, so "总计 = the six" checks something */
	r->cells[row][OGI_REPORT_TOTAL] += n;
}

void ogi_report_add_counts(struct ogi_report *r, const char *kind, const char *outcome,
                           const char *channel, long long received, long long carried_in,
                           long long closed, long long carried_out)
{
	int k = ogi_enum_parse(ogi_applicant_kind_names, kind);
	add_cell(r, row_of_role(r, OGI_ROW_NEW), k, received);
	add_cell(r, row_of_role(r, OGI_ROW_CARRIED_IN), k, carried_in);
	add_cell(r, row_of_role(r, OGI_ROW_RESULT_TOTAL), k, closed);
	add_cell(r, row_of_role(r, OGI_ROW_CARRIED_OUT), k, carried_out);
	if (closed != 0) {
		int o = ogi_enum_parse(ogi_outcome_names, outcome);
		int row = o >= 0 ? r->map.outcome[r->format][o] : -1;
		if (row >= 0)
			add_cell(r, row, k, closed);
		else
			r->unmapped[o >= 0 ? o : OGI_OUTCOME_COUNT] += closed;
	}
	if (received != 0 && row_of_role(r, OGI_ROW_NEW_CHANNEL) >= 0) {
		int ch = ogi_enum_parse(ogi_channel_names, channel);
		int row = ch >= 0 ? r->map.channel[r->format][ch] : -1;
		if (row >= 0)
			add_cell(r, row, k, received);
		else
			r->unmapped_channel += received;
	}
}

/* Table 四's columns are lib/remedies.h's results, in the same order, then 总计. */
_Static_assert(OGI_REPORT_UPHELD == (int)OGI_RESULT_UPHELD &&
                   OGI_REPORT_CORRECTED == (int)OGI_RESULT_CORRECTED &&
                   OGI_REPORT_OTHER == (int)OGI_RESULT_OTHER &&
                   OGI_REPORT_PENDING == (int)OGI_RESULT_PENDING,
               "table 四's columns follow enum ogi_remedy_result");

/* One record of block with its result; an unclassified one counts in the total only. */
static void count_remedy(struct ogi_report *r, int block, int result)
{
	if (result >= 0 && result < OGI_REPORT_REMEDY_TOTAL)
		r->remedies[block][result]++;
	else
		r->remedies_unclassified++;
	r->remedies[block][OGI_REPORT_REMEDY_TOTAL]++;
}

static bool filed_in_year(const struct ogi_report *r, ogi_date filed_on)
{
	return filed_on != OGI_DATE_NONE && ogi_date_year(filed_on) == r->year;
}

void ogi_report_add_reconsideration(struct ogi_report *r, ogi_date filed_on, ogi_date decided_on,
                                    const char *decision)
{
	int d = decision != NULL ? ogi_enum_parse(ogi_rc_decision_names, decision) : -1;
	bool known =
	    (decision == NULL || d >= 0) && (decision == NULL) == (decided_on == OGI_DATE_NONE);
	count_remedy(r, OGI_REPORT_RECONSIDERATION,
	             known && filed_in_year(r, filed_on)
	                 ? (int)ogi_reconsideration_report_result(filed_on, decided_on, d)
	                 : -1);
}

#define REPORT_MAX_INSTANCES 64

void ogi_report_add_litigation(struct ogi_report *r, const char *route, ogi_date filed_on,
                               const struct ogi_report_instance *v, size_t n)
{
	int rt = ogi_enum_parse(ogi_litigation_route_names, route);
	if (rt < 0) {
		r->remedies_unclassified++;
		return;
	}
	int block =
	    rt == OGI_ROUTE_DIRECT ? OGI_REPORT_LITIGATION_DIRECT : OGI_REPORT_LITIGATION_AFTER;
	struct ogi_instance inst[REPORT_MAX_INSTANCES];
	bool known = filed_in_year(r, filed_on) && n <= REPORT_MAX_INSTANCES;
	for (size_t i = 0; known && i < n; i++) {
		int kind = ogi_enum_parse(ogi_instance_kind_names, v[i].kind);
		int j =
		    v[i].judgment != NULL ? ogi_enum_parse(ogi_judgment_names, v[i].judgment) : -1;
		known = kind >= 0 && (v[i].judgment == NULL || j >= 0) &&
		        (v[i].judgment == NULL) == (v[i].decided_on == OGI_DATE_NONE);
		inst[i] =
		    (struct ogi_instance){.kind = (enum ogi_instance_kind)(kind >= 0 ? kind : 0),
		                          .filed_on = v[i].filed_on,
		                          .decided_on = v[i].decided_on,
		                          .judgment = j,
		                          .served_on = OGI_DATE_NONE,
		                          .hearing_on = OGI_DATE_NONE,
		                          .judgment_served_on = OGI_DATE_NONE};
	}
	count_remedy(r, block, known ? (int)ogi_litigation_report_result(filed_on, inst, n) : -1);
}

void ogi_report_set_lock(struct ogi_report *r, const char *locked_at, const char *locked_by,
                         bool subtree, json_t *snapshot)
{
	r->locked = true;
	r->lock_subtree = subtree;
	snprintf(r->locked_at, sizeof r->locked_at, "%s", locked_at ? locked_at : "");
	snprintf(r->locked_by, sizeof r->locked_by, "%s", locked_by ? locked_by : "");
	json_decref(r->snapshot);
	r->snapshot = snapshot;
}

bool ogi_report_add_amendment(struct ogi_report *r, const struct ogi_report_amendment *a)
{
	if (r->namendments >= OGI_REPORT_MAX_AMENDMENTS)
		return false;
	if (r->amendments == NULL) {
		r->amendments = calloc(OGI_REPORT_MAX_AMENDMENTS, sizeof *r->amendments);
		if (r->amendments == NULL)
			return false;
	}
	r->amendments[r->namendments++] = *a;
	return true;
}

/* ---- sentences ------------------------------------------------------------------------------ */

/* "（二）部分公开（区分…）" → "部分公开"; "1.当面申请" → "当面申请". */
static void short_label(const char *label, char *out, size_t len)
{
	const char *s = label;
	const char *close = strstr(s, "）");
	if (strncmp(s, "（", strlen("（")) == 0 && close != NULL)
		s = close + strlen("）");
	const char *dot = strchr(s, '.');
	if (dot != NULL && dot - s <= 2)
		s = dot + 1;
	const char *open = strstr(s, "（");
	size_t n = open != NULL ? (size_t)(open - s) : strlen(s);
	if (n >= len)
		n = len - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

static long long cell(const struct ogi_report *r, enum ogi_row_role role, int col)
{
	int row = row_of_role(r, role);
	return row < 0 ? 0 : r->cells[row][col];
}

static char *applications_sentence(const struct ogi_report *r)
{
	struct ogi_buf b = {0};
	long long received = cell(r, OGI_ROW_NEW, OGI_REPORT_TOTAL);
	long long in = cell(r, OGI_ROW_CARRIED_IN, OGI_REPORT_TOTAL);
	long long closed = cell(r, OGI_ROW_RESULT_TOTAL, OGI_REPORT_TOTAL);
	long long out = cell(r, OGI_ROW_CARRIED_OUT, OGI_REPORT_TOTAL);
	char name[256];
	if (received == 0) {
		ogi_buf_add(&b, "本年度未收到政府信息公开申请");
	} else {
		ogi_buf_printf(&b, "本年度共收到政府信息公开申请%lld件", received);
		if (r->format == OGI_FORMAT_LEGACY) {
			int k = 0;
			for (int i = 0; i < r->nrows; i++) {
				if (r->rows[i].role != OGI_ROW_NEW_CHANNEL ||
				    r->cells[i][OGI_REPORT_TOTAL] == 0)
					continue;
				short_label(ogi_report_row_label(&r->rows[i]), name, sizeof name);
				ogi_buf_printf(&b, "%s%s%lld件", k++ ? "、" : "，其中", name,
				               r->cells[i][OGI_REPORT_TOTAL]);
			}
		} else {
			int row = row_of_role(r, OGI_ROW_NEW);
			long long persons = r->cells[row][OGI_APPLICANT_NATURAL_PERSON];
			long long orgs = 0;
			for (int k = 1; k < OGI_APPLICANT_KIND_COUNT; k++)
				orgs += r->cells[row][k];
			if (persons > 0 && orgs == 0) {
				ogi_buf_add(&b, "，均为自然人申请");
			} else if (orgs > 0) {
				if (persons > 0)
					ogi_buf_printf(
					    &b,
					    "，其中自然人申请%lld件，法人或其他组织申请%lld件（",
					    persons, orgs);
				else
					ogi_buf_add(&b, "，均为法人或其他组织申请（");
				int n = 0;
				for (int k = 1; k < OGI_APPLICANT_KIND_COUNT; k++)
					if (r->cells[row][k] > 0)
						ogi_buf_printf(&b, "%s%s%lld件", n++ ? "、" : "",
						               ogi_report_column_labels[k],
						               r->cells[row][k]);
				ogi_buf_add(&b, "）");
			}
		}
	}
	ogi_buf_printf(&b, "；上年结转%lld件。", in);
	if (closed == 0) {
		ogi_buf_add(&b, "本年度未办结政府信息公开申请");
	} else {
		ogi_buf_printf(&b, "本年度办结%lld件", closed);
		/* the result groups: (一)…(六) of the form, the old categories of legacy */
		int n = 0;
		for (int i = 0; i < r->nrows; i++) {
			if (r->rows[i].role != OGI_ROW_RESULT)
				continue;
			const char *group = r->format == OGI_FORMAT_LEGACY
			                        ? ogi_report_row_label(&r->rows[i])
			                        : r->rows[i].label[1];
			long long sum = 0;
			int j = i;
			for (; j < r->nrows && r->rows[j].role == OGI_ROW_RESULT &&
			       (r->format == OGI_FORMAT_LEGACY
			            ? j == i
			            : strcmp(r->rows[j].label[1], group) == 0);
			     j++)
				sum += r->cells[j][OGI_REPORT_TOTAL];
			i = j - 1;
			if (sum == 0)
				continue;
			short_label(group, name, sizeof name);
			ogi_buf_printf(&b, "%s%s%lld件", n++ ? "、" : "，其中", name, sum);
		}
	}
	ogi_buf_printf(&b, "；结转下年度继续办理%lld件。", out);
	return b.oom ? NULL : b.p;
}

static char *remedies_sentence(const struct ogi_report *r)
{
	struct ogi_buf b = {0};
	const long long *rc = r->remedies[OGI_REPORT_RECONSIDERATION];
	const long long *ld = r->remedies[OGI_REPORT_LITIGATION_DIRECT];
	const long long *la = r->remedies[OGI_REPORT_LITIGATION_AFTER];
	long long lit = ld[OGI_REPORT_REMEDY_TOTAL] + la[OGI_REPORT_REMEDY_TOTAL];
	if (rc[OGI_REPORT_REMEDY_TOTAL] == 0 && lit == 0) {
		ogi_buf_add(&b, "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。");
		return b.oom ? NULL : b.p;
	}
	static const char *const res[] = {"结果维持", "结果纠正", "其他结果", "尚未审结"};
	ogi_buf_printf(&b, "本年度因政府信息公开被申请行政复议%lld件", rc[OGI_REPORT_REMEDY_TOTAL]);
	for (int k = 0, n = 0; k < OGI_REPORT_REMEDY_TOTAL; k++)
		if (rc[k] > 0)
			ogi_buf_printf(&b, "%s%s%lld件", n++ ? "、" : "，其中", res[k], rc[k]);
	ogi_buf_printf(&b, "；被提起行政诉讼%lld件", lit);
	if (lit > 0) {
		ogi_buf_printf(&b, "，其中未经复议直接起诉%lld件、复议后起诉%lld件",
		               ld[OGI_REPORT_REMEDY_TOTAL], la[OGI_REPORT_REMEDY_TOTAL]);
		for (int k = 0, n = 0; k < OGI_REPORT_REMEDY_TOTAL; k++)
			if (ld[k] + la[k] > 0)
				ogi_buf_printf(&b, "%s%s%lld件", n++ ? "、" : "；", res[k],
				               ld[k] + la[k]);
	}
	ogi_buf_add(&b, "。");
	return b.oom ? NULL : b.p;
}

static void legacy_waived(const struct ogi_report_fees *f, long long *n, long long *fen)
{
	*n = *fen = 0;
	for (int i = 0; i < OGI_WAIVER_REASON_COUNT; i++) {
		*n += f->legacy_waived[i];
		*fen += f->legacy_waived_fen[i];
	}
}

/* "收取费用2件，共计45.50元（检索费…）；减免费用2件，共计20元" (the 减免 when any, or always) */
static void legacy_fees_text(struct ogi_buf *b, const struct ogi_report_fees *f, const char *what,
                             bool always_waivers)
{
	char y[32], s[32], c[32], p[32];
	long long waived, waived_fen;
	legacy_waived(f, &waived, &waived_fen);
	ogi_report_yuan(f->legacy_paid_fen, y, sizeof y);
	ogi_buf_printf(b, "收取%s%lld件，共计%s元", what, f->legacy_paid, y);
	ogi_report_yuan(f->legacy_search_fen, s, sizeof s);
	ogi_report_yuan(f->legacy_copy_fen, c, sizeof c);
	ogi_report_yuan(f->legacy_postage_fen, p, sizeof p);
	if (f->legacy_paid > 0)
		ogi_buf_printf(b, "（检索费%s元、复制费%s元、邮寄费%s元）", s, c, p);
	ogi_report_yuan(waived_fen, y, sizeof y);
	if (always_waivers || waived > 0)
		ogi_buf_printf(b, "；减免费用%lld件，共计%s元", waived, y);
}

/* The fees as the year's report states them: the legacy format's section
 * 四; in the 2019 and 2021 formats section 六's sentence on the
 * information-processing fee (from 2021, when 国办函〔2020〕109号 took effect),
 * with the cost fees of requests of the 2008 regime settled in the year. */
static char *fees_sentence(const struct ogi_report *r)
{
	struct ogi_buf b = {0};
	char y[32];
	const struct ogi_report_fees *f = &r->fees;
	long long waived, waived_fen;
	legacy_waived(f, &waived, &waived_fen);
	bool legacy_any = f->legacy_paid > 0 || waived > 0;
	if (r->format == OGI_FORMAT_LEGACY) {
		if (!legacy_any) {
			ogi_buf_add(&b, "本年度未收取政府信息公开检索、复制、邮寄等费用，未发生减免"
			                "费用的情况。");
		} else {
			ogi_buf_add(&b, "本年度依申请提供政府信息");
			legacy_fees_text(&b, f, "费用", true);
			ogi_buf_add(&b, "。");
		}
		return b.oom ? NULL : b.p;
	}
	long long relief = f->waived + f->reduced, relief_fen = f->waived_fen + f->reduced_fen;
	bool fee_in_force = r->year >= ogi_date_year(ogi_fee_measures_start());
	if (fee_in_force || f->notices > 0 || f->paid > 0 || relief > 0) {
		if (f->paid == 0) {
			ogi_buf_add(&b, "本年度未收取信息处理费");
		} else {
			ogi_report_yuan(f->paid_fen, y, sizeof y);
			ogi_buf_printf(&b, "本年度收取信息处理费%s元（%lld件）", y, f->paid);
		}
		if (relief > 0) {
			ogi_report_yuan(relief_fen, y, sizeof y);
			ogi_buf_printf(&b, "，减免信息处理费%lld件，共计%s元", relief, y);
		}
		ogi_buf_add(&b, "。");
	}
	if (legacy_any) {
		ogi_buf_add(&b, "按2007年《条例》办理的申请，本年度");
		legacy_fees_text(&b, f, "检索、复制、邮寄等费用", false);
		ogi_buf_add(&b, "。");
	} else if (!fee_in_force && b.len == 0) {
		ogi_buf_add(&b, "本年度未收取政府信息公开相关费用。");
	}
	return b.oom ? NULL : b.p;
}

static char *proactive_sentence(const struct ogi_report *r)
{
	if (r->format != OGI_FORMAT_LEGACY)
		return NULL;
	struct ogi_buf b = {0};
	const struct ogi_report_value *v = &r->inputs.proactive[0];
	if (v->set)
		ogi_buf_printf(&b, "本年度主动公开政府信息%lld条。", (long long)llround(v->v));
	return b.oom ? NULL : b.p;
}

/* ---- checks --------------------------------------------------------------------------------- */

static struct ogi_report_check *check_new(struct ogi_report *r, const char *rule)
{
	if (r->nchecks >= OGI_REPORT_MAX_CHECKS)
		return NULL;
	struct ogi_report_check *c = &r->checks[r->nchecks++];
	memset(c, 0, sizeof *c);
	c->rule = rule;
	c->ok = true;
	return c;
}

static void check_cell(struct ogi_report_check *c, const char *table, const char *row, int col)
{
	c->ok = false;
	if (c->ncells >= OGI_REPORT_MAX_CELLS)
		return;
	struct ogi_report_cellref *ref = &c->cells[c->ncells++];
	ref->table = table;
	snprintf(ref->row, sizeof ref->row, "%s", row);
	ref->col = col;
}

static void detail_add(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void detail_add(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	if (used + 8 >= len)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

static void check_balance(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "balance");
	if (c == NULL)
		return;
	int rn = row_of_role(r, OGI_ROW_NEW), ri = row_of_role(r, OGI_ROW_CARRIED_IN),
	    rt = row_of_role(r, OGI_ROW_RESULT_TOTAL), ro = row_of_role(r, OGI_ROW_CARRIED_OUT);
	for (int k = 0; k < OGI_REPORT_COLS; k++) {
		long long lhs = r->cells[rn][k] + r->cells[ri][k];
		long long rhs = r->cells[rt][k] + r->cells[ro][k];
		if (lhs == rhs)
			continue;
		detail_add(c->detail, sizeof c->detail, "%s%s：%lld+%lld≠%lld+%lld",
		           c->ok ? "" : "；", ogi_report_column_labels[k], r->cells[rn][k],
		           r->cells[ri][k], r->cells[rt][k], r->cells[ro][k]);
		detail_add(c->detail_en, sizeof c->detail_en, "%s%s: %lld+%lld != %lld+%lld",
		           c->ok ? "" : "; ", ogi_report_column_keys[k], r->cells[rn][k],
		           r->cells[ri][k], r->cells[rt][k], r->cells[ro][k]);
		check_cell(c, "applications", r->rows[rn].key, k);
		check_cell(c, "applications", r->rows[ri].key, k);
		check_cell(c, "applications", r->rows[rt].key, k);
		check_cell(c, "applications", r->rows[ro].key, k);
	}
	char head[256], head_en[256];
	snprintf(head, sizeof head, "%s",
	         r->format == OGI_FORMAT_LEGACY
	             ? "收到申请数加上年结转数应等于本年办结数加结转下年度数"
	             : "第一项加第二项之和应等于第三项（七）加第四项之和");
	snprintf(head_en, sizeof head_en, "%s", "new + carried in must equal closed + carried out");
	char d[sizeof c->detail], de[sizeof c->detail_en];
	snprintf(d, sizeof d, "%s（每一列）%s%s", head, c->ok ? "：各列均相等" : "，不相等：",
	         c->detail);
	snprintf(de, sizeof de, "%s in every column%s%s", head_en,
	         c->ok ? ": all columns agree" : "; differs in ", c->detail_en);
	memcpy(c->detail, d, sizeof d);
	memcpy(c->detail_en, de, sizeof de);
}

static void check_row_totals(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "row_totals");
	if (c == NULL)
		return;
	for (int i = 0; i < r->nrows; i++) {
		long long sum = 0;
		for (int k = 0; k < OGI_APPLICANT_KIND_COUNT; k++)
			sum += r->cells[i][k];
		if (sum == r->cells[i][OGI_REPORT_TOTAL])
			continue;
		detail_add(c->detail, sizeof c->detail, "%s%s：六列之和%lld，总计%lld",
		           c->ok ? "" : "；", ogi_report_row_label(&r->rows[i]), sum,
		           r->cells[i][OGI_REPORT_TOTAL]);
		detail_add(c->detail_en, sizeof c->detail_en,
		           "%s%s: the six add up to %lld, total %lld", c->ok ? "" : "; ",
		           r->rows[i].key, sum, r->cells[i][OGI_REPORT_TOTAL]);
		check_cell(c, "applications", r->rows[i].key, OGI_REPORT_TOTAL);
	}
	if (c->ok) {
		snprintf(c->detail, sizeof c->detail, "每一行的总计等于六类申请人之和");
		snprintf(c->detail_en, sizeof c->detail_en,
		         "every row's total is the sum of the six applicant columns");
	}
}

static void check_sum_rows(struct ogi_report *r, const char *rule, enum ogi_row_role total_role,
                           enum ogi_row_role part_role, const char *what_zh, const char *what_en)
{
	struct ogi_report_check *c = check_new(r, rule);
	if (c == NULL)
		return;
	int rt = row_of_role(r, total_role);
	for (int k = 0; k < OGI_REPORT_COLS; k++) {
		long long sum = 0;
		for (int i = 0; i < r->nrows; i++)
			if (r->rows[i].role == part_role)
				sum += r->cells[i][k];
		if (sum == r->cells[rt][k])
			continue;
		detail_add(c->detail, sizeof c->detail, "%s%s：分项之和%lld，合计%lld",
		           c->ok ? "" : "；", ogi_report_column_labels[k], sum, r->cells[rt][k]);
		detail_add(c->detail_en, sizeof c->detail_en,
		           "%s%s: the rows add up to %lld, the total is %lld", c->ok ? "" : "; ",
		           ogi_report_column_keys[k], sum, r->cells[rt][k]);
		check_cell(c, "applications", r->rows[rt].key, k);
	}
	char d[sizeof c->detail], de[sizeof c->detail_en];
	snprintf(d, sizeof d, "%s%s%s", what_zh, c->ok ? "" : "，不相等：", c->detail);
	snprintf(de, sizeof de, "%s%s%s", what_en, c->ok ? "" : "; differs in ", c->detail_en);
	memcpy(c->detail, d, sizeof d);
	memcpy(c->detail_en, de, sizeof de);
}

static void check_mapping(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "mapping");
	if (c == NULL)
		return;
	for (int o = 0; o <= OGI_OUTCOME_COUNT; o++) {
		if (r->unmapped[o] == 0)
			continue;
		const char *name = o < OGI_OUTCOME_COUNT ? ogi_outcome_names[o] : "(unknown)";
		c->ok = false;
		detail_add(c->detail, sizeof c->detail,
		           "%s办理结果 %s 未对应本格式的任何一行（%lld件）",
		           c->detail[0] ? "；" : "", name, r->unmapped[o]);
		detail_add(c->detail_en, sizeof c->detail_en,
		           "%soutcome %s has no row in this format (%lld)",
		           c->detail_en[0] ? "; " : "", name, r->unmapped[o]);
	}
	if (r->unmapped_channel > 0) {
		c->ok = false;
		detail_add(c->detail, sizeof c->detail, "%s%lld件申请的渠道未对应任何一行",
		           c->detail[0] ? "；" : "", r->unmapped_channel);
		detail_add(c->detail_en, sizeof c->detail_en,
		           "%s%lld applications came by a channel with no row",
		           c->detail_en[0] ? "; " : "", r->unmapped_channel);
	}
	for (int i = 0; i < r->map.nerrors; i++) {
		c->ok = false;
		/* the mapping's own error names its table: for the maintainers, in English */
		detail_add(c->detail, sizeof c->detail, "%s统计口径的配置有误，请联系系统维护人员",
		           c->detail[0] ? "；" : "");
		detail_add(c->detail_en, sizeof c->detail_en, "%s%s", c->detail_en[0] ? "; " : "",
		           r->map.errors[i]);
	}
	if (c->ok) {
		snprintf(c->detail, sizeof c->detail, "本年办结的每件申请都计入了统计表的一行");
		snprintf(c->detail_en, sizeof c->detail_en,
		         "every request closed in the year is counted in one row of the table");
	}
}

static void check_remedies(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "remedies_totals");
	if (c == NULL)
		return;
	static const char *const block_zh[] = {"行政复议", "行政诉讼（未经复议直接起诉）",
	                                       "行政诉讼（复议后起诉）"};
	for (int b = 0; b < OGI_REPORT_REMEDY_BLOCKS; b++) {
		long long sum = 0;
		for (int k = 0; k < OGI_REPORT_REMEDY_TOTAL; k++)
			sum += r->remedies[b][k];
		if (sum == r->remedies[b][OGI_REPORT_REMEDY_TOTAL])
			continue;
		detail_add(c->detail, sizeof c->detail, "%s%s：四项之和%lld，总计%lld",
		           c->ok ? "" : "；", block_zh[b], sum,
		           r->remedies[b][OGI_REPORT_REMEDY_TOTAL]);
		detail_add(c->detail_en, sizeof c->detail_en,
		           "%s%s: the four add up to %lld, total %lld", c->ok ? "" : "; ",
		           ogi_report_remedy_names[b], sum,
		           r->remedies[b][OGI_REPORT_REMEDY_TOTAL]);
		check_cell(c, "remedies", ogi_report_remedy_names[b],
		           b * OGI_REPORT_REMEDY_COLS + OGI_REPORT_REMEDY_TOTAL);
	}
	if (r->remedies_unclassified > 0) {
		detail_add(c->detail, sizeof c->detail, "%s%lld件复议或诉讼的途径或结果无法归类",
		           c->detail[0] ? "；" : "", r->remedies_unclassified);
		detail_add(c->detail_en, sizeof c->detail_en,
		           "%s%lld remedies have an unknown route or result",
		           c->detail_en[0] ? "; " : "", r->remedies_unclassified);
		c->ok = false;
	}
	if (c->ok) {
		snprintf(
		    c->detail, sizeof c->detail,
		    "行政复议、行政诉讼各栏的总计等于结果维持、结果纠正、其他结果、尚未审结之和");
		snprintf(c->detail_en, sizeof c->detail_en,
		         "each total of table 4 is upheld + corrected + other + pending");
	}
}

static void check_carry_over(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "carry_over");
	if (c == NULL)
		return;
	int ri = row_of_role(r, OGI_ROW_CARRIED_IN);
	if (!r->prev_known) {
		snprintf(c->detail, sizeof c->detail,
		         "%d年度报告未锁定发布：本年“上年结转”与该年“结转下年度”按同一批记录计算，"
		         "二者一致",
		         r->year - 1);
		snprintf(c->detail_en, sizeof c->detail_en,
		         "the %d report is not locked: carried in and its carried out are counted "
		         "from the same records and agree",
		         r->year - 1);
		return;
	}
	for (int k = 0; k < OGI_REPORT_COLS; k++) {
		if (r->cells[ri][k] == r->prev_carried_out[k])
			continue;
		detail_add(c->detail, sizeof c->detail,
		           "%s%s：本年上年结转%lld，上年结转下年度%lld", c->ok ? "" : "；",
		           ogi_report_column_labels[k], r->cells[ri][k], r->prev_carried_out[k]);
		detail_add(c->detail_en, sizeof c->detail_en,
		           "%s%s: carried in %lld, last year's carried out %lld", c->ok ? "" : "; ",
		           ogi_report_column_keys[k], r->cells[ri][k], r->prev_carried_out[k]);
		check_cell(c, "applications", r->rows[ri].key, k);
	}
	char d[sizeof c->detail], de[sizeof c->detail_en], when[40];
	ogi_report_cn_date(r->prev_locked_at, when, sizeof when);
	if (r->prev_locked) {
		snprintf(
		    d, sizeof d, "本年“上年结转”应等于%d年度报告（%s锁定发布）的“结转下年度”%s%s",
		    r->year - 1, when,
		    c->ok ? "：相等" : "，不相等（如有更正，请在“其他需要报告的事项”中说明）：",
		    c->detail);
		snprintf(de, sizeof de,
		         "carried in must equal carried out of the %d report as locked on %s%s%s",
		         r->year - 1, r->prev_locked_at, c->ok ? ": equal" : "; differs in ",
		         c->detail_en);
	} else {
		snprintf(d, sizeof d,
		         "本年“上年结转”应等于%"
		         "d年度“结转下年度”（上年度报告未锁定，按现有记录比对）%s%s",
		         r->year - 1, c->ok ? "：相等" : "，不相等：", c->detail);
		snprintf(de, sizeof de,
		         "carried in must equal carried out of %d (not locked; compared with the "
		         "records as they are)%s%s",
		         r->year - 1, c->ok ? ": equal" : "; differs in ", c->detail_en);
	}
	memcpy(c->detail, d, sizeof d);
	memcpy(c->detail_en, de, sizeof de);
}

static void check_non_negative(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "non_negative");
	if (c == NULL)
		return;
	for (int i = 0; i < r->nrows; i++)
		for (int k = 0; k < OGI_REPORT_COLS; k++)
			if (r->cells[i][k] < 0)
				check_cell(c, "applications", r->rows[i].key, k);
	for (int b = 0; b < OGI_REPORT_REMEDY_BLOCKS; b++)
		for (int k = 0; k < OGI_REPORT_REMEDY_COLS; k++)
			if (r->remedies[b][k] < 0)
				check_cell(c, "remedies", ogi_report_remedy_names[b],
				           b * OGI_REPORT_REMEDY_COLS + k);
	const struct ogi_proactive_block *blocks;
	int nblocks = ogi_proactive_blocks(r->format, &blocks), idx = 0;
	for (int b = 0; b < nblocks; b++)
		for (int i = 0; i < blocks[b].nrows; i++)
			for (int k = 0; k < blocks[b].nfields; k++, idx++)
				if (blocks[b].kinds[k] != OGI_PF_CHANGE &&
				    r->inputs.proactive[idx].set && r->inputs.proactive[idx].v < 0)
					check_cell(c, "proactive", blocks[b].rows[i].key, k);
	if (c->ok) {
		snprintf(c->detail, sizeof c->detail, "没有负数（“本年增/减”除外）");
		snprintf(c->detail_en, sizeof c->detail_en,
		         "no negative figures (except 本年增/减)");
	} else {
		snprintf(c->detail, sizeof c->detail, "有%d个数据为负数", c->ncells);
		snprintf(c->detail_en, sizeof c->detail_en, "%d figures are negative", c->ncells);
	}
}

static void check_format(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "format_for_year");
	if (c == NULL)
		return;
	enum ogi_report_format official = ogi_report_format_for_year(r->year);
	static const char *const zh[] = {"2021年格式（国办公开办函〔2021〕30号）",
	                                 "2019年格式（国办公开办函〔2019〕60号）",
	                                 "2008—2018年的旧格式（2007年条例）"};
	c->ok = official == r->format;
	if (c->ok) {
		snprintf(c->detail, sizeof c->detail, "%d年度报告使用%s", r->year, zh[official]);
		snprintf(c->detail_en, sizeof c->detail_en, "the %d report uses the %s format",
		         r->year, ogi_report_format_names[official]);
	} else {
		snprintf(c->detail, sizeof c->detail, "%d年度报告应使用%s，本次导出使用了%s",
		         r->year, zh[official], zh[r->format]);
		snprintf(c->detail_en, sizeof c->detail_en,
		         "the %d report must use the %s format; this export uses %s", r->year,
		         ogi_report_format_names[official], ogi_report_format_names[r->format]);
	}
}

static void check_proactive(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "proactive_complete");
	if (c == NULL)
		return;
	const struct ogi_proactive_block *blocks;
	int nblocks = ogi_proactive_blocks(r->format, &blocks), idx = 0, missing = 0;
	for (int b = 0; b < nblocks; b++)
		for (int i = 0; i < blocks[b].nrows; i++)
			for (int k = 0; k < blocks[b].nfields; k++, idx++)
				if (!r->inputs.proactive[idx].set) {
					missing++;
					check_cell(c, "proactive", blocks[b].rows[i].key, k);
				}
	if (c->ok) {
		snprintf(c->detail, sizeof c->detail, "主动公开情况的数据均已填写");
		snprintf(c->detail_en, sizeof c->detail_en, "every figure of section 2 is entered");
	} else {
		snprintf(c->detail, sizeof c->detail,
		         "主动公开情况有%"
		         "d项数据尚未填写（请在“填写报告内容”中填写，不能留空；没有的填0）",
		         missing);
		snprintf(
		    c->detail_en, sizeof c->detail_en,
		    "%d figures of section 2 are not entered yet (enter them under “Fill in the "
		    "report”; none may be blank: 0 for none)",
		    missing);
	}
}

static void check_sentences(struct ogi_report *r)
{
	struct ogi_report_check *c = check_new(r, "sentences_current");
	if (c == NULL)
		return;
	static const char *const zh[] = {"主动公开", "申请办理", "复议诉讼", "收费"};
	for (int i = 0; i < OGI_SENT_COUNT; i++) {
		if (r->inputs.sentence[i] == NULL)
			continue;
		const char *gen = r->generated[i] ? r->generated[i] : "";
		const char *basis = r->inputs.sentence_basis[i] ? r->inputs.sentence_basis[i] : "";
		if (strcmp(gen, basis) == 0)
			continue;
		c->ok = false;
		detail_add(c->detail, sizeof c->detail,
		           "%s%s情况的文字是按此前的数据修改的，数据已变化，请核对",
		           c->detail[0] ? "；" : "", zh[i]);
		detail_add(
		    c->detail_en, sizeof c->detail_en,
		    "%sthe edited %s sentences were written for figures that have changed since",
		    c->detail_en[0] ? "; " : "", ogi_report_sentence_names[i]);
	}
	if (c->ok) {
		snprintf(c->detail, sizeof c->detail, "正文中的数字与表格一致");
		snprintf(c->detail_en, sizeof c->detail_en,
		         "the sentences state the figures of the tables");
	}
}

/* The cost fees collected add up from their parts (检索, 复制, 邮寄): the legacy
 * format's table, and the sentence of a later format that states them. */
static void check_fees(struct ogi_report *r)
{
	const struct ogi_report_fees *f = &r->fees;
	if (r->format != OGI_FORMAT_LEGACY && f->legacy_paid == 0)
		return;
	struct ogi_report_check *c = check_new(r, "fees_total");
	if (c == NULL)
		return;
	long long parts = f->legacy_search_fen + f->legacy_copy_fen + f->legacy_postage_fen;
	char a[32], b[32];
	ogi_report_yuan(parts, a, sizeof a);
	ogi_report_yuan(f->legacy_paid_fen, b, sizeof b);
	if (parts == f->legacy_paid_fen && f->legacy_unsplit == 0) {
		snprintf(c->detail, sizeof c->detail,
		         "检索费、复制费、邮寄费之和（%s元）等于收取费用的金额", a);
		snprintf(c->detail_en, sizeof c->detail_en,
		         "search, copy and postage add up to the fees collected (%s yuan)", a);
		return;
	}
	check_cell(c, "fees", "search", 1);
	check_cell(c, "fees", "copy", 1);
	check_cell(c, "fees", "postage", 1);
	check_cell(c, "fees", "paid", 1);
	snprintf(c->detail, sizeof c->detail,
	         "检索费、复制费、邮寄费之和%s元，收取费用%s元（有%"
	         "lld件收费未分列实收的检索、复制、邮寄费用）",
	         a, b, f->legacy_unsplit);
	snprintf(c->detail_en, sizeof c->detail_en,
	         "search, copy and postage add up to %s yuan, %s yuan was collected (%lld payments "
	         "do not say "
	         "which parts they paid)",
	         a, b, f->legacy_unsplit);
}

/* ---- the figures as JSON ------------------------------------------------------------------- */

/* The model's own JSON: what the API shows of the figures, and what a lock's
 * snapshot holds of them for compare_snapshot. */

static json_t *yuan_json(long long fen)
{
	return json_real((double)fen / 100.0);
}

static json_t *applications_json(const struct ogi_report *r)
{
	json_t *columns = json_array(), *labels = json_array(), *rows = json_array();
	for (int k = 0; k < OGI_REPORT_COLS; k++) {
		json_array_append_new(columns, json_string(ogi_report_column_keys[k]));
		json_array_append_new(labels, json_string(ogi_report_column_labels[k]));
	}
	for (int i = 0; i < r->nrows; i++) {
		json_t *path = json_array(), *values = json_array();
		for (int k = 0; k < 3; k++)
			if (r->rows[i].label[k] != NULL)
				json_array_append_new(path, json_string(r->rows[i].label[k]));
		for (int k = 0; k < OGI_REPORT_COLS; k++)
			json_array_append_new(values, json_integer(r->cells[i][k]));
		json_array_append_new(rows, json_pack("{s:s, s:s, s:o, s:o}", "key", r->rows[i].key,
		                                      "label", ogi_report_row_label(&r->rows[i]),
		                                      "path", path, "values", values));
	}
	return json_pack("{s:o, s:o, s:o}", "columns", columns, "column_labels", labels, "rows",
	                 rows);
}

static json_t *remedies_json(const struct ogi_report *r)
{
	json_t *o = json_object();
	for (int b = 0; b < OGI_REPORT_REMEDY_BLOCKS; b++) {
		json_t *block = json_object();
		for (int k = 0; k < OGI_REPORT_REMEDY_COLS; k++)
			json_object_set_new(block, ogi_report_remedy_cols[k],
			                    json_integer(r->remedies[b][k]));
		json_object_set_new(o, ogi_report_remedy_names[b], block);
	}
	return o;
}

static json_t *proactive_json(const struct ogi_report *r)
{
	const struct ogi_proactive_block *blocks;
	int nblocks = ogi_proactive_blocks(r->format, &blocks), idx = 0;
	json_t *rows = json_array();
	for (int b = 0; b < nblocks; b++)
		for (int i = 0; i < blocks[b].nrows; i++) {
			json_t *fields = json_array(), *columns = json_array(),
			       *values = json_array();
			for (int k = 0; k < blocks[b].nfields; k++, idx++) {
				const struct ogi_report_value *v = &r->inputs.proactive[idx];
				json_array_append_new(fields, json_string(blocks[b].fields[k]));
				json_array_append_new(columns, json_string(blocks[b].columns[k]));
				json_array_append_new(
				    values, !v->set ? json_null()
				            : blocks[b].kinds[k] == OGI_PF_AMOUNT
				                ? json_real(v->v)
				                : json_integer((json_int_t)llround(v->v)));
			}
			json_array_append_new(
			    rows, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "item",
			                    blocks[b].title, "key", blocks[b].rows[i].key, "label",
			                    blocks[b].rows[i].label, "fields", fields, "columns",
			                    columns, "values", values));
		}
	json_t *stored = ogi_report_inputs_json(&r->inputs, r->format);
	json_t *values = json_incref(json_object_get(stored, "proactive"));
	json_decref(stored);
	return json_pack("{s:o, s:o}", "values", values, "rows", rows);
}

static json_t *fees_json(const struct ogi_report *r)
{
	const struct ogi_report_fees *f = &r->fees;
	json_t *waivers = json_object();
	long long waived = 0, waived_fen = 0;
	for (int i = 0; i < OGI_WAIVER_REASON_COUNT; i++) {
		waived += f->legacy_waived[i];
		waived_fen += f->legacy_waived_fen[i];
		json_object_set_new(waivers, ogi_waiver_reason_names[i],
		                    json_pack("{s:I, s:o}", "count",
		                              (json_int_t)f->legacy_waived[i], "amount",
		                              yuan_json(f->legacy_waived_fen[i])));
	}
	json_t *ip =
	    json_pack("{s:I, s:I, s:o, s:I, s:o, s:I, s:o}", "notices", (json_int_t)f->notices,
	              "paid", (json_int_t)f->paid, "paid_amount", yuan_json(f->paid_fen), "waived",
	              (json_int_t)f->waived, "waived_amount", yuan_json(f->waived_fen), "reduced",
	              (json_int_t)f->reduced, "reduced_amount", yuan_json(f->reduced_fen));
	json_t *legacy = json_pack(
	    "{s:I, s:o, s:o, s:o, s:o, s:I, s:I, s:o, s:o}", "paid", (json_int_t)f->legacy_paid,
	    "paid_amount", yuan_json(f->legacy_paid_fen), "search", yuan_json(f->legacy_search_fen),
	    "copy", yuan_json(f->legacy_copy_fen), "postage", yuan_json(f->legacy_postage_fen),
	    "unsplit", (json_int_t)f->legacy_unsplit, "waived", (json_int_t)waived, "waived_amount",
	    yuan_json(waived_fen), "waivers", waivers);
	return json_pack("{s:o, s:o}", "information_processing", ip, "legacy", legacy);
}

json_t *ogi_report_figures_json(const struct ogi_report *r)
{
	return json_pack("{s:o, s:o, s:o, s:o}", "applications", applications_json(r), "remedies",
	                 remedies_json(r), "proactive", proactive_json(r), "fees", fees_json(r));
}

/* ---- changes since the lock ----------------------------------------------------------------- */

static void change_add(struct ogi_report *r, const char *table, const char *row, const char *label,
                       const char *before, const char *after)
{
	if (r->nchanges >= OGI_REPORT_MAX_CHANGES)
		return;
	struct ogi_report_change *ch = &r->changes[r->nchanges++];
	ch->table = table;
	snprintf(ch->row, sizeof ch->row, "%s", row);
	snprintf(ch->label, sizeof ch->label, "%s", label);
	snprintf(ch->before, sizeof ch->before, "%s", before);
	snprintf(ch->after, sizeof ch->after, "%s", after);
}

static void number_text(json_t *v, char *buf, size_t len)
{
	if (json_is_integer(v))
		snprintf(buf, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, len, "%g", json_real_value(v));
	else if (json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else
		snprintf(buf, len, "空");
}

static void compare_fees(struct ogi_report *r, json_t *now, json_t *then, const char *prefix);

static void compare_snapshot(struct ogi_report *r, json_t *now)
{
	json_t *then = r->snapshot;
	r->snapshot_compared = false;
	if (then == NULL)
		return;
	json_t *format = json_object_get(then, "format");
	json_t *subtree = json_object_get(json_object_get(then, "body"), "subtree");
	if (!json_is_string(format) ||
	    strcmp(json_string_value(format), ogi_report_format_names[r->format]) != 0 ||
	    !json_is_boolean(subtree) || json_boolean_value(subtree) != r->subtree)
		return;
	r->snapshot_compared = true;
	char before[32], after[32], label[512];
	/* table 三, by row key and column */
	json_t *rows_then = json_object_get(json_object_get(then, "applications"), "rows");
	json_t *rows_now = json_object_get(json_object_get(now, "applications"), "rows");
	size_t i, j;
	json_t *rt, *rn;
	json_array_foreach(rows_now, i, rn)
	{
		const char *key = json_string_value(json_object_get(rn, "key"));
		json_t *old = NULL;
		json_array_foreach(rows_then, j, rt) if (json_equal(json_object_get(rt, "key"),
		                                                    json_object_get(rn, "key")))
		    old = rt;
		json_t *vn = json_object_get(rn, "values"), *vo = json_object_get(old, "values");
		for (size_t k = 0; k < json_array_size(vn); k++) {
			if (json_equal(json_array_get(vn, k), json_array_get(vo, k)))
				continue;
			number_text(json_array_get(vo, k), before, sizeof before);
			number_text(json_array_get(vn, k), after, sizeof after);
			json_t *path = json_object_get(rn, "path");
			size_t p;
			json_t *pv;
			label[0] = '\0';
			json_array_foreach(path, p, pv)
			    detail_add(label, sizeof label, "%s", json_string_value(pv));
			detail_add(label, sizeof label, "·%s", ogi_report_column_labels[k]);
			change_add(r, "applications", key ? key : "", label, before, after);
		}
	}
	/* table 四 */
	for (int b = 0; b < OGI_REPORT_REMEDY_BLOCKS; b++) {
		json_t *on =
		    json_object_get(json_object_get(now, "remedies"), ogi_report_remedy_names[b]);
		json_t *ot =
		    json_object_get(json_object_get(then, "remedies"), ogi_report_remedy_names[b]);
		static const char *const block_zh[] = {"行政复议", "行政诉讼·未经复议直接起诉",
		                                       "行政诉讼·复议后起诉"};
		for (int k = 0; k < OGI_REPORT_REMEDY_COLS; k++) {
			json_t *a = json_object_get(ot, ogi_report_remedy_cols[k]);
			json_t *c = json_object_get(on, ogi_report_remedy_cols[k]);
			if (json_equal(a, c))
				continue;
			number_text(a, before, sizeof before);
			number_text(c, after, sizeof after);
			snprintf(label, sizeof label, "%s·%s", block_zh[b],
			         ogi_report_remedy_labels[k]);
			change_add(r, "remedies", ogi_report_remedy_names[b], label, before, after);
		}
	}
	/* section 二 */
	rows_then = json_object_get(json_object_get(then, "proactive"), "rows");
	rows_now = json_object_get(json_object_get(now, "proactive"), "rows");
	json_array_foreach(rows_now, i, rn)
	{
		json_t *old = json_array_get(rows_then, i);
		json_t *vn = json_object_get(rn, "values"), *vo = json_object_get(old, "values");
		json_t *cols = json_object_get(rn, "columns");
		for (size_t k = 0; k < json_array_size(vn); k++) {
			json_t *a = json_array_get(vo, k), *c = json_array_get(vn, k);
			if (json_equal(a, c) || (json_is_number(a) && json_is_number(c) &&
			                         json_number_value(a) == json_number_value(c)))
				continue;
			number_text(a, before, sizeof before);
			number_text(c, after, sizeof after);
			snprintf(label, sizeof label, "%s·%s·%s",
			         json_string_value(json_object_get(rn, "item")),
			         json_string_value(json_object_get(rn, "label")),
			         json_string_value(json_array_get(cols, k)));
			change_add(r, "proactive", json_string_value(json_object_get(rn, "key")),
			           label, before, after);
		}
	}
	/* fees: every figure the report has of them */
	compare_fees(r, json_object_get(now, "fees"), json_object_get(then, "fees"), "");
}

/* The fee figures as the change list names them. */
static const struct {
	const char *path, *zh;
} fee_labels[] = {
    {"information_processing.notices", "信息处理费·收费通知（件）"},
    {"information_processing.paid", "信息处理费·收取（件）"},
    {"information_processing.paid_amount", "信息处理费·收取金额（元）"},
    {"information_processing.waived", "信息处理费·免收（件）"},
    {"information_processing.waived_amount", "信息处理费·免收金额（元）"},
    {"information_processing.reduced", "信息处理费·减收（件）"},
    {"information_processing.reduced_amount", "信息处理费·减收金额（元）"},
    {"legacy.paid", "收取费用（件）"},
    {"legacy.paid_amount", "收取费用金额（元）"},
    {"legacy.search", "检索费（元）"},
    {"legacy.copy", "复制费（元）"},
    {"legacy.postage", "邮寄费（元）"},
    {"legacy.waived", "减免费用（件）"},
    {"legacy.waived_amount", "减免费用金额（元）"},
    {"legacy.unsplit", "未分列检索、复制、邮寄费用的收费（件）"},
};

/* Each fee figure of now that the locked report had too and that differs.
 * Figures the locked report did not have (an older export's) are not
 * changes. */
static void compare_fees(struct ogi_report *r, json_t *now, json_t *then, const char *prefix)
{
	const char *key;
	json_t *v;
	json_object_foreach(now, key, v)
	{
		char path[160], label[512], before[32], after[32];
		snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
		json_t *old = json_object_get(then, key);
		if (old == NULL)
			continue;
		if (json_is_object(v)) {
			compare_fees(r, v, old, path);
			continue;
		}
		if (json_equal(v, old) || (json_is_number(v) && json_is_number(old) &&
		                           json_number_value(v) == json_number_value(old)))
			continue;
		snprintf(label, sizeof label, "收费·%s", path);
		for (size_t k = 0; k < sizeof fee_labels / sizeof fee_labels[0]; k++)
			if (strcmp(fee_labels[k].path, path) == 0)
				snprintf(label, sizeof label, "%s", fee_labels[k].zh);
		/* legacy.waivers.REASON.count|amount */
		for (int w = 0; w < OGI_WAIVER_REASON_COUNT; w++) {
			char p[96];
			snprintf(p, sizeof p, "legacy.waivers.%s.", ogi_waiver_reason_names[w]);
			if (strncmp(path, p, strlen(p)) == 0)
				snprintf(label, sizeof label, "减免费用·%s（%s）",
				         ogi_waiver_reason_labels_zh[w],
				         strcmp(path + strlen(p), "count") == 0 ? "件" : "元");
		}
		number_text(old, before, sizeof before);
		number_text(v, after, sizeof after);
		change_add(r, "fees", path, label, before, after);
	}
}

static void check_published(struct ogi_report *r)
{
	if (!r->locked)
		return;
	struct ogi_report_check *c = check_new(r, "matches_published");
	if (c == NULL)
		return;
	char when[40];
	ogi_report_cn_date(r->locked_at, when, sizeof when);
	if (!r->snapshot_compared) {
		snprintf(c->detail, sizeof c->detail,
		         "%s锁定发布的是%s的报告，与本次导出%s，未逐项比对", when,
		         r->lock_subtree ? "本机关及所属机关汇总" : "本机关",
		         r->lock_subtree == r->subtree ? "格式不同" : "范围不同");
		snprintf(c->detail_en, sizeof c->detail_en,
		         "the report locked on %s is the %s one, another %s than this export's: "
		         "not compared",
		         r->locked_at, r->lock_subtree ? "subtree" : "body's own",
		         r->lock_subtree == r->subtree ? "format" : "scope");
		return;
	}
	if (r->nchanges == 0) {
		snprintf(c->detail, sizeof c->detail, "数据与%s锁定发布的报告一致", when);
		snprintf(c->detail_en, sizeof c->detail_en,
		         "the figures are those of the report locked on %s", r->locked_at);
		return;
	}
	for (int i = 0; i < r->nchanges; i++) {
		const struct ogi_report_change *ch = &r->changes[i];
		int col = 0;
		if (strcmp(ch->table, "applications") == 0) {
			/* the column is the label's last part */
			for (int k = 0; k < OGI_REPORT_COLS; k++) {
				const char *tail = ch->label + strlen(ch->label) -
				                   strlen(ogi_report_column_labels[k]);
				if (tail >= ch->label &&
				    strcmp(tail, ogi_report_column_labels[k]) == 0)
					col = k;
			}
		}
		check_cell(c, ch->table, ch->row, col);
	}
	snprintf(c->detail, sizeof c->detail, "报告于%s锁定发布后有%d项数据发生变化（见更正说明）",
	         when, r->nchanges);
	snprintf(c->detail_en, sizeof c->detail_en,
	         "%d figures changed after the report was locked on %s (see the amendment)",
	         r->nchanges, r->locked_at);
}

void ogi_report_finish(struct ogi_report *r)
{
	for (int i = 0; i < OGI_SENT_COUNT; i++) {
		free(r->generated[i]);
		r->generated[i] = NULL;
	}
	r->generated[OGI_SENT_PROACTIVE] = proactive_sentence(r);
	r->generated[OGI_SENT_APPLICATIONS] = applications_sentence(r);
	r->generated[OGI_SENT_REMEDIES] = remedies_sentence(r);
	r->generated[OGI_SENT_FEES] = fees_sentence(r);

	r->nchecks = 0;
	check_format(r);
	check_balance(r);
	check_row_totals(r);
	check_sum_rows(r, "result_total", OGI_ROW_RESULT_TOTAL, OGI_ROW_RESULT,
	               r->format == OGI_FORMAT_LEGACY
	                   ? "本年办结申请数应等于各类答复之和"
	                   : "第三项（七）总计应等于（一）至（六）各行之和",
	               "the closed total must be the sum of the result rows");
	if (r->format == OGI_FORMAT_LEGACY)
		check_sum_rows(r, "new_by_channel", OGI_ROW_NEW, OGI_ROW_NEW_CHANNEL,
		               "收到申请数应等于各申请渠道之和",
		               "applications received must be the sum of the channels");
	check_mapping(r);
	check_remedies(r);
	check_carry_over(r);
	check_non_negative(r);
	check_proactive(r);
	check_sentences(r);
	check_fees(r);
	r->finished = true;
	/* the snapshot is the locked report's JSON: compared part by part with the figures' */
	r->nchanges = 0;
	if (r->locked && r->snapshot != NULL) {
		json_t *now = ogi_report_figures_json(r);
		compare_snapshot(r, now);
		json_decref(now);
	}
	check_published(r);
}

bool ogi_report_ok(const struct ogi_report *r)
{
	for (int i = 0; i < r->nchecks; i++)
		if (!r->checks[i].ok)
			return false;
	return true;
}
