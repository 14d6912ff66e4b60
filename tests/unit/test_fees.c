/* The information-processing fee of 国办函〔2020〕109号 at every band edge
 * (law.md §3: per item art. 4, per volume art. 5, both 超额累进), when a
 * fee method applies at all, and a fee notice and its payment completed as
 * recorded: the quote, a lower amount, the legacy parts of 财综〔2008〕44号
 * and the payment window counted on the official calendar (law.md §5.2). */
#include "lib/fees.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

static struct ogi_calendar *cal;

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
	CHECK_INT(ogi_fee_per_items(9, 3), 100,
	          "split into 3 items from the 9th: 9th, 10th free, 11th 100 元");
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
	CHECK(
	    !ogi_fee_method_applies(OGI_FEE_PER_VOLUME, D("2020-12-31"), OGI_REGIME_2019, &en, &zh),
	    "not to a request received on 2020-12-31");
	CHECK(en != NULL && strstr(en, "2021-01-01") != NULL, "the reason names the start date");
	CHECK(zh != NULL && strstr(zh, "2021年1月1日") != NULL, "in Chinese too");
	CHECK(
	    !ogi_fee_method_applies(OGI_FEE_PER_ITEM, D("2018-06-01"), OGI_REGIME_2008, &en, NULL),
	    "the 2008 regime has no information-processing fee");
	CHECK(ogi_fee_method_applies(OGI_FEE_LEGACY, D("2018-06-01"), OGI_REGIME_2008, NULL, NULL),
	      "财综〔2008〕44号 cost fees under the 2007 regulation");
	CHECK(!ogi_fee_method_applies(OGI_FEE_LEGACY, D("2019-05-15"), OGI_REGIME_2019, &en, NULL),
	      "no legacy cost fees from 2019-05-15");
	CHECK_STR(ogi_fee_method_names[OGI_FEE_PER_VOLUME], "per_volume", "wire names");
	CHECK_STR(ogi_waiver_reason_names[OGI_WAIVER_DIBAO], "dibao",
	          "the report's waiver reasons");
}

