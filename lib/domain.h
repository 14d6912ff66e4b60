/* The vocabularies of the domain (DESIGN.md §2): applicant kinds, channels,
 * regimes, event types, statuses and outcomes, with their wire names.
 * Every enum has a names table in the same order, ending with NULL, so a
 * JSON spec can parse it and a renderer can print it. */
#ifndef OGI_DOMAIN_H
#define OGI_DOMAIN_H

#include <stdbool.h>

/* The report's six applicant columns, in the report's order. */
enum ogi_applicant_kind {
	OGI_APPLICANT_NATURAL_PERSON,
	OGI_APPLICANT_COMMERCIAL_ENTERPRISE,
	OGI_APPLICANT_RESEARCH_INSTITUTION,
	OGI_APPLICANT_SOCIAL_WELFARE_ORG,
	OGI_APPLICANT_LEGAL_SERVICE_ORG,
	OGI_APPLICANT_OTHER_ORG,
	OGI_APPLICANT_KIND_COUNT
};
extern const char *const ogi_applicant_kind_names[];

enum ogi_id_type {
	OGI_ID_RESIDENT_ID_CARD, /* 居民身份证, GB 11643 */
	OGI_ID_USCC,             /* 统一社会信用代码, GB 32100 */
	OGI_ID_PASSPORT,
	OGI_ID_HK_MACAO_PERMIT, /* 港澳居民来往内地通行证 / 居住证 */
	OGI_ID_TAIWAN_PERMIT,
	OGI_ID_FOREIGN_PERMANENT, /* 外国人永久居留身份证 */
	OGI_ID_OTHER,
	OGI_ID_TYPE_COUNT
};
extern const char *const ogi_id_type_names[];

/* Art. 31: which date is the legal receipt date depends on the channel. */
enum ogi_channel {
	OGI_CHANNEL_IN_PERSON,
	OGI_CHANNEL_ORAL,
	OGI_CHANNEL_POST_REGISTERED,
	OGI_CHANNEL_POST_ORDINARY,
	OGI_CHANNEL_ONLINE,
	OGI_CHANNEL_FAX,
	OGI_CHANNEL_EMAIL,
	OGI_CHANNEL_COUNT
};
extern const char *const ogi_channel_names[];

enum ogi_medium {
	OGI_MEDIUM_PAPER,
	OGI_MEDIUM_ELECTRONIC,
	OGI_MEDIUM_INSPECTION,
	OGI_MEDIUM_COUNT
};
extern const char *const ogi_medium_names[];

enum ogi_delivery {
	OGI_DELIVERY_PICKUP,
	OGI_DELIVERY_POST,
	OGI_DELIVERY_EMAIL,
	OGI_DELIVERY_ONLINE,
	OGI_DELIVERY_COUNT
};
extern const char *const ogi_delivery_names[];

/* 2008: the 2007 regulation (15 + 15 wd); 2019: the 2019 revision (20 + 20 wd). */
enum ogi_regime { OGI_REGIME_2008, OGI_REGIME_2019 };
extern const char *const ogi_regime_names[]; /* "2008", "2019" */

/* The regime of a legal receipt date: 2019 from 2019-05-15 on. */
enum ogi_regime ogi_regime_for(int received_on /* ogi_date */);

enum ogi_event_type {
	OGI_EV_CORRECTION_REQUESTED,
	OGI_EV_CORRECTION_RECEIVED,
	OGI_EV_CONSULTATION_STARTED,
	OGI_EV_CONSULTATION_ENDED,
	OGI_EV_EXTENSION_APPROVED,
	OGI_EV_DELAY_SET,
	OGI_EV_FEE_NOTICE_ISSUED,
	OGI_EV_FEE_PAID,
	OGI_EV_FEE_WAIVED,
	OGI_EV_FEE_LAPSED,
	OGI_EV_REPLIED,
	OGI_EV_WITHDRAWN,
	OGI_EV_CORRECTION_LAPSED,
	OGI_EV_NOTE,
	OGI_EV_DEADLINE_RECOMPUTED,    /* recorded by ogi itself when the calendar changes */
	OGI_EV_REGISTERED,             /* recorded by ogi itself at intake */
	OGI_EV_CONSULTATION_DELIVERED, /* the consulted party received the letter (on = that day) */
	OGI_EV_OBJECTION_OVERRIDDEN,   /* art. 32: disclosure decided over a third party's objection
	                                */
	/* recorded by ogi itself through the letter routes (never POST …/events) */
	OGI_EV_LETTER_ISSUED, /* a letter (文书) numbered and frozen {letter_id, kind, ref} */
	OGI_EV_LETTER_VOIDED, /* an issued letter withdrawn {letter_id, ref, reason} */
	OGI_EV_LETTER_SERVED, /* a letter's service got its legal date (on) {letter_id, kind,
	                         method, served_on} (国办公开办函〔2016〕235号) */
	/* recorded by ogi itself through PATCH /requests/{id} (never POST …/events): the
	   registration corrected {reason, changes: [{field, from, to}], due_on: {from, to}
	   when it moved, override_reason}; personal numbers masked (lib/correction.h) */
	OGI_EV_RECORD_CORRECTED,
	OGI_EV_ASSIGNED,    /* 承办: {assignee (a user id, or null), unit (or null)} */
	OGI_EV_TRANSFERRED, /* 转办 / 退回: {from_body_id, to_body_id, reason}; the receipt date
	                       and the clock go with the request */
	/* recorded by ogi itself through the supervision routes (never POST …/events) */
	OGI_EV_SUPERVISED,           /* 督办: {supervision_id, by_body_id, by_body_name, note,
	                                report_by} */
	OGI_EV_SUPERVISION_ANSWERED, /* the supervised body's report {supervision_id,
	                                by_body_name, answer} */
	OGI_EV_TYPE_COUNT
};
extern const char *const ogi_event_type_names[];
/* The letter events: ogi records them through the letter routes only. */
bool ogi_event_is_letter(enum ogi_event_type t);
/* The supervision events: ogi records them through the supervision routes only. */
bool ogi_event_is_supervision(enum ogi_event_type t);

