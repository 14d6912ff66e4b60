/* An office's register (依申请公开登记台账, issue 20) read into requests: the
 * register's fields, the mapping of a sheet's columns onto them (a preset
 * that recognises the usual header names, or a free mapping as JSON), the
 * editable table of outcome labels (予以公开, 不予公开（国家秘密）…) onto
 * enum ogi_outcome, and the check of every row into typed rows and a list of
 * problems, each naming the row as the office sees it (1-based, as Excel
 * numbers it), the column (letter and header), the value and the rule in
 * Chinese and English.  The intake rules are lib/intake's
 * (ogi_intake_check), so they live once.  Pure: the workbook comes from
 * lib/workbook.h, the writing from lib/db/register_import.h.
 * docs/register-import.md describes the columns, the preset, the table and
 * the rules. */
#ifndef OGI_REGISTER_H
#define OGI_REGISTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/domain.h"
#include "lib/intake.h"
#include "lib/workbook.h"

/* The register's fields, in the order a register usually has them. */
enum ogi_reg_field {
	OGI_REG_SERIAL,         /* 序号 / 编号 (kept in the registered event) */
	OGI_REG_RECEIVED_ON,    /* 收到日期 / 申请日期 / 受理日期 (required) */
	OGI_REG_APPLICANT_NAME, /* 申请人 / 申请人姓名 / 姓名(名称) (required) */
	OGI_REG_APPLICANT_KIND, /* 申请人类型 (自然人, 商业企业 …) */
	OGI_REG_ID_TYPE,        /* 证件类型 */
	OGI_REG_ID_NUMBER,      /* 证件号码 / 身份证号 */
	OGI_REG_PHONE,          /* 联系电话 */
	OGI_REG_EMAIL,          /* 电子邮箱 */
	OGI_REG_ADDRESS,        /* 通信地址 / 联系地址 */
	OGI_REG_POSTCODE,       /* 邮政编码 */
	OGI_REG_CHANNEL,        /* 申请方式 / 申请渠道 (当面, 邮寄, 网上 …) */
	OGI_REG_DESCRIPTION,    /* 申请内容 / 所需信息 / 信息名称 (required) */
	OGI_REG_REPLIED_ON,     /* 答复日期 / 办结日期 */
	OGI_REG_OUTCOME,        /* 答复类型 / 处理结果 / 答复结果 */
	OGI_REG_FEE,            /* 是否收费 */
	OGI_REG_REMEDY,         /* 复议/诉讼 / 是否复议诉讼 */
	OGI_REG_NOTES,          /* 备注 */
	OGI_REG_BODY, /* 受理机关 / 承办单位 (a body column: rows of another body refused) */
	OGI_REG_FIELD_COUNT
};
/* Wire names ("serial", "received_on", "applicant_name", "applicant_kind",
 * "id_type", "id_number", "phone", "email", "address", "postcode", "channel",
 * "description", "replied_on", "outcome", "fee", "remedy", "notes", "body"),
 * NULL-terminated; and the Chinese names the problems use. */
extern const char *const ogi_reg_field_names[];
extern const char *const ogi_reg_field_labels_zh[];

/* Which sheet, which header row, which column holds each field. */
#define OGI_REG_HEADER_SCAN 20 /* the first rows searched for the header */
struct ogi_reg_mapping {
	char sheet[128];     /* "": the first visible sheet with a header found */
	unsigned header_row; /* 1-based (the header's last row when it has two); 0: find it */
	int col[OGI_REG_FIELD_COUNT]; /* 0-based column, or -1: not in the register */
	/* a free mapping may name a column by its header text instead of its
	   letter: resolved against the header row by ogi_reg_mapping_resolve */
	char header[OGI_REG_FIELD_COUNT][128];
};
/* Nothing mapped: every col -1, no header text, sheet and row to be found. */
void ogi_reg_mapping_init(struct ogi_reg_mapping *m);

/* A free mapping as JSON into m (ogi_reg_mapping_init first):
 *   {"sheet": "2025年台账", "header_row": 2,
 *    "columns": {"received_on": "B", "applicant_name": "申请人姓名", "notes": null, …}}
 * every key optional; a column is a letter ("B", "AA"), a header text, or null (the
 * field is not in the register: the preset will not look for it).  A field the mapping
 * leaves out is found by the preset.  False with a sentence in Chinese and English
 * (zh, en: at least 256 bytes each) on an unknown key or field, a bad letter or type. */
