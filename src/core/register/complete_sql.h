/* complete_sql.h — the one definition of "complete registration" (登记状态, see the top of
 * include/xiangli/resident.h) as an SQL expression over person p, shared by the register
 * (residency.c) and the search (lookup.c). Internal to core. */
#ifndef XL_COMPLETE_SQL_H
#define XL_COMPLETE_SQL_H

/* A GB 11643-shaped ID number, and a mobile number unless the holder was born after MINOR
 * (an SQL parameter holding today - 16 years as YYYYMMDD, from xl_reg_minor_cutoff). 1 or 0. */
#define XL_D5 "[0-9][0-9][0-9][0-9][0-9]"
#define XL_COMPLETE_SQL_AT(MINOR)                                                          \
    "(ifnull(p.id_number GLOB '" XL_D5 XL_D5 XL_D5 "[0-9][0-9][0-9X]', 0) AND"             \
    " (ifnull(p.phone GLOB '1[3-9]" XL_D5 "[0-9][0-9][0-9][0-9]', 0) OR substr(p.id_number, 7, 8) > " \
    MINOR "))"

/* today (xl_today) - 16 years as YYYYMMDD: the value for MINOR. */
void xl_reg_minor_cutoff(char out[16]);

#endif