enum ogi_status {
	OGI_STATUS_REGISTERED, /* clock running */
	OGI_STATUS_AWAITING_CORRECTION,
	OGI_STATUS_CONSULTING,
	OGI_STATUS_AWAITING_PAYMENT,
	OGI_STATUS_CLOSED,
	OGI_STATUS_COUNT
};
extern const char *const ogi_status_names[];

/* One outcome vocabulary (DESIGN.md §2 "Outcomes and the report rows"). */
enum ogi_outcome {
	OGI_OUT_ALREADY_PUBLIC,
	OGI_OUT_DISCLOSED,
	OGI_OUT_PARTIAL,
	OGI_OUT_WITHHELD_STATE_SECRET,
	OGI_OUT_WITHHELD_LAW_PROHIBITED,
	OGI_OUT_WITHHELD_SECURITY_STABILITY,
	OGI_OUT_WITHHELD_THIRD_PARTY,
	OGI_OUT_WITHHELD_INTERNAL_AFFAIRS,
	OGI_OUT_WITHHELD_PROCESS_INFO,
	OGI_OUT_WITHHELD_ENFORCEMENT_FILE,
	OGI_OUT_WITHHELD_QUERY_MATTER,
	OGI_OUT_NOT_HELD_NOT_EXIST,
	OGI_OUT_NOT_HELD_OTHER_BODY,
	OGI_OUT_NEEDS_CREATION,
	OGI_OUT_STILL_UNCLEAR,
	OGI_OUT_NOT_GOVERNMENT_INFO,
	OGI_OUT_REJECTED_PETITION,
	OGI_OUT_REJECTED_REPEAT,
	OGI_OUT_REJECTED_PUBLICATION,
	OGI_OUT_REJECTED_EXCESSIVE,
	OGI_OUT_REJECTED_CONFIRM_REISSUE,
	OGI_OUT_LAPSED_CORRECTION,
	OGI_OUT_LAPSED_FEE,
	OGI_OUT_WITHDRAWN,
	OGI_OUT_OTHER,
	OGI_OUTCOME_COUNT
};
extern const char *const ogi_outcome_names[];
/* Short Chinese labels of the outcomes, for explanations and lists. */
extern const char *const ogi_outcome_labels_zh[];
/* Outcomes a `replied` event may carry (the others come from closing events). */
bool ogi_outcome_is_reply(enum ogi_outcome o);
bool ogi_outcome_is_withheld(enum ogi_outcome o);

enum ogi_role {
	OGI_ROLE_AUDITOR,
	OGI_ROLE_CLERK,
	OGI_ROLE_HANDLER,
	OGI_ROLE_APPROVER,
	OGI_ROLE_ADMIN,
	OGI_ROLE_COUNT
};
extern const char *const ogi_role_names[];

/* The letters (文书) ogi writes (reference/letters.md), with their wire names. */
enum ogi_letter_kind {
	OGI_LETTER_RECEIPT,                  /* 登记回执 (arts. 29, 31) */
	OGI_LETTER_CORRECTION_NOTICE,        /* 补正申请告知书 (art. 30) */
	OGI_LETTER_EXTENSION_NOTICE,         /* 延期答复告知书 (art. 33(2)) */
	OGI_LETTER_DELAY_NOTICE,             /* 延迟答复告知书 (art. 35) */
	OGI_LETTER_THIRD_PARTY_CONSULTATION, /* 征求第三方意见书 with its 意见回执 (art. 32) */
	OGI_LETTER_CONSULTATION_NOTICE, /* 征求意见告知书, to the applicant (art. 33(3)) */
	OGI_LETTER_BODY_CONSULTATION,   /* 征求意见函, to a co-producing body (art. 34) */
	OGI_LETTER_OVERRIDE_NOTICE,     /* 决定公开告知书, to the third party (art. 32) */
	OGI_LETTER_FEE_NOTICE,          /* 收费通知书 (art. 42, 国办函〔2020〕109号) */
	OGI_LETTER_REPLY, /* 答复书 / 告知书 chosen by the outcome (arts. 36–39) */
	OGI_LETTER_KIND_COUNT
};
extern const char *const ogi_letter_kind_names[];

/* How a letter was served (送达, 国办公开办函〔2016〕235号). */
enum ogi_service_method {
	OGI_SERVICE_IN_PERSON,
	OGI_SERVICE_POST,
	OGI_SERVICE_EMAIL,
	OGI_SERVICE_ONLINE,
	OGI_SERVICE_FAX,
	OGI_SERVICE_LEFT_AT_ADDRESS,
	OGI_SERVICE_PUBLIC_NOTICE,
	OGI_SERVICE_METHOD_COUNT
};
extern const char *const ogi_service_method_names[];

/* The entities the audit log records changes of (audit_log.entity; every writer uses one). */
extern const char *const ogi_audit_entity_names[];

/* Who records a change: a user (id > 0) or ogi itself (id 0), with the name
 * the history shows (borrowed). */
struct ogi_actor {
	long long user_id;
	const char *name;
};

/* Index of name in a NULL-terminated names table, or -1. */
int ogi_enum_parse(const char *const names[], const char *name);

#endif
