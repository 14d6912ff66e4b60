/* A list of requests as CSV for spreadsheets (GET /api/v1/requests.csv):
 * one line per request with every date column, UTF-8 with a BOM for Excel
 * and WPS, in a clerk's words — Chinese headings and values, dates a
 * spreadsheet reads as dates, 是/否 for flags — or with ?codes=true the API's
 * field names, codes and true/false for scripts; text that a spreadsheet
 * would take for a formula defused. */
#ifndef OGI_WIRE_REQUESTS_CSV_H
#define OGI_WIRE_REQUESTS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/request.h"

/* The document being written: buf (malloc'd) holds len bytes. */
struct wire_csv {
	char *buf;
	size_t len, cap;
	bool codes; /* the API's names and codes rather than a clerk's words */
};

/* Starts the document: the BOM and the line of column titles.  False when out of memory. */
bool wire_requests_csv_begin(struct wire_csv *w, bool codes);
/* Adds r's line.  False when out of memory (w is then freed). */
bool wire_requests_csv_row(struct wire_csv *w, const struct ogi_request *r);
void wire_csv_free(struct wire_csv *w);

#endif
