/* doc.h — one document as it travels through the pipeline.
 *
 * Each stage reads what the previous one wrote and adds its own part:
 *   source    (batch/cli)  path, sha256, kind, pages
 *   raw       (decode/ocr) text before restoration, with OCR words if any
 *   text      (normalise + restore) clean NFC text, one line per raw line,
 *             and the words to review
 *   metadata, references, recipients, sections   (segment)
 * No stage re-parses another stage's printed output.
 *
 * Ownership: every pointer inside a sohoa_doc is owned by the doc and
 * released by sohoa_doc_free(). Strings are NUL-terminated UTF-8 (NFC after
 * normalisation); an absent field is NULL. Arrays come with their counts. */
#ifndef SOHOA_DOC_H
#define SOHOA_DOC_H

#include <stddef.h>

/* One OCR word: its text, Tesseract's confidence in [0,1] (-1 if unknown),
 * page (1-based), its 1-based line in `raw`, and its box in page pixels. */
typedef struct sohoa_word {
    char *text;
    float conf;
    int page, line;
    int x, y, w, h;
} sohoa_word;

/* A section of the body. `kinds` lists every concept the heading names
 * (DESIGN.md's taxonomy: "purpose", "requirements", ..., "other"); kind is
 * kinds[0]. `text` is the section's own text up to its first child. `line`
 * is the 1-based line of the heading in the input text, `page` its page
 * (0 for text input). */
typedef struct sohoa_section {
    int level;      /* 1, 2, 3 ... ; 0 for a preamble/other section without heading */
    char *label;    /* "I", "2", "2.1", "a" or NULL */
    char *heading;  /* heading text without its label, or NULL */
    char **kinds;
    size_t nkinds;
    int line, page;
    char *text;
    struct sohoa_section *children;
    size_t nchildren;
} sohoa_section;

typedef struct sohoa_ref {
    char *type;    /* document type code of the cited document, e.g. "quyet_dinh" */
    char *number;  /* "2077/QĐ-UBND-HC" */
    char *date;    /* ISO 8601 or NULL */
} sohoa_ref;

typedef struct sohoa_restore_stats {
    size_t tokens;      /* word tokens seen */
    size_t changed;     /* tokens the restorer changed */
    size_t low_conf;    /* tokens flagged for review */
    double mean_conf;   /* mean confidence of word tokens, in [0,1] */
} sohoa_restore_stats;

/* A word the restorer was unsure of (confidence under the low-confidence
 * threshold), for a person to check: as read, as restored, the confidence,
 * the best alternatives (NULL-padded), its 1-based line in `raw` and its
 * page (0 for text input). */
typedef struct sohoa_review_word {
    char *original;
    char *restored;
    float conf;
    char *alts[3];
    int line, page;
} sohoa_review_word;

typedef struct sohoa_doc {
    /* source */
    char *path;          /* as given by the user */
    char sha256[65];     /* hex, "" if not computed */
    char *kind;          /* "text", "image", "pdf" */
    int pages;           /* 1 for text */
    char *encoding;      /* detected or forced encoding of text input, or NULL */

    /* raw: decoded or OCRed text before restoration (kept in the store) */
    char *raw;
    sohoa_word *words;   /* OCR words in reading order, or NULL for text input */
    size_t nwords;
    double ocr_conf;     /* mean OCR word confidence in [0,1], -1 if not OCRed */

    /* restored text, one line per line of raw (after normalisation) */
    char *text;
    sohoa_restore_stats restore;
    sohoa_review_word *review; /* the restore.low_conf unsure words, in order */
    size_t nreview;

    /* metadata (NULL when not found) */
    char *doc_type;      /* "ke_hoach", "bao_cao", ... "other" */
    char *number;        /* "86" */
    char *symbol;        /* "KH-UBND" */
    char *issuer;
    char *place;
    char *date;          /* ISO "2022-01-12" or NULL */
    char *date_partial;  /* what the text gave when incomplete ("01/2024") */
    int year;            /* 0 when unknown */
    char *title;
    char *signer;
    char *signer_role;
    char *period;

    sohoa_ref *refs;
    size_t nrefs;
    char **recipients;
    size_t nrecipients;
    char **agencies;     /* agencies mentioned in the body, deduplicated */
    size_t nagencies;

    sohoa_section *sections; /* top-level sections, in order */
    size_t nsections;
} sohoa_doc;

sohoa_doc *sohoa_doc_new(void);
void sohoa_doc_free(sohoa_doc *d);
/* Release the metadata, refs, recipients, agencies and sections only (so that
 * segmentation can run again on the same doc). */
void sohoa_doc_clear_segments(sohoa_doc *d);
void sohoa_section_free(sohoa_section *s); /* frees the contents, not s itself */
/* Release the review words only. */
void sohoa_doc_clear_review(sohoa_doc *d);

/* Replace *field with a copy of s (or NULL). */
void sohoa_doc_set(char **field, const char *s);

/* The document as the JSON object of `sohoa process` (issue #6 shape):
 * {"source":{...},"doc_type",...,"sections":[...],"references":[...],
 *  "recipients":[...],"text","quality":{...},"review":[...]}. Flags select optional parts:
 * SOHOA_JSON_TEXT adds "text", SOHOA_JSON_RAW adds "raw", SOHOA_JSON_PRETTY
 * indents the printed form by two spaces instead of one compact line. */
enum { SOHOA_JSON_TEXT = 1, SOHOA_JSON_RAW = 2, SOHOA_JSON_PRETTY = 4 };

/* The object as a jansson value (include <jansson.h> to use it), for callers
 * that add fields before printing it (`sohoa show` adds "id" and "paths").
 * SOHOA_JSON_PRETTY is ignored here. Returns a new reference the caller owns
 * (release it with json_decref()). */
struct json_t;
struct json_t *sohoa_doc_to_json_object(const sohoa_doc *d, unsigned flags);

/* The object printed: a malloc'd, NUL-terminated JSON string the caller
 * frees, or NULL if it could not be printed. */
char *sohoa_doc_to_json(const sohoa_doc *d, unsigned flags);

#endif
