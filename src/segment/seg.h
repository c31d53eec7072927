/* seg.h — what the files of src/segment share (private to the stage).
 *
 * The segmenter works on two views of one text:
 *   - the original (restored) text, from which every extracted value is
 *     copied, so fields keep their diacritics and case;
 *   - its folded form (sohoa_fold_keep_case per code point: no diacritics,
 *     đ→d, case kept), on which every rule of rules/ is matched, so that
 *     residual OCR damage to diacritics does not hide a heading or a date.
 * seg_text keeps a byte map from the folded form back to the original, so a
 * match (or a named group of it) on the folded text gives back the
 * original span.
 *
 * Rules (rules.c) are named PCRE2 patterns; a "family" is a name prefix:
 * "kind" covers kind.purpose, kind.budget ... A match helper copies the
 * offsets out, so callers never hold PCRE2 match data. */
#ifndef SOHOA_SEG_H
#define SOHOA_SEG_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "sohoa/buf.h"
#include "sohoa/doc.h"
#include "sohoa/error.h"
#include "sohoa/segment.h"

/* ---- rules (rules.c) ---------------------------------------------------- */

typedef struct seg_rule {
    char *name;        /* "kind.purpose" */
    char *file;        /* "rules/kinds.rules" (as loaded) */
    int line;          /* 1-based line of the rule's first line */
    char *pattern;     /* after fragment expansion */
    pcre2_code *code;  /* NULL for fragments (def.*) */
} seg_rule;

typedef struct seg_places seg_places;

struct sohoa_rules {
    seg_rule *v;
    size_t n;
    pcre2_match_context *mctx; /* match and depth limits */
    seg_places *places;        /* the gazetteer (rule "gazetteer"); may be NULL */
};

/* 1 if rule r belongs to family f: its name is f or starts with "f.". */
int seg_rule_in(const seg_rule *r, const char *family);
/* The part of r's name after "family." ("purpose" for kind.purpose), or "". */
const char *seg_rule_tail(const seg_rule *r, const char *family);

#define SEG_MAX_GROUPS 24

typedef struct seg_match {
    size_t ov[2 * SEG_MAX_GROUPS]; /* offsets in the subject; PCRE2_UNSET if unset */
    int n;                         /* pairs filled */
} seg_ov;

/* The state of one segmentation (or one scan): the rules and the first
 * error met. Once an error is recorded every later match reports "no match",
 * and the caller returns ctx->status. */
typedef struct seg_ctx {
    const sohoa_rules *rules;
    int status;
    sohoa_err *err;
    int soft_limits; /* a rule hitting the match limit simply does not match */
} seg_ctx;

/* Match rule r on subj[0..len) from `start`; opts are PCRE2 match options
 * (e.g. PCRE2_ANCHORED). Returns 1 and fills m on a match, 0 otherwise (and
 * on error, which is recorded in ctx). */
int seg_match(seg_ctx *ctx, const seg_rule *r, const char *subj, size_t len, size_t start,
              unsigned opts, seg_ov *m);
/* The span of named group `g` of a match by r; 1 if set (non-empty or not). */
int seg_group(const seg_rule *r, const seg_ov *m, const char *g, size_t *s, size_t *e);

/* ---- the gazetteer (places.c) ------------------------------------------ */

#define SEG_LEVEL_PROVINCE 1u
#define SEG_LEVEL_DISTRICT 2u
#define SEG_LEVEL_COMMUNE 4u
#define SEG_LEVEL_ANY 7u

typedef struct seg_place {
    char *form;      /* "Đông Hòa" (as the file spells it) */
    char *key;       /* "dong hoa": folded, lower case, single spaces */
    size_t klen;     /* strlen(key) */
    uint32_t mask;   /* the symbols of key, one bit each (a cheap filter) */
    unsigned levels; /* SEG_LEVEL_* of the units so named */
} seg_place;

/* The key of s[0..n) (folded, lower case, words joined by one space,
 * punctuation dropped) into out; returns its length. */
size_t seg_place_key(const char *s, size_t n, char *out, size_t cap);
/* The edits a key may be from a name and still be that name: none under 5
 * letters, one up to 9, two from 10. */
