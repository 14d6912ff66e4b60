/* The rules of an application at intake (see intake.h). */
#include "lib/intake.h"

#include <string.h>

#include "lib/idcheck.h"

bool ogi_intake_check(struct ogi_intake *in, ogi_date today, struct spec_errors *errs, char *id_buf,
                      size_t id_len)
{
	int before = errs->n;
	/* 条例 art. 31: the receipt date is the day the office took the application or
	   confirmed it with the applicant, so a day that has not come is no receipt */
	if (in->received_on > today)
		spec_error_add(errs, "received_on", "date_in_future", "收到申请日期不能晚于今天",
		               "the receipt date cannot be in the future");
	if (in->received_on <
	    ogi_date_from_ymd(OGI_INTAKE_FLOOR_YEAR, OGI_INTAKE_FLOOR_MONTH, OGI_INTAKE_FLOOR_DAY))
		spec_error_add(
		    errs, "received_on", "before_regulation",
		    "收到申请日期早于条例施行日 2008-05-01",
		    "the receipt date is before the regulation took effect on 2008-05-01");
	/* art. 31 (二)(三): the office signs for or confirms what the applicant sent before */
	if (in->submitted_on != OGI_DATE_NONE && in->submitted_on > in->received_on)
		spec_error_add(errs, "submitted_on", "after_receipt",
		               "提交日期不能晚于收到申请日期",
		               "the submission date cannot be after the receipt date");
	/* and not long before it: the office signs for a letter within the days the post takes
	   and confirms an online or faxed application within days or, after a question to the
	   applicant, weeks.  More than OGI_INTAKE_SUBMITTED_MAX_DAYS before the receipt is a year
	   typed wrong (2007-12-31 for 2025-12-31: issue 19 item 8), never an application */
	else if (in->submitted_on != OGI_DATE_NONE &&
	         in->received_on - in->submitted_on > OGI_INTAKE_SUBMITTED_MAX_DAYS)
		spec_error_add(errs, "submitted_on", "too_early",
		               "提交日期早于收到申请日期一年以上，请检查年份",
		               "the submission date is more than a year before the receipt date: "
		               "check the year");
	if (in->confirmed_on != OGI_DATE_NONE && in->confirmed_on > today)
		spec_error_add(errs, "confirmed_on", "date_in_future", "确认日期不能晚于今天",
		               "the confirmation date cannot be in the future");

	int id_type = in->applicant.id_type;
	const char *id_number = in->applicant.id_number;
	bool has_type = id_type >= 0, has_number = id_number != NULL;
	if (has_number != has_type)
		spec_error_add(errs, has_number ? "applicant.id_type" : "applicant.id_number",
		               "required", "证件类型与证件号码须同时填写",
		               "id_type and id_number go together");
	struct ogi_idcheck why;
	if (has_number && has_type) {
		if (ogi_check_id(id_type, id_number, strlen(id_number), today, id_buf, id_len,
		                 &why))
			in->applicant.id_number = id_buf;
		else
			spec_error_add(errs, "applicant.id_number", why.code, why.message_zh,
			               why.message_en);
	}
	const char *phone = in->applicant.phone, *email = in->applicant.email;
	if (phone != NULL && !ogi_check_phone(phone, strlen(phone), &why))
		spec_error_add(errs, "applicant.phone", why.code, why.message_zh, why.message_en);
	if (email != NULL && !ogi_check_email(email, strlen(email), &why))
		spec_error_add(errs, "applicant.email", why.code, why.message_zh, why.message_en);
	/* GB/T 10113: a mainland 邮政编码 is six digits */
	const char *postcode = in->applicant.postcode;
	if (postcode != NULL && (strlen(postcode) != 6 || strspn(postcode, "0123456789") != 6))
		spec_error_add(errs, "applicant.postcode", "format", "邮政编码应为6位数字",
		               "a postcode is six digits");
	return errs->n == before;
}
