/* idcard.h — Chinese resident ID numbers (GB 11643-1999) and phone numbers:
 * validation and masking. The only place that knows their rules. */
#ifndef XL_IDCARD_H
#define XL_IDCARD_H

#include <stddef.h>
#include "xiangli/err.h"

/* Check character for the first 17 digits (mod 11-2): '0'..'9' or 'X'. */
char xl_id_check_char(const char *first17);
/* Validates an 18-character ID (lower-case x accepted). On success writes the normalised
 * form (upper-case X) to out[19] if non-NULL. Checks digits, birth date (real, not in
 * the future relative to today) and the check character. */
int xl_id_validate(const char *id, char out[19], xl_err *err);
/* Validates an 11-digit mainland mobile number (1[3-9]xxxxxxxxx). */
int xl_phone_validate(const char *phone, xl_err *err);

/* Masking: first 3 and last 4 visible, the rest '*'. NULL or "" gives "". Strings shorter
 * than 8 are fully starred. */
void xl_mask_id(const char *id, char *out, size_t size);
void xl_mask_phone(const char *phone, char *out, size_t size);

#endif
