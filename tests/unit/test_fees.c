/* The information-processing fee of 国办函〔2020〕109号 at every band edge
 * (law.md §3: per item art. 4, per volume art. 5, both 超额累进) and when a
 * fee method applies at all. */
#include "lib/fees.h"
#include "tests/unit/check.h"

static ogi_date D(const char *s)
{
	ogi_date d = OGI_DATE_NONE;
	ogi_date_parse(s, &d);
	return d;
}

static void per_item(void)
{
	static const struct {
		long long ordinal, yuan;
		const char *why;
	} cases[] = {
		{1, 0, "art. 4(1): the first application of the month is free"},
		{10, 0, "art. 4(1): up to and including the 10th, free"},
		{11, 100, "art. 4(2): the 11th is the first of the 11–30 band, 100 元"},
		{30, 100, "art. 4(2): the 30th is the last of the 11–30 band"},
		{31, 200, "art. 4(3): from the 31st, +100 元 per band of 10: 31–40 200 元"},
		{40, 200, "art. 4(3): the 40th is still 200 元"},
		{41, 300, "art. 4(3): 41–50 300 元"},
		{50, 300, "art. 4(3): the 50th is still 300 元"},
		{51, 400, "art. 4(3): 51–60 400 元"},
		{60, 400, "art. 4(3): the 60th is still 400 元"},
		{61, 500, "art. 4(3): 61–70 500 元"},
		{101, 900, "art. 4(3): 101–110 is the 8th band above 30: 100 × (2 + 7) = 900 元"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_INT(ogi_fee_per_item(cases[i].ordinal), cases[i].yuan, "ordinal %lld: %s",
			  cases[i].ordinal, cases[i].why);
	CHECK_INT(ogi_fee_per_items(9, 3), 100, "split into 3 items from the 9th: 9th, 10th free, 11th 100 元");
	CHECK_INT(ogi_fee_per_items(29, 3), 400, "29th, 30th at 100 元, 31st at 200 元");
	CHECK_INT(ogi_fee_per_items(12, 1), 100, "one item is the plain per-item fee");
}

static void per_volume(void)
{
	static const struct {
		long long pages, yuan;
		const char *why;
	} cases[] = {
		{0, 0, "no pages"},
		{30, 0, "art. 5(1): 30 pages or fewer are free"},
		{31, 10, "art. 5(2): the 31st page is charged 10 元"},
		{100, 700, "art. 5(2): pages 31–100 = 70 × 10 元"},
		{101, 720, "art. 5(3): 700 + the 101st page at 20 元"},
		{200, 2700, "art. 5(3): 700 + 100 × 20 元"},
		{201, 2740, "art. 5(4): 2 700 + the 201st page at 40 元"},
		{250, 4700, "art. 5(4): 2 700 + 50 × 40 元 (law.md §3's example)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_INT(ogi_fee_per_volume(cases[i].pages), cases[i].yuan, "%lld pages: %s",
			  cases[i].pages, cases[i].why);
}

static void applicability(void)
{
	const char *en = NULL, *zh = NULL;
	CHECK(ogi_fee_method_applies(OGI_FEE_PER_ITEM, D("2021-01-01"), OGI_REGIME_2019, &en, &zh),
	      "the measures apply from 2021-01-01");
	CHECK(en == NULL && zh == NULL, "no reason when it applies");
	CHECK(!ogi_fee_method_applies(OGI_FEE_PER_VOLUME, D("2020-12-31"), OGI_REGIME_2019, &en, &zh),
	      "not to a request received on 2020-12-31");
	CHECK(en != NULL && strstr(en, "2021-01-01") != NULL, "the reason names the start date");
	CHECK(zh != NULL && strstr(zh, "2021年1月1日") != NULL, "in Chinese too");
	CHECK(!ogi_fee_method_applies(OGI_FEE_PER_ITEM, D("2018-06-01"), OGI_REGIME_2008, &en, NULL),
	      "the 2008 regime has no information-processing fee");
	CHECK(ogi_fee_method_applies(OGI_FEE_LEGACY, D("2018-06-01"), OGI_REGIME_2008, NULL, NULL),
	      "财综〔2008〕44号 cost fees under the 2007 regulation");
	CHECK(!ogi_fee_method_applies(OGI_FEE_LEGACY, D("2019-05-15"), OGI_REGIME_2019, &en, NULL),
	      "no legacy cost fees from 2019-05-15");
	CHECK_STR(ogi_fee_method_names[OGI_FEE_PER_VOLUME], "per_volume", "wire names");
	CHECK_STR(ogi_waiver_reason_names[OGI_WAIVER_DIBAO], "dibao", "the report's waiver reasons");
}

static void money(void)
{
	long long fen = -1;
	char buf[32];
	CHECK(ogi_money_from_yuan(4700, &fen) && fen == 470000, "4700 元");
	CHECK(ogi_money_from_yuan(12.35, &fen) && fen == 1235, "12.35 元 (binary 12.35 is not exact)");
	CHECK(ogi_money_from_yuan(0.1 + 0.2, &fen) && fen == 30, "0.30000000000000004 is 0.30");
	CHECK(!ogi_money_from_yuan(1.005, &fen), "three decimals are refused");
	CHECK(!ogi_money_from_yuan(-1, &fen), "no negative amounts");
	CHECK(!ogi_money_from_yuan(1e10, &fen), "numeric(12,2) holds less than 10^10 元");
	CHECK(ogi_money_parse("4700.00", &fen) && fen == 470000, "numeric as PostgreSQL prints it");
	CHECK(ogi_money_parse("12.5", &fen) && fen == 1250, "one decimal");
	CHECK(ogi_money_parse("7", &fen) && fen == 700, "no decimals");
	CHECK(!ogi_money_parse("12.3x", &fen), "trailing text");
	CHECK_STR(ogi_money_format(1235, buf), "12.35", "formatted for SQL and people");
	CHECK_STR(ogi_money_format(470000, buf), "4700.00", "two decimals");
}

int main(void)
{
	money();
	per_item();
	per_volume();
	applicability();
	return check_done("fees");
}
