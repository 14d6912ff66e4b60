/* Administrative reconsideration (行政复议) and litigation (行政诉讼) of a
 * request (DESIGN.md §2 "Reconsideration and litigation", law.md §6): the
 * decision and judgment vocabularies and the results they give, the rule for
 * a remedy's result as of a date (the annual report's), the order of a
 * litigation's instances, and the dates that follow from a record.
 *
 * Results: upheld (结果维持: 维持, 驳回复议/诉讼请求), corrected (结果纠正: 撤销,
 * 部分撤销, 变更, 确认违法, 确认无效, 责令履行), other (其他结果: 驳回申请/起诉,
 * 不予立案, 撤诉, 终止/终结, 调解, 和解); pending (尚未审结) without a decision.
 * A second instance or retrial that keeps the judgment under review (维持原判)
 * has that judgment's result; one that sends the case back (发回重审) leaves
 * it pending until the court of first instance decides again.
 *
 * Periods (calendar days or months; one that ends on a day off ends on the
 * next working day): the reconsideration authority accepts within 5 working
 * days of filing (deemed accepted after that) and decides within 60 days of
 * acceptance (30 under the simple procedure, from 2024-01-01), extended once
 * by at most 30; after the decision the applicant may sue within 15 days of
 * receiving it (or of the period's end when no decision came); the body's
 * defence is due 15 days after it is served a complaint; a court decides a
 * first instance within 6 months (45 days under the simple procedure) and an
 * appeal within 3 months; an appeal lies within 15 days of a judgment's
 * service, 10 days of a ruling's (驳回起诉, 不予立案). */
#ifndef OGI_REMEDIES_H
#define OGI_REMEDIES_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/date.h"
#include "lib/domain.h"
#include "api/errors.h"

enum ogi_remedy_result {
	OGI_RESULT_UPHELD,
	OGI_RESULT_CORRECTED,
	OGI_RESULT_OTHER,
	OGI_RESULT_PENDING,
	OGI_RESULT_COUNT
};
extern const char *const ogi_remedy_result_names[]; /* upheld, corrected, other, pending */
extern const char *const ogi_remedy_result_labels_zh[]; /* 结果维持, 结果纠正, 其他结果, 尚未审结 */

/* 行政复议决定 (行政复议法 2023 arts. 63–69, 73, 74; 41): wire names are the Chinese terms. */
enum ogi_rc_decision {
	OGI_RC_UPHOLD,          /* 维持 */
	OGI_RC_DISMISS_CLAIM,   /* 驳回请求 (驳回行政复议请求) */
	OGI_RC_VARY,            /* 变更 */
	OGI_RC_REVOKE,          /* 撤销 */
	OGI_RC_REVOKE_PART,     /* 部分撤销 */
	OGI_RC_DECLARE_ILLEGAL, /* 确认违法 */
	OGI_RC_ORDER_PERFORM,   /* 责令履行 */
	OGI_RC_DECLARE_VOID,    /* 确认无效 */
	OGI_RC_REJECT,          /* 驳回申请 */
	OGI_RC_TERMINATE,       /* 终止 */
	OGI_RC_MEDIATION,       /* 调解 */
	OGI_RC_SETTLEMENT,      /* 和解 */
	OGI_RC_DECISION_COUNT
};
extern const char *const ogi_rc_decision_names[];
enum ogi_remedy_result ogi_rc_decision_result(enum ogi_rc_decision d);

/* Judgments and rulings of a court instance: wire names are the Chinese terms. */
enum ogi_judgment {
	OGI_J_DISMISS_CLAIM,   /* 驳回诉讼请求 */
	OGI_J_UPHOLD,          /* 维持 (the pre-2015 维持判决) */
	OGI_J_REVOKE,          /* 撤销 (and 责令重作) */
	OGI_J_REVOKE_PART,     /* 部分撤销 */
	OGI_J_VARY,            /* 变更 */
	OGI_J_DECLARE_ILLEGAL, /* 确认违法 */
	OGI_J_DECLARE_VOID,    /* 确认无效 */
	OGI_J_ORDER_PERFORM,   /* 责令履行 (限期答复、公开、更正) */
	OGI_J_DISMISS_SUIT,    /* 驳回起诉 (ruling) */
	OGI_J_NOT_ACCEPTED,    /* 不予立案 (ruling) */
	OGI_J_WITHDRAWN,       /* 准许撤诉 (ruling) */
	OGI_J_ENDED,           /* 终结 (ruling) */
	OGI_J_MEDIATION,       /* 调解 */
	OGI_J_AFFIRM, /* 维持原判 (驳回上诉 / 再审维持): appeal and retrial only */
	OGI_J_REMAND, /* 发回重审: appeal and retrial only */
	OGI_JUDGMENT_COUNT
};
extern const char *const ogi_judgment_names[];

