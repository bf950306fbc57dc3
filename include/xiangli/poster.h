/* poster.h — printable A4 door posters with a building's sign-in code.
 * SVG is written as text (Chinese as <text> in a CJK font list); PNG is drawn into a
 * bilevel bitmap with glyphs from GNU Unifont's .hex file (Debian package `unifont`) and
 * written through libpng. Without the font a PNG poster still carries the code and the
 * building number (built-in digits). */
#ifndef XL_POSTER_H
#define XL_POSTER_H

#include <stddef.h>
#include "xiangli/db.h"
#include "xiangli/mem.h"
#include "xiangli/qr.h"

/* What a poster says about its building. */
typedef struct xl_poster_info {
    int building;
    char lane[32];
    char resp_name[64];          /* first responsible person, "" if none recorded */
    char resp_role[16];          /* "owner" / "sublandlord" */
    char resp_phone_masked[16];
} xl_poster_info;

/* XL_ENOTFOUND if there is no such building. */
int xl_poster_info_load(xl_db *db, int building, xl_poster_info *info, xl_err *err);

/* ---- the bitmap font ---- */

typedef struct xl_font xl_font;

#define XL_UNIFONT_PATH "/usr/share/unifont/unifont.hex"
/* path NULL: $XIANGLI_UNIFONT if set, else XL_UNIFONT_PATH. */
int xl_font_load(const char *path, xl_font **out, xl_err *err);
void xl_font_free(xl_font *font);
/* Width in font pixels (8 or 16 per glyph; unknown code points count as U+FFFD). */
int xl_font_text_width(const xl_font *font, const char *utf8);

/* ---- one poster ---- */

/* An A4 SVG document (viewBox in millimetres). */
void xl_poster_svg(const xl_poster_info *info, const char *community, const xl_qr *qr, xl_buf *out);
/* An A4 PNG at dpi (72..600); font may be NULL (code and number only). */
int xl_poster_png(const xl_poster_info *info, const char *community, const xl_qr *qr,
                  const xl_font *font, int dpi, xl_buf *out, xl_err *err);

/* ---- writing poster files ---- */

enum { XL_POSTER_SVG = 1, XL_POSTER_PNG = 2 };

typedef struct xl_poster_job {
    const char *url_template;   /* [signin] url_template */
    xl_qr_ec ec;
    const char *community;
    const char *dir;            /* created if missing */
    unsigned formats;           /* XL_POSTER_SVG | XL_POSTER_PNG */
    int dpi;                    /* PNG resolution, 0 = 300 */
    const char *lane;           /* batch filter: lane name or id; NULL or "" = all */
    const char *font_path;      /* NULL = default (see xl_font_load) */
    /* Optional, for every building: called before each one is written with how many are done
     * of how many; nonzero stops there (the files written so far stay; res->cancelled = 1). */
    int (*progress)(int done, int total, void *ctx);
    void *progress_ctx;
} xl_poster_job;

typedef struct xl_poster_result {
    int buildings;              /* posters' buildings written */
    int files;
    int font_missing;           /* PNG posters were drawn without Chinese text */
    int cancelled;              /* the progress callback stopped the batch */
    char last_path[4096];       /* the last file written */
} xl_poster_result;

/* building > 0: that building's posters; building == 0: every building (job->lane filter),
 * creating missing tokens first in one transaction. Files are DIR/poster-NNN.svg|png. */
int xl_posters_write(xl_db *db, const xl_poster_job *job, int building, xl_poster_result *res,
                     xl_err *err);
/* Where the TUI writes posters: $HOME/xiangli-posters, else ./xiangli-posters. */
void xl_poster_default_dir(char *out, size_t size);

/* Writes len bytes to path (replacing it) through a temporary file and rename. */
int xl_poster_file_write(const char *path, const char *data, size_t len, xl_err *err);
/* mkdir -p, mode 0755. */
int xl_poster_dir_make(const char *path, xl_err *err);

#endif
