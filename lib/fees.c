/* Fees (see fees.h). */
#include "lib/fees.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const char *const ogi_fee_method_names[] = {"per_item", "per_volume", "legacy", NULL};

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