enum ogi_instance_kind {
	OGI_INSTANCE_FIRST,
	OGI_INSTANCE_SECOND,
	OGI_INSTANCE_RETRIAL,
	OGI_INSTANCE_KIND_COUNT
};
extern const char *const ogi_instance_kind_names[];     /* first, second, retrial */
extern const char *const ogi_instance_kind_labels_zh[]; /* 一审, 二审, 再审 */

/* The result of a judgment given the result of the judgment it reviews
 * (OGI_RESULT_PENDING for a first instance). */
enum ogi_remedy_result ogi_judgment_result(enum ogi_judgment j, enum ogi_remedy_result reviewed);

/* One instance of a litigation, in the order filed. */
struct ogi_instance {
	enum ogi_instance_kind kind;
	ogi_date filed_on;
	ogi_date decided_on;           /* OGI_DATE_NONE while pending */
	int judgment;                  /* enum ogi_judgment, −1 while pending */
	enum ogi_remedy_result result; /* filled by ogi_litigation_results */
	/* for the dates that follow (ogi_instance_deadlines) */
	bool simple;        /* 简易程序 (first instance) */
	ogi_date served_on; /* the body was served the complaint or appeal */
	ogi_date hearing_on;
	ogi_date judgment_served_on;
	/* a judgment that orders the body to reply anew (撤销并责令重作, 限期答复/公开):
	   the date it sets, and when the body did; superseded: a later instance was
	   filed, so this one's order is not (yet) in force */
	ogi_date redo_due, redone_on;
	bool superseded;
};

/* 0 when the instances can follow each other as given, else the rule broken
 * (OGI_E_DECISION_BEFORE_FILING, OGI_E_INSTANCE_ORDER) with a sentence in
 * English.  The rules: the first is a first instance; each later one is
 * filed on or after the decision of the one before, which must be decided;
 * after a remand (发回重审) comes a first instance again, and only then; an
 * appeal follows a first instance or a retrial, never a second instance, and
 * not a withdrawal, an end of the suit or a mediation; a retrial may follow
 * any decision; 维持原判 and 发回重审 decide only appeals and retrials. */
enum ogi_error ogi_litigation_check(const struct ogi_instance *v, size_t n, char *detail,
                                    size_t len);

/* Fills each instance's result in order. */
void ogi_litigation_results(struct ogi_instance *v, size_t n);

/* The annual report's rule: a remedy filed in a year counts with its result
 * as of 31 December of that year.  A reconsideration: its result when
 * decided on or before as_of, else pending.  A litigation: the latest
 * instance filed on or before as_of decides — its result when it was decided
 * by then (pending when remanded), else pending.  result is the stored
 * result (OGI_RESULT_PENDING for none). */
enum ogi_remedy_result ogi_reconsideration_result_as_of(ogi_date decided_on,
                                                        enum ogi_remedy_result result,
                                                        ogi_date as_of);
enum ogi_remedy_result ogi_litigation_result_as_of(const struct ogi_instance *v, size_t n,
                                                   ogi_date as_of);

/* The annual report's rule in one place, for the report (lib/report.c) and
 * for the records as the API shows them: a remedy counts in the report of
 * the year it was filed (table 四), with its result as of 31 December of that
 * year (ogi_remedy_report_as_of).  A reconsideration's decision is its
 * Chinese term (enum ogi_rc_decision, −1 while undecided).  A litigation's
 * instances are given in order with their judgments; their results are
 * filled here (ogi_litigation_results), so the count never depends on a
 * stored derived column. */
ogi_date ogi_remedy_report_as_of(ogi_date filed_on);
enum ogi_remedy_result ogi_reconsideration_report_result(ogi_date filed_on, ogi_date decided_on,
                                                         int decision);
enum ogi_remedy_result ogi_litigation_report_result(ogi_date filed_on, struct ogi_instance *v,
                                                    size_t n);

/* How a suit came to court: directly, or after a reconsideration (table 四's
 * two litigation blocks). */
enum ogi_litigation_route { OGI_ROUTE_DIRECT, OGI_ROUTE_AFTER_RECONSIDERATION, OGI_ROUTE_COUNT };
extern const char *const ogi_litigation_route_names[]; /* direct, after_reconsideration */

