/* A register's rows checked into requests (see register.h). */
#include "lib/register.h"

#include <ctype.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/idcheck.h"
#include "lib/remedies.h"
#include "lib/spec.h"

const char *const ogi_reg_field_names[] = {"serial",
                                           "received_on",
                                           "applicant_name",
                                           "applicant_kind",
                                           "id_type",
                                           "id_number",
                                           "phone",
                                           "email",
                                           "address",
                                           "postcode",
                                           "channel",
                                           "description",
                                           "replied_on",
                                           "outcome",
                                           "fee",
                                           "remedy",
                                           "notes",
                                           "body",
                                           NULL};

const char *const ogi_reg_field_labels_zh[] = {
    "序号",     "收到日期",  "申请人",   "申请人类型", "证件类型", "证件号码", "联系电话",
    "电子邮箱", "通信地址",  "邮政编码", "申请方式",   "申请内容", "答复日期", "答复类型",
    "是否收费", "复议/诉讼", "备注",     "受理机关",   NULL};

/* The preset: the header names registers use for each field, normalised
 * (see norm()).  An exact match wins over a header containing a name; among
 * those, the longest name. */
static const char *const synonyms[OGI_REG_FIELD_COUNT][24] = {
    [OGI_REG_SERIAL] = {"序号", "编号", "登记号", "登记编号", "申请编号", "流水号", "受理编号",
                        "序列号", "受理号", NULL},
    [OGI_REG_RECEIVED_ON] = {"收到日期", "申请日期", "收到申请日期", "受理日期", "登记日期",
                             "收件日期", "申请时间", "收到时间", "受理时间", "接收日期", "收文日期",
                             "收到申请时间", "申请受理日期", NULL},
    [OGI_REG_APPLICANT_NAME] = {"申请人", "申请人姓名", "申请人名称", "姓名", "名称",
                                "申请人姓名名称", "姓名名称", "申请人姓名或名称",
                                "申请人或单位名称", "申请单位", NULL},
    [OGI_REG_APPLICANT_KIND] = {"申请人类型", "申请人类别", "申请主体类型", "申请人性质",
                                "主体类型", "申请人身份", "申请主体", NULL},
    [OGI_REG_ID_TYPE] = {"证件类型", "证件名称", "身份证件类型", "证照类型", NULL},
    [OGI_REG_ID_NUMBER] = {"证件号码", "身份证号", "身份证号码", "证件号", "统一社会信用代码",
                           "身份证件号码", "证照号码", "证件编号", "公民身份号码", NULL},
    [OGI_REG_PHONE] = {"联系电话", "电话", "手机", "手机号码", "联系方式", "电话号码",
                       "联系电话手机", NULL},
    [OGI_REG_EMAIL] = {"电子邮箱", "邮箱", "电子邮件", "email", "e-mail", "邮件地址", NULL},
    [OGI_REG_ADDRESS] = {"地址", "通信地址", "联系地址", "通讯地址", "住址", "邮寄地址", NULL},
    [OGI_REG_POSTCODE] = {"邮政编码", "邮编", NULL},
    [OGI_REG_CHANNEL] = {"申请方式", "申请渠道", "提交方式", "申请形式", "受理方式", "收到方式",
                         "申请途径", "提出方式", NULL},
    [OGI_REG_DESCRIPTION] = {"申请内容", "申请公开内容", "所需信息", "所需信息内容描述", "信息名称",
                             "申请信息", "申请公开的政府信息", "所需政府信息", "内容描述",
                             "申请事项", "政府信息名称", "申请公开的信息", "所需信息的内容描述",
                             "申请公开事项", "所需的政府信息", NULL},
    [OGI_REG_REPLIED_ON] = {"答复日期", "办结日期", "答复时间", "回复日期", "办理日期",
                            "作出答复日期", "办结时间", "答复办结日期", NULL},
    [OGI_REG_OUTCOME] = {"答复类型", "处理结果", "答复结果", "答复情况", "办理结果", "办理情况",
                         "答复意见", "办理结果类型", "答复结果类型", "处理情况", NULL},
    [OGI_REG_FEE] = {"是否收费", "收费", "收费情况", "信息处理费", "收费金额", NULL},
    [OGI_REG_REMEDY] = {"复议诉讼", "复议或诉讼", "是否复议诉讼", "行政复议诉讼", "复议诉讼情况",
                        "救济情况", "是否提起复议诉讼", "行政复议行政诉讼", "是否被申请复议诉讼",
                        "复议诉讼情况", NULL},
    [OGI_REG_NOTES] = {"备注", "说明", NULL},
    [OGI_REG_BODY] = {"受理机关", "承办单位", "机关", "单位", "受理单位", "机关名称", "责任单位",
                      "承办机关", NULL},
};

/* ---- text ---------------------------------------------------------------- */

/* Characters dropped when comparing labels: spaces (ASCII, U+3000, U+00A0),
 * line breaks and punctuation, ASCII and full-width. */
static size_t skip_len(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '*' || *p == '(' ||
	    *p == ')' || *p == '[' || *p == ']' || *p == '-' || *p == '/' || *p == ':' ||
	    *p == ',' || *p == ';' || *p == '.' || *p == '_' || *p == '"' || *p == '\'')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	static const char *const wide[] = {"\u3000", "（", "）", "【", "】", "、", "，", "；",
	                                   "：",     "—",  "／", "。", "“",  "”",  "《", "》",
	                                   "〔",     "〕", "－", "·",  "…",  "＊", NULL};
	for (int i = 0; wide[i]; i++) {
		size_t n = strlen(wide[i]);
		if (memcmp(p, wide[i], n) == 0)
			return n;
	}
	return 0;
}

/* s normalised into out (len bytes): the skipped characters dropped, ASCII
 * lowered; also drops a trailing "必填" or "选填" note. */
static void norm(const char *s, char *out, size_t len)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 1 < len;) {
		size_t k = skip_len(p);
		if (k) {
			p += k;
			continue;
		}
		out[o++] = (char)tolower(*p);
		p++;
	}
	out[o] = '\0';
	static const char *const notes[] = {"必填", "选填", "必填项", NULL};
	for (int i = 0; notes[i]; i++) {
		size_t n = strlen(notes[i]);
		if (o > n && strcmp(out + o - n, notes[i]) == 0)
			out[o - n] = '\0';
	}
}

/* s trimmed of leading and trailing spaces (ASCII, U+3000, U+00A0): its start and length. */
static const char *trim(const char *s, size_t *len)
{
	const char *e = s + strlen(s);
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\u3000", 3) == 0)
			s += 3;
		else if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
			s += 2;
		else
			break;
	}
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
			e--;
		else if (e - s >= 3 && strncmp(e - 3, "\u3000", 3) == 0)
			e -= 3;
		else if (e - s >= 2 && (unsigned char)e[-2] == 0xc2 && (unsigned char)e[-1] == 0xa0)
			e -= 2;
		else
			break;
	}
	*len = (size_t)(e - s);
	return s;
}

/* src into dst (size bytes), cut at a character boundary. */
static void copy_utf8(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- the arena of the rows' strings --------------------------------------- */

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

static char *arena_dup(void **arena, const char *s, size_t n)
{
	struct chunk *c = *arena;
	if (c == NULL || c->size - c->used < n + 1) {
		size_t size = n + 1 > 65536 ? n + 1 : 65536;
		struct chunk *nc = malloc(sizeof *nc + size);
		if (nc == NULL)
			return NULL;
		nc->next = c;
		nc->used = 0;
		nc->size = size;
		*arena = c = nc;
	}
	char *out = c->data + c->used;
	memcpy(out, s, n);
	out[n] = '\0';
	c->used += n + 1;
	return out;
}

static void arena_free(void *arena)
{
	for (struct chunk *c = arena; c != NULL;) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
}

/* ---- mapping ----------------------------------------------------------------- */

void ogi_reg_mapping_init(struct ogi_reg_mapping *m)
{
	memset(m, 0, sizeof *m);
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++)
		m->col[f] = -1;
}

/* set by a free mapping to "not in the register": the preset leaves it */
#define COL_ABSENT (-2)

static bool say(char *zh, char *en, size_t len, const char *z, const char *e)
{
	snprintf(zh, len, "%s", z);
	snprintf(en, len, "%s", e);
	return false;
}

/* "B", "AA" → 1, 26; -1 when not a column's letters */
static int letters_col(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 3)
		return -1;
	int c = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = (char)toupper((unsigned char)s[i]);
		if (ch < 'A' || ch > 'Z')
			return -1;
		c = c * 26 + (ch - 'A' + 1);
	}
	return c - 1 < (int)OGI_WB_COLS_MAX ? c - 1 : -1;
}

