/* The annual report's outputs: the API's JSON (DESIGN.md §3) and the
 * documents — CSV, a print-ready HTML page and Markdown (report_render.c),
 * XLSX (report_xlsx.c) — all drawn from one finished struct ogi_report
 * (lib/report.h), which knows nothing of them. */
#ifndef OGI_REPORT_RENDER_H
#define OGI_REPORT_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "lib/report.h"

enum ogi_report_type { OGI_RT_JSON, OGI_RT_CSV, OGI_RT_HTML, OGI_RT_XLSX, OGI_RT_MD, OGI_RT_COUNT };
extern const char *const ogi_report_type_names[]; /* json csv html xlsx md */
extern const char *const ogi_report_type_mime[];
extern const char *const ogi_report_type_ext[];

/* The report as the API's JSON (DESIGN.md §3): the figures
 * (ogi_report_figures_json) with the title, texts, sentences, lock and
 * amendment, and the checks once finished.  Write it with
 * OGI_REPORT_JSON_FLAGS. */
json_t *ogi_report_json(const struct ogi_report *r);

/* The name a download of r as type is saved under, as a clerk files it:
 * the title (「某街道办事处2026年政府信息公开工作年度报告」), 「（含所属机关汇总）」
 * for a body with those under it, the format when it is not the year's own
 * (「（2019年格式）」), and the extension; malloc'd (NULL when out of memory). */
char *ogi_report_file_name(const struct ogi_report *r, enum ogi_report_type type);

/* Renders into out.  XLSX goes through a temporary file under $TMPDIR
 * (libxlsxwriter writes files) that is removed again.  False with err set
 * when that fails or memory runs out. */
bool ogi_report_render(const struct ogi_report *r, enum ogi_report_type type, struct ogi_buf *out,
                       char *err, size_t errlen);

#endif
