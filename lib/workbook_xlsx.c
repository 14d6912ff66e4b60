/* The register reader's xlsx (workbook.h): stub until the reader lands. */
#include "lib/workbook_int.h"

bool wb_read_xlsx(struct wb *wb, const unsigned char *data, size_t len)
{
	(void)data;
	(void)len;
	return wb_fail(wb, "not_a_spreadsheet", 0, "暂不支持 xlsx。", "xlsx is not read yet.");
}
