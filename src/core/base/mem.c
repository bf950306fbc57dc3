/* mem.c — checked allocation and the growable buffer. */
#include "xiangli/mem.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/err.h"

static xl_fatal_hook fatal_hook;

void xl_set_fatal_hook(xl_fatal_hook hook) { fatal_hook = hook; }

void xl_fatal(const char *what)
{
    xl_fatal_hook hook = fatal_hook;
    fatal_hook = NULL; /* a hook that fails itself must not loop */
    if (hook)
        hook();
    fprintf(stderr, "xiangli: %s\n", what);
    abort();
}

/* In the officer's words (xl_sys_reason): no byte count, what to do. */
static void die_oom(size_t n)
{
    (void)n;
    xl_fatal(xl_sys_reason(ENOMEM));
}

void *xl_malloc(size_t size)
{
    if (size == 0)
        size = 1;
    void *p = malloc(size);
    if (!p)
        die_oom(size);
    return p;
}

void *xl_calloc(size_t n, size_t size)
{
    if (n == 0 || size == 0)
        n = size = 1;
    if (n > SIZE_MAX / size)
        die_oom(SIZE_MAX);
    void *p = calloc(n, size);
    if (!p)
        die_oom(n * size);
    return p;
}

void *xl_reallocarray(void *p, size_t n, size_t size)
{
    if (n == 0 || size == 0)
        n = size = 1;
    if (n > SIZE_MAX / size)
        die_oom(SIZE_MAX);
    void *q = realloc(p, n * size);
    if (!q)
        die_oom(n * size);
    return q;
}

char *xl_strdup(const char *s)
{
    return xl_strndup(s ? s : "", s ? strlen(s) : 0);
}

char *xl_strndup(const char *s, size_t n)
{
    char *d = xl_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xl_asprintf(const char *fmt, ...)
{
    xl_buf b;
    xl_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    xl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return b.data;
}

void xl_strlcpy_utf8(char *dst, const char *src, size_t size)
{
    if (size == 0)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= size) {
        n = size - 1;
        /* back off continuation bytes so a sequence is never split */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void xl_buf_init(xl_buf *b)
{
    b->cap = 64;
    b->len = 0;
    b->data = xl_malloc(b->cap);
    b->data[0] = '\0';
}

void xl_buf_release(xl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void buf_reserve(xl_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            die_oom(SIZE_MAX);
        cap *= 2;
    }
    b->data = xl_reallocarray(b->data, cap, 1);
    b->cap = cap;
}

void xl_buf_put(xl_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void xl_buf_puts(xl_buf *b, const char *s)
{
    xl_buf_put(b, s, strlen(s));
}

void xl_buf_vprintf(xl_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void xl_buf_printf(xl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    xl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void xl_buf_json_str(xl_buf *b, const char *s)
{
    xl_buf_put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': xl_buf_puts(b, "\\\""); break;
        case '\\': xl_buf_puts(b, "\\\\"); break;
        case '\n': xl_buf_puts(b, "\\n"); break;
        case '\r': xl_buf_puts(b, "\\r"); break;
        case '\t': xl_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20)
                xl_buf_printf(b, "\\u%04x", *p);
            else
                xl_buf_put(b, (const char *)p, 1);
        }
    }
    xl_buf_put(b, "\"", 1);
}

void xl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (base && n > 1)
        qsort(base, n, size, cmp);
}
