/* date.h — calendar dates: the one place that knows month lengths and leap years.
 * Day numbers count days since 1970-01-01 (negative before), so differences are days. */
#ifndef XL_DATE_H
#define XL_DATE_H

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

#endif
