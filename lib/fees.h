/* Fees (DESIGN.md §2 "Fees", law.md §2.3, §3).
 *
 * 2019 regime, requests received from 2021-01-01: the information-processing
 * fee (信息处理费) of 国办函〔2020〕109号, charged per item (按件, art. 4) or per
 * volume (按量, art. 5), never both, each progressive (超额累进) exactly as the
 * measures print it.  2008 regime: the cost fees of 财综〔2008〕44号 (检索, 复制,
 * 邮寄), entered by staff, and their waivers (五保, 低保, 优抚) — and economic
 * hardship — for the legacy report.
 *
 * Amounts are whole yuan here (the measures' rates are); money that staff
 * enter is held in fen (1/100 yuan) by the callers. */
#ifndef OGI_FEES_H
#define OGI_FEES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/calendar.h"
#include "lib/date.h"
#include "lib/domain.h"
#include "lib/spec.h"

enum ogi_fee_method { OGI_FEE_PER_ITEM, OGI_FEE_PER_VOLUME, OGI_FEE_LEGACY, OGI_FEE_METHOD_COUNT };
extern const char *const ogi_fee_method_names[]; /* per_item, per_volume, legacy */

/* 减免 reasons: 农村五保供养对象, 城乡居民最低生活保障对象, 领取国家抚恤补助的优抚对象
 * (财综〔2008〕44号), economic hardship, other. */
enum ogi_waiver_reason {
	OGI_WAIVER_WUBAO,
	OGI_WAIVER_DIBAO,
	OGI_WAIVER_YOUFU,
	OGI_WAIVER_HARDSHIP,
	OGI_WAIVER_OTHER,
	OGI_WAIVER_REASON_COUNT
};
extern const char *const ogi_waiver_reason_names[];
extern const char *const ogi_waiver_reason_labels_zh[];

#define OGI_FEE_MAX_ORDINAL 100000
#define OGI_FEE_MAX_PAGES   1000000
#define OGI_FEE_MAX_ITEMS   1000

/* Per item (art. 4): the fee of the ordinal-th application of one applicant
 * to one body in one natural month: 1–10 free, 11–30 100 元, then 100 元 more
 * for every band of 10 (31–40 200 元, 41–50 300 元, …).  ordinal ≥ 1. */
long long ogi_fee_per_item(long long ordinal);
/* An application split into items (一事一申请, art. 4 ¶1) whose first item is
 * the ordinal-th of the month: the sum over its items. */
long long ogi_fee_per_items(long long ordinal, long long items);

/* Per volume (art. 5): the fee of one application of pages pages, by
 * marginal bands: 1–30 free, 31–100 10 元/页, 101–200 20 元/页, from 201
 * 40 元/页 (100 pages 700 元, 200 pages 2 700 元, 250 pages 4 700 元). */
long long ogi_fee_per_volume(long long pages);

/* Whether a method applies to a request received on received_on in regime:
 * per item and per volume from 2021-01-01 in the 2019 regime (the measures
 * took effect then), legacy cost fees in the 2008 regime only.  When not,
 * why (English and Chinese, for the problem's detail). */
bool ogi_fee_method_applies(enum ogi_fee_method m, ogi_date received_on, enum ogi_regime regime,
                            const char **why_en, const char **why_zh);

/* The first day of the information-processing fee: 2021-01-01. */
ogi_date ogi_fee_measures_start(void);

/* Money as entered and stored: fen (1/100 yuan) in a long long.  From a JSON
 * number of yuan with at most two decimals, 0 ≤ yuan < 10^10 (numeric(12,2));
 * false otherwise. */
bool ogi_money_from_yuan(double yuan, long long *fen);
/* From a decimal string as PostgreSQL prints numeric ("4700.00", "12.5"). */
bool ogi_money_parse(const char *s, long long *fen);
/* "4700.00" */
char *ogi_money_format(long long fen, char buf[32]);

/* Payment window: 20 working days from the notice (the notice day not
 * counted), and so the applicant's last day to pay. */
#define OGI_FEE_PAYMENT_WORKDAYS 20

/* An amount not given: a payload member absent or null, an SQL NULL. */
#define OGI_MONEY_NONE (-1LL)
/* Money as payloads and the API hold it: a JSON number of yuan, whole when
 * it is (4700, 12.5). */
json_t *ogi_money_json(long long fen);

/* The cost fees of 财综〔2008〕44号 a legacy notice may itemise. */
enum ogi_fee_part { OGI_FEE_SEARCH, OGI_FEE_COPY, OGI_FEE_POSTAGE, OGI_FEE_PART_COUNT };
extern const char *const ogi_fee_part_names[];     /* search_fee, copy_fee, postage */
extern const char *const ogi_fee_part_labels_zh[]; /* 检索费, 复制费, 邮寄费 */

