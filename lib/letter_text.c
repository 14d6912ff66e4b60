/* The wording of every letter (reference/letters.md, law.md §1, §7): one
 * row per template, {key, fields, default text}.  An office replaces any
 * text by its own (a body's overrides, a JSON object {key: text}) without a
 * release; ogi_letter_template_check admits an override only when every
 * {field} in it is one its key offers.
 *
 * Fields every template offers: {applicant} (the applicant's name), {you}
 * (「您」, or 「贵单位」 for an organisation), {body} (the body's full name),
 * {received_on} (the legal receipt date, 「2024年3月5日」), {description}
 * (the information sought, as recorded), {tracking_no}, {date} (the letter's
 * date) and {regulation} (「《中华人民共和国政府信息公开条例》」; in the 2008
 * regime the 2007 one, 「…（国务院令第492号）」).  The second column lists
 * the fields a key offers besides them; lib/letter_template.c labels each.
 * A field the record lacks prints as a blank mark, 「【待填写：…】」, that the
 * handler replaces before the letter can be issued.  '\n' in a text starts
 * a new paragraph.
 *
 * {basis} is the regulation with the article and item the paragraph rests
 * on (「《中华人民共和国政府信息公开条例》第三十六条第（二）项」), chosen by
 * letter_compose.c per regime and outcome; the remedy sentence is no
 * template (letter_remedy.c: it is the law's, and its date decides it). */
#include <stddef.h>

#include "lib/letter.h"
#include "lib/letter_fields.h"

// clang-format off
/* The opening, the 补正 received and the end common to the letters. */
#define COMMON_TEMPLATES(X) \
	X("common.opening", "", \
	  "本机关于{received_on}收到{you}提出的政府信息公开申请，申请获取“{description}”。") \
	X("common.correction_received", "corrected_on correction", \
	  "{corrected_on}收到{you}的补正申请，补正内容为“{correction}”。") \
	X("common.contact", "contact address postcode phone office_hours", \
	  "本机关{contact}。") \
	X("common.closing", "", \
	  "特此告知。")

/* 受理回执 (arts. 29, 31, 33): the web client's receipt as a letter. */
#define RECEIPT_TEMPLATES(X) \
	X("receipt.title", "", \
	  "{body}政府信息公开申请受理回执") \
	X("receipt.record", "channel received_on_wd due_on_wd", \
	  "申请编号：{tracking_no}\n" \
	  "受理机关：{body}\n" \
	  "申请人：{applicant}\n" \
	  "申请方式：{channel}\n" \
	  "收到申请日期：{received_on_wd}\n" \
	  "答复期限：{due_on_wd}\n" \
	  "申请内容：{description}") \
	X("receipt.form", "form", \
	  "载体形式与获取方式：{form}") \
	X("receipt.note", "period", \
	  "本机关已收到{you}的政府信息公开申请。根据《中华人民共和国政府信息公开条例》第三十三" \
	  "条，本机关将自收到申请之日起{period}个工作日内予以答复；需要延长答复期限的，经政府信" \
	  "息公开工作机构负责人同意将告知{you}，延长的期限最长不超过{period}个工作日。申请内容" \
	  "不明确的，本机关将一次性告知需要补正的事项。征求第三方和其他机关意见所需时间不计算在" \
	  "答复期限内。") \
	X("receipt.note_2008", "period", \
	  "本机关已收到{you}的政府信息公开申请。根据2008年施行的《中华人民共和国政府信息公开条" \
	  "例》第二十四条，本机关将自收到申请之日起{period}个工作日内予以答复；需要延长答复期限" \
	  "的，将告知{you}，延长答复的期限最长不超过{period}个工作日。") \
	X("receipt.keep", "", \
	  "请妥善保存本回执，查询办理进度时请提供申请编号 {tracking_no}。") \
	X("receipt.clerk", "clerk", \
	  "经办人：{clerk}")

