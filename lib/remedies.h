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

#include "api/errors.h"
#include "lib/calendar.h"
#include "lib/date.h"
#include "lib/domain.h"
#include "lib/request.h"
#include "lib/spec.h"

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

/* An instance that gives a litigation's result as of a date: the latest
 * filed on or before it (NULL: none was).  ogi_litigation_result_as_of is
 * its result; the year lock dates a change by its decision. */
const struct ogi_instance *ogi_litigation_instance_as_of(const struct ogi_instance *v, size_t n,
                                                         ogi_date as_of);

/* ---- the records: a request's reconsiderations and litigations ------------------------ */

/* 普通程序 or 简易程序, of a reconsideration or a court's first instance. */
enum ogi_procedure { OGI_PROCEDURE_ORDINARY, OGI_PROCEDURE_SIMPLE, OGI_PROCEDURE_COUNT };
extern const char *const ogi_procedure_names[]; /* ordinary, simple */

/* Room for the records' texts: an authority or a court (200 characters of
 * UTF-8), a case number (100), notes (2000). */
#define OGI_REMEDY_NAME_MAX  1024
#define OGI_REMEDY_CASE_MAX  512
#define OGI_REMEDY_NOTES_MAX 8192
/* The most instances of one litigation ogi keeps (a longer chain is refused). */
#define OGI_INSTANCES_MAX 16

/* A reconsideration as stored.  Dates are OGI_DATE_NONE while not recorded;
 * case_no and notes may be absent (has_*), the authority never is. */
struct ogi_reconsideration {
	long long id, request_id, body_id, version, created_by;
	ogi_date filed_on, accepted_on, decided_on, served_on;
	ogi_date redo_due, redone_on; /* a decision's order to reply anew, and the new reply */
	char authority[OGI_REMEDY_NAME_MAX], case_no[OGI_REMEDY_CASE_MAX],
	    notes[OGI_REMEDY_NOTES_MAX];
	bool has_case_no, has_notes;
	int procedure; /* enum ogi_procedure */
	int extension_days;
	int decision; /* enum ogi_rc_decision, −1 while undecided */
	bool late_filing;
	char created_at[40];
};

/* One instance of a litigation as stored. */
struct ogi_litigation_instance {
	long long id;
	int seq;       /* 1, 2, … in the order filed */
	int kind;      /* enum ogi_instance_kind */
	int procedure; /* enum ogi_procedure */
	int judgment;  /* enum ogi_judgment, −1 while undecided */
	char court[OGI_REMEDY_NAME_MAX], case_no[OGI_REMEDY_CASE_MAX];
	bool has_court, has_case_no;
	ogi_date filed_on, served_on, hearing_on, decided_on, judgment_served_on;
	ogi_date redo_due, redone_on;
	enum ogi_remedy_result result; /* OGI_RESULT_PENDING while undecided or remanded */
};

/* A litigation as stored, with its instances in order. */
struct ogi_litigation {
	long long id, request_id, body_id, version, created_by;
	long long reconsideration_id; /* the reconsideration a suit after one follows; 0: none */
	ogi_date filed_on;            /* = the first instance's */
	char court[OGI_REMEDY_NAME_MAX], case_no[OGI_REMEDY_CASE_MAX], notes[OGI_REMEDY_NOTES_MAX];
	bool has_case_no, has_notes;
	int route; /* enum ogi_litigation_route */
	bool late_filing, needs_reconsideration;
	char created_at[40];
	int ninst;
	struct ogi_litigation_instance inst[OGI_INSTANCES_MAX];
};

struct ogi_reconsideration_list {
	size_t n;
	struct ogi_reconsideration *v;
};
struct ogi_litigation_list {
	size_t n;
	struct ogi_litigation *v;
};
/* The remedy records of one request, or of several (the queue). */
struct ogi_remedy_records {
	struct ogi_reconsideration_list rc;
	struct ogi_litigation_list lit;
};
/* Each frees what the list holds and empties it. */
void ogi_reconsideration_list_free(struct ogi_reconsideration_list *l);
void ogi_litigation_list_free(struct ogi_litigation_list *l);
void ogi_remedy_records_free(struct ogi_remedy_records *r);

