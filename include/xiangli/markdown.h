/* markdown.h — the small Markdown the community's documents are written in: front matter
 * (title, version, date between --- lines), headings (#..######), bullet lists (- or *),
 * numbered lists (1.), paragraphs (lines joined until a blank line), emphasis (**bold**,
 * *italic*). One parser serves the documents pane (xl_md_layout: lines for a terminal
 * width, Chinese two columns wide) and the PDF (pango markup per block). */
#ifndef XL_MARKDOWN_H
#define XL_MARKDOWN_H

#include <stddef.h>

typedef enum { XL_MD_HEADING, XL_MD_PARA, XL_MD_BULLET, XL_MD_NUMBERED } xl_md_kind;

typedef struct xl_md_block {
    xl_md_kind kind;
    int level;          /* heading 1..6 */
    int number;         /* numbered item: its number */
    char *text;         /* with its ** and * markers; lines joined (no space between CJK) */
} xl_md_block;

typedef struct xl_md_doc {
    char title[128];
    char version[32];
    char date[11];
    xl_md_block *b;
    size_t n;
} xl_md_doc;

void xl_md_parse(const char *text, xl_md_doc *doc);
void xl_md_release(xl_md_doc *doc);

enum { XL_MD_BOLD = 1, XL_MD_EM = 2 };

typedef struct xl_md_seg {
    char *text;
    int style;          /* XL_MD_BOLD | XL_MD_EM */
} xl_md_seg;

/* One screen line: its block's kind and level, the columns of indentation, the segments. */
typedef struct xl_md_line {
    xl_md_kind kind;
    int level;
    int indent;
    xl_md_seg *seg;
    size_t nseg;
} xl_md_line;

typedef struct xl_md_lines {
    xl_md_line *l;
    size_t n, cap;
} xl_md_lines;

/* Lays the document out for cols display columns (>= 10): list items get a marker and a
 * hanging indent, a blank line follows each paragraph, list and heading. */
void xl_md_layout(const xl_md_doc *doc, int cols, xl_md_lines *out);
void xl_md_lines_release(xl_md_lines *l);

/* The block's text as pango markup (escaped; <b> and <i> for emphasis); appended to out. */
struct xl_buf;
void xl_md_pango(const char *text, struct xl_buf *out);
/* The block's text without markers. */
void xl_md_plain(const char *text, struct xl_buf *out);

#endif
