/* export.h — the register as a residents sheet that opens correctly in Excel and WPS on a
 * Chinese Windows desktop, and that xl_import_residents reads back.
 *
 * The file: UTF-8 with a BOM (Excel and WPS then read UTF-8, not the ANSI code page),
 * CRLF line ends, every field quoted (RFC 4180, quotes doubled), the import's Chinese
 * headers 姓名,性别,身份证号,手机号,楼栋,房间,身份,入住日期,户籍省份,工作单位, one row per
 * current residency in register order (building, room, name). With history: every
 * residency and a last column 迁出日期 — a report, which the importer refuses (its rows are
 * not who lives where now).
 *
 * ID and phone numbers stay text. Excel and WPS turn an unquoted-looking 18-digit number
 * into 3.10117E+17 and lose its last three digits (15 significant digits), and an 11-digit
 * phone into 1.38E+10. Each such cell is written as a quoted field whose value begins with
 * a TAB character: a cell that does not parse as a number is kept as typed text by both
 * programs, and the tab is invisible in the cell. Rejected alternatives: ="310..." is a
 * formula (exactly what injection guidance tells us not to emit, and other tools read the
 * = and quotes literally); a leading apostrophe is shown as part of the value when a CSV is
 * opened; U+200B is kept but shows as a box in some fonts and survives copy-paste into
 * other systems. The importer cuts the tab (a blank) again. OWASP lists TAB among the
 * characters a cell must not start with because a spreadsheet may strip it and then
 * evaluate what follows; what follows here is only digits, X and * (masked), never a
 * formula.
 *
 * Formula injection (OWASP "CSV Injection"): any other cell that begins with = + - @, TAB
 * or CR — a name, province or workplace typed by someone — gets a leading apostrophe so the
 * spreadsheet shows it as text instead of evaluating it; the importer removes that
 * apostrophe again (and only before those characters).
 *
 * Masked (first 3 and last 4 characters) unless unmasked: an unmasked export needs a reason
 * (at least 2 characters besides blanks) and writes an audit row "export.unmasked" (reason,
 * file, rows) in its own transaction, committed before the file appears under its name. A
 * masked export is a report: it cannot be re-imported (the numbers are starred).
 *
 * The file is written to a temporary file beside it (mode 0600: it holds personal data
 * either way), flushed to disk, and renamed over path, so a reader never sees half a file
 * and a failure leaves any earlier file untouched. */
#ifndef XL_EXPORT_H
#define XL_EXPORT_H

#include <stddef.h>

#include "xiangli/db.h"
#include "xiangli/i18n.h"

/* The header of the --history export's last column (the register's 搬离日期, in Chinese
 * whatever the UI language); the importer refuses such a file. */
#define XL_EXPORT_MOVED_OUT_HEADER xl_tr_in(XL_MSG_REG_F_MOVED_OUT, "zh")
/* What older exports called it: still recognised (and refused) by the import. */
#define XL_EXPORT_MOVED_OUT_HEADER_OLD "迁出日期"

typedef struct xl_export_opts {
    int unmasked;        /* whole ID and phone numbers: needs reason; audited */
    const char *reason;
    int history;         /* moved-out residencies too, with a 迁出日期 column */
} xl_export_opts;

/* Writes the sheet to path; *rows (may be NULL) gets the number of data rows. XL_EUSAGE
 * for an unmasked export without a reason (nothing written), XL_EFAIL for a file or
 * database failure (nothing left at path that was not there before). */
int xl_export_residents(xl_db *db, const char *path, const xl_export_opts *opts, size_t *rows,
                        xl_err *err);

#endif