/* 行政复议法 2023 art. 23(4): from 2024-01-01 a suit against a withholding
 * reply (withheld_*) must go through reconsideration first; a direct suit
 * filed from then on is flagged. */
bool ogi_litigation_needs_reconsideration(bool direct, ogi_date filed_on, int outcome);

/* The simple procedure for reconsideration exists from 2024-01-01 (2023 law art. 53). */
bool ogi_reconsideration_simple_allowed(ogi_date filed_on);

/* Dates that follow from the records. */
enum ogi_remedy_deadline_kind {
	OGI_RD_RC_DECISION,    /* the authority's decision due */
	OGI_RD_SUIT_AFTER_RC,  /* the applicant's 15 days to sue after the reconsideration */
	OGI_RD_DEFENCE,        /* the body's defence (答辩) due: 15 days after service */
	OGI_RD_HEARING,        /* a court date */
	OGI_RD_COURT_DECISION, /* the court's period for its decision */
	OGI_RD_APPEAL,         /* the window to appeal a first-instance decision */
	OGI_RD_REDO,           /* the body's new reply ordered by a decision or judgment */
	OGI_RD_COUNT
};
extern const char *const ogi_remedy_deadline_names[];
extern const char *const ogi_remedy_deadline_labels_zh[];
extern const char *const ogi_remedy_deadline_labels_en[];

struct ogi_remedy_deadline {
	enum ogi_remedy_deadline_kind kind;
	ogi_date due_on;
	bool provisional; /* counted into a year whose calendar is not loaded */
	bool estimated;   /* from a stand-in date (decision date for its service, filing + 5 wd for
	                     acceptance) */
	bool done;        /* what it waits for has happened (the decision is recorded) */
};

struct ogi_reconsideration_dates {
	ogi_date filed_on, accepted_on, decided_on, served_on; /* OGI_DATE_NONE when unknown */
	bool simple;
	int extension_days;
	ogi_date redo_due, redone_on; /* a decision's order to reply anew, and when the body did */
};

/* Whether a decision or judgment can order the body to act again (reply anew,
 * disclose, reply within a time): one that corrects the reply (撤销, 部分撤销,
 * 责令履行, 确认违法 with remedial measures, 确认无效; an appeal's 维持原判 of
 * such a judgment), but not 变更, where the authority or court decides itself
 * (行政复议法 2023 arts. 63–67, 行政诉讼法 arts. 70–78). */
bool ogi_rc_decision_orders_redo(int decision);
bool ogi_judgment_orders_redo(int judgment, enum ogi_remedy_result result);

/* The authority's acceptance (accepted_on, or deemed 5 working days after
 * filing), and its decision due date. */
ogi_date ogi_reconsideration_accepted(const struct ogi_calendar *cal,
                                      const struct ogi_reconsideration_dates *r, bool *estimated);
ogi_date ogi_reconsideration_decision_due(const struct ogi_calendar *cal,
                                          const struct ogi_reconsideration_dates *r,
                                          bool *provisional);
/* The last day to sue after the reconsideration: 15 days from the decision's
 * service (its date when service is unknown), or from the end of the decision
 * period while there is no decision. */
ogi_date ogi_suit_after_reconsideration_due(const struct ogi_calendar *cal,
                                            const struct ogi_reconsideration_dates *r,
                                            bool *estimated);

/* Fills out (at most max) and returns how many. */
int ogi_reconsideration_deadlines(const struct ogi_calendar *cal,
                                  const struct ogi_reconsideration_dates *r,
                                  struct ogi_remedy_deadline *out, int max);
int ogi_instance_deadlines(const struct ogi_calendar *cal, const struct ogi_instance *inst,
                           struct ogi_remedy_deadline *out, int max);

/* Whether a date still asks for attention on today: a decision or a new
 * reply still due (even when late: the record waits for it); any other date
 * until it passes. */
bool ogi_remedy_deadline_pending(const struct ogi_remedy_deadline *d, ogi_date today);

/* A period of calendar days or months from d that ends on the next working
 * day when its last day is a day off (民事诉讼法 art. 85, 行政诉讼法 art. 101). */
ogi_date ogi_period_days(const struct ogi_calendar *cal, ogi_date d, int days, bool *provisional);
ogi_date ogi_period_months(const struct ogi_calendar *cal, ogi_date d, int months,
                           bool *provisional);

#endif
