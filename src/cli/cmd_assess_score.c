/* cmd_assess_score.c — `xiangli assess score LANE [--quarter Q] KEY=SCORE[:COMMENT]...`:
 * one lane's scores in one audited transaction; KEY=- clears a score. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xiangli/assess.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

int cmd_assess_score(cli_ctx *ctx, const xl_criteria *c, int argc, char **argv, xl_err *err);

/* "fire_safety=70:楼道有电动车" → entry (key and comment point into copy). */
static int parse_entry(char *copy, xl_assess_entry *e, xl_err *err)
{
    char *eq = strchr(copy, '=');
    if (!eq)
        return xl_err_set(err, XL_EUSAGE, _(ASSESS_ENTRY_BAD_FMT), copy);
    *eq = '\0';
    char *val = eq + 1, *colon = strchr(val, ':'), *end = NULL;
    if (colon)
        *colon = '\0';
    e->criterion = copy;
    e->comment = colon ? colon + 1 : "";
    if (!strcmp(val, "-")) {
        e->score = -1;
        return XL_OK;
    }
    long v = strtol(val, &end, 10);
    if (!*val || *end || v < 0 || v > 100)
        return xl_err_set(err, XL_EFAIL, _(ASSESS_BAD_SCORE_FMT), copy);
    e->score = (int)v;
    return XL_OK;
}

int cmd_assess_score(cli_ctx *ctx, const xl_criteria *c, int argc, char **argv, xl_err *err)
{
    if (argc < 3)
        return xl_err_set(err, XL_EUSAGE, "%s", _(ASSESS_BAD_LANE));
    int lane = xl_lane_find(ctx->db, argv[2]);
    char q[8], today[11];
    xl_today(today);
    xl_quarter_of(today, q);
    xl_assess_entry *e = xl_calloc((size_t)argc, sizeof *e);
    char **copies = xl_calloc((size_t)argc, sizeof *copies);
    size_t n = 0;
    int rc = lane ? XL_OK : xl_err_set(err, XL_EFAIL, "%s", _(ASSESS_BAD_LANE));
    for (int i = 3; rc == XL_OK && i < argc; i++) {
        if (!strcmp(argv[i], "--quarter") && i + 1 < argc) {
            snprintf(q, sizeof q, "%.7s", argv[++i]);
            continue;
        }
        copies[n] = xl_strdup(argv[i]);
        rc = parse_entry(copies[n], &e[n], err);
        n++;
    }
    if (rc == XL_OK && n == 0)
        rc = xl_err_set(err, XL_EUSAGE, _(ASSESS_ENTRY_BAD_FMT), "");
    if (rc == XL_OK)
        rc = xl_assess_save(ctx->db, c, lane, q, e, n, err);
    if (rc == XL_OK)
        fprintf(ctx->out, _(ASSESS_SAVED_FMT), argv[2], q, n);
    if (rc == XL_OK)
        fputc('\n', ctx->out);
    for (size_t i = 0; i < n; i++)
        free(copies[i]);
    free(copies);
    free(e);
    return rc;
}
