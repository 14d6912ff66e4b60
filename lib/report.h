/* The annual report (政府信息公开工作年度报告): its three formats with the
 * official labels (reference/law.md §2, §4), the outcome → row mapping
 * (data, loaded from the report_row_map table), the tally of the counts the
 * database gives, the consistency checks, the sentences for the numbers,
 * the staff inputs and the comparison with the report as locked.  Its
 * outputs (JSON, CSV, HTML, Markdown, XLSX) are lib/report_render.h's.  One
 * model serves ogid and ogictl, so every output of one export is drawn from
 * the same numbers.
 *
 * Life of a report: ogi_report_new → ogi_report_add_counts (one call per
 * group row of the counting query) and the other setters → ogi_report_finish
 * (totals, sentences, checks, changes since the lock) → ogi_report_json /
 * ogi_report_render (lib/report_render.h) → ogi_report_free.  The model
 * knows nothing of its renderers: they read it, it does not call them. */
#ifndef OGI_REPORT_H
#define OGI_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "lib/date.h"
#include "lib/domain.h"
#include "lib/fees.h"
#include "lib/remedies.h"
#include "lib/spec.h"

enum ogi_report_format { OGI_FORMAT_2021, OGI_FORMAT_2019, OGI_FORMAT_LEGACY, OGI_FORMAT_COUNT };
extern const char *const ogi_report_format_names[]; /* "2021", "2019", "legacy" */
/* The official format of a report year: 2021 from 2021 on (国办公开办函〔2021〕30号),
 * 2019 for 2019–2020 (〔2019〕60号), legacy up to 2018 (the 2007 regulation). */
enum ogi_report_format ogi_report_format_for_year(int year);

/* The years a report may be of: from the 2008 regulation on. */
#define OGI_REPORT_YEAR_MIN 2008
#define OGI_REPORT_YEAR_MAX 2100

/* Table 三's value columns: the six applicant kinds (domain.h order), then 总计. */
#define OGI_REPORT_COLS  7
#define OGI_REPORT_TOTAL OGI_APPLICANT_KIND_COUNT
extern const char *const ogi_report_column_keys[];   /* natural_person … other_org, total */
extern const char *const ogi_report_column_labels[]; /* 自然人 … 其他, 总计 */

/* What a row of table 三 counts. */
enum ogi_row_role {
	OGI_ROW_NEW,          /* 一 received in the year */
	OGI_ROW_NEW_CHANNEL,  /* legacy: received in the year, by channel (mapped) */
	OGI_ROW_CARRIED_IN,   /* 二 received before the year, not closed before it */
	OGI_ROW_RESULT,       /* 三 closed in the year with an outcome mapped to this row */
	OGI_ROW_RESULT_TOTAL, /* 三(七) every request closed in the year */
	OGI_ROW_CARRIED_OUT,  /* 四 received by 31 December, not closed by then */
};

struct ogi_report_row {
	const char *key;
	enum ogi_row_role role;
	/* The label cells from the left: section, item, sub-item.  NULL where
	 * the cell to its left spans (merged layout); in the legacy (flat)
	 * layout label[0] is the row's text and level its indentation. */
	const char *label[3];
	int level;
};

#define OGI_REPORT_MAX_ROWS 32
/* The rows of table 三 (legacy: 依申请公开) of a format, in order. */
const struct ogi_report_row *ogi_report_rows(enum ogi_report_format f, int *n);
/* Index of key among the format's rows, or -1. */
int ogi_report_row_find(enum ogi_report_format f, const char *key);
/* The row's own text: its deepest label. */
const char *ogi_report_row_label(const struct ogi_report_row *row);

/* The outcome → row mapping (and, for the legacy format, channel → row):
 * rows of report_row_map, checked against the formats' row keys. */
struct ogi_report_mapping {
	signed char outcome[OGI_FORMAT_COUNT][OGI_OUTCOME_COUNT]; /* row index, -1 unmapped */
	signed char channel[OGI_FORMAT_COUNT][OGI_CHANNEL_COUNT];
	int nerrors;
	char errors[8][200];
};
void ogi_report_mapping_init(struct ogi_report_mapping *m);
/* Adds one mapping row; false (and an entry in m->errors) when the format,
 * kind ('outcome' | 'channel'), value or row key is unknown, or the row is
 * not one an outcome (channel) can be counted in. */
