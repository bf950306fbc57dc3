/* demo_data.h — the tables behind the demo community: names, home regions, workplaces,
 * organisations. Core-internal (only demo.c uses them). */
#ifndef XL_DEMO_DATA_H
#define XL_DEMO_DATA_H

#include <stddef.h>

/* A weighted choice: text drawn with probability weight / sum of weights. */
typedef struct xl_demo_pick {
    const char *text;
    unsigned weight;
} xl_demo_pick;

typedef struct xl_demo_table {
    const xl_demo_pick *items;
    size_t n;
} xl_demo_table;

/* A real 6-digit region code (GB/T 2260) of a county people come from. */
typedef struct xl_demo_region {
    const char *province;
    const char *code;
    unsigned weight;
} xl_demo_region;

typedef struct xl_demo_org {
    const char *name;
    const char *kind;
} xl_demo_org;

/* An unweighted list of strings (given-name characters). */
typedef struct xl_demo_list {
    const char *const *items;
    size_t n;
} xl_demo_list;

extern const xl_demo_table xl_demo_surnames;        /* national frequency */
extern const xl_demo_table xl_demo_local_surnames;  /* Songjiang villagers */
extern const xl_demo_table xl_demo_tenant_work;
extern const xl_demo_table xl_demo_owner_work;
extern const xl_demo_list xl_demo_given_m;          /* last character, male */
extern const xl_demo_list xl_demo_given_f;
extern const xl_demo_list xl_demo_middle_m;         /* first of two characters */
extern const xl_demo_list xl_demo_middle_f;

extern const xl_demo_region xl_demo_migrant_regions[];
extern const size_t xl_demo_migrant_region_count;
extern const xl_demo_region xl_demo_songjiang;      /* 310117 松江区 */
extern const xl_demo_region xl_demo_songjiang_old;  /* 310227 松江县, before 1998 */

extern const xl_demo_org xl_demo_orgs[];
extern const size_t xl_demo_org_count;

#endif
