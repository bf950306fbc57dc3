/* signin_form.h — for core/ only: the sign-in form's checks (signin_form.c), shared by the
 * register's writes (resident.c) and the importer (import.c) so that every way into the
 * register applies the same rules (listed in include/xiangli/resident.h). */
#ifndef XL_SIGNIN_FORM_H
#define XL_SIGNIN_FORM_H

#include <stddef.h>

#include "xiangli/i18n.h"
#include "xiangli/resident.h"

/* A form that passed its checks, normalised: trimmed text, gender "M"/"F"/"" (taken from
 * the ID number when not given), ID number with an upper-case X, phone digits only, the
 * move-in date as YYYY-MM-DD (today when empty), role and channel as xl_role/xl_channel. */
typedef struct xl_clean_form {
    char name[100], gender[2], id[19], phone[12], province[52], workplace[124];
    int building, role, channel, building_ok;
    char room[9], moved_in[11];
} xl_clean_form;

/* xl_signin_validate, also giving the normalised form (meaningful where fields passed). */
int xl_signin_clean(xl_db *db, const xl_signin_form *f, xl_clean_form *c, xl_field_errors *fe);
/* The same with today given (YYYY-MM-DD; NULL = xl_today()): the importer looks the day up
 * once for all its rows. */
int xl_signin_clean_on(xl_db *db, const xl_signin_form *f, const char *today, xl_clean_form *c,
                       xl_field_errors *fe);
/* The audit detail of a sign-in: "to=127-302 role=tenant moved_in=… channel=desk id=310***1234". */
void xl_signin_detail(const xl_clean_form *c, char *out, size_t size);
/* XL_EFAIL with err = the first field's "label: message" (form order). */
int xl_field_errors_first(const xl_field_errors *fe, xl_err *err);

/* Copies s without surrounding blanks (ASCII white space, U+3000) into out; returns the
 * trimmed length, which may exceed size - 1 (out then holds a cut copy). */
size_t xl_form_trim(const char *s, char *out, size_t size);
/* Code points in s; *bad = 1 for invalid UTF-8 or a control character. */
int xl_form_count_chars(const char *s, int *bad);
/* 1 when s is a name: letters (Chinese, or Latin), parts joined by ·, a space, - or '. */
int xl_name_letters_ok(const char *s);
/* A date field: empty = today; else a real YYYY-MM-DD not after today. 0 when fine, else 1
 * with the message (naming the field by label) in msg. */
int xl_form_date(const char *raw, xl_msg label, char out[11], char *msg, size_t size);
/* The same with today given (NULL = xl_today()). */
int xl_form_date_on(const char *raw, xl_msg label, const char *today, char out[11], char *msg, size_t size);

#endif