bool ogi_report_mapping_add(struct ogi_report_mapping *m, const char *format, const char *kind,
                            const char *value, const char *row_key);

/* Table 四: reconsideration and the two routes of litigation. */
enum {
	OGI_REPORT_RECONSIDERATION,
	OGI_REPORT_LITIGATION_DIRECT,
	OGI_REPORT_LITIGATION_AFTER,
	OGI_REPORT_REMEDY_BLOCKS
};
enum {
	OGI_REPORT_UPHELD,
	OGI_REPORT_CORRECTED,
	OGI_REPORT_OTHER,
	OGI_REPORT_PENDING,
	OGI_REPORT_REMEDY_TOTAL,
	OGI_REPORT_REMEDY_COLS
};
extern const char *const ogi_report_remedy_names[];  /* reconsideration, litigation_direct,
                                                        litigation_after_reconsideration */
extern const char *const ogi_report_remedy_cols[];   /* upheld corrected other pending total */
extern const char *const ogi_report_remedy_labels[]; /* 结果维持 … 总计 */

/* Section 二 (主动公开) figures entered by staff, in blocks as the form
 * prints them (第二十条第（一）项 …).  Every row of a block has the block's fields. */
enum ogi_pfield_kind {
	OGI_PF_COUNT,  /* an integer ≥ 0 */
	OGI_PF_CHANGE, /* an integer, may be negative (2019 format: 本年增/减) */
	OGI_PF_AMOUNT, /* a decimal ≥ 0 with at most 4 places (万元) */
};
struct ogi_proactive_row {
	const char *key;
	const char *label;
};
struct ogi_proactive_block {
	const char *title; /* 第二十条第（一）项 */
	int nfields;
	const char *fields[3];  /* JSON keys */
	const char *columns[3]; /* the form's column labels */
	enum ogi_pfield_kind kinds[3];
	int nrows;
	struct ogi_proactive_row rows[3];
};
#define OGI_PROACTIVE_MAX 24
/* The blocks of a format; returns their number. */
int ogi_proactive_blocks(enum ogi_report_format f, const struct ogi_proactive_block **out);

/* Texts written by staff, and the generated sentences staff may replace. */
enum ogi_report_text {
	OGI_TEXT_OVERVIEW,
	OGI_TEXT_PROACTIVE,
	OGI_TEXT_PROBLEMS,
	OGI_TEXT_OTHER,
	OGI_TEXT_COUNT
};
extern const char *const ogi_report_text_names[]; /* overview proactive problems other */
enum ogi_report_sentence {
	OGI_SENT_PROACTIVE,
	OGI_SENT_APPLICATIONS,
	OGI_SENT_REMEDIES,
	OGI_SENT_FEES,
	OGI_SENT_COUNT
};
extern const char *const ogi_report_sentence_names[]; /* proactive applications remedies fees */

struct ogi_report_value {
	bool set;
	double v;
};

struct ogi_report_inputs {
	bool present; /* staff saved inputs for this body and year */
	struct ogi_report_value proactive[OGI_PROACTIVE_MAX]; /* in block, row, field order */
	char *text[OGI_TEXT_COUNT];                           /* malloc'd, NULL when empty */
	char *sentence[OGI_SENT_COUNT];       /* staff's text, NULL: use the generated one */
	char *sentence_basis[OGI_SENT_COUNT]; /* the generated text staff's was written over */
	char updated_at[40];
	char updated_by[72];
};

/* The body of PUT …/inputs for the format of the year:
 *   {"proactive": {ROW: {FIELD: n, …}, …}, "text": {NAME: "…"},
 *    "sentences": {NAME: "…" | null}, "override_reason": "…"}
 * Every field optional; unknown ones refused.  Strings are copied. */
bool ogi_report_inputs_parse(json_t *body, enum ogi_report_format f, struct ogi_report_inputs *out,
                             const char **override_reason, struct spec_errors *errs);