bool ogi_reg_mapping_from_json(const json_t *j, struct ogi_reg_mapping *m, char *zh, char *en,
                               size_t len)
{
	if (!json_is_object(j))
		return say(zh, en, len, "列映射须为 JSON 对象",
		           "the mapping must be a JSON object");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)j, key, v)
	{
		if (strcmp(key, "sheet") == 0) {
			if (!json_is_string(v) || strlen(json_string_value(v)) >= sizeof m->sheet)
				return say(zh, en, len, "sheet 须为工作表名称",
				           "sheet must be a sheet's name");
			snprintf(m->sheet, sizeof m->sheet, "%s", json_string_value(v));
		} else if (strcmp(key, "header_row") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 1 ||
			    json_integer_value(v) > OGI_WB_ROWS_MAX)
				return say(zh, en, len, "header_row 须为表头所在行号（从1起）",
				           "header_row must be the header's row number (from 1)");
			m->header_row = (unsigned)json_integer_value(v);
		} else if (strcmp(key, "columns") == 0) {
			if (!json_is_object(v))
				return say(zh, en, len, "columns 须为 JSON 对象",
				           "columns must be a JSON object");
			const char *field;
			json_t *c;
			json_object_foreach(v, field, c)
			{
				int f = ogi_enum_parse(ogi_reg_field_names, field);
				if (f < 0) {
					snprintf(zh, len, "columns 中的字段“%s”不存在", field);
					snprintf(en, len, "columns: no field \"%s\"", field);
					return false;
				}
				m->header[f][0] = '\0';
				if (json_is_null(c)) {
					m->col[f] = COL_ABSENT;
					continue;
				}
				const char *s = json_string_value(c);
				if (s == NULL || *s == '\0' || strlen(s) >= sizeof m->header[f]) {
					snprintf(zh, len,
					         "columns.%s 须为列字母（如 B）、表头文字或 null",
					         field);
					snprintf(
					    en, len,
					    "columns.%s must be a column letter (B), a header text "
					    "or null",
					    field);
					return false;
				}
				int col = letters_col(s);
				if (col >= 0)
					m->col[f] = col;
				else {
					m->col[f] = -1;
					snprintf(m->header[f], sizeof m->header[f], "%s", s);
				}
			}
		} else {
			snprintf(zh, len,
			         "列映射中没有“%s”这一项（可用 sheet、header_row、columns）", key);
			snprintf(en, len,
			         "the mapping has no key \"%s\" (sheet, header_row, columns)", key);
			return false;
		}
	}
	return true;
}

static const struct ogi_wb_cell *cell_filled(const struct ogi_wb_sheet *sh, size_t r, size_t c,
                                             bool *merged)
{
	const struct ogi_wb_range *mr = ogi_wb_merge_at(sh, r, c);
	if (merged)
		*merged = mr != NULL && (mr->row0 != r || mr->col0 != c);
	if (mr != NULL)
		return ogi_wb_at(sh, mr->row0, mr->col0);
	return ogi_wb_at(sh, r, c);
}

/* The header text of column c with its header in row r (0-based): the
 * cell's (a merge's top-left), else the one above it (a group heading). */
static const char *header_text(const struct ogi_wb_sheet *sh, size_t r, size_t c)
{
	const char *t = cell_filled(sh, r, c, NULL)->text;
	size_t n;
	trim(t, &n);
	if (n == 0 && r > 0)
		t = cell_filled(sh, r - 1, c, NULL)->text;
	return t;
}

json_t *ogi_reg_mapping_to_json(const struct ogi_reg_mapping *m, const struct ogi_wb_sheet *sheet)
{
	json_t *cols = json_object(), *heads = json_object();
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++) {
		if (m->col[f] < 0) {
			if (m->header[f][0])
				json_object_set_new(cols, ogi_reg_field_names[f],
				                    json_string(m->header[f]));
			else if (m->col[f] == COL_ABSENT)
				json_object_set_new(cols, ogi_reg_field_names[f], json_null());
			continue;
		}
		char letters[8];
		ogi_wb_column_name((size_t)m->col[f], letters, sizeof letters);
		json_object_set_new(cols, ogi_reg_field_names[f], json_string(letters));
		if (sheet != NULL && m->header_row > 0) {
			size_t n;
			const char *t =
			    trim(header_text(sheet, m->header_row - 1, (size_t)m->col[f]), &n);
			json_object_set_new(heads, ogi_reg_field_names[f], json_stringn(t, n));
		}
	}
	json_t *out = json_pack("{s:o}", "columns", cols);
	if (m->sheet[0])
		json_object_set_new(out, "sheet", json_string(m->sheet));
	if (m->header_row > 0)
		json_object_set_new(out, "header_row", json_integer(m->header_row));
	if (sheet != NULL && m->header_row > 0)
		json_object_set_new(out, "headers", heads);
	else
		json_decref(heads);
	return out;
}

/* The field a header names and how well (3 exact, 1 + length contained), or -1. */
static int header_field(const char *text, int *score)
{
	char h[256];
	norm(text, h, sizeof h);
	*score = 0;
	if (h[0] == '\0')
		return -1;
	int best = -1;
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++)
		for (int i = 0; synonyms[f][i]; i++) {
			const char *s = synonyms[f][i];
			int sc = 0;
			if (strcmp(h, s) == 0)
				sc = 1000;
			else if (strstr(h, s) != NULL)
				sc = 1 + (int)strlen(s);
			if (sc > *score) {
				*score = sc;
				best = f;
			}
		}
	return best;
}

/* How many columns of row r look like the preset's headers. */
static int row_score(const struct ogi_wb_sheet *sh, size_t r)
{
	int n = 0;
	bool seen[OGI_REG_FIELD_COUNT] = {0};
	for (size_t c = 0; c < sh->cols; c++) {
		int sc, f = header_field(header_text(sh, r, c), &sc);
		if (f >= 0 && !seen[f]) {
			seen[f] = true;
			n += 1 + (f == OGI_REG_RECEIVED_ON || f == OGI_REG_APPLICANT_NAME ||
			          f == OGI_REG_DESCRIPTION);
		}
	}
	return n;
}

static int find_header(const struct ogi_wb_sheet *sh)
{
	int best = -1, best_score = 3;
	for (size_t r = 0; r < sh->rows && r < OGI_REG_HEADER_SCAN; r++) {
		int s = row_score(sh, r);
		if (s > best_score) {
			best_score = s;
			best = (int)r;
		}
	}
	return best;
}

bool ogi_reg_mapping_resolve(const struct ogi_wb *book, struct ogi_reg_mapping *m,
                             const struct ogi_wb_sheet **sheet_out, size_t *data_row, char *zh,
                             char *en, size_t len)
{
	const struct ogi_wb_sheet *sh = NULL;
	if (m->sheet[0]) {
		for (size_t i = 0; i < book->nsheets; i++)
			if (strcmp(book->sheets[i].name, m->sheet) == 0)
				sh = &book->sheets[i];
		if (sh == NULL) {
			snprintf(zh, len, "文件中没有名为“%s”的工作表", m->sheet);
			snprintf(en, len, "the file has no sheet named \"%s\"", m->sheet);
			return false;
		}
	} else {
		for (size_t i = 0; i < book->nsheets && sh == NULL; i++)
			if (!book->sheets[i].hidden &&
			    (m->header_row > 0 || find_header(&book->sheets[i]) >= 0))
				sh = &book->sheets[i];
		if (sh == NULL) {
			bool hidden = false;
			for (size_t i = 0; i < book->nsheets; i++)
				hidden |= book->sheets[i].hidden;
			return say(
			    zh, en, len,
			    hidden ? "在未隐藏的工作表中找不到台账表头（收到日期、申请人、申请内容"
			             "等）；"
			             "隐藏的工作表不读取，如需导入请指定工作表"
			           : "找不到台账表头（收到日期、申请人、申请内容等）；请检查文件，"
			             "或给出列映射",
			    hidden ? "no sheet that is not hidden has a register's header "
			             "(收到日期, 申请人, 申请内容 …); hidden sheets are not read "
			             "unless named"
			           : "no register header found (收到日期, 申请人, 申请内容 …): "
			             "check the file or give a mapping");
		}
		snprintf(m->sheet, sizeof m->sheet, "%s", sh->name);
	}
	if (m->header_row == 0) {
		int r = find_header(sh);
		if (r < 0)
			return say(
			    zh, en, len,
			    "该工作表前20行中找不到台账表头；请给出表头所在行（header_row）",
			    "no register header in the sheet's first 20 rows: give header_row");
		m->header_row = (unsigned)r + 1;
	}
	size_t hr = m->header_row - 1;
	/* header texts named by the mapping */
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++) {
		if (m->header[f][0] == '\0')
			continue;
		char want[256], got[256];
		norm(m->header[f], want, sizeof want);
		for (size_t c = 0; c < sh->cols && m->col[f] < 0; c++) {
			norm(header_text(sh, hr, c), got, sizeof got);
			if (strcmp(want, got) == 0)
				m->col[f] = (int)c;
		}
		if (m->col[f] < 0) {
			snprintf(zh, len, "第%zu行表头中没有“%s”（%s）", hr + 1, m->header[f],
			         ogi_reg_field_labels_zh[f]);
			snprintf(en, len, "the header in row %zu has no \"%s\" (%s)", hr + 1,
			         m->header[f], ogi_reg_field_names[f]);
			return false;
		}
	}
	/* the preset for the rest: each column to its best field, each field its best column */
	bool taken[OGI_WB_COLS_MAX] = {0};
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++)
		if (m->col[f] >= 0 && (size_t)m->col[f] < OGI_WB_COLS_MAX)
			taken[m->col[f]] = true;
	int best_col[OGI_REG_FIELD_COUNT], best_sc[OGI_REG_FIELD_COUNT];
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++)
		best_col[f] = -1, best_sc[f] = 0;
	for (size_t c = 0; c < sh->cols && c < OGI_WB_COLS_MAX; c++) {
		if (taken[c])
			continue;
		int sc, f = header_field(header_text(sh, hr, c), &sc);
		if (f >= 0 && m->col[f] == -1 && sc > best_sc[f]) {
			best_sc[f] = sc;
			best_col[f] = (int)c;
		}
	}
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++)
		if (m->col[f] == -1)
			m->col[f] = best_col[f];
	static const int required[] = {OGI_REG_RECEIVED_ON, OGI_REG_APPLICANT_NAME,
	                               OGI_REG_DESCRIPTION};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (m->col[required[i]] < 0) {
			snprintf(zh, len, "第%zu行表头中找不到“%s”一列；请在列映射中指定", hr + 1,
			         ogi_reg_field_labels_zh[required[i]]);
			snprintf(en, len, "the header in row %zu has no column for %s: map it",
			         hr + 1, ogi_reg_field_names[required[i]]);
			return false;
		}
	*sheet_out = sh;
	*data_row = hr + 1;
	return true;
}

