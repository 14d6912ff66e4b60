/* Fees (see fees.h). */
#include "lib/fees.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/refuse.h"

const char *const ogi_fee_method_names[] = {"per_item", "per_volume", "legacy", NULL};
const char *const ogi_fee_part_names[] = {"search_fee", "copy_fee", "postage", NULL};
const char *const ogi_fee_part_labels_zh[] = {"检索费", "复制费", "邮寄费", NULL};
const char *const ogi_fee_status_names[] = {"outstanding", "paid", "waived", "lapsed", NULL};

const char *const ogi_waiver_reason_names[] = {"wubao",    "dibao", "youfu",
                                               "hardship", "other", NULL};
const char *const ogi_waiver_reason_labels_zh[] = {"农村五保供养对象",
                                                   "城乡居民最低生活保障对象",
                                                   "领取国家抚恤补助的优抚对象",
                                                   "经济困难",
                                                   "其他",
                                                   NULL};

long long ogi_fee_per_item(long long ordinal)
{
	if (ordinal <= 10)
		return 0;
	if (ordinal <= 30)
		return 100;
	/* 31–40 is the second band of 100 元 steps above the 11–30 band */
	return 100 * (2 + (ordinal - 31) / 10);
}

long long ogi_fee_per_items(long long ordinal, long long items)
{
	long long sum = 0;
	for (long long k = 0; k < items; k++)
		sum += ogi_fee_per_item(ordinal + k);
	return sum;
}

static long long band(long long pages, long long from, long long to)
{
	/* pages in [from, to] (to < 0: no upper end) */
	if (pages < from)
		return 0;
	long long top = to >= 0 && pages > to ? to : pages;
	return top - from + 1;
}

long long ogi_fee_per_volume(long long pages)
{
	return 10 * band(pages, 31, 100) + 20 * band(pages, 101, 200) + 40 * band(pages, 201, -1);
}

ogi_date ogi_fee_measures_start(void)
{
	return ogi_date_from_ymd(2021, 1, 1);
}

bool ogi_fee_method_applies(enum ogi_fee_method m, ogi_date received_on, enum ogi_regime regime,
                            const char **why_en, const char **why_zh)
{
	const char *en = NULL, *zh = NULL;
	if (m == OGI_FEE_LEGACY) {
		if (regime != OGI_REGIME_2008) {
			en = "the cost fees of 财综〔2008〕44号 apply only to requests under the "
			     "2007 "
			     "regulation (received before 2019-05-15)";
			zh =
			    "检索费、复制费、邮寄费仅适用于2019年5月15日前收到的申请（2007年条例）";
		}
	} else if (regime != OGI_REGIME_2019) {
		en = "the information-processing fee applies only to requests under the 2019 "
		     "regulation; use the legacy cost fees";
		zh = "信息处理费仅适用于2019年修订条例施行后收到的申请，2007年条例下请按检索、复制"
		     "、邮寄费用登记";
	} else if (received_on < ogi_fee_measures_start()) {
		en = "the information-processing fee (国办函〔2020〕109号) applies to requests "
		     "received from 2021-01-01";
		zh = "信息处理费（国办函〔2020〕109号）自2021年1月1日起施行，此前收到的申请不收费";
	}
	if (why_en)
		*why_en = en;
	if (why_zh)
		*why_zh = zh;
	return en == NULL;
}

bool ogi_money_from_yuan(double yuan, long long *fen)
{
	if (!isfinite(yuan) || yuan < 0 || yuan >= 1e10)
		return false;
	double cents = yuan * 100.0;
	long long rounded = llround(cents);
	if (fabs(cents - (double)rounded) > 1e-6 * (cents > 1 ? cents : 1))
		return false; /* more than two decimals */
	*fen = rounded;
	return true;
}

bool ogi_money_parse(const char *s, long long *fen)
{
	if (s == NULL || *s == '\0')
		return false;
	long long whole = 0, part = 0;
	int digits = 0;
	const char *p = s;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9' && whole < 100000000000LL)
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9' && digits < 2) {
			part = part * 10 + (*p++ - '0');
			digits++;
		}
		while (*p == '0')
			p++;
	}
	if (*p != '\0')
		return false;
	if (digits == 1)
		part *= 10;
	*fen = whole * 100 + part;
	return true;
}

char *ogi_money_format(long long fen, char buf[32])
{
	snprintf(buf, 32, "%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100, llabs(fen) % 100);
	return buf;
}

json_t *ogi_money_json(long long fen)
{
	if (fen % 100 == 0)
		return json_integer(fen / 100);
	return json_real((double)fen / 100.0);
}

void ogi_fee_notices_free(struct ogi_fee_notice *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i].waiver_note);
	free(v);
}