/* The stored form (report_inputs.inputs), lenient: keys of another format are ignored. */
void ogi_report_inputs_load(json_t *stored, enum ogi_report_format f,
                            struct ogi_report_inputs *out);
/* The stored form of in, with the sentence bases. */
json_t *ogi_report_inputs_json(const struct ogi_report_inputs *in, enum ogi_report_format f);
void ogi_report_inputs_free(struct ogi_report_inputs *in);

/* Fees, as the fee records (fee_notices) hold them: the information-
 * processing fee (2019 regulation; 国办函〔2020〕109号) and the 2007
 * regulation's cost fees with their waivers (the legacy format's 收费及减免;
 * in the 2019 and 2021 formats, cost fees of requests of the 2008 regime
 * settled in the year).  A notice counts in the year it was issued
 * (notices) and in the year it was settled (paid, waived, reduced).
 * Amounts in fen (分).  The waiver reasons are lib/fees.h's. */
struct ogi_report_fees {
	/* information-processing fee */
	long long notices;              /* notices issued in the year */
	long long paid, paid_fen;       /* paid in the year: how many, what was collected */
	long long waived, waived_fen;   /* waived (免) in the year: how many, what was noticed */
	long long reduced, reduced_fen; /* paid for less (减): how many, noticed − collected */
	/* cost fees (检索, 复制, 邮寄) */
	long long legacy_paid, legacy_paid_fen; /* paid in the year: how many, collected */
	/* what was collected of each part; a payment whose parts are not recorded is unsplit */
	long long legacy_search_fen, legacy_copy_fen, legacy_postage_fen;
	long long legacy_unsplit;
	/* 减免 by reason: waived notices (their amount) and reductions (noticed − collected) */
	long long legacy_waived[OGI_WAIVER_REASON_COUNT],
	    legacy_waived_fen[OGI_WAIVER_REASON_COUNT];
};

/* A cell a failing check names: table ("applications", "remedies",
 * "proactive", "fees"), row key and column index within the table. */
struct ogi_report_cellref {
	const char *table;
	char row[40];
	int col;
};
#define OGI_REPORT_MAX_CELLS 48
struct ogi_report_check {
	const char *rule;
	bool ok;
	char detail[1024]; /* Chinese */
	char detail_en[1024];
	int ncells;
	struct ogi_report_cellref cells[OGI_REPORT_MAX_CELLS];
};

/* An override recorded into the locked year (report_amendments). */
struct ogi_report_amendment {
	char at[40];
	char actor[72];
	char subject[24]; /* event, intake, inputs, … */
	char detail[256];
	char on[OGI_DATE_STRLEN];
	char reason[512];
};

/* A figure that differs from the report as locked. */
struct ogi_report_change {
	const char *table;
	char row[40];
	char label[512]; /* the row's labels and the column, as the form prints them */
	char before[32], after[32];
};

#define OGI_REPORT_MAX_CHECKS     24
#define OGI_REPORT_MAX_CHANGES    64
#define OGI_REPORT_MAX_AMENDMENTS 100

struct ogi_report {
	int year;
	enum ogi_report_format format;
	long long body_id;
	char body_name[256];
	bool subtree;
	int nbodies; /* bodies counted */
	ogi_date today;
	struct ogi_report_mapping map;

	int nrows;
	const struct ogi_report_row *rows;
	long long cells[OGI_REPORT_MAX_ROWS][OGI_REPORT_COLS];
	long long unmapped[OGI_OUTCOME_COUNT + 1]; /* closed with no row; last: unknown outcome */
	long long unmapped_channel;                /* legacy: received by a channel with no row */

	long long remedies[OGI_REPORT_REMEDY_BLOCKS][OGI_REPORT_REMEDY_COLS];
	long long remedies_unclassified;
	struct ogi_report_fees fees;

	struct ogi_report_inputs inputs;

	/* last year's 四, for the carry-over check */
	bool prev_known, prev_locked;
	char prev_locked_at[40];
	long long prev_carried_out[OGI_REPORT_COLS];

