/* party_sql.h — for core/ only: a party (a person or an organisation, lists.h) stored as a
 * pair of nullable columns (…_person, …_org). */
#ifndef XL_PARTY_SQL_H
#define XL_PARTY_SQL_H

#include <sqlite3.h>
#include "xiangli/lists.h"

void xl_party_bind(sqlite3_stmt *st, int person_idx, int org_idx, xl_party p);
xl_party xl_party_from_cols(sqlite3_stmt *st, int person_col, int org_col);

#endif