enum ogi_fee_status {
	OGI_FEE_OUTSTANDING,
	OGI_FEE_PAID,   /* in full, or reduced (减收) with its reason */
	OGI_FEE_WAIVED, /* 免收, with its reason */
	OGI_FEE_LAPSED, /* not paid in the window, or the request withdrawn */
	OGI_FEE_STATUS_COUNT
};
extern const char *const ogi_fee_status_names[];

/* A fee notice as recorded (the read model fee_notices of the fee events),
 * money in fen, OGI_MONEY_NONE where none. */
struct ogi_fee_notice {
	long long id, request_id, body_id, event_id;
	enum ogi_fee_method method;
	ogi_date notice_on, pay_by;
	long long ordinal; /* per_item: its place in the applicant's month; 0 otherwise */
	long long pages;   /* per_volume; -1 otherwise */
	long long quoted;  /* the measures' figure; OGI_MONEY_NONE for legacy */
	long long amount;  /* as noticed */
	long long part[OGI_FEE_PART_COUNT]; /* legacy: as noticed */
	enum ogi_fee_status status;
	ogi_date settled_on;                     /* OGI_DATE_NONE while outstanding */
	long long paid;                          /* collected (paid only) */
	long long paid_part[OGI_FEE_PART_COUNT]; /* legacy: what the payment collected of each */
	int waiver_reason; /* enum ogi_waiver_reason of a waiver or reduction, or -1 */
	char *waiver_note; /* owned; NULL when none */
};
/* Frees the notes of n notices and the array. */
void ogi_fee_notices_free(struct ogi_fee_notice *v, size_t n);

/* A fee_notice_issued event as given (after its spec), to be completed. */
struct ogi_fee_notice_input {
	enum ogi_fee_method method;
	ogi_date on;       /* the notice's date */
	long long amount;  /* or OGI_MONEY_NONE: the quote (legacy: the parts' sum) */
	long long ordinal; /* per_item: the place in the applicant's month, ≥ 1 */
	long long items;   /* per_item: items the application is split into, ≥ 1 */
	long long pages;   /* per_volume */
	long long part[OGI_FEE_PART_COUNT]; /* legacy: each or OGI_MONEY_NONE */
	ogi_date pay_by;                    /* or OGI_DATE_NONE: the end of the window */
};

struct ogi_fee_notice_result {
	long long amount; /* to notice, > 0 */
	long long quoted; /* the measures' figure, OGI_MONEY_NONE for legacy */
	ogi_date pay_by;
};

/* Completes a notice: per item (art. 4) or per volume (art. 5) the quote of
 * 国办函〔2020〕109号 is the amount unless a lower one is given (the approver
 * may charge less, never more); legacy amounts are the parts' sum; the
 * applicant has at least OGI_FEE_PAYMENT_WORKDAYS working days after the
 * notice (cal) to pay.  0 with out filled; OGI_E_INVALID_INPUT with the
 * field errors in errs; OGI_E_FEE_NOT_APPLICABLE (nothing to charge) with
 * the reason in detail. */
enum ogi_error ogi_fee_notice_complete(const struct ogi_calendar *cal,
                                       const struct ogi_fee_notice_input *in,
                                       struct ogi_fee_notice_result *out, struct spec_errors *errs,
                                       char *detail, size_t len);

/* A fee_paid event as given (after its spec). */
struct ogi_fee_payment_input {
	long long amount;                    /* or OGI_MONEY_NONE */
	bool part_named[OGI_FEE_PART_COUNT]; /* the member is there, even null */
	long long part[OGI_FEE_PART_COUNT];  /* each or OGI_MONEY_NONE */
	bool reduced;                        /* a reduction_reason member is there */
};

struct ogi_fee_payment_result {
	long long paid;                     /* collected, > 0 */
	bool split;                         /* part holds what was collected of each */
	long long part[OGI_FEE_PART_COUNT]; /* when split: each, or OGI_MONEY_NONE for a part
	                                       the notice did not have */
};

/* A payment against the outstanding notice: the notice's amount unless
 * given (never more; less only with a reduction's reason, 减收; nothing is a
 * waiver, fee_waived); against a legacy notice what it collected of each
 * part: as noticed when paid in full, the only part noticed, or — a
 * reduction of several parts — the parts given (the approver's decision:
 * ogi never apportions).  0 with out filled, or OGI_E_INVALID_INPUT with the
 * field errors in errs. */
enum ogi_error ogi_fee_payment_complete(const struct ogi_fee_notice *notice,
                                        const struct ogi_fee_payment_input *in,
                                        struct ogi_fee_payment_result *out,
                                        struct spec_errors *errs);

#endif