/* The request a record belongs to, as the records' rules read it. */
struct ogi_remedy_owner {
	long long id, body_id;
	char tracking_no[64];
	ogi_date received_on;
	int outcome; /* enum ogi_outcome, −1 while open */
	/* the applicant's windows after the reply (the clock's reconsideration and
	   litigation subdeadlines: 60 days, 6 months from delivery), or OGI_DATE_NONE */
	ogi_date rc_window, lit_window;
};
void ogi_remedy_owner_of(const struct ogi_request *r, struct ogi_remedy_owner *out);

/* A new record of request o (its fields unset: dates OGI_DATE_NONE, no
 * decision), and a new instance seq of a litigation. */
void ogi_reconsideration_init(struct ogi_reconsideration *r, const struct ogi_remedy_owner *o);
void ogi_litigation_init(struct ogi_litigation *l, const struct ogi_remedy_owner *o);
void ogi_instance_init(struct ogi_litigation_instance *x, int seq);

/* A record in the terms of the rules above: a reconsideration's dates, and a
 * litigation's instances (v has room for OGI_INSTANCES_MAX; each order to
 * reply anew is superseded once a later instance was filed against it). */
struct ogi_reconsideration_dates ogi_reconsideration_dates_of(const struct ogi_reconsideration *r);
size_t ogi_litigation_instances(const struct ogi_litigation *l, struct ogi_instance *v);
/* The result a reconsideration's decision gives (OGI_RESULT_PENDING while undecided). */
enum ogi_remedy_result ogi_reconsideration_result(const struct ogi_reconsideration *r);

/* How a record counts in the annual report (table 四) of the year it was
 * filed: its block (lib/report.h: OGI_REPORT_RECONSIDERATION,
 * OGI_REPORT_LITIGATION_DIRECT, OGI_REPORT_LITIGATION_AFTER), its result as
 * of that year's 31 December (ogi_reconsideration_report_result,
 * ogi_litigation_report_result: the report's own rule) and the decision
 * that gives it (decisive_on, OGI_DATE_NONE while pending). */
struct ogi_remedy_count {
	int year, block;
	enum ogi_remedy_result result;
	ogi_date decisive_on;
};
struct ogi_remedy_count ogi_reconsideration_count(const struct ogi_reconsideration *r);
struct ogi_remedy_count ogi_litigation_count(const struct ogi_litigation *l);
/* Whether two counts put a record in the same cell of the same year. */
bool ogi_remedy_count_same(const struct ogi_remedy_count *a, const struct ogi_remedy_count *b);

/* The checks of a record after a change, as one table of rules (field
 * errors added to errs; the caller's own, e.g. a required field cleared,
 * may already be there): OGI_E_INVALID_INPUT when errs holds any, else 0
 * or the rule broken with an English sentence in detail.  today bounds
 * every date.
 *
 * A reconsideration (before: as stored, NULL for a new one; correcting: a
 * correction_reason was given): no date after today; accepted, decided and
 * served in that order from the filing; a decision date and a decision type
 * together; the simple procedure from 2024-01-01 (行政复议法 2023 art. 53)
 * and never extended; an order to reply anew only after a decision that
 * can order one (arts. 64–67; not 变更, art. 63); filed no earlier than the
 * request was received (OGI_E_DATE_BEFORE_RECEIPT); decided no earlier than
 * filed (OGI_E_DECISION_BEFORE_FILING); a recorded decision changed only
 * with a correction reason (OGI_E_ALREADY_DECIDED).  Sets late_filing: filed
 * after the applicant's 60 days (art. 20). */
enum ogi_error ogi_reconsideration_validate(const struct ogi_reconsideration *before,
                                            struct ogi_reconsideration *r,
                                            const struct ogi_remedy_owner *o, bool correcting,
                                            ogi_date today, struct spec_errors *errs, char *detail,
                                            size_t len);

/* The latest a hearing may be set after its instance's filing (ogi_instance_validate). */
#define OGI_HEARING_MAX_MONTHS 36

/* One instance on its own: no date after today; served and heard no earlier
 * than filed, heard no later than OGI_HEARING_MAX_MONTHS after it (or after
 * today, the filing unknown); a decision date and a judgment together; the judgment served
 * after it; an order to reply anew after a decision; the simple procedure
 * at first instance only (行政诉讼法 art. 82).  Field errors into errs. */
void ogi_instance_validate(const struct ogi_litigation_instance *x, ogi_date today,
                           struct spec_errors *errs);
/* A decided instance (was) changed to x only with a correction reason:
 * 0 or OGI_E_ALREADY_DECIDED. */
enum ogi_error ogi_instance_correction(const struct ogi_litigation_instance *was,
                                       const struct ogi_litigation_instance *x, bool correcting,
                                       char *detail, size_t len);

