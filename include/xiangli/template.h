/* template.h — the empty community workbook an office fills in (libxlsxwriter): one sheet
 * each for 楼栋 房间 人员 组织 党员 楼组 with Chinese headers in row 1 (what the importers
 * read, community.h and import.h), a comment on each header saying what goes there, drop-down
 * lists where a column has fixed choices (role, pioneer group 1-3, room use, organisation
 * kind, leader, gender) and the ID number and phone columns formatted as text so that Excel
 * and WPS keep every digit. Written mode 0600. */
#ifndef XL_TEMPLATE_H
#define XL_TEMPLATE_H

#include "xiangli/err.h"

/* Writes the workbook to path; refused when path exists unless force. */
int xl_template_community(const char *path, int force, xl_err *err);

#endif
