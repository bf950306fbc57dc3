/* date.h — calendar dates: the one place that knows month lengths and leap years.
 * Day numbers count days since 1970-01-01 (negative before), so differences are days. */
#ifndef XL_DATE_H
#define XL_DATE_H

#include <stddef.h>

int xl_date_days_in_month(int y, int m);
/* 1 if y-m-d is a real date with 1900 <= y <= 9999. */
int xl_date_valid_ymd(int y, int m, int d);
/* 1 if s is exactly "YYYY-MM-DD" and a real date (1900..9999). */
int xl_date_valid(const char *s);
int xl_date_to_days(int y, int m, int d);
void xl_date_from_days(int z, int *y, int *m, int *d);
/* "YYYY-MM-DD" of a day number. */
void xl_date_format(int z, char out[11]);
/* Day number of a valid "YYYY-MM-DD"; returns 0 on success, -1 if not a valid date. */
int xl_date_parse(const char *s, int *days);


/* How a written date reads. */
typedef enum { XL_DATE_OK, XL_DATE_EMPTY, XL_DATE_SHAPE, XL_DATE_UNREAL, XL_DATE_RANGE } xl_date_status;
/* The one date reader of forms and sheets: 2026-12-06, 2026-12-6, 2026/12/6, 2026.12.6,
 * 20261206 and 2026年12月6日 (blanks around ignored) into "YYYY-MM-DD" in out; the calendar
 * is checked (leap years) and 1900 <= year <= 2100. */
xl_date_status xl_date_read(const char *in, char out[11]);
/* The same, allowing a time after the date ("2024/3/5 0:00", as spreadsheets write it). */
xl_date_status xl_date_read_stamp(const char *in, char out[11]);
/* What is wrong, in the UI's language ("请按 2026-12-06 的格式填写"); "" for XL_DATE_OK. */
const char *xl_date_problem(xl_date_status st);
/* Rewrites a readable date in s (size >= 11) as "YYYY-MM-DD"; 1 when it did, 0 leaves s. */
int xl_date_normalize(char *s, size_t size);

#endif