/* A whole litigation after a change (its fields and instances checked
 * already, errs empty), with rcs the reconsiderations of its request, and
 * its derived fields set (late_filing, needs_reconsideration,
 * the first instance's filing date, each instance's result).  The rules:
 * filed no later than today and no earlier than the request was received
 * (OGI_E_DATE_BEFORE_RECEIPT); a direct suit names no reconsideration, a
 * suit after reconsideration names one of the request's
 * (OGI_E_RECONSIDERATION_REQUIRED, or invalid reconsideration_id);
 * 行政诉讼法 art. 45: a suit after reconsideration is filed once the
 * reconsideration was decided or its period (行政复议法 2023 art. 62) ran
 * out, late after 15 days from the decision's service or the period's end;
 * 行政复议法 2023 art. 29: no direct suit while a reconsideration of the
 * request runs (both OGI_E_RECONSIDERATION_PENDING); 行政诉讼法 art. 46: a
 * direct suit is late after the applicant's 6 months (lit_window); art. 23
 * (1)(4): a direct suit against a withholding reply filed from 2024-01-01
 * is flagged as needing reconsideration first; the instances in a lawful
 * order (ogi_litigation_check); an order to reply anew only where the
 * judgment can order one (ogi_judgment_orders_redo). */
enum ogi_error ogi_litigation_validate(const struct ogi_calendar *cal, struct ogi_litigation *l,
                                       const struct ogi_remedy_owner *o,
                                       const struct ogi_reconsideration_list *rcs, ogi_date today,
                                       struct spec_errors *errs, char *detail, size_t len);

/* The stored fields of a record as JSON: what the audit log keeps of a
 * change (old and new values), what tells whether a change changed
 * anything, and the first members of the record as the API shows it. */
json_t *ogi_reconsideration_fields(const struct ogi_reconsideration *r);
json_t *ogi_litigation_fields(const struct ogi_litigation *l);
json_t *ogi_instance_fields(const struct ogi_litigation_instance *x);

/* One change of a record as the audit log keeps it (its history). */
struct ogi_remedy_change {
	char at[64], actor[320], entity[32], entity_id[32], action[16];
	json_t *old_value, *new_value; /* owned; NULL when the row has none */
};
struct ogi_remedy_history {
	size_t n;
	struct ogi_remedy_change *v;
};
void ogi_remedy_history_free(struct ogi_remedy_history *h);

/* ---- the dates the records set: the deadline explanation and the queue ---------------- */

/* One date a record sets (ogi_reconsideration_deadlines, ogi_instance_deadlines),
 * with the record it belongs to. */
struct ogi_remedy_date {
	struct ogi_remedy_deadline d;
	long long request_id;
	bool
	    litigation; /* a litigation's (record_id; seq its instance), else a reconsideration's */
	long long record_id;
	int seq;
};

/* One step of the explanation: what happened (or is due) from..to. */
enum ogi_remedy_step_kind {
	OGI_STEP_RC_FILED,         /* filed → the decision due */
	OGI_STEP_RC_DECIDED,       /* decided → the last day to sue */
	OGI_STEP_LIT_FILED,        /* the suit filed */
	OGI_STEP_INSTANCE_DECIDED, /* an instance decided */
	OGI_STEP_REDO, /* an order to reply anew: decided → the new reply or its date */
};
struct ogi_remedy_step {
	enum ogi_remedy_step_kind kind;
	ogi_date from, to;
	const struct ogi_reconsideration *rc; /* the record it is of (the other NULL) */
	const struct ogi_litigation *lit;
	int inst; /* the instance's index in lit (OGI_STEP_INSTANCE_DECIDED, a court's redo) */
	bool superseded; /* OGI_STEP_REDO of a court: appealed or retried, so not in force */
};

/* The dates and steps of records (only those of request_id when > 0):
 * every reconsideration's in order, then every litigation's instances'.
 * The steps point into records, which must outlive them. */
struct ogi_remedy_timeline {
	size_t ndates, nsteps;
	struct ogi_remedy_date *dates;
	struct ogi_remedy_step *steps;
};
/* False when out of memory (out is then empty). */
bool ogi_remedy_timeline(const struct ogi_calendar *cal, const struct ogi_remedy_records *records,
                         long long request_id, struct ogi_remedy_timeline *out);
void ogi_remedy_timeline_free(struct ogi_remedy_timeline *t);

#endif
