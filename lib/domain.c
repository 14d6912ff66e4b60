/* Wire names of the domain vocabularies (see domain.h). */
#include "lib/domain.h"

#include <string.h>

#include "lib/date.h"

const char *const ogi_applicant_kind_names[] = {"natural_person",
                                                "commercial_enterprise",
                                                "research_institution",
                                                "social_welfare_org",
                                                "legal_service_org",
                                                "other_org",
                                                NULL};

const char *const ogi_id_type_names[] = {
    "resident_id_card",           "uscc",  "passport", "hk_macao_permit", "taiwan_permit",
    "foreign_permanent_resident", "other", NULL};

const char *const ogi_channel_names[] = {"in_person", "oral", "post_registered", "post_ordinary",
                                         "online",    "fax",  "email",           NULL};

const char *const ogi_medium_names[] = {"paper", "electronic", "inspection", NULL};

const char *const ogi_delivery_names[] = {"pickup", "post", "email", "online", NULL};

const char *const ogi_regime_names[] = {"2008", "2019", NULL};

enum ogi_regime ogi_regime_for(int received_on)
{
	return received_on < ogi_date_from_ymd(2019, 5, 15) ? OGI_REGIME_2008 : OGI_REGIME_2019;
}

const char *const ogi_event_type_names[] = {"correction_requested",
                                            "correction_received",
                                            "consultation_started",
                                            "consultation_ended",
                                            "extension_approved",
                                            "delay_set",
                                            "fee_notice_issued",
                                            "fee_paid",
                                            "fee_waived",
                                            "fee_lapsed",
                                            "replied",
                                            "withdrawn",
                                            "correction_lapsed",
                                            "note",
                                            "deadline_recomputed",
                                            "registered",
                                            "consultation_delivered",
                                            "objection_overridden",
                                            "letter_issued",
                                            "letter_voided",
                                            "letter_served",
                                            "record_corrected",
                                            "assigned",
                                            "transferred",
                                            "supervised",
                                            "supervision_answered",
                                            NULL};

bool ogi_event_is_letter(enum ogi_event_type t)
{
	return t == OGI_EV_LETTER_ISSUED || t == OGI_EV_LETTER_VOIDED || t == OGI_EV_LETTER_SERVED;
}

const char *const ogi_status_names[] = {
    "registered", "awaiting_correction", "consulting", "awaiting_payment", "closed", NULL};

const char *const ogi_outcome_names[] = {"already_public",
                                         "disclosed",
                                         "partial",
                                         "withheld_state_secret",
                                         "withheld_law_prohibited",
                                         "withheld_security_stability",
                                         "withheld_third_party",
                                         "withheld_internal_affairs",
                                         "withheld_process_info",
                                         "withheld_enforcement_file",
                                         "withheld_query_matter",
                                         "not_held_not_exist",
                                         "not_held_other_body",
                                         "needs_creation",
                                         "still_unclear",
                                         "not_government_info",
                                         "rejected_petition",
                                         "rejected_repeat",
                                         "rejected_publication",
                                         "rejected_excessive",
                                         "rejected_confirm_reissue",
                                         "lapsed_correction",
                                         "lapsed_fee",
                                         "withdrawn",
                                         "other",
                                         NULL};

const char *const ogi_outcome_labels_zh[] = {"予以公开（已主动公开）",
                                             "予以公开",
                                             "部分公开",
                                             "不予公开：属于国家秘密",
                                             "不予公开：其他法律行政法规禁止公开",
                                             "不予公开：危及“三安全一稳定”",
                                             "不予公开：保护第三方合法权益",
                                             "不予公开：属于三类内部事务信息",
                                             "不予公开：属于四类过程性信息",
                                             "不予公开：属于行政执法案卷",
                                             "不予公开：属于行政查询事项",
                                             "无法提供：本机关不掌握相关政府信息",
                                             "无法提供：本机关不掌握（告知负责机关）",
                                             "无法提供：没有现成信息需要另行制作",
                                             "无法提供：补正后申请内容仍不明确",
                                             "不属于政府信息",
                                             "不予处理：信访举报投诉类申请",
                                             "不予处理：重复申请",
                                             "不予处理：要求提供公开出版物",
                                             "不予处理：无正当理由大量反复申请",
                                             "不予处理：要求行政机关确认或重新出具已获取信息",
                                             "申请人无正当理由逾期不补正",
                                             "申请人逾期未按收费通知要求缴纳费用",
                                             "申请人撤回申请",
                                             "其他",
                                             NULL};

bool ogi_outcome_is_reply(enum ogi_outcome o)
{
	return o != OGI_OUT_LAPSED_CORRECTION && o != OGI_OUT_LAPSED_FEE &&
	       o != OGI_OUT_WITHDRAWN && (int)o >= 0 && o < OGI_OUTCOME_COUNT;
}

bool ogi_outcome_is_withheld(enum ogi_outcome o)
{
	return o >= OGI_OUT_WITHHELD_STATE_SECRET && o <= OGI_OUT_WITHHELD_QUERY_MATTER;
}

const char *const ogi_role_names[] = {"auditor", "clerk", "handler", "approver", "admin", NULL};

const char *const ogi_letter_kind_names[] = {"receipt",
                                             "correction_notice",
                                             "extension_notice",
                                             "delay_notice",
                                             "third_party_consultation",
                                             "consultation_notice",
                                             "body_consultation",
                                             "override_notice",
                                             "fee_notice",
                                             "reply",
                                             NULL};

const char *const ogi_service_method_names[] = {
    "in_person", "post", "email", "online", "fax", "left_at_address", "public_notice", NULL};

const char *const ogi_audit_entity_names[] = {
    "attachment",
    "body",
    "calendar",
    "litigation",
    "litigation_instance",
    "reconsideration",
    "register_import",
    "report",
    "role",
    "supervision",
    "token",
    "user",
    NULL,
};

int ogi_enum_parse(const char *const names[], const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

bool ogi_event_is_supervision(enum ogi_event_type t)
{
	return t == OGI_EV_SUPERVISED || t == OGI_EV_SUPERVISION_ANSWERED;
}
