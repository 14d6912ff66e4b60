/* An online application (网上申请, issue 15) as the public submits it
 * through /apply/, before a clerk confirms it: its fields and the rules
 * beyond their types (the identity document's GB 11643 / GB 32100 check,
 * the phone, a declaration ticked, no control characters anywhere), the
 * request it becomes on confirmation (art. 31(3): received the day both
 * sides confirm), its application number and 查询码, and what the status
 * page tells the applicant.  Pure: no SQL, no HTTP. */
#ifndef OGI_ONLINE_H
#define OGI_ONLINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/attachment.h"
#include "lib/date.h"
#include "lib/intake.h"
#include "lib/request.h"
#include "lib/spec.h"

/* the texts' limits, in characters (migrations/0018-online.sql checks them too) */
#define OGI_ONLINE_NAME_MAX        100
#define OGI_ONLINE_ADDRESS_MAX     200
#define OGI_ONLINE_CONTACT_MAX     100
#define OGI_ONLINE_TITLE_MAX       200
#define OGI_ONLINE_REF_MAX         100
#define OGI_ONLINE_DESCRIPTION_MAX 2000
#define OGI_ONLINE_REASON_MAX      500
/* the request's description composed from title, ref and description (bytes) */
#define OGI_ONLINE_COMPOSED_SIZE                                                                   \
	((OGI_ONLINE_TITLE_MAX + OGI_ONLINE_REF_MAX + OGI_ONLINE_DESCRIPTION_MAX) * 4 + 64)

/* an application number's size: "WS" + YYYYMMDD + 6 characters + NUL */
#define OGI_ONLINE_NUMBER_SIZE 17

struct ogi_online_app {
	long long body_id;
	int kind;    /* enum ogi_applicant_kind */
	int id_type; /* enum ogi_id_type */
	/* borrowed from the parsed JSON; NULL when absent; id_number in its normal form */
	const char *name, *id_number, *phone, *email, *address, *postcode, *contact;
	const char *info_title, *info_ref, *description;
	int medium, delivery; /* enum ogi_medium / ogi_delivery */
	bool declared;
	const char *pow_challenge;
	long long pow_nonce;
	char id_buf[64]; /* id_number points here once checked */
};

/* Parses a submission's body (POST /api/v1/public/applications) into out
 * and checks it as of today: one error for each field at fault, named by
 * its wire field (applicant.id_number, information.description,
 * declaration, …).  Unknown fields are refused.  True when none. */
bool ogi_online_parse(json_t *body, ogi_date today, struct ogi_online_app *out,
                      struct spec_errors *errs);

/* The intake of the request a confirmed application becomes: channel
 * online, received_on (and confirmed_on) the day of confirmation,
 * submitted_on the day it was submitted, the description composed from the
 * information's title, reference and description into buf.  Points into
 * app and buf. */
void ogi_online_intake(const struct ogi_online_app *app, ogi_date submitted_on,
                       ogi_date confirmed_on, char *buf, size_t buflen, struct ogi_intake *out);

/* An online application as stored (lib/db/online_apps.h reads it). */
struct ogi_online_row {
	long long id, body_id, request_id, decided_by;
	char body_name[OGI_BODY_NAME_SIZE];
	long long path[OGI_BODY_DEPTH_MAX]; /* the body's ancestors from the root, itself last */
	int npath;
	char number[OGI_ONLINE_NUMBER_SIZE];
	char state[16]; /* pending | confirmed | declined */
	char submitted_at[40], decided_at[40];
	ogi_date submitted_on; /* the day of submitted_at in Asia/Shanghai */
	long long age_seconds;
	char kind[32], id_type[40];
	char name[404], id_number[68], phone[132], email[1020], address[804], postcode[8],
	    contact[404];
	char info_title[804], info_ref[404], description[8004];
	char medium[24], delivery[24];
	char decline_reason[2004];
	int status_failures;
	long long since_failure; /* seconds since the last wrong code (-1: none) */
};
/* The application (the parser's view) a stored row holds, pointing into row. */
void ogi_online_row_app(const struct ogi_online_row *row, struct ogi_online_app *out);

/* An application number: "WS" + the day (YYYYMMDD) + 6 random characters of
 * an unambiguous alphabet (digits and capitals), into out[17]. */
void ogi_online_number_new(ogi_date day, char out[OGI_ONLINE_NUMBER_SIZE]);
/* Whether s looks like one (the lookup refuses nothing else, answering as for
 * a wrong code). */
bool ogi_online_number_valid(const char *s);

/* A 查询码: 12 random characters of an unambiguous alphabet, into out[13]. */
#define OGI_ONLINE_CODE_LEN 12
void ogi_online_code_new(char out[OGI_ONLINE_CODE_LEN + 1]);

/* The public status the applicant sees (their words: lib/online.c). */
enum ogi_public_status {
	OGI_PUBLIC_SUBMITTED,   /* 已提交待确认 */
	OGI_PUBLIC_DECLINED,    /* 未受理, with the reason */
	OGI_PUBLIC_ACCEPTED,    /* 已受理: registered, nothing done yet */
	OGI_PUBLIC_IN_PROGRESS, /* 办理中 */
	OGI_PUBLIC_CORRECTION,  /* 待补正 */
	OGI_PUBLIC_CONSULTING,  /* 征求意见中 */
	OGI_PUBLIC_EXTENDED,    /* 已延期 */
	OGI_PUBLIC_PAYMENT,     /* 待缴费 */
	OGI_PUBLIC_REPLIED,     /* 已答复 */
	OGI_PUBLIC_ENDED,       /* 已终止 */
	OGI_PUBLIC_STATUS_COUNT
};
extern const char *const ogi_public_status_names[];
extern const char *const ogi_public_status_zh[];
extern const char *const ogi_public_status_en[];

/* The public status of a registered request: its status (enum ogi_status),
 * outcome (enum ogi_outcome, -1 while open), whether an extension or a
 * delay moved its due date, and whether any event followed registration. */
enum ogi_public_status ogi_public_status_of(int status, int outcome, bool extended, bool any_event);

/* An online 补正 (an applicant's answer to a correction notice, migration 0031) as staff see
 * it, with its request's (current) body. */
struct ogi_correction_row {
	long long id, online_id, request_id, body_id;
	char number[32]; /* the online application's number */
	char tracking_no[64];
	char body_name[OGI_BODY_NAME_SIZE];
	long long path[OGI_BODY_DEPTH_MAX]; /* the body's, for the caller's rights */
	int npath;
	char *text; /* owned */
	char received_at[40];
	ogi_date received_on;
	long long age_seconds;
	char state[16];
	char handled_at[40]; /* empty while pending */
	long long handled_by;
	char handled_by_name[OGI_USERNAME_SIZE];
	char reject_reason[2004];
	long long event_id; /* the correction_received event of a confirmed one */
};
void ogi_correction_row_free(struct ogi_correction_row *o);

/* The applicant's files (migration 0032): an identity copy sent with a pending application. */
#define OGI_ONLINE_FILES_MAX 3
#define OGI_ONLINE_FILE_MAX  (1024 * 1024) /* bytes: the request body's cap */
struct ogi_online_file {
	long long id, online_id, body_id;
	char name[OGI_ATTACHMENT_NAME_SIZE];
	char content_type[32];
	long long size;
	char sha256[OGI_SHA256_HEX];
	char received_at[40];
	long long attachment_id; /* 0 until the application is confirmed */
	long long
	    correction_id; /* the online correction answer it goes with; 0: the application's */
};

#endif