/* ---- outcome labels ---------------------------------------------------------- */

static const struct {
	const char *label;
	enum ogi_outcome o;
} default_labels[] = {
    {"予以公开", OGI_OUT_DISCLOSED},
    {"公开", OGI_OUT_DISCLOSED},
    {"同意公开", OGI_OUT_DISCLOSED},
    {"全部公开", OGI_OUT_DISCLOSED},
    {"已主动公开", OGI_OUT_ALREADY_PUBLIC},
    {"已公开", OGI_OUT_ALREADY_PUBLIC},
    {"告知获取途径", OGI_OUT_ALREADY_PUBLIC},
    {"部分公开", OGI_OUT_PARTIAL},
    {"同意部分公开", OGI_OUT_PARTIAL},
    {"国家秘密", OGI_OUT_WITHHELD_STATE_SECRET},
    {"属于国家秘密", OGI_OUT_WITHHELD_STATE_SECRET},
    {"法律行政法规禁止公开", OGI_OUT_WITHHELD_LAW_PROHIBITED},
    {"法律行政法规禁止", OGI_OUT_WITHHELD_LAW_PROHIBITED},
    {"其他法律行政法规禁止公开", OGI_OUT_WITHHELD_LAW_PROHIBITED},
    {"危及三安全一稳定", OGI_OUT_WITHHELD_SECURITY_STABILITY},
    {"三安全一稳定", OGI_OUT_WITHHELD_SECURITY_STABILITY},
    {"保护第三方合法权益", OGI_OUT_WITHHELD_THIRD_PARTY},
    {"第三方合法权益", OGI_OUT_WITHHELD_THIRD_PARTY},
    {"涉及商业秘密", OGI_OUT_WITHHELD_THIRD_PARTY},
    {"涉及个人隐私", OGI_OUT_WITHHELD_THIRD_PARTY},
    {"属于三类内部事务信息", OGI_OUT_WITHHELD_INTERNAL_AFFAIRS},
    {"内部事务信息", OGI_OUT_WITHHELD_INTERNAL_AFFAIRS},
    {"内部事务", OGI_OUT_WITHHELD_INTERNAL_AFFAIRS},
    {"属于四类过程性信息", OGI_OUT_WITHHELD_PROCESS_INFO},
    {"过程性信息", OGI_OUT_WITHHELD_PROCESS_INFO},
    {"属于行政执法案卷", OGI_OUT_WITHHELD_ENFORCEMENT_FILE},
    {"行政执法案卷", OGI_OUT_WITHHELD_ENFORCEMENT_FILE},
    {"属于行政查询事项", OGI_OUT_WITHHELD_QUERY_MATTER},
    {"行政查询事项", OGI_OUT_WITHHELD_QUERY_MATTER},
    {"信息不存在", OGI_OUT_NOT_HELD_NOT_EXIST},
    {"本机关不掌握相关政府信息", OGI_OUT_NOT_HELD_NOT_EXIST},
    {"政府信息不存在", OGI_OUT_NOT_HELD_NOT_EXIST},
    {"非本机关", OGI_OUT_NOT_HELD_OTHER_BODY},
    {"非本机关掌握", OGI_OUT_NOT_HELD_OTHER_BODY},
    {"非本机关政府信息", OGI_OUT_NOT_HELD_OTHER_BODY},
    {"告知向有关机关申请", OGI_OUT_NOT_HELD_OTHER_BODY},
    {"需另行制作", OGI_OUT_NEEDS_CREATION},
    {"没有现成信息需要另行制作", OGI_OUT_NEEDS_CREATION},
    {"需要另行制作", OGI_OUT_NEEDS_CREATION},
    {"补正后申请内容仍不明确", OGI_OUT_STILL_UNCLEAR},
    {"申请内容不明确", OGI_OUT_STILL_UNCLEAR},
    {"非政府信息", OGI_OUT_NOT_GOVERNMENT_INFO},
    {"不属于政府信息", OGI_OUT_NOT_GOVERNMENT_INFO},
    {"信访举报投诉类申请", OGI_OUT_REJECTED_PETITION},
    {"信访举报投诉", OGI_OUT_REJECTED_PETITION},
    {"重复申请", OGI_OUT_REJECTED_REPEAT},
    {"要求提供公开出版物", OGI_OUT_REJECTED_PUBLICATION},
    {"公开出版物", OGI_OUT_REJECTED_PUBLICATION},
    {"无正当理由大量反复申请", OGI_OUT_REJECTED_EXCESSIVE},
    {"大量反复申请", OGI_OUT_REJECTED_EXCESSIVE},
    {"要求行政机关确认或重新出具已获取信息", OGI_OUT_REJECTED_CONFIRM_REISSUE},
    {"确认或重新出具已获取信息", OGI_OUT_REJECTED_CONFIRM_REISSUE},
    {"申请人无正当理由逾期不补正", OGI_OUT_LAPSED_CORRECTION},
    {"逾期未补正", OGI_OUT_LAPSED_CORRECTION},
    {"逾期不补正", OGI_OUT_LAPSED_CORRECTION},
    {"逾期未按收费通知要求缴纳费用", OGI_OUT_LAPSED_FEE},
    {"逾期未缴费", OGI_OUT_LAPSED_FEE},
    {"逾期未缴纳费用", OGI_OUT_LAPSED_FEE},
    {"撤回", OGI_OUT_WITHDRAWN},
    {"撤回申请", OGI_OUT_WITHDRAWN},
    {"申请人撤回", OGI_OUT_WITHDRAWN},
    {"其他", OGI_OUT_OTHER},
    {"其他处理", OGI_OUT_OTHER},
};

void ogi_reg_outcomes_default(struct ogi_reg_outcomes *t)
{
	t->n = 0;
	for (size_t i = 0; i < sizeof default_labels / sizeof *default_labels; i++) {
		snprintf(t->v[t->n].label, sizeof t->v[t->n].label, "%s", default_labels[i].label);
		t->v[t->n++].outcome = default_labels[i].o;
	}
}

static struct ogi_reg_label *label_find(struct ogi_reg_outcomes *t, const char *label)
{
	char a[OGI_REG_LABEL_MAX * 2], b[OGI_REG_LABEL_MAX * 2];
	norm(label, a, sizeof a);
	for (size_t i = 0; i < t->n; i++) {
		norm(t->v[i].label, b, sizeof b);
		if (strcmp(a, b) == 0)
			return &t->v[i];
	}
	return NULL;
}

bool ogi_reg_outcomes_from_json(const json_t *j, struct ogi_reg_outcomes *t, char *zh, char *en,
                                size_t len)
{
	if (!json_is_object(j))
		return say(zh, en, len, "答复类型对照表须为 JSON 对象（文字 → 结果）",
		           "the outcome table must be a JSON object (label → outcome)");
	const char *label;
	json_t *v;
	json_object_foreach((json_t *)j, label, v)
	{
		char n[OGI_REG_LABEL_MAX * 2];
		norm(label, n, sizeof n);
		if (n[0] == '\0' || strlen(label) >= OGI_REG_LABEL_MAX)
			return say(zh, en, len, "对照表中的文字须为1至30个字",
			           "a label of the outcome table has 1 to 30 characters");
		struct ogi_reg_label *l = label_find(t, label);
		if (json_is_null(v)) {
			if (l != NULL)
				*l = t->v[--t->n];
			continue;
		}
		int o = json_is_string(v) ? ogi_enum_parse(ogi_outcome_names, json_string_value(v))
		                          : -1;
		if (o < 0) {
			snprintf(zh, len,
			         "对照表中“%s”对应的结果不存在（应为 disclosed、partial 等）",
			         label);
			snprintf(
			    en, len,
			    "the outcome table maps \"%s\" to no outcome (disclosed, partial, …)",
			    label);
			return false;
		}
		if (l == NULL) {
			if (t->n == OGI_REG_LABELS_MAX)
				return say(zh, en, len, "对照表最多256项",
				           "the outcome table has at most 256 labels");
			l = &t->v[t->n++];
			snprintf(l->label, sizeof l->label, "%s", label);
		}
		l->outcome = o;
	}
	return true;
}

json_t *ogi_reg_outcomes_to_json(const struct ogi_reg_outcomes *t)
{
	json_t *o = json_object();
	for (size_t i = 0; i < t->n; i++)
		json_object_set_new(o, t->v[i].label,
		                    json_string(ogi_outcome_names[t->v[i].outcome]));
	return o;
}

/* the normalised label list of t, computed once per check */
struct labels_norm {
	size_t n;
	char v[OGI_REG_LABELS_MAX][OGI_REG_LABEL_MAX * 2];
	int o[OGI_REG_LABELS_MAX];
};

static void labels_norm_of(const struct ogi_reg_outcomes *t, struct labels_norm *ln)
{
	ln->n = t->n;
	for (size_t i = 0; i < t->n; i++) {
		norm(t->v[i].label, ln->v[i], sizeof ln->v[i]);
		ln->o[i] = t->v[i].outcome;
	}
}

