/* The documents ogi writes for a case file (issue 14 item 4), in Chinese as
 * the archive keeps them: the registration sheet (政府信息公开申请登记表), the
 * timeline with the deadline explanation (办理记录与期限说明, PDF and CSV)
 * and the index (卷内目录, PDF; its CSV is lib/casefile.h's).  Built from lib
 * structs, printed by lib/sheet_pdf.c.  Each returns 0 with malloc'd bytes
 * in *out / *len, or -1 when out of memory or the renderer failed. */
#ifndef OGI_CASEFILE_DOCS_H
#define OGI_CASEFILE_DOCS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "lib/casefile.h"
#include "lib/request.h"

/* The label of an event type (by its wire name), "" for one not known. */
const char *ogi_casefile_event_label(const char *type);

/* The registration sheet of r at body_name: the identity number whole when
 * full_id, else masked and said so. */
int ogi_casefile_registration_pdf(const struct ogi_request *r, const char *body_name, bool full_id,
                                  time_t created, unsigned char **out, size_t *len);

/* The timeline: every event (date, what, who, when recorded, details) and
 * explain (lib/projection.h's ogi_projection_explain: the due date, its
 * steps, the sub-deadlines). */
int ogi_casefile_timeline_pdf(const struct ogi_request *r, const char *body_name,
                              const struct ogi_event *events, size_t n, json_t *explain,
                              time_t created, unsigned char **out, size_t *len);
/* The same events as CSV (BOM, CRLF): 日期,事项,说明,记录人,记录时间. */
int ogi_casefile_timeline_csv(const struct ogi_event *events, size_t n, char **out, size_t *len);

/* The index of cf (numbered) as a PDF: 序号, 文件题名, 日期, 页数, 大小, SHA-256. */
int ogi_casefile_index_pdf(const struct ogi_casefile *cf, const struct ogi_request *r,
                           const char *body_name, time_t created, unsigned char **out, size_t *len);

#endif