/* 补正告知书 (art. 30), 延期答复告知书 (art. 33(2)), 延迟答复告知书 (art. 35). */
#define NOTICE_TEMPLATES(X) \
	X("correction_notice.title", "", \
	  "{body}政府信息公开申请补正告知书") \
	X("correction_notice.body", "basis items", \
	  "经审查，{you}的申请内容不明确。根据{basis}的规定，请{you}对以下事项作出补正：\n" \
	  "{items}") \
	X("correction_notice.due", "correction_due", \
	  "请{you}于{correction_due}前向本机关提交补正后的申请。无正当理由逾期不补正的，视为放" \
	  "弃申请，本机关不再处理该政府信息公开申请。答复期限自本机关收到补正的申请之日起计算。") \
	X("extension_notice.title", "", \
	  "{body}政府信息公开申请延期答复告知书") \
	X("extension_notice.body", "basis reason working_days due_on", \
	  "因{reason}，本机关不能在规定期限内作出答复。经政府信息公开工作机构负责人同意，根据{basis}" \
	  "的规定，答复期限延长{working_days}个工作日，本机关将于{due_on}前作出答复。") \
	X("delay_notice.title", "", \
	  "{body}政府信息公开申请延迟答复告知书") \
	X("delay_notice.body", "basis reason delay_due", \
	  "{you}申请公开政府信息的数量、频次明显超过合理范围。经审查，本机关认为{you}的申请理由" \
	  "合理，但因{reason}，无法在规定期限内答复。根据{basis}的规定，本机关确定延迟答复的期" \
	  "限至{delay_due}，届时将依法作出答复。")

/* 征求意见书 and its 意见回执 (art. 32), 征求意见告知书 (art. 33(3)), 征求意见函
 * (art. 34), 决定公开告知书 (art. 32). */
#define CONSULTATION_TEMPLATES(X) \
	X("third_party_consultation.title", "", \
	  "{body}政府信息公开申请征求意见书") \
	X("third_party_consultation.body", "basis info_concerned", \
	  "本机关于{received_on}收到申请人提出的政府信息公开申请，申请获取“{description}”。经审" \
	  "查，申请公开的{info_concerned}可能涉及您（单位）的商业秘密、个人隐私等合法权益，公开" \
	  "可能对您（单位）的合法权益造成损害。根据{basis}的规定，现书面征求您（单位）的意见。") \
	X("third_party_consultation.ask", "", \
	  "请您（单位）自收到本征求意见书之日起15个工作日内提出书面意见，填写所附意见回执后寄送" \
	  "或者送达本机关。不同意公开的，请说明理由。逾期未提出意见的，由本机关依照{regulation}" \
	  "的规定决定是否公开。") \
	X("third_party_consultation.form_title", "", \
	  "政府信息公开申请征求意见回执") \
	X("third_party_consultation.form", "info_concerned return_address", \
	  "{body}：\n" \
	  "贵机关于{date}发出的《政府信息公开申请征求意见书》已收悉。对申请公开的{info_concerned}" \
	  "，本人（单位）的意见如下：\n" \
	  "□ 同意公开。\n" \
	  "□ 不同意公开，理由如下（可另附页）：\n" \
	  "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿\n" \
	  "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿\n" \
	  "意见人（签名或者盖章）：＿＿＿＿＿＿＿＿　联系电话：＿＿＿＿＿＿＿＿\n" \
	  "日期：　　　　年　　月　　日\n" \
	  "请于收到征求意见书之日起15个工作日内将本回执寄送或者送达：{return_address}。") \
	X("consultation_notice.title", "", \
	  "{body}政府信息公开申请征求意见告知书") \
	X("consultation_notice.body", "basis consulted consultation_on", \
	  "因{you}申请公开的政府信息需要征求{consulted}的意见，本机关已于{consultation_on}书面" \
	  "征求意见。根据{basis}的规定，征求意见所需时间不计算在答复期限内。本机关将在收到意见" \
	  "或者征求意见期限届满后依法作出答复。") \
	X("body_consultation.title", "", \
	  "{body}政府信息公开申请征求意见函") \
	X("body_consultation.body", "basis info_concerned", \
	  "本机关于{received_on}收到申请人提出的政府信息公开申请，申请获取“{description}”。经审" \
	  "查，申请公开的{info_concerned}由本机关与贵机关共同制作。根据{basis}的规定，现征求贵" \
	  "机关意见。") \
	X("body_consultation.ask", "", \
	  "请贵机关自收到本函之日起15个工作日内提出意见并函复本机关。逾期未提出意见的，视为同意" \
	  "公开。") \
	X("override_notice.title", "", \
	  "{body}政府信息公开申请决定公开告知书") \
	X("override_notice.body", "consultation_on info_concerned answered_on objection_reasons", \
	  "本机关于{consultation_on}就申请人申请公开的{info_concerned}书面征求您（单位）的意见" \
	  "，您（单位）于{answered_on}答复不同意公开，理由为：{objection_reasons}。") \
	X("override_notice.decision", "basis override_reason disclose_on", \
	  "经审查，本机关认为不公开可能对公共利益造成重大影响，理由是：{override_reason}。根据{basis}" \
	  "的规定，本机关决定予以公开，并将于{disclose_on}向申请人公开上述政府信息。")

