/* txt2png.c — test helper: terminal text (optionally with SGR colours, as written by
 * `xiangli qr building N --format utf8|utf8i|ansi` or captured by `tmux capture-pane -e`)
 * to a PNG that zbarimg can decode.
 *
 *   txt2png [--light] [--px N] IN|- OUT.png
 *
 * --light: the text was meant for a terminal with dark text on a light background
 * (default: light text on dark, the usual terminal). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "termimg.h"
#include "xiangli/mem.h"
#include "xiangli/poster.h"

static int read_all(const char *path, xl_buf *b)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return -1;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        xl_buf_put(b, tmp, n);
    if (f != stdin)
        fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    ti_opts o = {.dark_terminal = 1, .px = 4};
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--light"))
            o.dark_terminal = 0;
        else if (!strcmp(argv[i], "--px") && i + 1 < argc)
            o.px = atoi(argv[++i]);
        else
            break;
    }
    if (argc - i != 2 || o.px < 1 || o.px > 32) {
        fprintf(stderr, "usage: txt2png [--light] [--px N] IN|- OUT.png\n");
        return 2;
    }
    xl_buf in, out;
    xl_buf_init(&in);
    xl_buf_init(&out);
    xl_bitmap bm;
    xl_err err;
    xl_err_clear(&err);
    int rc = 1;
    if (read_all(argv[i], &in) != 0)
        fprintf(stderr, "txt2png: cannot read %s\n", argv[i]);
    else if (ti_convert(in.data, in.len, &o, &bm) != 0)
        fprintf(stderr, "txt2png: %s: no text\n", argv[i]);
    else {
        if (xl_bitmap_png(&bm, 0, &out, &err) || xl_poster_file_write(argv[i + 1], out.data, out.len, &err))
            fprintf(stderr, "txt2png: %s\n", err.msg);
        else
            rc = 0;
        xl_bitmap_release(&bm);
    }
    xl_buf_release(&in);
    xl_buf_release(&out);
    return rc;
}