int seg_key_max_edits(const char *key);
/* Levenshtein distance of two keys, or max + 1 when above max. */
int seg_key_distance(const char *a, const char *b, int max);
/* s[0..n) with each syllable's tone mark placed the new way (hòa, thủy);
 * malloc'd. */
char *seg_new_style(const char *s, size_t n);
/* The levels a unit word names ("thị xã" → district; "thành phố" →
 * province or district); 0 if s is not a unit word. */
unsigned seg_unit_levels(const char *s, size_t n);
/* Append the places of the files matching glob `pattern` (relative to the
 * directory of rules_file) to *p (created if NULL). A pattern matching no
 * file loads nothing. Errors name the file (and line). */
int seg_places_load(seg_places **p, const char *rules_file, const char *pattern,
                    sohoa_err *err);
void seg_places_free(seg_places *p);
size_t seg_places_count(const seg_places *p);
/* The number of entries of key `key` at one of `levels`; *first the first. */
size_t seg_places_exact(const seg_places *p, const char *key, unsigned levels,
                        const seg_place **first);
/* The entry at one of `levels` nearest to key (1..max edits; exact keys
 * excluded), or NULL when none is that near or two spellings are equally
 * near; *dist is the best distance found (-1 if none). */
const seg_place *seg_places_nearest(const seg_places *p, const char *key, unsigned levels,
                                    int max, int *dist);

/* ---- canonical phrases (canon.c) -------------------------------------- */

/* The phrase of rules canon.FIELD ("CHỦ TỊCH") that s[0..n) is, or is a
 * small edit from (one up to 9 letters, two from 10; the one nearest), or
 * NULL; *same is set when s already is that phrase as written (tone
 * placement and case aside). Static storage (the rules). */
const char *seg_canon(const sohoa_rules *r, const char *field, const char *s, size_t n,
                      int *same);
/* The run of words starting *value (malloc'd, replaced) that is, or is
 * near, a phrase of canon.FIELD, then the run after it that is one of
 * canon.LAST (if not NULL), take those phrases' spellings (in capitals when
 * the run has no lower-case letter). What follows is a name and is left
 * alone ("SỞ THÔNG TIN ...", "XÃ PHÚC XÁ"). */
void seg_canon_value(const sohoa_rules *r, const char *field, const char *last, char **value);

/* ---- folded text with a map back (text.c) ------------------------------- */

typedef struct seg_text {
    const char *o;     /* original text (borrowed) */
    size_t olen;
    char *f;           /* folded text, same line structure ('\n' kept) */
    size_t flen;
    uint32_t *fo_s;    /* fo_s[i]: original start of the code point of folded byte i;
                          fo_s[flen] = olen (texts are below SEG_MAX_TEXT) */
    size_t nlines;
    size_t *ls, *le;   /* original line spans (le excludes '\n' and a '\r' before it) */
    size_t *fs, *fe;   /* folded line spans */
} seg_text;

#define SEG_MAX_TEXT 0xFFFFFFF0u /* bytes; offsets are kept in 32 bits */

/* n must be below SEG_MAX_TEXT (callers check). */
void seg_text_init(seg_text *t, const char *s, size_t n);
void seg_text_free(seg_text *t);
/* The original span of folded [a,b). */
void seg_text_orig(const seg_text *t, size_t a, size_t b, size_t *os, size_t *oe);
/* A malloc'd copy of the original of folded [a,b), spaces collapsed,
 * trimmed, and markdown emphasis (* and _ runs at either end) removed. */
char *seg_text_copy(const seg_text *t, size_t a, size_t b);
/* 1 if folded line i is blank (only spaces and markup). */
int seg_line_blank(const seg_text *t, size_t i);

/* The content of folded line i without its markup (rules markup.prefix and
 * markup.suffix: "## **", "**", "*") and surrounding blanks: [*s, *e). */
void seg_line_content(seg_ctx *ctx, const seg_text *t, size_t i, size_t *s, size_t *e);

/* ---- values (values.c) -------------------------------------------------- */

/* A date from the named groups day/month/year of match m by rule r on the
 * folded subject subj: writes ISO "YYYY-MM-DD" into iso (if all three are
 * valid) or the partial form ("01/2024", "2024") into partial. Returns the
 * year or 0. */
