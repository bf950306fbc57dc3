/* table_out.c — aligned plain-text columns for CLI output. */
#include "table_out.h"

#include <stdlib.h>

#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

void cli_cell(FILE *f, const char *s, int cols)
{
    size_t size = (size_t)cols * 4 + 8;
    char *buf = xl_malloc(size);
    xl_str_clip(s, cols, 1, buf, size);
    fputs(buf, f);
    fputc(' ', f);
    free(buf);
}

const char *cli_role_label(const char *role_key) { return xl_role_label_of(role_key); }