bool ogi_reg_mapping_from_json(const json_t *j, struct ogi_reg_mapping *m, char *zh, char *en,
                               size_t len);
/* m as that JSON (columns by letter, and "headers": the header text of each mapped
 * column when sheet is given); a new reference. */
json_t *ogi_reg_mapping_to_json(const struct ogi_reg_mapping *m, const struct ogi_wb_sheet *sheet);

/* The sheet of m in book (by name, or the first visible one with a header the preset
 * recognises) and the mapping completed: the header row found among the first
 * OGI_REG_HEADER_SCAN rows (the row where most header names of the preset match; a
 * merged cell's text is its top-left cell's; a two-row header — a merged group heading
 * such as 申请人信息 above 姓名, 证件号码 — is read as the lower row, a column empty
 * there taking the heading above it), each header text of m resolved, each field not yet
 * mapped found by the preset's names and synonyms.  *sheet_out the sheet; *data_row the
 * 0-based row the data starts at.  False when there is no such sheet, no header row, or
 * a required field (received_on, applicant_name, description) has no column, with the
 * sentence in zh/en. */
bool ogi_reg_mapping_resolve(const struct ogi_wb *book, struct ogi_reg_mapping *m,
                             const struct ogi_wb_sheet **sheet_out, size_t *data_row, char *zh,
                             char *en, size_t len);

/* The outcome labels: a register's 答复类型 text onto an outcome.  The close events
 * follow from the outcome (撤回 → withdrawn, 逾期未补正 → correction_lapsed, 逾期未缴费 →
 * fee_lapsed; the others replied). */
#define OGI_REG_LABEL_MAX  96
#define OGI_REG_LABELS_MAX 256
struct ogi_reg_label {
	char label[OGI_REG_LABEL_MAX]; /* as written; matched after normalising (spaces, 、，
	                                  ；:：()（）【】[]-—/ removed) */
	int outcome;                   /* enum ogi_outcome */
};
struct ogi_reg_outcomes {
	size_t n;
	struct ogi_reg_label v[OGI_REG_LABELS_MAX];
};
/* The default table (docs/register-import.md lists it). */
void ogi_reg_outcomes_default(struct ogi_reg_outcomes *t);
/* Overrides from JSON {"label": "outcome wire name", …} applied to t (a label already
 * there takes the new outcome; a new one is added; an outcome of null removes the
 * label).  False with the sentence on a bad outcome name or too many labels. */
bool ogi_reg_outcomes_from_json(const json_t *j, struct ogi_reg_outcomes *t, char *zh, char *en,
                                size_t len);
/* t as {"label": "outcome", …}; a new reference. */
json_t *ogi_reg_outcomes_to_json(const struct ogi_reg_outcomes *t);
/* The outcome of a register's text: the label equal to it when normalised, else the
 * longest label it contains (不予公开（属于国家秘密） → withheld_state_secret); -1 when
 * none.  A bare 不予公开 or 不予处理 names no ground: -1 (the rule outcome_needs_ground). */
int ogi_reg_outcome_lookup(const struct ogi_reg_outcomes *t, const char *text);

/* What a register's row may still miss, and where to find it. */
struct ogi_reg_options {
	long long body_id;
	/* the body's names as a body column may write them (its name, its code, a short
	   name); a row whose body cell is none of them is refused (other_body).  NULL-ended;
	   NULL: no body column check */
	const char *const *body_names;
	ogi_date today;
};

/* A problem with a row (or with the file, row 0). */
struct ogi_reg_problem {
	size_t row;       /* 1-based file row as Excel shows it; 0: the file or the sheet */
	char column[8];   /* "C", or "" */
	char header[128]; /* the column's header text, or "" */
	char value[256];  /* the cell's text (truncated at a character), or "" */
	const char *rule; /* a code; docs/register-import.md lists them */
	bool warning;     /* a warning only: the row is still imported */
	char zh[320], en[320];
};

/* A remedy the register records for a row. */
enum ogi_reg_remedy {
	OGI_REG_REMEDY_NONE,
	OGI_REG_REMEDY_RECONSIDERATION,
	OGI_REG_REMEDY_LITIGATION
};

