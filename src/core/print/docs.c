/* docs.c — the community's documents: finding, reading, installing the office's copy, and
 * the audit of every version change (docs.h). */
#include "xiangli/docs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "xiangli/datadir.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/fileio.h"
#include "xiangli/poster.h"

static const struct { const char *key, *file; xl_msg label; } docs[] = {
#define XL_X(id, key, file, label) {key, file, XL_MSG_##label},
    XL_DOCS(XL_X)
#undef XL_X
};

const char *xl_doc_key(xl_doc_id d) { return docs[d].key; }
const char *xl_doc_label(xl_doc_id d) { return xl_tr(docs[d].label); }

int xl_doc_parse(const char *key)
{
    for (int i = 0; key && i < XL_DOC_COUNT; i++)
        if (!strcmp(key, docs[i].key) || !strcmp(key, xl_doc_label((xl_doc_id)i)))
            return i;
    return -1;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    xl_buf b;
    xl_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        xl_buf_put(&b, chunk, n);
    fclose(f);
    return b.data;
}

/* ---- the version last seen, in meta ---- */

typedef struct seen_ctx {
    const char *key, *stamp, *detail, *action;
} seen_ctx;

static int seen_body(xl_db *db, void *vctx, xl_err *err)
{
    seen_ctx *c = vctx;
    char mkey[64];
    snprintf(mkey, sizeof mkey, "doc.%s.version", c->key);
    sqlite3_stmt *st = xl_db_prepare(db, "INSERT INTO meta(key, value) VALUES (?1, ?2)"
                                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, mkey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->stamp, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(db, st, "docs", err))
        return XL_EFAIL;
    return xl_db_audit(db, c->action, "document", c->key, c->detail, err);
}

static char *last_seen(xl_db *db, const char *key)
{
    char mkey[64];
    snprintf(mkey, sizeof mkey, "doc.%s.version", key);
    xl_err e;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT value FROM meta WHERE key = ?1", &e);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, mkey, -1, SQLITE_TRANSIENT);
    char *v = sqlite3_step(st) == SQLITE_ROW ? xl_strdup(xl_col_text(st, 0)) : NULL;
    sqlite3_finalize(st);
    return v;
}

/* Records (and audits) the document's version when it differs from the one last seen. */
static int note_version(xl_db *db, const xl_doc *d, const char *action, xl_err *err)
{
    char *stamp = xl_asprintf("%s %s %s", d->md.version, d->md.date, d->local ? "local" : "shipped");
    char *old = last_seen(db, docs[d->id].key);
    int rc = XL_OK;
    if (!old || strcmp(old, stamp) != 0 || strcmp(action, "docs.version") != 0) {
        char *detail = xl_asprintf("%s -> %s (%s)", old ? old : "-", stamp, d->path);
        seen_ctx c = {docs[d->id].key, stamp, detail, action};
        rc = xl_db_tx(db, seen_body, &c, err);
        free(detail);
    }
    free(old);
    free(stamp);
    return rc;
}

static int load_path(xl_doc_id id, const char *path, int local, xl_doc *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    out->id = id;
    out->local = local;
    snprintf(out->path, sizeof out->path, "%s", path);
    errno = 0;
    out->text = read_all(path);
    int e = errno;
    if (!out->text && local) /* the office's own file: say what to do about it */
        return xl_err_set(err, XL_EFAIL, _(FIO_E_READ_FMT), path, xl_sys_reason(e ? e : EIO));
    if (!out->text)
        return xl_err_set(err, XL_EFAIL, _(DOC_READ_FAIL_FMT), path);
    xl_md_parse(out->text, &out->md);
    if (!out->md.version[0] || !out->md.date[0]) {
        xl_doc_release(out);
        return xl_err_set(err, XL_EFAIL, _(DOC_NO_VERSION_FMT), path);
    }
    return XL_OK;
}

int xl_doc_load(xl_db *db, xl_doc_id d, xl_doc *out, xl_err *err)
{
    char rel[64], path[4096];
    int local = 0;
    snprintf(rel, sizeof rel, "docs/%s", docs[d].file);
    if (xl_datadir_find(db, rel, path, sizeof path, &local) != XL_OK)
        return xl_err_set(err, XL_EFAIL, _(DOC_READ_FAIL_FMT), path);
    if (load_path(d, path, local, out, err))
        return XL_EFAIL;
    if (db && note_version(db, out, "docs.version", err)) {
        xl_doc_release(out);
        return XL_EFAIL;
    }
    return XL_OK;
}

void xl_doc_release(xl_doc *doc)
{
    xl_md_release(&doc->md);
    free(doc->text);
    doc->text = NULL;
}

int xl_doc_install(xl_db *db, xl_doc_id d, const char *file, xl_err *err)
{
    xl_doc tmp;
    if (load_path(d, file, 1, &tmp, err))
        return XL_EFAIL;
    char rel[64], path[4096];
    snprintf(rel, sizeof rel, "docs/%s", docs[d].file);
    xl_datadir_local(db, rel, path, sizeof path);
    char *dir = xl_strdup(path);
    *strrchr(dir, '/') = '\0';
    int rc = xl_poster_dir_make(dir, err);
    free(dir);
    if (rc == XL_OK)
        rc = xl_file_write(path, tmp.text, strlen(tmp.text), 0600, err);
    snprintf(tmp.path, sizeof tmp.path, "%s", path);
    if (rc == XL_OK)
        rc = note_version(db, &tmp, "docs.install", err);
    xl_doc_release(&tmp);
    return rc;
}

int xl_doc_reset(xl_db *db, xl_doc_id d, xl_err *err)
{
    char rel[64], path[4096];
    snprintf(rel, sizeof rel, "docs/%s", docs[d].file);
    xl_datadir_local(db, rel, path, sizeof path);
    if (unlink(path) != 0)
        return xl_err_set(err, errno == ENOENT ? XL_ENOTFOUND : XL_EFAIL, _(DOC_NO_LOCAL_FMT), path);
    xl_doc doc;
    if (xl_datadir_shipped(rel, path, sizeof path) != XL_OK || load_path(d, path, 0, &doc, err))
        return XL_OK; /* removed; nothing shipped to note */
    int rc = note_version(db, &doc, "docs.reset", err);
    xl_doc_release(&doc);
    return rc;
}