static enum ogi_error invalid(struct spec_errors *errs, const char *field, const char *code,
                              const char *zh, const char *en)
{
	spec_error_add(errs, field, code, zh, en);
	return OGI_E_INVALID_INPUT;
}

/* The legacy notice's amount: the parts' sum, or the amount given when it
 * equals their sum. */
static enum ogi_error legacy_amount(const struct ogi_fee_notice_input *in, long long *amount,
                                    struct spec_errors *errs)
{
	long long sum = 0;
	bool any = false;
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		if (in->part[k] != OGI_MONEY_NONE) {
			sum += in->part[k];
			any = true;
		}
	if (any && in->amount != OGI_MONEY_NONE && in->amount != sum) {
		char buf[32], zh[128], en[128];
		snprintf(zh, sizeof zh, "应等于检索费、复制费、邮寄费之和 %s 元",
		         ogi_money_format(sum, buf));
		snprintf(en, sizeof en, "must equal search_fee + copy_fee + postage = %s", buf);
		return invalid(errs, "amount", "sum", zh, en);
	}
	if (!any && in->amount == OGI_MONEY_NONE)
		return invalid(errs, "amount", "required", "请填写收费金额或检索、复制、邮寄费用",
		               "give the amount or its search_fee, copy_fee and postage");
	*amount = in->amount != OGI_MONEY_NONE ? in->amount : sum;
	return 0;
}

enum ogi_error ogi_fee_notice_complete(const struct ogi_calendar *cal,
                                       const struct ogi_fee_notice_input *in,
                                       struct ogi_fee_notice_result *out, struct spec_errors *errs,
                                       char *detail, size_t len)
{
	long long amount = in->amount, quoted = OGI_MONEY_NONE;
	char why[160];
	if (in->method == OGI_FEE_PER_ITEM) {
		quoted = 100 * ogi_fee_per_items(in->ordinal, in->items > 0 ? in->items : 1);
		snprintf(why, sizeof why, "application %lld of the month: %lld yuan per item",
		         in->ordinal, quoted / 100);
	} else if (in->method == OGI_FEE_PER_VOLUME) {
		quoted = 100 * ogi_fee_per_volume(in->pages);
		snprintf(why, sizeof why, "%lld pages: %lld yuan by volume", in->pages,
		         quoted / 100);
	} else {
		enum ogi_error rc = legacy_amount(in, &amount, errs);
		if (rc != 0)
			return rc;
		snprintf(why, sizeof why, "the amount is 0");
	}
	if (amount == OGI_MONEY_NONE)
		amount = quoted;
	if (quoted != OGI_MONEY_NONE && amount > quoted) {
		/* the approver may charge less than the measures allow, never more */
		char buf[32], zh[160], en[160];
		ogi_money_format(quoted, buf);
		snprintf(zh, sizeof zh, "超过国办函〔2020〕109号规定的标准（%s 元）", buf);
		snprintf(en, sizeof en, "more than 国办函〔2020〕109号 allows (%s yuan)", buf);
		return invalid(errs, "amount", "range", zh, en);
	}
	if (amount == 0)
		return ogi_refuse(detail, len, OGI_E_FEE_NOT_APPLICABLE, "nothing to charge: %s",
		                  why);
	/* the applicant has 20 working days from the notice; a later date may be given, not an
	   earlier */
	bool provisional = false;
	ogi_date window = ogi_add_workdays(cal, in->on, OGI_FEE_PAYMENT_WORKDAYS, &provisional);
	if (in->pay_by != OGI_DATE_NONE && in->pay_by < window) {
		char buf[OGI_DATE_STRLEN], zh[160], en[160];
		ogi_date_format(window, buf);
		snprintf(zh, sizeof zh, "缴费期限不得短于收费通知后20个工作日（%s）", buf);
		snprintf(en, sizeof en,
		         "must not be earlier than 20 working days after the notice (%s)", buf);
		return invalid(errs, "pay_by", "range", zh, en);
	}
	out->amount = amount;
	out->quoted = quoted;
	out->pay_by = in->pay_by != OGI_DATE_NONE ? in->pay_by : window;
	return 0;
}

/* What a payment of amount paid collected of each part of a legacy notice
 * (see ogi_fee_payment_complete). */