/* 收费通知书 (art. 42; 国办函〔2020〕109号 arts. 3–5; 2008: art. 27, 财综〔2008〕44号). */
#define FEE_TEMPLATES(X) \
	X("fee_notice.title", "", \
	  "{body}政府信息公开申请收费通知书") \
	X("fee_notice.per_item", "basis ordinal fee_items amount", \
	  "经统计，本申请为{you}本自然月内向本机关提出的第{ordinal}件政府信息公开申请（按{fee_items}" \
	  "件计），申请数量明显超过合理范围。根据{basis}的规定，本申请按件计收信息处理费{amount}" \
	  "元。") \
	X("fee_notice.per_volume", "basis pages amount", \
	  "经核算，向{you}提供的政府信息共{pages}页，数量明显超过合理范围。根据{basis}的规定，" \
	  "本申请按量计收信息处理费{amount}元。") \
	X("fee_notice.legacy", "basis amount fee_parts", \
	  "根据{basis}的规定，本机关依申请提供政府信息，可以收取检索、复制、邮寄等成本费用。本" \
	  "申请应缴纳费用{amount}元（{fee_parts}）。") \
	X("fee_notice.pay", "pay_by pay_how", \
	  "请{you}于{pay_by}前通过{pay_how}缴纳。自本机关发出收费通知至{you}缴纳费用的时间，不" \
	  "计算在答复期限内。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。") \
	X("fee_notice.pay_legacy", "pay_by pay_how", \
	  "请{you}于{pay_by}前通过{pay_how}缴纳。")

/* 答复书 / 告知书 by outcome (arts. 36–39, 14–16, 30, 35; DESIGN.md §2). */
#define REPLY_TEMPLATES(X) \
	X("reply.title.decision", "", \
	  "{body}政府信息公开申请答复书") \
	X("reply.title.notice", "", \
	  "{body}政府信息公开申请告知书") \
	X("reply.title.termination", "", \
	  "{body}政府信息公开申请终止办理告知书") \
	X("reply.already_public.decision", "basis where", \
	  "经查，{you}申请获取的政府信息本机关已主动公开。根据{basis}的规定，{you}可以通过以下" \
	  "途径获取：{where}。") \
	X("reply.disclosed.decision", "basis provided provide_how", \
	  "经审查，{you}申请获取的政府信息属于可以公开的政府信息。根据{basis}的规定，本机关决定" \
	  "予以公开。提供的政府信息：{provided}；提供方式：{provide_how}。") \
	X("reply.partial.decision", "basis disclosed_part provide_how", \
	  "经审查，{you}申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{basis}" \
	  "的规定，本机关向{you}提供可以公开的部分：{disclosed_part}；提供方式：{provide_how}。" \
	  "对不予公开的内容说明理由如下：") \
	X("reply.partial.part", "n part ground basis", \
	  "（{n}）{part}：{ground}，根据{basis}的规定，不予公开。") \
	X("reply.withheld.decision", "basis ground", \
	  "经审查，{you}申请获取的政府信息{ground}。根据{basis}的规定，本机关决定不予公开。") \
	X("reply.withheld_query_matter.decision", "basis ground proper_channel", \
	  "经审查，{you}申请获取的政府信息{ground}。根据{basis}的规定，请{you}依照有关法律、行" \
	  "政法规的规定办理：{proper_channel}。") \
	X("reply.reasons", "reasons", \
	  "具体理由：{reasons}") \
	X("reply.not_held_not_exist.decision", "basis search_done", \
	  "本机关收到申请后，对{search_done}进行了检索，未找到{you}申请获取的政府信息。根据{basis}" \
	  "的规定，现告知{you}：经检索，本机关没有{you}申请公开的政府信息，该政府信息不存在。") \
	X("reply.not_held_other_body.decision", "basis other_body", \
	  "经审查，{you}申请获取的政府信息不属于本机关负责公开。根据{basis}的规定，告知{you}：" \
	  "该政府信息由{other_body}负责公开，{you}可以向该机关提出申请。") \
	X("reply.not_held_other_body.contact", "other_body other_body_contact", \
	  "{other_body}的联系方式：{other_body_contact}。") \
	X("reply.needs_creation.decision", "basis", \
	  "经审查，本机关没有现成的{you}申请获取的政府信息，提供该信息需要本机关对现有政府信息" \
	  "进行加工、分析。根据{basis}的规定，本机关不予提供。") \
	X("reply.still_unclear.decision", "basis correction_requested_on", \
	  "本机关于{correction_requested_on}告知{you}作出补正。经审查，补正后{you}的申请内容仍" \
	  "不明确，本机关无法确定{you}申请获取的政府信息。根据{basis}的规定，本机关无法向{you}" \
	  "提供。{you}可以重新提出内容明确的申请。") \
	X("reply.not_government_info.decision", "basis", \
	  "经审查，{you}申请获取的信息不是行政机关在履行行政管理职能过程中制作或者获取的，以一" \
	  "定形式记录、保存的信息，不属于{basis}所称的政府信息。") \
	X("reply.rejected_petition.decision", "basis", \
	  "经审查，{you}是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{basis}的规定" \
	  "，本机关不作为政府信息公开申请处理。") \
	X("reply.rejected_petition.channel", "proper_channel", \
	  "{you}可以通过{proper_channel}提出。") \
	X("reply.rejected_repeat.decision", "basis earlier_ref earlier_on", \
	  "经审查，本机关已于{earlier_on}就{you}提出的相同政府信息公开申请作出答复（{earlier_ref}" \
	  "），{you}本次申请属于重复申请公开相同政府信息。根据{basis}的规定，本机关不予重复处理" \
	  "。") \
	X("reply.rejected_publication.decision", "basis proper_channel", \
	  "经审查，{you}申请获取的是政府公报、报刊、书籍等公开出版物。根据{basis}的规定，告知{you}" \
	  "可以通过{proper_channel}获取。") \
	X("reply.rejected_excessive.decision", "basis", \
	  "{you}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求{you}说明理由。经审查" \
	  "，本机关认为{you}的申请理由不合理。根据{basis}的规定，本机关不予处理。") \
	X("reply.rejected_confirm_reissue.decision", "basis", \
	  "经审查，{you}的申请是要求本机关对{you}已获取的政府信息进行确认或者重新出具，不属于{basis}" \
	  "规定的政府信息公开申请，本机关不予处理。") \
	X("reply.lapsed_correction.decision", "basis correction_requested_on correction_due", \
	  "本机关于{correction_requested_on}告知{you}作出补正，补正期限已于{correction_due}届满" \
	  "。{you}无正当理由逾期未补正，根据{basis}的规定，视为放弃申请，本机关不再处理该政府信" \
	  "息公开申请。") \
	X("reply.lapsed_fee.decision", "basis fee_notice_on pay_by", \
	  "本机关于{fee_notice_on}向{you}发出收费通知，缴费期限已于{pay_by}届满。{you}逾期未缴" \
	  "纳费用，根据{basis}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。") \
	X("reply.other.decision", "basis decision", \
	  "{decision}")

