/* text.h — UTF-8 and display width, without curses: the one door for text width.
 * Invalid UTF-8 becomes U+FFFD; Chinese characters are two columns. */
#ifndef XL_TEXT_H
#define XL_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns bytes consumed (>=1);
 * *cp = 0xFFFD on invalid input. */
size_t xl_utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t xl_utf8_encode(uint32_t cp, char out[4]);
/* Display columns of one code point: 0, 1 or 2 (control chars count 0... shown as 1 '?'). */
int xl_cp_width(uint32_t cp);
/* Display columns of a whole string. */
int xl_str_width(const char *s);
/* Byte length of the longest prefix of s that fits in cols columns (never splits a char). */
size_t xl_str_fit(const char *s, int cols, int *used);
/* Writes s into out, cut to at most cols columns with "…" when cut, padded with spaces to
 * exactly cols when pad != 0. out must hold 4*cols+4 bytes. Returns columns written. */
int xl_str_clip(const char *s, int cols, int pad, char *out, size_t size);

/* Cuts ASCII white space from both ends of s in place; returns the first kept byte. */
char *xl_trim_inplace(char *s);

/* Cuts the first of words (NULL-terminated) that ends s, in place: "127号楼" → "127". */
void xl_cut_suffix(char *s, const char *const *words);

#endif