static enum ogi_error paid_parts(const struct ogi_fee_notice *notice,
                                 const struct ogi_fee_payment_input *in, long long paid,
                                 struct ogi_fee_payment_result *out, struct spec_errors *errs)
{
	long long part[OGI_FEE_PART_COUNT], given[OGI_FEE_PART_COUNT], sum = 0;
	bool noticed[OGI_FEE_PART_COUNT], any = false;
	int nonzero = 0, only = -1;
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++) {
		noticed[k] = notice->part[k] != OGI_MONEY_NONE;
		part[k] = noticed[k] ? notice->part[k] : 0;
		if (part[k] > 0) {
			nonzero++;
			only = k;
		}
		given[k] = in->part[k];
		any = any || given[k] != OGI_MONEY_NONE;
		sum += given[k] != OGI_MONEY_NONE ? given[k] : 0;
	}
	char buf[32], zh[160], en[160];
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		if (given[k] != OGI_MONEY_NONE && given[k] > part[k]) {
			ogi_money_format(part[k], buf);
			snprintf(zh, sizeof zh, "不得超过收费通知的%s %s 元",
			         ogi_fee_part_labels_zh[k], buf);
			snprintf(en, sizeof en, "must not exceed the noticed %s of %s yuan",
			         ogi_fee_part_names[k], buf);
			return invalid(errs, ogi_fee_part_names[k], "range", zh, en);
		}
	if (any && sum != paid) {
		ogi_money_format(sum, buf);
		snprintf(zh, sizeof zh, "应等于实收的检索费、复制费、邮寄费之和 %s 元", buf);
		snprintf(en, sizeof en, "must equal search_fee + copy_fee + postage = %s", buf);
		return invalid(errs, "amount", "sum", zh, en);
	}
	if (nonzero == 0)
		return 0; /* a notice of its amount only: nothing to split */
	if (!any && paid == notice->amount) {
		for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
			given[k] = part[k];
	} else if (!any && nonzero == 1) {
		for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
			given[k] = k == only ? paid : 0;
	} else if (!any) {
		return invalid(
		    errs, "search_fee", "required",
		    "减收成本费用时，请分别填写实收的检索费、复制费、邮寄费",
		    "a reduced payment of cost fees says what it collected of search_fee, "
		    "copy_fee and postage");
	}
	out->split = true;
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++) {
		if (given[k] == OGI_MONEY_NONE)
			given[k] = 0; /* a part not given of a split payment collected nothing */
		out->part[k] = noticed[k] || given[k] > 0 ? given[k] : OGI_MONEY_NONE;
	}
	return 0;
}

enum ogi_error ogi_fee_payment_complete(const struct ogi_fee_notice *notice,
                                        const struct ogi_fee_payment_input *in,
                                        struct ogi_fee_payment_result *out,
                                        struct spec_errors *errs)
{
	const char *method = ogi_fee_method_names[notice->method];
	char buf[32], zh[160], en[160];
	enum ogi_error rc = 0;
	out->split = false;
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		out->part[k] = OGI_MONEY_NONE;
	for (int k = 0; k < OGI_FEE_PART_COUNT && notice->method != OGI_FEE_LEGACY; k++)
		if (in->part_named[k]) {
			snprintf(zh, sizeof zh, "%s 方式的收费不分列检索、复制、邮寄费用", method);
			snprintf(en, sizeof en, "not used with a %s notice (cost fees only)",
			         method);
			rc = invalid(errs, ogi_fee_part_names[k], "unexpected", zh, en);
		}
	if (rc != 0)
		return rc;
	long long noticed = notice->amount, paid = in->amount;
	if (paid == OGI_MONEY_NONE) {
		bool any = false;
		paid = 0;
		for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
			if (in->part[k] != OGI_MONEY_NONE) {
				paid += in->part[k];
				any = true;
			}
		if (!any)
			paid = noticed;
	}
	ogi_money_format(noticed, buf);
	if (paid > noticed) {
		snprintf(zh, sizeof zh, "不得超过收费通知的金额 %s 元", buf);
		snprintf(en, sizeof en, "must not exceed the noticed amount of %s yuan", buf);
		return invalid(errs, "amount", "range", zh, en);
	}
	if (paid == 0)
		return invalid(errs, "amount", "range",
		               "实收金额应大于0（全部免收的，请登记“减免费用”）",
		               "must be more than 0 (record fee_waived when nothing is collected)");
	if (paid < noticed && !in->reduced) {
		snprintf(zh, sizeof zh, "实缴金额少于通知金额 %s 元，须说明减免原因", buf);
		snprintf(en, sizeof en,
		         "less than the noticed %s yuan: give the reduction's reason", buf);
		return invalid(errs, "reduction_reason", "required", zh, en);
	}
	if (paid == noticed && in->reduced)
		return invalid(errs, "reduction_reason", "unexpected", "全额缴费时不填写减免原因",
		               "a reason goes with a reduced amount only");
	out->paid = paid;
	if (notice->method == OGI_FEE_LEGACY)
		return paid_parts(notice, in, paid, out, errs);
	return 0;
}