/* What each ground of 不予公开 says (arts. 14–16, 36(7), 2), in a withheld
 * reply and in each withheld part of a partial one. */
#define GROUND_TEMPLATES(X) \
	X("ground.withheld_state_secret", "", \
	  "属于依法确定为国家秘密的政府信息") \
	X("ground.withheld_law_prohibited", "", \
	  "属于法律、行政法规禁止公开的政府信息") \
	X("ground.withheld_security_stability", "", \
	  "公开后可能危及国家安全、公共安全、经济安全、社会稳定") \
	X("ground.withheld_third_party", "", \
	  "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害") \
	X("ground.withheld_internal_affairs", "", \
	  "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息") \
	X("ground.withheld_process_info", "", \
	  "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程" \
	  "性信息") \
	X("ground.withheld_enforcement_file", "", \
	  "属于行政执法案卷信息") \
	X("ground.withheld_query_matter", "", \
	  "属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定") \
	X("ground.not_government_info", "", \
	  "不属于政府信息")

#define ALL_TEMPLATES(X) \
	COMMON_TEMPLATES(X) \
	RECEIPT_TEMPLATES(X) \
	NOTICE_TEMPLATES(X) \
	CONSULTATION_TEMPLATES(X) \
	FEE_TEMPLATES(X) \
	REPLY_TEMPLATES(X) \
	GROUND_TEMPLATES(X)
// clang-format on

#define AS_ROW(key, fields, text) {key, fields, text},
#define AS_KEY(key, fields, text) key,

const struct ogi_letter_template ogi_letter_templates[] = {ALL_TEMPLATES(AS_ROW){NULL, NULL, NULL}};
const char *const ogi_letter_template_keys[] = {ALL_TEMPLATES(AS_KEY) NULL};
