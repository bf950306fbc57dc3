/* idcard.h — Chinese resident ID numbers (GB 11643-1999) and phone numbers:
 * validation and masking. The only place that knows their rules. */
#ifndef XL_IDCARD_H
#define XL_IDCARD_H

#include <stddef.h>
#include "xiangli/err.h"

/* Check character for the first 17 digits (mod 11-2): '0'..'9' or 'X'. */
char xl_id_check_char(const char *first17);
/* Born before this year: an ID number's birth date is refused as implausible. */
#define XL_ID_EARLIEST_YEAR 1900

/* What is wrong with an ID number, in the order the rules are checked. */
typedef enum {
    XL_ID_OK, XL_ID_LENGTH, XL_ID_CHARS, XL_ID_REGION, XL_ID_BIRTH_OLD, XL_ID_BIRTH_BAD,
    XL_ID_BIRTH_FUTURE, XL_ID_CHECK
} xl_id_status;
xl_id_status xl_id_check(const char *id);
/* The same with today given (YYYY-MM-DD; NULL = xl_today()): a check of many rows looks
 * the day up once. */
xl_id_status xl_id_check_on(const char *id, const char *today);
/* The message for st in the UI's language (the check character is never revealed). */
void xl_id_problem(const char *id, xl_id_status st, char *msg, size_t size);

/* The province (short name: 上海, 安徽, 香港) the first two digits of an ID number stand
 * for (GB/T 2260; 81, 82, 83 for the residence permits of Hong Kong, Macao and Taiwan
 * residents), or NULL when they stand for none. */
const char *xl_id_province(const char *id);
/* 1 when the six-digit region of an ID number is in the current division list (python3-
 * stdnum's loc.dat, generated into the build); 0 for a retired or unknown code (310227, the
 * former Songjiang county): accepted, with a warning to check the card. */
int xl_id_region_known(const char *id);
/* The warning for a region not in the list ("" when it is in it). */
void xl_id_region_warning(const char *id, char *msg, size_t size);

/* Validates an 18-character ID (lower-case x accepted). On success writes the normalised
 * form (upper-case X) to out[19] if non-NULL. Checks digits, birth date (real, not in
 * the future relative to today, not before XL_ID_EARLIEST_YEAR), the province code and the
 * check character; messages in the UI's language. */
int xl_id_validate(const char *id, char out[19], xl_err *err);
/* The same with today given (NULL = xl_today()), as xl_id_check_on. */
int xl_id_validate_on(const char *id, const char *today, char out[19], xl_err *err);
/* Validates an 11-digit mainland mobile number (1[3-9]xxxxxxxxx). */
int xl_phone_validate(const char *phone, xl_err *err);

/* Masking: first 3 and last 4 visible, the rest '*'. NULL or "" gives "". Strings shorter
 * than 8 are fully starred. */
void xl_mask_id(const char *id, char *out, size_t size);
void xl_mask_phone(const char *phone, char *out, size_t size);

#endif
