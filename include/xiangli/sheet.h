/* sheet.h — one reader for the sheets an office keeps: CSV, Excel .xlsx and Excel 97-2003
 * .xls. The importers see rows of UTF-8 text and never ask which format a row came from.
 *
 * A book is opened by content, not by name: a zip (PK) is read as .xlsx (libzip + expat),
 * an OLE compound file as .xls (libfreexl), anything else as CSV (csv.h: one sheet named
 * ""). An OLE file that is not an .xls (an encrypted .xlsx is one), a damaged zip, a zip
 * that is not a workbook and a password-protected .xls are refused with a clear message.
 *
 * A sheet is read into an xl_csv (csv.h) so the importers' problem list and messages stay
 * one: its name is "FILE:SHEET" for a workbook ("community.xlsx:楼栋") and "FILE" for CSV;
 * rows[i].line is the row number a user sees (the sheet's row, or the CSV line), so a
 * problem prints as "community.xlsx:楼栋:5: 身份证号: …" or "people.csv:5: …".
 * What a spreadsheet really stores becomes the text a user typed:
 *  - numbers are floats: an integral one is written without a fraction (127.0 → "127"),
 *    others with up to 15 significant digits (1.5 → "1.5");
 *  - a number with a date format (built-in formats 14-22, 27-36, 45-47, 50-58, or a
 *    custom format with y/m/d outside quotes) is a date: "2024-03-05" (the time is dropped);
 *    the 1904 date system is honoured;
 *  - booleans → "TRUE"/"FALSE"; error cells (#N/A) → "";
 *  - shared strings, inline strings and rich text runs are joined (phonetic runs dropped);
 *  - a merged range repeats its top-left value in every cell of the range (a building
 *    number merged down over its rooms belongs to each room);
 *  - rows where every cell is blank are dropped; every row has as many fields as the
 *    widest row (missing cells are "");
 *  - an integral number of 16 or more digits has lost digits (Excel keeps 15): the cell is
 *    remembered and refused once its column is known (xl_sheet_use_header), naming the
 *    cell and telling the user to format the column as text. */
#ifndef XL_SHEET_H
#define XL_SHEET_H

#include <stddef.h>

#include "xiangli/csv.h"
#include "xiangli/err.h"

typedef enum { XL_BOOK_CSV, XL_BOOK_XLSX, XL_BOOK_XLS } xl_book_kind;

typedef struct xl_book xl_book;

/* A cell that held a number too long to be exact (row as a user sees it, 0-based field). */
typedef struct xl_sheet_cell {
    size_t line;
    size_t field;
} xl_sheet_cell;

typedef struct xl_sheet {
    xl_csv t;                 /* the rows as text, and the problem list */
    xl_sheet_cell *lost;      /* numbers that lost digits */
    size_t nlost;
} xl_sheet;

void xl_sheet_init(xl_sheet *s);
void xl_sheet_release(xl_sheet *s);

/* Opens path. XL_OK, or XL_EFAIL with a message naming the file and what to do. */
int xl_book_open(xl_book **out, const char *path, xl_err *err);
void xl_book_close(xl_book *b);
xl_book_kind xl_book_kind_of(const xl_book *b);
size_t xl_book_count(const xl_book *b);
const char *xl_book_sheet_name(const xl_book *b, size_t i);
/* Index of the sheet called name (surrounding blanks ignored), or -1. */
int xl_book_find(const xl_book *b, const char *name);
/* Reads sheet i into s. XL_OK, or XL_EFAIL when a problem that is an error was recorded
 * (s->t.problems; err gets the first one). */
int xl_book_read(xl_book *b, size_t i, xl_sheet *s, xl_err *err);

/* Moves s's rows and problems into *to (released first); s->lost is freed. */
void xl_sheet_take(xl_sheet *s, xl_csv *to);

/* Opens path and reads its first sheet (CSV: the file). */
int xl_sheet_load(const char *path, xl_sheet *s, xl_err *err);

/* Finds the header row: the first of the first 30 rows where at least min_known cells
 * name a column known(cell) != 0 (a title row, notes or blank rows above it are
 * dropped); then refuses every lost-digit cell below it, naming its column. XL_OK, or
 * XL_EFAIL with a problem when no such row exists (naming example, a header of the
 * sheet; no problem when example is NULL: the rows are left as read) or a cell was
 * refused. */
int xl_sheet_use_header(xl_sheet *s, int (*known)(const char *header), size_t min_known,
                        const char *example);

/* Turns a spreadsheet number into the text a user typed (rules above). date: 1 for a
 * date-formatted cell, 2 for the 1904 date system. out: at least 32 bytes. Returns 1 when
 * the number has 16+ integral digits (digits lost), else 0. */
int xl_sheet_number_text(double v, int date, char *out, size_t size);

#endif
