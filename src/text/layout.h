/* layout.h — internal to src/text: OCR layout clean-up over the lines of a
 * normalised text (used by sohoa_normalize with SOHOA_NORM_LAYOUT). */
#ifndef SOHOA_TEXT_LAYOUT_H
#define SOHOA_TEXT_LAYOUT_H

#include <stddef.h>

typedef struct nline {
    const char *s; /* UTF-8, not NUL-terminated; points into the text or own */
    size_t len;
    char *own;     /* non-NULL when s was rewritten (freed by the caller) */
    int line;      /* 1-based input line */
    int page;      /* 0-based page ('\f'-separated) */
    int drop;      /* 1: not part of the output */
} nline;

/* Drop running headers and footers: lines among the first or last two
 * non-empty lines of a page that recur (digits ignored, folded) on at least
 * two pages and on at least half of the pages. Page numbers ("3", "- 3 -",
 * "Trang 3") are the commonest case. Needs two pages or more. */
void layout_drop_running(nline *L, size_t n);

/* Join words hyphenated across line ends ("nghi-" / "ệp ..." → "nghiệp"):
 * the fragment moves up to the first line, when the joined word is a
 * syllable or neither part is one (loanwords); compounds whose halves are
 * both syllables ("kinh tế-" / "xã hội") keep their hyphen. */
void layout_join_hyphens(nline *L, size_t n);

/* Collapse runs of empty lines to one and drop empty lines at the start. */
void layout_squeeze_blank(nline *L, size_t n);

#endif
