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

#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/domain.h"

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

#endif
