/* docs.h — the community's documents: the residents' convention (居民公约), the owner
 * handbook (业主手册) and the tenant move-in guide (租客入住须知). Markdown with front
 * matter (title, version, date), shipped under data/docs/; the office's own copy in the data
 * directory (docs/NAME.md next to the database, datadir.h) wins over the shipped one.
 *
 * Changes are audited: installing or removing the office's copy writes "docs.install" /
 * "docs.reset" (old and new version); and whenever a document is read with a version or
 * date other than the one last seen (a copy edited by hand), "docs.version" records it. */
#ifndef XL_DOCS_H
#define XL_DOCS_H

#include "xiangli/db.h"
#include "xiangli/markdown.h"

#define XL_DOCS(X)                                                     \
    X(CONVENTION, "convention", "convention.md", DOC_CONVENTION)       \
    X(HANDBOOK, "handbook", "handbook.md", DOC_HANDBOOK)               \
    X(TENANT_GUIDE, "tenant-guide", "tenant-guide.md", DOC_TENANT_GUIDE)

typedef enum {
#define XL_X(id, key, file, label) XL_DOC_##id,
    XL_DOCS(XL_X)
#undef XL_X
    XL_DOC_COUNT
} xl_doc_id;

const char *xl_doc_key(xl_doc_id d);     /* "tenant-guide" */
const char *xl_doc_label(xl_doc_id d);   /* 租客入住须知 / Tenant move-in guide */
int xl_doc_parse(const char *key);       /* key or label; -1 unknown */

typedef struct xl_doc {
    xl_doc_id id;
    char path[4096];
    int local;          /* 1 = the office's copy */
    char *text;
    xl_md_doc md;
} xl_doc;

/* Reads the document (the office's copy or the shipped one) and records a version change. */
int xl_doc_load(xl_db *db, xl_doc_id d, xl_doc *out, xl_err *err);
void xl_doc_release(xl_doc *doc);
/* Makes file the office's copy (it must have a version and a date); audited. */
int xl_doc_install(xl_db *db, xl_doc_id d, const char *file, xl_err *err);
/* Removes the office's copy (the shipped one is used again); audited. */
int xl_doc_reset(xl_db *db, xl_doc_id d, xl_err *err);

#endif