	/* the lock of this body and year, and what was recorded into it since */
	bool locked, lock_subtree;
	char locked_at[40], locked_by[72];
	json_t *snapshot;       /* owned: the report as locked (ogi_report_json then) */
	bool snapshot_compared; /* the snapshot is of this export's bodies and format */
	int namendments;
	struct ogi_report_amendment *amendments; /* owned */

	/* filled by ogi_report_finish */
	char *generated[OGI_SENT_COUNT];
	int nchecks;
	struct ogi_report_check checks[OGI_REPORT_MAX_CHECKS];
	int nchanges;
	struct ogi_report_change changes[OGI_REPORT_MAX_CHANGES];
	bool finished;
};

/* A report of body (alone, or with its subtree) for year in format; the
 * mapping is copied.  NULL when out of memory. */
struct ogi_report *ogi_report_new(int year, enum ogi_report_format f, long long body_id,
                                  const char *body_name, bool subtree,
                                  const struct ogi_report_mapping *map);
void ogi_report_free(struct ogi_report *r);

/* One group of the counting query: requests of one applicant kind, outcome
 * (NULL while open) and channel, and how many of them were received in the
 * year, carried in, closed in the year and carried out. */
void ogi_report_add_counts(struct ogi_report *r, const char *kind, const char *outcome,
                           const char *channel, long long received, long long carried_in,
                           long long closed, long long carried_out);
/* Table 四, one record at a time, as stored: the rule "filed in the year,
 * result as of 31 December" is lib/remedies.h's (ogi_reconsideration_
 * report_result, ogi_litigation_report_result), the one the records' API
 * shows.  A reconsideration: its filing, decision date and decision (the
 * Chinese term; NULL and OGI_DATE_NONE while undecided).  A litigation: its
 * route (direct | after_reconsideration), filing and instances in order.  A
 * record that cannot be classified (an unknown route, decision, instance or
 * judgment, a filing outside the year) is counted in its block's total only,
 * so the check remedies_totals fails and says so. */
struct ogi_report_instance {
	const char *kind; /* first | second | retrial */
	ogi_date filed_on, decided_on;
	const char *judgment; /* NULL while pending */
};
void ogi_report_add_reconsideration(struct ogi_report *r, ogi_date filed_on, ogi_date decided_on,
                                    const char *decision);
void ogi_report_add_litigation(struct ogi_report *r, const char *route, ogi_date filed_on,
                               const struct ogi_report_instance *v, size_t n);

/* A report as locked (report_locks): whose, which year, its scope and
 * format, when and by whom; the snapshot (the report's JSON then) apart. */
struct ogi_report_lock {
	long long body_id;
	int year;
	bool subtree;
	enum ogi_report_format format;
	char locked_at[40]; /* RFC 3339 */
	char locked_by[72];
};

/* Takes ownership of snapshot. */
void ogi_report_set_lock(struct ogi_report *r, const char *locked_at, const char *locked_by,
                         bool subtree, json_t *snapshot);
bool ogi_report_add_amendment(struct ogi_report *r, const struct ogi_report_amendment *a);

/* Computes the sentences, the checks and the changes since the lock. */
void ogi_report_finish(struct ogi_report *r);
bool ogi_report_ok(const struct ogi_report *r); /* every check passed */

/* How report JSON is written: decimals (万元, yuan) without float noise. */
#define OGI_REPORT_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))

/* The figures as the API's JSON names them: {"applications", "remedies",
 * "proactive", "fees"}, each as in the whole report's JSON
 * (ogi_report_json, lib/report_render.h, puts them there).  A lock's
 * snapshot is that JSON; ogi_report_finish compares these parts with it. */
json_t *ogi_report_figures_json(const struct ogi_report *r);

/* "2025年1月20日" from "2025-01-20…" (a date or an RFC 3339 time); the input
 * itself when it is not one. */
void ogi_report_cn_date(const char *iso, char *out, size_t len);

/* "1234.5" from 12345 fen: yuan with the cents only when there are any. */
void ogi_report_yuan(long long fen, char *buf, size_t len);

#endif