/* A row checked: what intake would have registered and how it ended. */
struct ogi_reg_row {
	size_t row;           /* 1-based file row */
	bool valid;           /* no problem but warnings */
	char serial[64];      /* the register's 序号, or "" */
	struct ogi_intake in; /* strings owned by the check (freed with it) */
	char id_buf[64];      /* the normalised identity number in.applicant.id_number points at */
	ogi_date replied_on;  /* OGI_DATE_NONE: open */
	int outcome;          /* enum ogi_outcome, -1: open */
	int close_event; /* enum ogi_event_type closing it (replied, withdrawn, …), -1: open */
	const char *outcome_text; /* the register's text of the outcome, or NULL */
	int fee;                  /* 1 charged, 0 not, -1 not said */
	const char *notes;        /* 备注, or NULL */
	/* remedies (复议/诉讼 column): each kind named in the cell (复议, 诉讼 / 起诉), the
	   first date in the cell its filing (else OGI_DATE_NONE: filed on the reply date, said
	   so in the record's notes, warning remedy_no_date), a decision named (维持, 驳回,
	   撤销, 变更, 确认违法, 责令履行, 终止, 撤回, 调解, 和解) with a second date its
	   decision's day (a decision without its day stays pending: warning
	   remedy_decision_no_date) */
	int nremedies;
	struct ogi_reg_remedy_cell {
		int kind; /* enum ogi_reg_remedy */
		ogi_date filed_on, decided_on;
		bool filed_from_reply; /* no date in the cell: filed_on is the reply date */
		int decision;          /* enum ogi_rc_decision or enum ogi_judgment, -1 pending */
		char text[256];        /* what the cell said */
	} remedies[2];
	unsigned char key[32]; /* applicant + receipt date + description, for duplicates */
};

/* Every row of a sheet checked. */
struct ogi_reg_check {
	struct ogi_reg_mapping mapping; /* resolved */
	char sheet[128];
	size_t header_row; /* 1-based */
	size_t nrows;      /* data rows read (blank and note rows not counted) */
	struct ogi_reg_row *rows;
	size_t nvalid;            /* rows without an error */
	size_t blank, notes_rows; /* rows skipped: blank, and totals/notes rows (合计, 注：…) */
	size_t nproblems;
	struct ogi_reg_problem *problems; /* by row, then column */
	size_t errors, warnings;          /* problems of each kind */
	bool fatal;                       /* the file itself could not be read as a register
	                                     (problems[0] says why): no rows */
	void *arena;                      /* the rows' strings */
};

/* Checks the rows of book under mapping m (NULL: the preset) and outcome table t (NULL:
 * the default) into out (free it with ogi_reg_check_free, whatever the answer).  The
 * rules (each a code in the problem, docs/register-import.md):
 *   required (received_on, applicant_name, description empty), bad_date (not a date: 2025-03-04,
 *   2025/3/4, 2025年3月4日, 2025.3.4, 20250304 and Excel date cells are), date_in_future,
 *   before_regulation (receipt before 2008-05-01), reply_before_receipt, reply_without_outcome,
 *   outcome_without_reply, unknown_outcome, outcome_needs_ground, unknown_applicant_kind,
 *   unknown_channel, unknown_id_type, the identity rules of lib/idcheck (length, charset,
 *   region, birth_date, check_digit, format) and intake's (phone, email, postcode), too_long,
 *   duplicate (same applicant, receipt date and description as an earlier row), other_body,
 *   unknown_fee, and the warnings formula (a formula's last value is used), merged_cell (a
 *   data cell inside a merge takes the merge's value), note_row (skipped), hidden_sheet
 *   (not read), remedy_no_date, remedy_decision_no_date.  True when the file could be read as a
 * register (even with problems); false when fatal. */
bool ogi_reg_check(const struct ogi_wb *book, const struct ogi_reg_mapping *m,
                   const struct ogi_reg_outcomes *t, const struct ogi_reg_options *opt,
                   struct ogi_reg_check *out);
void ogi_reg_check_free(struct ogi_reg_check *c);

/* A problem as {row, column, header, value, rule, severity ("error" | "warning"),
 * message_zh, message_en}; a new reference. */
json_t *ogi_reg_problem_json(const struct ogi_reg_problem *p);

/* Parses a register's date text (2025-03-04, 2025/3/4, 2025年3月4日, 2025.3.4,
 * 20250304, with a time of day after it ignored); false when it is none. */
bool ogi_reg_parse_date(const char *text, ogi_date *out);

#endif