static int lookup_norm(const struct labels_norm *ln, const char *h)
{
	int best = -1;
	size_t best_len = 0;
	for (size_t i = 0; i < ln->n; i++) {
		if (ln->v[i][0] == '\0')
			continue;
		if (strcmp(h, ln->v[i]) == 0)
			return ln->o[i];
		size_t n = strlen(ln->v[i]);
		/* "公开", "撤回" would be found in too many texts: a contained label has 4
	   characters or more (国家秘密 in 不予公开（国家秘密）) */
		if (n > best_len && n >= 12 && strstr(h, ln->v[i]) != NULL) {
			best_len = n;
			best = ln->o[i];
		}
	}
	/* 不予公开 / 不予处理 with a contained label "公开" etc.: only a ground counts */
	return best;
}

int ogi_reg_outcome_lookup(const struct ogi_reg_outcomes *t, const char *text)
{
	struct labels_norm *ln = malloc(sizeof *ln);
	if (ln == NULL)
		return -1;
	labels_norm_of(t, ln);
	char h[1024];
	norm(text, h, sizeof h);
	int o = h[0] ? lookup_norm(ln, h) : -1;
	free(ln);
	return o;
}

/* ---- dates ------------------------------------------------------------------- */

static bool digits(const char **p, int min, int max, int *out)
{
	int n = 0, v = 0;
	while (**p >= '0' && **p <= '9' && n < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n >= min;
}

/* A date at s: its end in *end; 0 ok, 1 no date, 2 a date that does not exist. */
static int date_at(const char *s, const char **end, ogi_date *out)
{
	const char *p = s;
	int y, m, d;
	if (!digits(&p, 4, 4, &y))
		return 1;
	if (*p >= '0' && *p <= '9') {
		/* 20250304 */
		if (!digits(&p, 4, 4, &m) || (*p >= '0' && *p <= '9'))
			return 1;
		d = m % 100;
		m /= 100;
	} else {
		const char *sep = NULL;
		static const char *const seps[] = {"-", "/", ".", "年", NULL};
		for (int i = 0; seps[i]; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				sep = seps[i];
		if (sep == NULL)
			return 1;
		p += strlen(sep);
		if (!digits(&p, 1, 2, &m))
			return 1;
		const char *sep2 = strcmp(sep, "年") == 0 ? "月" : sep;
		if (strncmp(p, sep2, strlen(sep2)) != 0)
			return 1;
		p += strlen(sep2);
		if (!digits(&p, 1, 2, &d))
			return 1;
		if (strcmp(sep, "年") == 0 &&
		    (strncmp(p, "日", 3) == 0 || strncmp(p, "号", 3) == 0))
			p += 3;
	}
	*end = p;
	if (!ogi_date_valid(y, m, d))
		return 2;
	*out = ogi_date_from_ymd(y, m, d);
	return 0;
}

/* 0 ok, 1 not a date, 2 impossible. */
static int parse_date(const char *text, ogi_date *out)
{
	size_t n;
	const char *s = trim(text, &n);
	if (n == 0 || n > 40)
		return 1;
	char buf[48];
	memcpy(buf, s, n);
	buf[n] = '\0';
	const char *end;
	int rc = date_at(buf, &end, out);
	if (rc != 0)
		return rc;
	/* a time of day after it: " 10:30", "T10:30:00", " 上午" */
	if (*end == '\0' || *end == ' ' || *end == 'T')
		return 0;
	return 1;
}

bool ogi_reg_parse_date(const char *text, ogi_date *out)
{
	return parse_date(text, out) == 0;
}

/* A date cell (the workbook's DATE kind, or a plain number that is an Excel
 * serial day between 1990 and 2100), else its text: 0 ok, 1 not a date, 2 impossible. */
static int cell_date(const struct ogi_wb_cell *c, ogi_date *out)
{
	if (c->kind == OGI_WB_CELL_DATE && c->text[0] == '\0') {
		*out = ogi_date_from_ymd(1899, 12, 30) + (ogi_date)c->number;
		return 0;
	}
	if (c->kind == OGI_WB_CELL_NUMBER && c->number >= 32874 && c->number < 73051 &&
	    c->number == (double)(long)c->number) {
		*out = ogi_date_from_ymd(1899, 12, 30) + (ogi_date)c->number;
		return 0;
	}
	return parse_date(c->text, out);
}

/* ---- vocabularies of the cells -------------------------------------------------- */

struct word {
	const char *w;
	int v;
};

/* v of the word equal to h, else of the longest word h contains; -1 */
static int words_match(const struct word *ws, const char *h)
{
	int best = -1;
	size_t best_len = 0;
	for (int i = 0; ws[i].w; i++) {
		if (strcmp(h, ws[i].w) == 0)
			return ws[i].v;
		size_t n = strlen(ws[i].w);
		if (n > best_len && strstr(h, ws[i].w) != NULL) {
			best_len = n;
			best = ws[i].v;
		}
	}
	return best;
}

static const struct word kind_words[] = {{"自然人", OGI_APPLICANT_NATURAL_PERSON},
                                         {"个人", OGI_APPLICANT_NATURAL_PERSON},
                                         {"公民", OGI_APPLICANT_NATURAL_PERSON},
                                         {"群众", OGI_APPLICANT_NATURAL_PERSON},
                                         {"商业企业", OGI_APPLICANT_COMMERCIAL_ENTERPRISE},
                                         {"企业", OGI_APPLICANT_COMMERCIAL_ENTERPRISE},
                                         {"公司", OGI_APPLICANT_COMMERCIAL_ENTERPRISE},
                                         {"科研机构", OGI_APPLICANT_RESEARCH_INSTITUTION},
                                         {"科研院所", OGI_APPLICANT_RESEARCH_INSTITUTION},
                                         {"研究机构", OGI_APPLICANT_RESEARCH_INSTITUTION},
                                         {"社会公益组织", OGI_APPLICANT_SOCIAL_WELFARE_ORG},
                                         {"公益组织", OGI_APPLICANT_SOCIAL_WELFARE_ORG},
                                         {"法律服务机构", OGI_APPLICANT_LEGAL_SERVICE_ORG},
                                         {"律师事务所", OGI_APPLICANT_LEGAL_SERVICE_ORG},
                                         {"律所", OGI_APPLICANT_LEGAL_SERVICE_ORG},
                                         {"律师", OGI_APPLICANT_LEGAL_SERVICE_ORG},
                                         {"其他", OGI_APPLICANT_OTHER_ORG},
                                         {"其他组织", OGI_APPLICANT_OTHER_ORG},
                                         {"其他法人或其他组织", OGI_APPLICANT_OTHER_ORG},
                                         {NULL, 0}};

static const struct word id_type_words[] = {{"居民身份证", OGI_ID_RESIDENT_ID_CARD},
                                            {"身份证", OGI_ID_RESIDENT_ID_CARD},
                                            {"统一社会信用代码", OGI_ID_USCC},
                                            {"营业执照", OGI_ID_USCC},
                                            {"信用代码", OGI_ID_USCC},
                                            {"护照", OGI_ID_PASSPORT},
                                            {"港澳", OGI_ID_HK_MACAO_PERMIT},
                                            {"台湾", OGI_ID_TAIWAN_PERMIT},
                                            {"台胞", OGI_ID_TAIWAN_PERMIT},
                                            {"外国人永久居留", OGI_ID_FOREIGN_PERMANENT},
                                            {"永久居留", OGI_ID_FOREIGN_PERMANENT},
                                            {"其他", OGI_ID_OTHER},
                                            {NULL, 0}};

static const struct word channel_words[] = {{"当面", OGI_CHANNEL_IN_PERSON},
                                            {"现场", OGI_CHANNEL_IN_PERSON},
                                            {"窗口", OGI_CHANNEL_IN_PERSON},
                                            {"来访", OGI_CHANNEL_IN_PERSON},
                                            {"面交", OGI_CHANNEL_IN_PERSON},
                                            {"当场", OGI_CHANNEL_IN_PERSON},
                                            {"书面", OGI_CHANNEL_IN_PERSON},
                                            {"口头", OGI_CHANNEL_ORAL},
                                            {"挂号", OGI_CHANNEL_POST_REGISTERED},
                                            {"ems", OGI_CHANNEL_POST_REGISTERED},
                                            {"快递", OGI_CHANNEL_POST_REGISTERED},
                                            {"邮寄", OGI_CHANNEL_POST_REGISTERED},
                                            {"信函", OGI_CHANNEL_POST_REGISTERED},
                                            {"邮政", OGI_CHANNEL_POST_REGISTERED},
                                            {"来信", OGI_CHANNEL_POST_REGISTERED},
                                            {"平信", OGI_CHANNEL_POST_ORDINARY},
                                            {"普通信件", OGI_CHANNEL_POST_ORDINARY},
                                            {"网上", OGI_CHANNEL_ONLINE},
                                            {"网络", OGI_CHANNEL_ONLINE},
                                            {"在线", OGI_CHANNEL_ONLINE},
                                            {"网站", OGI_CHANNEL_ONLINE},
                                            {"互联网", OGI_CHANNEL_ONLINE},
                                            {"平台", OGI_CHANNEL_ONLINE},
                                            {"网申", OGI_CHANNEL_ONLINE},
                                            {"传真", OGI_CHANNEL_FAX},
                                            {"电子邮件", OGI_CHANNEL_EMAIL},
                                            {"电子邮箱", OGI_CHANNEL_EMAIL},
                                            {"邮件", OGI_CHANNEL_EMAIL},
                                            {"email", OGI_CHANNEL_EMAIL},
                                            {"e-mail", OGI_CHANNEL_EMAIL},
                                            {NULL, 0}};

/* 是否收费 */
static const struct word fee_words[] = {{"是", 1}, {"收费", 1},   {"已收费", 1}, {"已缴费", 1},
                                        {"否", 0}, {"不收费", 0}, {"免费", 0},   {"未收费", 0},
                                        {"无", 0}, {"免收", 0},   {"减免", 0},   {"不予收费", 0},
                                        {NULL, 0}};

/* what a 答复类型 cell says of a request still open */
static const char *const open_words[] = {"办理中", "正在办理", "未办结", "未答复",
                                         "待答复", "在办",     "处理中", NULL};

/* a 复议/诉讼 cell saying there is none */
static const char *const none_words[] = {"否",         "无",     "未",     "没有", "未复议未诉讼",
                                         "无复议诉讼", "未提起", "不涉及", "0",    "n",
                                         "no",         NULL};

static bool in_list(const char *const *ws, const char *h)
{
	for (int i = 0; ws[i]; i++)
		if (strcmp(h, ws[i]) == 0)
			return true;
	return false;
}

/* decisions of a reconsideration / a court, by keyword: longest match first */
static const struct word rc_words[] = {{"维持", OGI_RC_UPHOLD},
                                       {"驳回复议请求", OGI_RC_DISMISS_CLAIM},
                                       {"驳回请求", OGI_RC_DISMISS_CLAIM},
                                       {"驳回", OGI_RC_DISMISS_CLAIM},
                                       {"驳回申请", OGI_RC_REJECT},
                                       {"变更", OGI_RC_VARY},
                                       {"部分撤销", OGI_RC_REVOKE_PART},
                                       {"撤销", OGI_RC_REVOKE},
                                       {"确认违法", OGI_RC_DECLARE_ILLEGAL},
                                       {"确认无效", OGI_RC_DECLARE_VOID},
                                       {"责令", OGI_RC_ORDER_PERFORM},
                                       {"终止", OGI_RC_TERMINATE},
                                       {"撤回", OGI_RC_TERMINATE},
                                       {"调解", OGI_RC_MEDIATION},
                                       {"和解", OGI_RC_SETTLEMENT},
                                       {NULL, 0}};
static const struct word j_words[] = {{"驳回诉讼请求", OGI_J_DISMISS_CLAIM},
                                      {"驳回", OGI_J_DISMISS_CLAIM},
                                      {"驳回起诉", OGI_J_DISMISS_SUIT},
                                      {"维持", OGI_J_UPHOLD},
                                      {"部分撤销", OGI_J_REVOKE_PART},
                                      {"撤销", OGI_J_REVOKE},
                                      {"变更", OGI_J_VARY},
                                      {"确认违法", OGI_J_DECLARE_ILLEGAL},
                                      {"确认无效", OGI_J_DECLARE_VOID},
                                      {"责令", OGI_J_ORDER_PERFORM},
                                      {"撤诉", OGI_J_WITHDRAWN},
                                      {"撤回", OGI_J_WITHDRAWN},
                                      {"不予立案", OGI_J_NOT_ACCEPTED},
                                      {"终结", OGI_J_ENDED},
                                      {"调解", OGI_J_MEDIATION},
                                      {NULL, 0}};

/* ---- the check ------------------------------------------------------------------ */

struct checker {
	const struct ogi_wb_sheet *sh;
	const struct ogi_reg_mapping *m;
	const struct ogi_reg_options *opt;
	struct labels_norm *ln;
	struct ogi_reg_check *out;
	size_t cap;
	bool oom;
};

static struct ogi_reg_problem *problem(struct checker *k, size_t row, int field, const char *value,
                                       const char *rule, bool warning)
{
	struct ogi_reg_check *c = k->out;
	if (c->nproblems == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 64;
		struct ogi_reg_problem *v = realloc(c->problems, cap * sizeof *v);
		if (v == NULL) {
			k->oom = true;
			static _Thread_local struct ogi_reg_problem sink;
			return &sink;
		}
		c->problems = v;
		k->cap = cap;
	}
	struct ogi_reg_problem *p = &c->problems[c->nproblems++];
	memset(p, 0, sizeof *p);
	p->row = row;
	p->rule = rule;
	p->warning = warning;
	if (warning)
		c->warnings++;
	else
		c->errors++;
	if (field >= 0 && k->m != NULL && k->m->col[field] >= 0) {
		ogi_wb_column_name((size_t)k->m->col[field], p->column, sizeof p->column);
		if (k->sh != NULL && k->m->header_row > 0) {
			size_t n;
			const char *t = trim(
			    header_text(k->sh, k->m->header_row - 1, (size_t)k->m->col[field]), &n);
			copy_utf8(p->header, sizeof p->header, t, n);
		}
	}
	if (value != NULL)
		copy_utf8(p->value, sizeof p->value, value, strlen(value));
	return p;
}

#define SAY(p, ...)    snprintf((p)->zh, sizeof(p)->zh, __VA_ARGS__)
#define SAY_EN(p, ...) snprintf((p)->en, sizeof(p)->en, __VA_ARGS__)

/* the field's cell in row r, trimmed, copied into the arena ("" when empty) */
struct val {
	const struct ogi_wb_cell *cell;
	const char *s; /* trimmed, NUL-terminated, in the arena; "" when empty */
	size_t n;
};

static bool cell_of(struct checker *k, size_t r, int f, struct val *v)
{
	static const struct ogi_wb_cell empty = {.kind = OGI_WB_CELL_EMPTY, .text = ""};
	v->cell = &empty;
	v->s = "";
	v->n = 0;
	if (k->m->col[f] < 0)
		return true;
	bool merged;
	v->cell = cell_filled(k->sh, r, (size_t)k->m->col[f], &merged);
	size_t n;
	const char *t = trim(v->cell->text, &n);
	if (v->cell->formula) {
		struct ogi_reg_problem *p = problem(k, r + 1, f, v->cell->text, "formula", true);
		if (n == 0) {
			SAY(p, "该单元格是公式，但文件中没有保存其计算结果（请在 Excel/WPS "
			       "中打开并保存，"
			       "或将公式转为数值）");
			SAY_EN(p,
			       "the cell holds a formula whose result the file does not keep: open "
			       "and save it in Excel or WPS, or paste it as values");
		} else {
			SAY(p, "该单元格是公式，按其最后计算的结果读取");
			SAY_EN(p, "the cell holds a formula: its last computed value is used");
		}
	}
	if (n == 0)
		return true;
	if (merged) {
		struct ogi_reg_problem *p =
		    problem(k, r + 1, f, v->cell->text, "merged_cell", true);
		SAY(p, "该单元格属于合并单元格，按合并区域左上角的值“%.60s”读取", v->cell->text);
		SAY_EN(p, "the cell is part of a merged range: read as its top-left value");
	}
	v->s = arena_dup(&k->out->arena, t, n);
	if (v->s == NULL) {
		k->oom = true;
		v->s = "";
		return false;
	}
	v->n = n;
	return true;
}

static void required(struct checker *k, size_t r, int f)
{
	struct ogi_reg_problem *p = problem(k, r + 1, f, "", "required", false);
	SAY(p, "%s不能为空", ogi_reg_field_labels_zh[f]);
	SAY_EN(p, "%s is required", ogi_reg_field_names[f]);
}

static void too_long(struct checker *k, size_t r, int f, const struct val *v, size_t max)
{
	struct ogi_reg_problem *p = problem(k, r + 1, f, v->s, "too_long", false);
	SAY(p, "%s过长（最多%zu个字）", ogi_reg_field_labels_zh[f], max);
	SAY_EN(p, "%s is too long (at most %zu characters)", ogi_reg_field_names[f], max);
}

/* a text field: NULL when empty (a problem when req); checks its length in characters */
static const char *text_field_req(struct checker *k, size_t r, int f, size_t max, bool req)
{
	struct val v;
	cell_of(k, r, f, &v);
	if (v.n == 0) {
		if (req)
			required(k, r, f);
		return NULL;
	}
	if (v.cell->kind == OGI_WB_CELL_ERROR) {
		struct ogi_reg_problem *p = problem(k, r + 1, f, v.s, "cell_error", false);
		SAY(p, "该单元格显示错误值 %s", v.s);
		SAY_EN(p, "the cell shows the error %s", v.s);
		return NULL;
	}
	if (utf8_chars(v.s, v.n) > max) {
		too_long(k, r, f, &v, max);
		return NULL;
	}
	return v.s;
}

static const char *text_field(struct checker *k, size_t r, int f, size_t max)
{
	return text_field_req(k, r, f, max, false);
}

/* a date field: OGI_DATE_NONE when empty or bad (the problem added) */
static ogi_date date_field(struct checker *k, size_t r, int f, bool *bad)
{
	struct val v;
	cell_of(k, r, f, &v);
	*bad = false;
	if (v.n == 0)
		return OGI_DATE_NONE;
	ogi_date d;
	int rc = cell_date(v.cell, &d);
	if (rc == 0 && ogi_date_in_range(d))
		return d;
	*bad = true;
	struct ogi_reg_problem *p = problem(k, r + 1, f, v.s, "bad_date", false);
	if (rc == 2) {
		SAY(p, "%s“%s”不是存在的日期", ogi_reg_field_labels_zh[f], v.s);
		SAY_EN(p, "%s \"%s\" is not a date that exists", ogi_reg_field_names[f], v.s);
	} else {
		SAY(p, "%s“%s”无法识别为日期（可写作 2025-03-04、2025/3/4、2025年3月4日）",
		    ogi_reg_field_labels_zh[f], v.s);
		SAY_EN(p, "%s \"%s\" is not a date (write 2025-03-04, 2025/3/4 or 2025年3月4日)",
		       ogi_reg_field_names[f], v.s);
	}
	return OGI_DATE_NONE;
}

/* the intake field an error of ogi_intake_check names, as the register's */
static int intake_field(const char *field)
{
	if (strcmp(field, "received_on") == 0)
		return OGI_REG_RECEIVED_ON;
	if (strcmp(field, "applicant.id_type") == 0 || strcmp(field, "applicant.id_number") == 0)
		return OGI_REG_ID_NUMBER;
	if (strcmp(field, "applicant.phone") == 0)
		return OGI_REG_PHONE;
	if (strcmp(field, "applicant.email") == 0)
		return OGI_REG_EMAIL;
	if (strcmp(field, "applicant.postcode") == 0)
		return OGI_REG_POSTCODE;
	return -1;
}

static const char *intake_value(const struct ogi_reg_row *row, int f, const char *raw_id, char *buf)
{
	switch (f) {
	case OGI_REG_RECEIVED_ON:
		return ogi_date_format(row->in.received_on, buf);
	case OGI_REG_ID_NUMBER:
		return raw_id;
	case OGI_REG_PHONE:
		return row->in.applicant.phone;
	case OGI_REG_EMAIL:
		return row->in.applicant.email;
	case OGI_REG_POSTCODE:
		return row->in.applicant.postcode;
	default:
		return "";
	}
}

/* the row's first non-empty cell, normalised into h: a totals or notes row? */
static bool note_row(const struct ogi_wb_sheet *sh, size_t r, char *first, size_t len)
{
	static const char *const starts[] = {"合计", "总计",   "共计", "小计", "注",
	                                     "备注", "说明",   "填表", "制表", "审核",
	                                     "统计", "负责人", "填报", "以上", NULL};
	first[0] = '\0';
	for (size_t c = 0; c < sh->cols; c++) {
		const struct ogi_wb_cell *cell = ogi_wb_at(sh, r, c);
		size_t n;
		const char *t = trim(cell->text, &n);
		if (n == 0)
			continue;
		copy_utf8(first, len, t, n);
		char h[256];
		norm(t, h, sizeof h);
		for (int i = 0; starts[i]; i++)
			if (strncmp(h, starts[i], strlen(starts[i])) == 0)
				return true;
		return false;
	}
	return false;
}

static bool row_blank(const struct ogi_wb_sheet *sh, size_t r)
{
	for (size_t c = 0; c < sh->cols; c++) {
		size_t n;
		trim(ogi_wb_at(sh, r, c)->text, &n);
		if (n > 0)
			return false;
	}
	return true;
}

/* the first body name the cell matches (equal, or one containing the other) */
static bool body_matches(const char *const *names, const char *cell)
{
	char h[512], b[512];
	norm(cell, h, sizeof h);
	for (int i = 0; names[i]; i++) {
		norm(names[i], b, sizeof b);
		if (b[0] && (strcmp(h, b) == 0 || strstr(h, b) || strstr(b, h)))
			return true;
	}
	return false;
}

/* the 复议/诉讼 cell into the row's remedies */
static void remedy_parse(struct checker *k, size_t r, struct ogi_reg_row *row, const char *text)
{
	char h[1024];
	norm(text, h, sizeof h);
	if (h[0] == '\0' || in_list(none_words, h))
		return;
	/* walk the raw text: a keyword opens a remedy, dates and decisions after it are its */
	int cur = -1;
	int ndates[2] = {0, 0};
	for (const char *p = text; *p;) {
		int kind = -1;
		size_t adv = 0;
		if (strncmp(p, "复议", 6) == 0)
			kind = OGI_REG_REMEDY_RECONSIDERATION, adv = 6;
		else if (strncmp(p, "诉讼", 6) == 0 || strncmp(p, "起诉", 6) == 0)
			kind = OGI_REG_REMEDY_LITIGATION, adv = 6;
		if (kind >= 0) {
			int found = -1;
			for (int i = 0; i < row->nremedies; i++)
				if (row->remedies[i].kind == kind)
					found = i;
			/* 驳回起诉 is a decision of the suit already opened */
			if (found < 0 && row->nremedies < 2) {
				found = row->nremedies++;
				row->remedies[found].kind = kind;
				row->remedies[found].filed_on = OGI_DATE_NONE;
				row->remedies[found].decided_on = OGI_DATE_NONE;
				row->remedies[found].decision = -1;
			}
			cur = found;
			p += adv;
			continue;
		}
		if (*p >= '0' && *p <= '9') {
			const char *end;
			ogi_date d;
			int rc = date_at(p, &end, &d);
			if (rc == 0 && cur >= 0) {
				if (ndates[cur] == 0)
					row->remedies[cur].filed_on = d;
				else if (ndates[cur] == 1)
					row->remedies[cur].decided_on = d;
				ndates[cur]++;
				p = end;
				continue;
			}
			if (rc == 2) {
				struct ogi_reg_problem *q =
				    problem(k, r + 1, OGI_REG_REMEDY, text, "bad_date", false);
				SAY(q, "复议/诉讼一栏中的日期不存在");
				SAY_EN(q, "a date in the remedy column does not exist");
				return;
			}
			while (*p >= '0' && *p <= '9')
				p++;
			continue;
		}
		if (cur >= 0 && row->remedies[cur].decision < 0) {
			const struct word *ws =
			    row->remedies[cur].kind == OGI_REG_REMEDY_RECONSIDERATION ? rc_words
			                                                              : j_words;
			size_t best = 0;
			for (int i = 0; ws[i].w; i++) {
				size_t n = strlen(ws[i].w);
				if (n > best && strncmp(p, ws[i].w, n) == 0) {
					best = n;
					row->remedies[cur].decision = ws[i].v;
				}
			}
			if (best) {
				p += best;
				continue;
			}
		}
		p++;
	}
	if (row->nremedies == 0) {
		struct ogi_reg_problem *q =
		    problem(k, r + 1, OGI_REG_REMEDY, text, "unknown_remedy", false);
		SAY(q,
		    "复议/诉讼一栏“%.60s”无法识别：应写明“复议”或“诉讼”（可附日期和结果），"
		    "没有则留空或写“无”",
		    text);
		SAY_EN(q,
		       "the remedy column is not understood: name 复议 or 诉讼 (with dates and a "
		       "result), or leave it empty");
		return;
	}
	for (int i = 0; i < row->nremedies; i++) {
		struct ogi_reg_remedy_cell *x = &row->remedies[i];
		copy_utf8(x->text, sizeof x->text, text, strlen(text));
		if (x->filed_on == OGI_DATE_NONE) {
			if (row->replied_on == OGI_DATE_NONE) {
				struct ogi_reg_problem *q = problem(k, r + 1, OGI_REG_REMEDY, text,
				                                    "remedy_no_date", false);
				SAY(q, "尚未答复的申请的复议/诉讼须写明申请或起诉日期");
				SAY_EN(
				    q,
				    "a remedy of a request not replied to needs its filing date");
				continue;
			}
			x->filed_on = row->replied_on;
			x->filed_from_reply = true;
			struct ogi_reg_problem *q =
			    problem(k, r + 1, OGI_REG_REMEDY, text, "remedy_no_date", true);
			SAY(q, "未写明复议/诉讼日期，按答复日期记录，并在记录备注中说明");
			SAY_EN(q,
			       "no filing date given: recorded on the reply date, said so in the "
			       "record's notes");
		}
		if (x->filed_on > k->opt->today ||
		    (x->decided_on != OGI_DATE_NONE &&
		     (x->decided_on > k->opt->today || x->decided_on < x->filed_on)) ||
		    x->filed_on < row->in.received_on) {
			struct ogi_reg_problem *q =
			    problem(k, r + 1, OGI_REG_REMEDY, text, "remedy_date", false);
			SAY(q, "复议/诉讼的日期不合理：申请或起诉日期应在收到申请之后、今天之前，"
			       "决定日期在其后");
			SAY_EN(q, "the remedy's dates do not hold: filed after the receipt and not "
			          "in the "
			          "future, decided after filing");
		}
		if (x->decision >= 0 && x->decided_on == OGI_DATE_NONE) {
			x->decision = -1;
			struct ogi_reg_problem *q = problem(k, r + 1, OGI_REG_REMEDY, text,
			                                    "remedy_decision_no_date", true);
			SAY(q,
			    "写明了复议/诉讼结果但没有决定日期：记为尚未审结，请在系统中补录决定");
			SAY_EN(q, "a result without its decision date: recorded as pending; record "
			          "the decision in ogi");
		}
	}
}

static void id_check(struct checker *k, size_t r, struct ogi_reg_row *row, const char *type_text,
                     const char *id)
{
	int type = -1;
	if (type_text != NULL) {
		char h[256];
		norm(type_text, h, sizeof h);
		type = words_match(id_type_words, h);
		if (type < 0) {
			struct ogi_reg_problem *p =
			    problem(k, r + 1, OGI_REG_ID_TYPE, type_text, "unknown_id_type", false);
			SAY(p, "证件类型“%.60s”无法识别（居民身份证、统一社会信用代码、护照等）",
			    type_text);
			SAY_EN(p, "unknown identity document type (居民身份证, 统一社会信用代码, "
			          "护照 …)");
			return;
		}
	}
	if (id == NULL) {
		row->in.applicant.id_type = -1;
		row->in.applicant.id_number = NULL;
		return;
	}
	if (type < 0) {
		/* no type given: a resident id card, a credit code, or what its shape says */
		size_t n = strlen(id);
		struct ogi_idcheck why;
		if (ogi_check_resident_id(id, n, k->opt->today, &why))
			type = OGI_ID_RESIDENT_ID_CARD;
		else if (ogi_check_uscc(id, n, &why))
			type = OGI_ID_USCC;
		else if (n == 18 && strspn(id, "0123456789") >= 17)
			type = OGI_ID_RESIDENT_ID_CARD;
		else if (n == 18)
			type = OGI_ID_USCC;
		else
			type =
			    OGI_ID_RESIDENT_ID_CARD; /* 15 digits and the like: say what is wrong */
	}
	row->in.applicant.id_type = type;
	row->in.applicant.id_number = id;
}

static void check_row(struct checker *k, size_t r, struct ogi_reg_row *row)
{
	size_t errors_before = k->out->errors;
	memset(row, 0, sizeof *row);
	row->row = r + 1;
	row->replied_on = OGI_DATE_NONE;
	row->outcome = -1;
	row->close_event = -1;
	row->fee = -1;
	row->in.body_id = k->opt->body_id;
	row->in.submitted_on = row->in.confirmed_on = OGI_DATE_NONE;
	row->in.form_medium = row->in.form_delivery = -1;
	row->in.applicant.id_type = -1;

	const char *serial = text_field(k, r, OGI_REG_SERIAL, 60);
	if (serial)
		snprintf(row->serial, sizeof row->serial, "%s", serial);
	bool bad_received, bad_replied;
	row->in.received_on = date_field(k, r, OGI_REG_RECEIVED_ON, &bad_received);
	if (row->in.received_on == OGI_DATE_NONE && !bad_received)
		required(k, r, OGI_REG_RECEIVED_ON);
	row->in.applicant.name = text_field_req(k, r, OGI_REG_APPLICANT_NAME, 200, true);
	row->in.description = text_field_req(k, r, OGI_REG_DESCRIPTION, 5000, true);

	const char *id = text_field(k, r, OGI_REG_ID_NUMBER, 64);
	const char *raw_id = id;
	if (id != NULL) {
		/* spaces inside, lower-case x */
		char buf[80];
		size_t o = 0;
		for (const char *p = id; *p && o + 1 < sizeof buf; p++)
			if (*p != ' ')
				buf[o++] = (char)toupper((unsigned char)*p);
		buf[o] = '\0';
		id = arena_dup(&k->out->arena, buf, o);
	}
	id_check(k, r, row, text_field(k, r, OGI_REG_ID_TYPE, 40), id);
	row->in.applicant.phone = text_field(k, r, OGI_REG_PHONE, 32);
	row->in.applicant.email = text_field(k, r, OGI_REG_EMAIL, 254);
	row->in.applicant.address = text_field(k, r, OGI_REG_ADDRESS, 500);
	row->in.applicant.postcode = text_field(k, r, OGI_REG_POSTCODE, 6 + 10);

	const char *kind = text_field(k, r, OGI_REG_APPLICANT_KIND, 60);
	if (kind != NULL) {
		char h[256];
		norm(kind, h, sizeof h);
		int kk = words_match(kind_words, h);
		if (kk < 0) {
			struct ogi_reg_problem *p = problem(k, r + 1, OGI_REG_APPLICANT_KIND, kind,
			                                    "unknown_applicant_kind", false);
			SAY(p,
			    "申请人类型“%.60s”无法识别（自然人、商业企业、科研机构、社会公益组织、"
			    "法律服务机构、其他）",
			    kind);
			SAY_EN(p,
			       "unknown applicant type (自然人, 商业企业, 科研机构, 社会公益组织, "
			       "法律服务机构, 其他)");
		} else
			row->in.applicant.kind = kk;
	} else if (row->in.applicant.id_type == OGI_ID_USCC) {
		struct ogi_reg_problem *p =
		    problem(k, r + 1, OGI_REG_APPLICANT_KIND, "", "unknown_applicant_kind", false);
		SAY(p, "申请人持统一社会信用代码，须写明申请人类型（商业企业、科研机构等）");
		SAY_EN(p, "the applicant has a credit code: give the applicant type (商业企业 …)");
	} else
		row->in.applicant.kind = OGI_APPLICANT_NATURAL_PERSON;

	const char *channel = text_field(k, r, OGI_REG_CHANNEL, 60);
	row->in.channel = OGI_CHANNEL_IN_PERSON;
	if (channel != NULL) {
		char h[256];
		norm(channel, h, sizeof h);
		int ch = words_match(channel_words, h);
		if (ch < 0) {
			struct ogi_reg_problem *p =
			    problem(k, r + 1, OGI_REG_CHANNEL, channel, "unknown_channel", false);
			SAY(p, "申请方式“%.60s”无法识别（当面、口头、邮寄、网上、传真、电子邮件）",
			    channel);
			SAY_EN(p, "unknown channel (当面, 口头, 邮寄, 网上, 传真, 电子邮件)");
		} else
			row->in.channel = ch;
	}

	/* the intake's rules: the receipt date, identity number, phone, e-mail, postcode */
	if (row->in.received_on != OGI_DATE_NONE) {
		struct spec_errors errs = {0};
		ogi_intake_check(&row->in, k->opt->today, &errs, row->id_buf, sizeof row->id_buf);
		for (int i = 0; i < errs.n; i++) {
			int f = intake_field(errs.e[i].field);
			char buf[OGI_DATE_STRLEN];
			const char *val = intake_value(row, f, raw_id, buf);
			struct ogi_reg_problem *p =
			    problem(k, r + 1, f, val ? val : "", errs.e[i].code, false);
			SAY(p, "%s", errs.e[i].message_zh);
			SAY_EN(p, "%s", errs.e[i].message_en);
		}
	}

	/* how it ended */
	row->replied_on = date_field(k, r, OGI_REG_REPLIED_ON, &bad_replied);
	const char *outcome = text_field(k, r, OGI_REG_OUTCOME, 200);
	row->outcome_text = outcome;
	char h[1024] = "";
	if (outcome != NULL)
		norm(outcome, h, sizeof h);
	bool open_text = outcome == NULL || in_list(open_words, h);
	if (!open_text) {
		row->outcome = lookup_norm(k->ln, h);
		if (row->outcome < 0) {
			bool ground = strstr(h, "不予公开") != NULL ||
			              strstr(h, "不予处理") != NULL ||
			              strstr(h, "无法提供") != NULL;
			struct ogi_reg_problem *p =
			    problem(k, r + 1, OGI_REG_OUTCOME, outcome,
			            ground ? "outcome_needs_ground" : "unknown_outcome", false);
			if (ground) {
				SAY(p,
				    "答复类型“%.60s”未写明理由：年度报告按理由分行统计（如 "
				    "不予公开（国家秘密）、不予处理（重复申请）），请写明或在对照表"
				    "中补充",
				    outcome);
				SAY_EN(p, "the outcome names no ground: the annual report counts "
				          "by ground "
				          "(不予公开（国家秘密）…); write it or add the label to "
				          "the table");
			} else {
				SAY(p,
				    "答复类型“%."
				    "60s”不在对照表中（予以公开、部分公开、不予公开（…）、"
				    "信息不存在、非本机关……），请改写或在对照表中补充",
				    outcome);
				SAY_EN(p, "the outcome label is not in the outcome table: correct "
				          "it or add "
				          "it to the table");
			}
		}
	}
	if (row->replied_on != OGI_DATE_NONE) {
		if (row->replied_on > k->opt->today) {
			struct ogi_reg_problem *p =
			    problem(k, r + 1, OGI_REG_REPLIED_ON, "", "date_in_future", false);
			ogi_date_format(row->replied_on, p->value);
			SAY(p, "答复日期不能晚于今天");
			SAY_EN(p, "the reply date cannot be in the future");
		}
		if (row->in.received_on != OGI_DATE_NONE && row->replied_on < row->in.received_on) {
			struct ogi_reg_problem *p = problem(k, r + 1, OGI_REG_REPLIED_ON, "",
			                                    "reply_before_receipt", false);
			ogi_date_format(row->replied_on, p->value);
			SAY(p, "答复日期早于收到申请日期");
			SAY_EN(p, "the reply date is before the receipt date");
		}
		if (open_text) {
			struct ogi_reg_problem *p =
			    problem(k, r + 1, OGI_REG_OUTCOME, outcome ? outcome : "",
			            "reply_without_outcome", false);
			SAY(p, "有答复日期但未写明答复类型");
			SAY_EN(p, "a reply date without an outcome");
		}
	} else if (!open_text && !bad_replied) {
		struct ogi_reg_problem *p =
		    problem(k, r + 1, OGI_REG_REPLIED_ON, "", "outcome_without_reply", false);
		SAY(p, "写明了答复类型“%.60s”但没有答复日期", outcome);
		SAY_EN(p, "an outcome without its reply date");
	}
	if (row->outcome >= 0)
		row->close_event = row->outcome == OGI_OUT_WITHDRAWN ? OGI_EV_WITHDRAWN
		                   : row->outcome == OGI_OUT_LAPSED_CORRECTION
		                       ? OGI_EV_CORRECTION_LAPSED
		                   : row->outcome == OGI_OUT_LAPSED_FEE ? OGI_EV_FEE_LAPSED
		                                                        : OGI_EV_REPLIED;

	const char *fee = text_field(k, r, OGI_REG_FEE, 60);
	if (fee != NULL) {
		char f[256];
		norm(fee, f, sizeof f);
		char *end;
		double amount = strtod(f, &end);
		if (end != f && *end == '\0')
			row->fee = amount > 0;
		else if ((row->fee = words_match(fee_words, f)) < 0) {
			struct ogi_reg_problem *p =
			    problem(k, r + 1, OGI_REG_FEE, fee, "unknown_fee", true);
			SAY(p, "是否收费“%.60s”无法识别（是、否或金额），未记录", fee);
			SAY_EN(
			    p,
			    "the fee column is not understood (是, 否 or an amount): not recorded");
		}
	}
	row->notes = text_field(k, r, OGI_REG_NOTES, 2000);
	const char *remedy = text_field(k, r, OGI_REG_REMEDY, 200);
	if (remedy != NULL && row->in.received_on != OGI_DATE_NONE)
		remedy_parse(k, r, row, remedy);

	const char *body = text_field(k, r, OGI_REG_BODY, 200);
	if (body != NULL && k->opt->body_names != NULL && !body_matches(k->opt->body_names, body)) {
		struct ogi_reg_problem *p =
		    problem(k, r + 1, OGI_REG_BODY, body, "other_body", false);
		SAY(p, "该行属于其他机关（“%.60s”），不导入本机关；请按机关分别导入", body);
		SAY_EN(p, "the row is another body's: import it into that body");
	}

	/* the duplicate key: applicant, receipt date, description */
	char a[512], d[2048];
	norm(row->in.applicant.name ? row->in.applicant.name : "", a, sizeof a);
	norm(row->in.description ? row->in.description : "", d, sizeof d);
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof row->key);
	crypto_generichash_update(&st, (const unsigned char *)a, strlen(a) + 1);
	crypto_generichash_update(&st, (const unsigned char *)&row->in.received_on,
	                          sizeof row->in.received_on);
	crypto_generichash_update(&st, (const unsigned char *)d, strlen(d) + 1);
	crypto_generichash_final(&st, row->key, sizeof row->key);

	row->valid = k->out->errors == errors_before;
}

struct keyed {
	unsigned char key[32];
	size_t i;
};
static int by_key(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = memcmp(x->key, y->key, sizeof x->key);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int by_row(const void *a, const void *b)
{
	const struct ogi_reg_problem *x = a, *y = b;
	if (x->row != y->row)
		return (x->row > y->row) - (x->row < y->row);
	size_t lx = strlen(x->column), ly = strlen(y->column);
	if (lx != ly)
		return (lx > ly) - (lx < ly);
	int c = strcmp(x->column, y->column);
	if (c)
		return c;
	return (x > y) - (x < y);
}

static void duplicates(struct checker *k)
{
	struct ogi_reg_check *c = k->out;
	if (c->nrows < 2)
		return;
	struct keyed *ix = malloc(c->nrows * sizeof *ix);
	if (ix == NULL) {
		k->oom = true;
		return;
	}
	for (size_t i = 0; i < c->nrows; i++) {
		memcpy(ix[i].key, c->rows[i].key, sizeof ix[i].key);
		ix[i].i = i;
	}
	qsort(ix, c->nrows, sizeof *ix, by_key);
	size_t first = 0; /* the first row of the run of equal keys */
	for (size_t i = 1; i < c->nrows; i++) {
		if (memcmp(ix[first].key, ix[i].key, sizeof ix[i].key) != 0) {
			first = i;
			continue;
		}
		struct ogi_reg_row *orig = &c->rows[ix[first].i], *row = &c->rows[ix[i].i];
		if (row->in.applicant.name == NULL || row->in.description == NULL ||
		    row->in.received_on == OGI_DATE_NONE)
			continue;
		struct ogi_reg_problem *p = problem(k, row->row, OGI_REG_APPLICANT_NAME,
		                                    row->in.applicant.name, "duplicate", false);
		SAY(p, "与第%zu行重复（申请人、收到日期、申请内容均相同）", orig->row);
		SAY_EN(p, "the same as row %zu (applicant, receipt date and description)",
		       orig->row);
		row->valid = false;
	}
	free(ix);
}

static void fatal(struct ogi_reg_check *out, const char *rule, const char *zh, const char *en)
{
	struct ogi_reg_problem *p = calloc(1, sizeof *p);
	free(out->problems);
	out->problems = p;
	out->nproblems = p != NULL;
	out->errors = 1;
	out->fatal = true;
	if (p != NULL) {
		p->rule = rule;
		snprintf(p->zh, sizeof p->zh, "%s", zh);
		snprintf(p->en, sizeof p->en, "%s", en);
	}
}

bool ogi_reg_check(const struct ogi_wb *book, const struct ogi_reg_mapping *m,
                   const struct ogi_reg_outcomes *t, const struct ogi_reg_options *opt,
                   struct ogi_reg_check *out)
{
	memset(out, 0, sizeof *out);
	if (m != NULL)
		out->mapping = *m;
	else
		ogi_reg_mapping_init(&out->mapping);
	struct ogi_reg_outcomes *def = NULL;
	if (t == NULL) {
		def = malloc(sizeof *def);
		if (def == NULL) {
			fatal(out, "internal", "内存不足", "out of memory");
			return false;
		}
		ogi_reg_outcomes_default(def);
		t = def;
	}
	struct checker k = {.m = &out->mapping, .opt = opt, .out = out};
	k.ln = malloc(sizeof *k.ln);
	if (k.ln == NULL) {
		free(def);
		fatal(out, "internal", "内存不足", "out of memory");
		return false;
	}
	labels_norm_of(t, k.ln);
	free(def);

	char zh[320], en[320];
	const struct ogi_wb_sheet *sh;
	size_t data_row;
	if (!ogi_reg_mapping_resolve(book, &out->mapping, &sh, &data_row, zh, en, sizeof zh)) {
		free(k.ln);
		fatal(out, "no_header", zh, en);
		return false;
	}
	k.sh = sh;
	snprintf(out->sheet, sizeof out->sheet, "%s", sh->name);
	out->header_row = out->mapping.header_row;
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++)
		if (out->mapping.col[f] == COL_ABSENT)
			out->mapping.col[f] = -1;

	/* the sheets not read */
	for (size_t i = 0; i < book->nsheets; i++) {
		const struct ogi_wb_sheet *o = &book->sheets[i];
		if (o == sh)
			continue;
		struct ogi_reg_problem *p = NULL;
		if (o->hidden) {
			p = problem(&k, 0, -1, o->name, "hidden_sheet", true);
			SAY(p, "工作表“%.60s”已隐藏，未读取", o->name);
			SAY_EN(p, "sheet \"%.60s\" is hidden: not read", o->name);
		} else if (find_header(o) >= 0) {
			p = problem(&k, 0, -1, o->name, "other_sheet", true);
			SAY(p, "工作表“%.60s”也像一份台账，未读取；如需导入请单独指定该工作表",
			    o->name);
			SAY_EN(p,
			       "sheet \"%.60s\" looks like a register too: not read (name it to "
			       "import it)",
			       o->name);
		}
	}
	if (sh->hidden) {
		struct ogi_reg_problem *p = problem(&k, 0, -1, sh->name, "hidden_sheet", true);
		SAY(p, "读取的工作表“%.60s”是隐藏的（按指定读取）", sh->name);
		SAY_EN(p, "the sheet read, \"%.60s\", is hidden (read as named)", sh->name);
	}

	size_t cap = sh->rows > data_row ? sh->rows - data_row : 0;
	out->rows = calloc(cap ? cap : 1, sizeof *out->rows);
	if (out->rows == NULL) {
		free(k.ln);
		fatal(out, "internal", "内存不足", "out of memory");
		return false;
	}
	for (size_t r = data_row; r < sh->rows; r++) {
		if (row_blank(sh, r)) {
			out->blank++;
			continue;
		}
		char first[256];
		if (note_row(sh, r, first, sizeof first)) {
			out->notes_rows++;
			struct ogi_reg_problem *p = problem(&k, r + 1, -1, first, "note_row", true);
			SAY(p, "合计、说明等非申请行，已跳过");
			SAY_EN(p, "a totals or notes row: skipped");
			continue;
		}
		check_row(&k, r, &out->rows[out->nrows++]);
	}
	duplicates(&k);
	for (size_t i = 0; i < out->nrows; i++)
		out->nvalid += out->rows[i].valid;
	if (out->nrows == 0) {
		struct ogi_reg_problem *p = problem(&k, 0, -1, "", "no_rows", false);
		SAY(p, "表头之下没有任何申请行");
		SAY_EN(p, "no rows of applications below the header");
	}
	free(k.ln);
	if (k.oom) {
		fatal(out, "internal", "内存不足", "out of memory");
		return false;
	}
	qsort(out->problems, out->nproblems, sizeof *out->problems, by_row);
	return true;
}

void ogi_reg_check_free(struct ogi_reg_check *c)
{
	free(c->rows);
	free(c->problems);
	arena_free(c->arena);
	memset(c, 0, sizeof *c);
}

json_t *ogi_reg_problem_json(const struct ogi_reg_problem *p)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "row", (json_int_t)p->row,
	                 "column", p->column, "header", p->header, "value", p->value, "rule",
	                 p->rule, "severity", p->warning ? "warning" : "error", "message_zh", p->zh,
	                 "message_en", p->en);
}
