/* The case file (案卷) of a request as the archive takes it (归档, 档案移交;
 * issue 14 item 4): a list of entries — the registration sheet (登记表), every
 * issued letter as stored, every attachment, the timeline with the deadline
 * explanation — each with its 序号, 文件题名, 日期, 页数, size and SHA-256, and
 * the index of them (卷内目录) as CSV.  The rules for the names of the files
 * inside the ZIP live here too: UTF-8 (Chinese kept), the 序号 first so a
 * file manager lists them in the index's order, nothing that could leave the
 * archive's folder or trip a Windows or Unix file system.  Pure: the bytes
 * come from lib/db/casefile.c, the ZIP from lib/casefile_zip.c. */
#ifndef OGI_CASEFILE_H
#define OGI_CASEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "lib/date.h"
#include "lib/secret.h"

/* What an entry is.  The index lists the registration sheet first, then
 * the attachments and letters together by date, then the timeline. */
enum ogi_casefile_kind {
	OGI_CF_REGISTRATION, /* 登记表 (rendered) */
	OGI_CF_ATTACHMENT,   /* 案卷材料 as uploaded */
	OGI_CF_LETTER,       /* an issued letter's stored PDF */
	OGI_CF_TIMELINE, /* 办理记录与期限说明 (rendered PDF, and a CSV of the events) */
	OGI_CF_INDEX,    /* 卷内目录 itself (PDF, CSV): not listed in it */
	OGI_CF_KIND_COUNT
};

/* The longest name of a file inside the ZIP, in bytes, 序号 and extension
 * included (most file systems take 255 bytes a name; a Chinese character is
 * three). */
#define OGI_CASEFILE_NAME_MAX 180

struct ogi_casefile_entry {
	enum ogi_casefile_kind kind;
	int seq;       /* 序号 from 1 (0 for the index files); set by ogi_casefile_number */
	char *title;   /* 文件题名 as the index prints it (owned) */
	ogi_date date; /* 日期: the document's own date */
	int pages;     /* 页数, 0 when unknown (a photograph, a spreadsheet) */
	long long size;
	char sha256[OGI_SHA256_HEX];
	char *name; /* the file's name inside the ZIP (owned); set by ogi_casefile_number */
	char *ext;  /* its extension with the dot (".pdf"; owned) */
	/* the bytes: in memory (owned, malloc'd), or streamed by the ZIP writer
	   from source_id (an attachment) when data is NULL */
	unsigned char *data;
	long long source_id;
	bool compress; /* deflate (text); stored as they are otherwise (PDF, scans) */
};

struct ogi_casefile {
	size_t n, cap;
	struct ogi_casefile_entry *v;
	time_t mtime; /* the time every file in the ZIP carries (the case's last event) */
	int left_out; /* voided attachments the case file leaves out (the index says how many) */
};

/* Appends an entry of kind titled title (copied) dated date with extension
 * ext (".pdf"), taking data (malloc'd, len bytes; its SHA-256 computed here)
 * or, when data is NULL, streamed from source_id with size bytes and the
 * SHA-256 sha256 stored for it.  The entry, or NULL when out of memory (data
 * is freed then). */
struct ogi_casefile_entry *ogi_casefile_add(struct ogi_casefile *cf, enum ogi_casefile_kind kind,
                                            const char *title, ogi_date date, const char *ext,
                                            unsigned char *data, size_t len);
struct ogi_casefile_entry *ogi_casefile_add_stream(struct ogi_casefile *cf,
                                                   enum ogi_casefile_kind kind, const char *title,
                                                   ogi_date date, const char *ext,
                                                   long long source_id, long long size,
                                                   const char *sha256);
void ogi_casefile_free(struct ogi_casefile *cf);

/* Orders the listed entries (as the enum says, by date, then as added), gives
 * them their 序号 from 1 and every entry its name: "03-答复书 平湛马办依申复
 * 〔2025〕1号.pdf", the index's "00-卷内目录.pdf".  False when out of memory. */
bool ogi_casefile_number(struct ogi_casefile *cf);

/* A safe file name from s, into out (size bytes, at least 16): valid UTF-8
 * (an invalid byte becomes '_'), no control character (C0, DEL, C1: dropped),
 * none of / \ : * ? " < > | (each '_'), no leading or trailing space or dot
 * (so never "." or ".." or a hidden file), not a name Windows reserves (CON,
 * NUL, COM1…: '_' first), cut at a character boundary to fit size − 1 bytes
 * less room bytes (for what the caller appends); "文件" when nothing is left.
 * Returns out. */
char *ogi_casefile_safe_name(const char *s, char *out, size_t size, size_t room);

/* The extension a stored file keeps, with its dot: the one ending name when
 * it is one of those of ext_ok (a NULL-terminated list, case aside:
 * ".jpeg" for a JPEG named so), else ext_ok[0].  Points into name or
 * ext_ok. */
const char *ogi_casefile_ext(const char *name, const char *const ext_ok[]);

/* The index (卷内目录) as CSV for spreadsheets: a BOM (Excel and WPS read
 * UTF-8), the header 序号,文件题名,日期,页数,大小（字节）,SHA-256,文件名 and one
 * row per listed entry, RFC 4180 (quoted text, CRLF; a leading = + - @
 * guarded by an apostrophe).  Malloc'd into *out, NULL when out of memory. */
char *ogi_casefile_index_csv(const struct ogi_casefile *cf, size_t *len);

/* A size as people read it: "812 字节", "35.2 KB", "12.5 MB". */
void ogi_casefile_size_text(long long size, char *out, size_t outlen);

/* How many pages a PDF has, counted from its page objects (/Type /Page,
 * not /Pages); 0 when none is found.  Enough for the PDFs ogi writes and
 * most scans; the index leaves the count blank otherwise. */
int ogi_casefile_pdf_pages(const unsigned char *pdf, size_t len);

#endif