static void money(void)
{
	long long fen = -1;
	char buf[32];
	CHECK(ogi_money_from_yuan(4700, &fen) && fen == 470000, "4700 元");
	CHECK(ogi_money_from_yuan(12.35, &fen) && fen == 1235,
	      "12.35 元 (binary 12.35 is not exact)");
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

#define NONE    OGI_MONEY_NONE
#define Y(yuan) ((long long)(yuan)*100)

static void notice_completed(void)
{
	static const struct {
		enum ogi_fee_method method;
		const char *on;
		long long amount, ordinal, items, pages, part[OGI_FEE_PART_COUNT];
		const char *pay_by;
		/* expected: the code, the field refused (or the detail's words), the result */
		enum ogi_error rc;
		const char *field;
		long long want_amount, want_quoted;
		const char *want_pay_by;
		const char *why;
	} cases[] = {
	    {OGI_FEE_PER_ITEM,
	     "2025-03-03",
	     NONE,
	     12,
	     1,
	     0,
	     {NONE, NONE, NONE},
	     NULL,
	     0,
	     NULL,
	     Y(100),
	     Y(100),
	     "2025-03-31",
	     "109号 art. 4(2): the 12th of the month, 100 元 quoted and charged; pay by 20 wd "
	     "after Mon 03-03 (03-04..07 = 4, 10..14 = 9, 17..21 = 14, 24..28 = 19, 31 = 20)"},
	    {OGI_FEE_PER_ITEM,
	     "2025-03-03",
	     NONE,
	     9,
	     3,
	     0,
	     {NONE, NONE, NONE},
	     NULL,
	     0,
	     NULL,
	     Y(100),
	     Y(100),
	     "2025-03-31",
	     "art. 4 ¶1: split into 3 items from the 9th: the 9th and 10th free, the 11th 100 元"},
	    {OGI_FEE_PER_ITEM,
	     "2025-03-03",
	     Y(50),
	     12,
	     1,
	     0,
	     {NONE, NONE, NONE},
	     NULL,
	     0,
	     NULL,
	     Y(50),
	     Y(100),
	     "2025-03-31",
	     "the approver may charge less than the measures allow"},
	    {OGI_FEE_PER_ITEM,
	     "2025-03-03",
	     Y(150),
	     12,
	     1,
	     0,
	     {NONE, NONE, NONE},
	     NULL,
	     OGI_E_INVALID_INPUT,
	     "amount",
	     0,
	     0,
	     NULL,
	     "never more than 109号 allows: 150 元 for the 12th is refused"},
	    {OGI_FEE_PER_ITEM,
	     "2025-03-03",
	     NONE,
	     5,
	     1,
	     0,
	     {NONE, NONE, NONE},
	     NULL,
	     OGI_E_FEE_NOT_APPLICABLE,
	     "application 5 of the month",
	     0,
	     0,
	     NULL,
	     "art. 4(1): the 5th of the month is free: nothing to charge"},
	    {OGI_FEE_PER_VOLUME,
	     "2025-03-03",
	     NONE,
	     0,
	     0,
	     250,
	     {NONE, NONE, NONE},
	     NULL,
	     0,
	     NULL,
	     Y(4700),
	     Y(4700),
	     "2025-03-31",
	     "109号 art. 5: 250 pages are 4 700 元"},
	    {OGI_FEE_PER_VOLUME,
	     "2025-03-03",
	     NONE,
	     0,
	     0,
	     30,
	     {NONE, NONE, NONE},
	     NULL,
	     OGI_E_FEE_NOT_APPLICABLE,
	     "30 pages",
	     0,
	     0,
	     NULL,
	     "art. 5(1): 30 pages are free: nothing to charge"},
	    {OGI_FEE_LEGACY,
	     "2018-06-04",
	     NONE,
	     0,
	     0,
	     0,
	     {Y(10), Y(20), 500},
	     NULL,
	     0,
	     NULL,
	     3500,
	     NONE,
	     "2018-07-03",
	     "财综〔2008〕44号: the amount is the parts' sum, no quote; 20 wd after Mon 06-04 "
	     "(06-05..08 = 4, 11..15 = 9, 18 端午 off, 19..22 = 13, 25..29 = 18, 07-02 = 19, "
	     "03 = 20)"},
	    {OGI_FEE_LEGACY,
	     "2018-06-04",
	     1250,
	     0,
	     0,
	     0,
	     {NONE, NONE, NONE},
	     NULL,
	     0,
	     NULL,
	     1250,
	     NONE,
	     "2018-07-03",
	     "a legacy amount may be given without its parts (12.50 元)"},
	    {OGI_FEE_LEGACY,
	     "2018-06-04",
	     Y(40),
	     0,
	     0,
	     0,
	     {Y(10), Y(20), 500},
	     NULL,
	     OGI_E_INVALID_INPUT,
	     "amount",
	     0,
	     0,
	     NULL,
	     "an amount given with parts must be their sum (35 元, not 40)"},
	    {OGI_FEE_LEGACY,
	     "2018-06-04",
	     NONE,
	     0,
	     0,
	     0,
	     {NONE, NONE, NONE},
	     NULL,
	     OGI_E_INVALID_INPUT,
	     "amount",
	     0,
	     0,
	     NULL,
	     "a legacy notice needs an amount or parts"},
	    {OGI_FEE_LEGACY,
	     "2018-06-04",
	     NONE,
	     0,
	     0,
	     0,
	     {0, 0, 0},
	     NULL,
	     OGI_E_FEE_NOT_APPLICABLE,
	     "the amount is 0",
	     0,
	     0,
	     NULL,
	     "parts of 0 元 are nothing to charge"},
	    {OGI_FEE_PER_ITEM,
	     "2024-09-27",
	     NONE,
	     11,
	     1,
	     0,
	     {NONE, NONE, NONE},
	     "2024-10-29",
	     OGI_E_INVALID_INPUT,
	     "pay_by",
	     0,
	     0,
	     NULL,
	     "pay_by before the 20th working day is refused: after Fri 2024-09-27 the window "
	     "ends 10-30 (Sun 09-29 worked = 1, 09-30 = 2, 10-01..07 国庆 off, 10-08..11 = 6, "
	     "Sat 10-12 worked = 7, 14..18 = 12, 21..25 = 17, 28..30 = 20)"},
	    {OGI_FEE_PER_ITEM,
	     "2024-09-27",
	     NONE,
	     11,
	     1,
	     0,
	     {NONE, NONE, NONE},
	     "2024-10-30",
	     0,
	     NULL,
	     Y(100),
	     Y(100),
	     "2024-10-30",
	     "the window's last day itself may be given"},
	    {OGI_FEE_PER_ITEM,
	     "2024-09-27",
	     NONE,
	     11,
	     1,
	     0,
	     {NONE, NONE, NONE},
	     "2024-11-15",
	     0,
	     NULL,
	     Y(100),
	     Y(100),
	     "2024-11-15",
	     "a later last day may be given"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_fee_notice_input in = {.method = cases[i].method,
		                                  .on = D(cases[i].on),
		                                  .amount = cases[i].amount,
		                                  .ordinal = cases[i].ordinal,
		                                  .items = cases[i].items,
		                                  .pages = cases[i].pages,
		                                  .pay_by = cases[i].pay_by ? D(cases[i].pay_by)
		                                                            : OGI_DATE_NONE};
		for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
			in.part[k] = cases[i].part[k];
		struct ogi_fee_notice_result out = {0};
		struct spec_errors errs = {0};
		char detail[256] = "";
		enum ogi_error rc =
		    ogi_fee_notice_complete(cal, &in, &out, &errs, detail, sizeof detail);
		CHECK_INT(rc, cases[i].rc, "%s", cases[i].why);
		if (rc == OGI_E_INVALID_INPUT) {
			CHECK(errs.n == 1, "%s: one field error", cases[i].why);
			CHECK_STR(errs.e[0].field, cases[i].field, "%s", cases[i].why);
		} else if (rc != 0) {
			CHECK(strstr(detail, cases[i].field) != NULL,
			      "%s: the detail \"%s\" says why", cases[i].why, detail);
		} else {
			char buf[OGI_DATE_STRLEN];
			CHECK_INT(out.amount, cases[i].want_amount, "%s", cases[i].why);
			CHECK_INT(out.quoted, cases[i].want_quoted, "%s", cases[i].why);
			CHECK_STR(ogi_date_format(out.pay_by, buf), cases[i].want_pay_by, "%s",
			          cases[i].why);
		}
	}
}

static void payment_completed(void)
{
	static const struct {
		enum ogi_fee_method method;
		long long noticed, noticed_part[OGI_FEE_PART_COUNT];
		long long amount;
		bool named[OGI_FEE_PART_COUNT];
		long long part[OGI_FEE_PART_COUNT];
		bool reduced;
		/* expected */
		enum ogi_error rc;
		const char *field;
		long long paid;
		bool split;
		long long want_part[OGI_FEE_PART_COUNT];
		const char *why;
	} cases[] = {
	    {OGI_FEE_PER_ITEM,
	     Y(100),
	     {NONE, NONE, NONE},
	     NONE,
	     {0},
	     {NONE, NONE, NONE},
	     false,
	     0,
	     NULL,
	     Y(100),
	     false,
	     {NONE, NONE, NONE},
	     "no amount given: paid as noticed"},
	    {OGI_FEE_PER_ITEM,
	     Y(100),
	     {NONE, NONE, NONE},
	     Y(80),
	     {0},
	     {NONE, NONE, NONE},
	     true,
	     0,
	     NULL,
	     Y(80),
	     false,
	     {NONE, NONE, NONE},
	     "减收: less than noticed with its reason"},
	    {OGI_FEE_PER_ITEM,
	     Y(100),
	     {NONE, NONE, NONE},
	     Y(80),
	     {0},
	     {NONE, NONE, NONE},
	     false,
	     OGI_E_INVALID_INPUT,
	     "reduction_reason",
	     0,
	     false,
	     {0},
	     "less than noticed needs the reduction's reason"},
	    {OGI_FEE_PER_ITEM,
	     Y(100),
	     {NONE, NONE, NONE},
	     Y(100),
	     {0},
	     {NONE, NONE, NONE},
	     true,
	     OGI_E_INVALID_INPUT,
	     "reduction_reason",
	     0,
	     false,
	     {0},
	     "a reason goes with a reduced amount only"},
	    {OGI_FEE_PER_ITEM,
	     Y(100),
	     {NONE, NONE, NONE},
	     Y(120),
	     {0},
	     {NONE, NONE, NONE},
	     false,
	     OGI_E_INVALID_INPUT,
	     "amount",
	     0,
	     false,
	     {0},
	     "never more than noticed"},
	    {OGI_FEE_PER_VOLUME,
	     Y(700),
	     {NONE, NONE, NONE},
	     NONE,
	     {true, false, false},
	     {NONE, NONE, NONE},
	     false,
	     OGI_E_INVALID_INPUT,
	     "search_fee",
	     0,
	     false,
	     {0},
	     "the information-processing fee has no cost-fee parts (even a null one is named)"},
	    {OGI_FEE_LEGACY,
	     Y(50),
	     {NONE, NONE, NONE},
	     NONE,
	     {0},
	     {NONE, NONE, NONE},
	     false,
	     0,
	     NULL,
	     Y(50),
	     false,
	     {NONE, NONE, NONE},
	     "a legacy notice of its amount only: nothing to split"},
	    {OGI_FEE_LEGACY,
	     3500,
	     {Y(10), Y(20), 500},
	     NONE,
	     {0},
	     {NONE, NONE, NONE},
	     false,
	     0,
	     NULL,
	     3500,
	     true,
	     {Y(10), Y(20), 500},
	     "paid in full: each part as noticed"},
	    {OGI_FEE_LEGACY,
	     Y(20),
	     {0, Y(20), NONE},
	     Y(15),
	     {0},
	     {NONE, NONE, NONE},
	     true,
	     0,
	     NULL,
	     Y(15),
	     true,
	     {0, Y(15), NONE},
	     "a reduction of the only part noticed is that part's; a part not noticed stays null"},
	    {OGI_FEE_LEGACY,
	     3500,
	     {Y(10), Y(20), 500},
	     Y(30),
	     {0},
	     {NONE, NONE, NONE},
	     true,
	     OGI_E_INVALID_INPUT,
	     "search_fee",
	     0,
	     false,
	     {0},
	     "a reduction of several parts: ogi never apportions, the parts must be given"},
	    {OGI_FEE_LEGACY,
	     3500,
	     {Y(10), Y(20), 500},
	     Y(30),
	     {true, true, true},
	     {Y(10), Y(15), 500},
	     true,
	     0,
	     NULL,
	     Y(30),
	     true,
	     {Y(10), Y(15), 500},
	     "a reduction of several parts with each part given"},
	    {OGI_FEE_LEGACY,
	     3500,
	     {Y(10), Y(20), 500},
	     Y(30),
	     {true, false, false},
	     {Y(30), NONE, NONE},
	     true,
	     OGI_E_INVALID_INPUT,
	     "search_fee",
	     0,
	     false,
	     {0},
	     "no part above what was noticed of it"},
	    {OGI_FEE_LEGACY,
	     3500,
	     {Y(10), Y(20), 500},
	     Y(30),
	     {true, true, false},
	     {Y(10), Y(15), NONE},
	     true,
	     OGI_E_INVALID_INPUT,
	     "amount",
	     0,
	     false,
	     {0},
	     "the parts given must sum to the amount (25 元, not 30)"},
	    {OGI_FEE_LEGACY,
	     3500,
	     {Y(10), Y(20), 500},
	     NONE,
	     {true, true, false},
	     {Y(10), Y(15), NONE},
	     true,
	     0,
	     NULL,
	     Y(25),
	     true,
	     {Y(10), Y(15), 0},
	     "no amount: the parts' sum; a part not given of a split payment is 0"},
	    {OGI_FEE_LEGACY,
	     3500,
	     {Y(10), Y(20), 500},
	     NONE,
	     {true, true, true},
	     {0, 0, 0},
	     true,
	     OGI_E_INVALID_INPUT,
	     "amount",
	     0,
	     false,
	     {0},
	     "nothing collected is a waiver (fee_waived), not a payment"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_fee_notice notice = {.method = cases[i].method,
		                                .amount = cases[i].noticed};
		struct ogi_fee_payment_input in = {.amount = cases[i].amount,
		                                   .reduced = cases[i].reduced};
		for (int k = 0; k < OGI_FEE_PART_COUNT; k++) {
			notice.part[k] = cases[i].noticed_part[k];
			in.part[k] = cases[i].part[k];
			in.part_named[k] = cases[i].named[k];
		}
		struct ogi_fee_payment_result out;
		struct spec_errors errs = {0};
		enum ogi_error rc = ogi_fee_payment_complete(&notice, &in, &out, &errs);
		CHECK_INT(rc, cases[i].rc, "%s", cases[i].why);
		if (rc != 0) {
			CHECK(errs.n == 1, "%s: one field error", cases[i].why);
			CHECK_STR(errs.n > 0 ? errs.e[0].field : NULL, cases[i].field, "%s",
			          cases[i].why);
			continue;
		}
		CHECK_INT(out.paid, cases[i].paid, "%s", cases[i].why);
		CHECK_INT(out.split, cases[i].split, "%s", cases[i].why);
		for (int k = 0; k < OGI_FEE_PART_COUNT && out.split; k++)
			CHECK_INT(out.part[k], cases[i].want_part[k], "%s: %s", cases[i].why,
			          ogi_fee_part_names[k]);
	}
}

static void money_json(void)
{
	json_t *v = ogi_money_json(470000);
	CHECK(json_is_integer(v) && json_integer_value(v) == 4700, "whole yuan as an integer");
	json_decref(v);
	v = ogi_money_json(1250);
	CHECK(json_is_real(v) && json_real_value(v) == 12.5, "12.50 元 as 12.5");
	json_decref(v);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	cal = caldata_load(argv[1]);
	money();
	money_json();
	per_item();
	per_volume();
	applicability();
	notice_completed();
	payment_completed();
	ogi_calendar_free(cal);
	return check_done("fees");
}
