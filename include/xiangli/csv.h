/* csv.h — reading the residents sheets that landlords and the police station hand over,
 * and the small field helpers the importer needs.
 *
 * The reader takes a whole file (or buffer) and gives rows of UTF-8 fields, each row with
 * the physical line where its record starts, for "file:line: column: reason" messages.
 *  - Encoding: UTF-8 with or without BOM; UTF-16 with BOM; otherwise, if the bytes are not
 *    valid UTF-8, GB18030 (a superset of GBK and GB2312) converted with iconv(3). Bytes
 *    that are neither are reported with their line.
 *  - Lines end in CRLF, LF or CR. Quoted fields follow RFC 4180: commas, doubled quotes and
 *    line breaks inside quotes (a break inside a field becomes "\n"; line numbers keep
 *    counting). The separator is ',' or, when the first line has tabs and no comma, TAB.
 *  - Blank rows (every field empty) are skipped, the trailing empty line included.
 *  - Ragged rows: a row with fewer fields than the header, or with extra non-empty fields,
 *    is an error; extra empty trailing fields (",,," from spreadsheets) are dropped.
 *  - Limits (xl_csv.limits, set before reading) stop the read with a clear error; garbage
 *    input gives problems, never a crash.
 * Problems are collected, not fatal one by one, so an importer can list them all; the
 * importer appends its own (xl_csv_add_problem) to the same list. */
#ifndef XL_CSV_H
#define XL_CSV_H

#include <stddef.h>

#include "xiangli/err.h"

/* The ten columns of a residents sheet: id, canonical (English) name, and the message whose
 * Chinese is the header (姓名 …, the same words as the register's form; written and read in
 * Chinese whatever the UI language). */
#define XL_CSV_COLUMNS(X)                          \
    X(NAME, "name", NAME)                          \
    X(GENDER, "gender", REG_F_GENDER)              \
    X(ID_NUMBER, "id_number", ID_NUMBER)           \
    X(PHONE, "phone", PHONE)                       \
    X(BUILDING, "building", BUILDING)              \
    X(ROOM, "room", ROOM)                          \
    X(ROLE, "role", ROLE)                          \
    X(MOVED_IN, "moved_in", REG_F_MOVED_IN)        \
    X(PROVINCE, "province", REG_F_PROVINCE)        \
    X(WORKPLACE, "workplace", REG_F_WORKPLACE)

enum xl_csv_col {
#define XL_CSV_COL_ENUM(id, en, zh) XL_COL_##id,
    XL_CSV_COLUMNS(XL_CSV_COL_ENUM)
#undef XL_CSV_COL_ENUM
    XL_COL_COUNT
};

typedef struct xl_csv_row {
    size_t line;     /* physical line (1-based) where the record starts */
    size_t nfields;
    char **fields;   /* NUL-terminated UTF-8, owned by the xl_csv */
} xl_csv_row;

typedef struct xl_csv_problem {
    size_t line;      /* 0: about the file as a whole */
    int warning;      /* 1: reported but does not make the read/import fail */
    char column[64];  /* header text, or "" */
    char reason[192];
} xl_csv_problem;

typedef struct xl_csv_limits {
    size_t max_bytes;  /* whole file: 64 MiB */
    size_t max_rows;   /* 1,000,000 */
    size_t max_fields; /* per row: 256 */
    size_t max_field;  /* bytes per field: 64 KiB */
} xl_csv_limits;

typedef struct xl_csv {
    char *name;               /* file name used in messages */
    const char *encoding;     /* "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "GB18030" */
    char delimiter;
    xl_csv_row *rows;         /* rows[0] is the header row when nrows > 0 */
    size_t nrows;
    xl_csv_problem *problems;
    size_t nproblems;
    size_t nerrors;           /* problems that are not warnings */
    xl_csv_limits limits;
    /* private */
    char *text;
    char **fieldv;
    size_t cap_problems;
} xl_csv;

void xl_csv_init(xl_csv *c);
void xl_csv_release(xl_csv *c);

/* Read a file / a buffer (name is used in messages). Returns XL_OK, or XL_EFAIL when any
 * error problem was recorded; err (may be NULL) then gets the first one formatted, plus
 * "(and N more)". The rows read before a stopping error stay available. */
int xl_csv_read_file(xl_csv *c, const char *path, xl_err *err);
int xl_csv_read_buf(xl_csv *c, const char *name, const void *data, size_t len, xl_err *err);

/* Record a problem (column may be NULL or ""). */
void xl_csv_add_problem(xl_csv *c, size_t line, const char *column, int warning,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "file:line: column: reason" (line and column left out when 0 / empty; warnings get
 * "warning: " before the reason). */
void xl_csv_format_problem(const xl_csv *c, const xl_csv_problem *p, char *out, size_t size);

/* Header names. Both look-ups ignore case, surrounding blanks, full-width forms, spaces,
 * '_' '-' '*' and a "(必填)"/"(选填)" note, and know common variants (手机/电话/联系电话,
 * 证件号码, 房号, 楼号, 户籍, 单位, phone/mobile, ...). */
const char *xl_csv_header_lookup(const char *header); /* canonical name or NULL */
int xl_csv_header_column(const char *header);         /* enum xl_csv_col or -1 */
const char *xl_csv_column_name(int col);              /* "id_number" */
const char *xl_csv_column_label(int col);             /* "身份证号" */
/* Maps the header row: index[col] = field number or -1 when absent. Unknown columns are
 * reported as warnings; a column given twice is an error. Returns XL_OK or XL_EFAIL. */
int xl_csv_header_map(xl_csv *c, int index[XL_COL_COUNT]);

/* In place: full-width digits, letters and the marks - / . : + # become ASCII; U+3000
 * and no-break spaces become spaces; surrounding blanks (incl. U+3000, U+00A0, U+200B,
 * U+FEFF, tab, line breaks) are cut; a spreadsheet text marker (leading ' or ="...")
 * is removed. Returns the new length. */
size_t xl_csv_normalize_digits(char *s);
/* In place: only cut the surrounding blanks listed above. Returns the new length. */
size_t xl_csv_trim(char *s);

/* Parses 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (日 or 号 optional), 20240305, with
 * full-width digits, and an optional time after a space ("2024/3/5 0:00", from
 * spreadsheets), into "YYYY-MM-DD". Checks the calendar (leap years) and 1900 <= year
 * <= 2100. On failure returns XL_EFAIL with the reason in err. */
int xl_parse_date(const char *in, char out[11], xl_err *err);

#endif
