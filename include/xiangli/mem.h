/* mem.h — one checked allocation wrapper (refuses zero and overflowing sizes) and a
 * growable byte buffer. Allocation failure is fatal: there is nothing sensible to do. */
#ifndef XL_MEM_H
#define XL_MEM_H

#include <stdarg.h>
#include <stddef.h>

/* The fatal path (htop's fail() → CRT_done()): a front end that changed the terminal
 * registers a hook that restores it; xl_fatal runs the hook once, prints what, aborts. */
typedef void (*xl_fatal_hook)(void);
void xl_set_fatal_hook(xl_fatal_hook hook);
_Noreturn void xl_fatal(const char *what);

void *xl_malloc(size_t size);
void *xl_calloc(size_t n, size_t size);
void *xl_reallocarray(void *p, size_t n, size_t size);
char *xl_strdup(const char *s);
char *xl_strndup(const char *s, size_t n);
char *xl_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* qsort that accepts an empty array (base may then be NULL, which qsort itself does not). */
void xl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Copy at most size-1 bytes, never splitting a UTF-8 sequence; always terminates. */
void xl_strlcpy_utf8(char *dst, const char *src, size_t size);

/* Growable buffer that owns its bytes; always NUL-terminated. */
typedef struct xl_buf {
    char *data;
    size_t len;
    size_t cap;
} xl_buf;

void xl_buf_init(xl_buf *b);
void xl_buf_release(xl_buf *b);
void xl_buf_put(xl_buf *b, const char *s, size_t n);
void xl_buf_puts(xl_buf *b, const char *s);
void xl_buf_printf(xl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void xl_buf_vprintf(xl_buf *b, const char *fmt, va_list ap);
/* Append s as a JSON string literal (quotes included). */
void xl_buf_json_str(xl_buf *b, const char *s);

#endif