int seg_date_from_match(const char *subj, const seg_rule *r, const seg_ov *m, char iso[11],
                        char partial[16]);
/* Parse the first date (rules date.*) in folded s[0..n): as above. */
int seg_date_parse(seg_ctx *ctx, const char *s, size_t n, char iso[11], char partial[16]);
/* The type code of a folded document-type phrase ("Quyet dinh") by the
 * rules type.*, or NULL. Static storage of the rule name. */
const char *seg_type_code(seg_ctx *ctx, const char *s, size_t n);

/* ---- the stages of sohoa_segment ---------------------------------------- */

/* The layout found by the header and tail passes. Lines are 0-based. */
typedef struct seg_layout {
    size_t body_start;  /* first line of the body */
    size_t body_end;    /* one past its last line (recipients/signature excluded) */
} seg_layout;

/* header.c: type, number, symbol, issuer, place, date, title, period;
 * sets lay->body_start. */
void seg_header(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, seg_layout *lay);
/* addressees.c: the "Kính gửi:" block met in lines [from, to): its bodies
 * appended to the recipients; returns the line after the block (from if
 * there is none). seg_line_is: 1 if a rule of family matches line i. */
size_t seg_addressees(seg_ctx *ctx, const seg_text *t, size_t from, size_t to, sohoa_doc *d);
int seg_line_is(seg_ctx *ctx, const seg_text *t, const char *family, size_t i);
/* tail.c: finds where the recipients and signature start (lay->body_end),
 * fills recipients, signer, signer_role, and the issuer if still unknown. */
void seg_tail(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, seg_layout *lay);
/* sections.c: headings and the section tree of the body. */
void seg_sections(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, const seg_layout *lay);
/* kinds.c: the kinds a heading names, in order of mention (["other"] if none). */
char **seg_kinds(seg_ctx *ctx, const char *heading, size_t *n);
/* refs.c: cited documents over the whole text; agencies in the body. */
void seg_refs(seg_ctx *ctx, const seg_text *t, sohoa_doc *d);
/* refcode.c: a cited number with its type code and body codes mended
 * ("268/OP-UBND" of a quyet_dinh → "268/QĐ-UBND"); takes and returns
 * ownership of number (malloc'd); type may be NULL. */
char *seg_mend_code(const char *type, char *number);
void seg_agencies(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, const seg_layout *lay);

/* Arrays grow by doubling: use before appending element n to array ptr;
 * reallocates when n is 0 or a power of two, so the capacity is always the
 * next power of two and appends are amortised O(1). */
#define SEG_GROW(ptr, n)                                                        \
    do {                                                                       \
        if ((n) == 0 || ((n) & ((n) - 1)) == 0)                                \
            (ptr) = sohoa_xrealloc((ptr), ((n) ? 2 * (n) : 1) * sizeof *(ptr)); \
    } while (0)

/* repair.c: mend residual OCR damage in values by votes over the text.
 * seg_repair replaces each of values[0..n) (malloc'd, owned by the caller;
 * NULL ones skipped) by a copy whose words in a repair.* context take the
 * document's usual form.
 * seg_issuer_place gives the issuer's locality the place's spelling when
 * they differ by a letter or two and the text favours the place's form. */
void seg_repair(seg_ctx *ctx, const seg_text *t, char **values, size_t n);
void seg_issuer_place(seg_ctx *ctx, const seg_text *t, sohoa_doc *d);
/* localities.c: place names mended against the gazetteer and the
 * document's own mentions. seg_mend_place: the place of the place/date
 * line (before the tail names an issuer from it); seg_mend_localities: the
 * names after unit words in the issuer, title and recipients. */
void seg_mend_place(seg_ctx *ctx, const seg_text *t, sohoa_doc *d);
void seg_mend_localities(seg_ctx *ctx, const seg_text *t, sohoa_doc *d);
/* Small helpers (strings.c). */
char *seg_collapse(const char *s, size_t n); /* spaces collapsed, trimmed, malloc'd */
void seg_strv_push(char ***v, size_t *n, char *s); /* takes ownership of s */
int seg_upper_ratio_ok(const char *f, size_t n); /* mostly capitals (folded text) */
char *seg_upper_words(const char *s); /* Vietnamese capitals, syllable by syllable; malloc'd */

#endif
