/* ocr_internal.h — what the files of src/ocr share: the engine struct, the
 * page sources (image files and PDFs), preprocessing and the Tesseract
 * wrapper. Private to src/ocr.
 *
 * Ownership: functions that return a PIX * give the caller a new reference
 * (pixDestroy it); ocr_source owns whatever it opened until
 * ocr_source_close. */
#ifndef SOHOA_OCR_INTERNAL_H
#define SOHOA_OCR_INTERNAL_H

#include <stddef.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "sohoa/buf.h"
#include "sohoa/ocr.h"

/* --- page sources (source.c, pdf.c) -------------------------------------- */

enum { OCR_SRC_IMAGE, OCR_SRC_TIFF, OCR_SRC_PDF };

typedef struct ocr_source {
    int kind;          /* OCR_SRC_* */
    const char *path;  /* borrowed from the caller */
    int format;        /* Leptonica IFF_* for images */
    int npages;
    void *pdf;         /* PopplerDocument * for PDFs */
} ocr_source;

/* Open path, identify it by content, count its pages and check every page's
 * pixel count against o->max_pixels from the headers (nothing is decoded). */
int ocr_source_open(ocr_source *s, const char *path, const sohoa_ocr_opts *o,
                    sohoa_err *err);
/* Decode page i (0-based; pix may be NULL for a PDF to get only its text). *dpi gets the file's resolution (0 if missing).
 * For PDFs, *text gets the page's text layer (malloc'd) when want_text. */
int ocr_source_page(ocr_source *s, int i, const sohoa_ocr_opts *o, PIX **pix,
                    int *dpi, int want_text, char **text, sohoa_err *err);
void ocr_source_close(ocr_source *s);

/* PDF back end (pdf.c, poppler-glib + cairo). */
int ocr_pdf_open(ocr_source *s, const sohoa_ocr_opts *o, sohoa_err *err);
int ocr_pdf_page(ocr_source *s, int i, const sohoa_ocr_opts *o, PIX **pix, int *dpi,
                 int want_text, char **text, sohoa_err *err);
void ocr_pdf_close(ocr_source *s);

/* 1 if text looks like a genuine Vietnamese text layer (most word tokens are
 * valid syllables, some carry diacritics), not garble or another language. */
int ocr_text_is_vietnamese(const char *text);

/* --- preprocessing (preprocess.c) ---------------------------------------- */

/* Run the enabled steps of `steps` (except ORIENT, done with Tesseract) on
 * pix with resolution dpi_in (0 = unknown; forced_dpi > 0 overrides it).
 * Returns a new 8-bit (or 1-bit when binarised) image and fills r. */
PIX *ocr_preprocess(PIX *pix, int dpi_in, int forced_dpi, unsigned steps,
                    sohoa_ocr_page_report *r);

/* --- orientation (orient.c) --------------------------------------------- */

typedef enum {
    OCR_ORIENT_UPRIGHT,   /* clearly upright: read it as it is */
    OCR_ORIENT_TURNED,    /* clearly turned: ask OSD before reading */
    OCR_ORIENT_READ_FIRST /* in doubt: read it, ask OSD only if the reading is doubtful */
} ocr_orient_verdict;

/* The verdict on Leptonica's up/down score `up` and left/right score
 * `left` (pixOrientDetect: positive up = upright). */
ocr_orient_verdict ocr_orient_judge(float up, float left);
/* Score the preprocessed page clean (dpi: its resolution) and judge it. */
ocr_orient_verdict ocr_orient_page(PIX *clean, int dpi);
/* 1 if Tesseract's mean word confidence (0..100) on a page read as it is
 * says the page was upright. */
int ocr_orient_read_upright(int mean_conf);

/* Salt-and-pepper noise of an 8-bit page: the 8-connected components at
 * most 2×2 px, of pixels darker than t and of the others, per megapixel. */
double ocr_speck_density(PIX *g, int t);

/* The 3×3 median of an 8-bit image, edges replicated: the same pixels as
 * Leptonica's pixMedianFilter(g, 3, 3) (a rank filter with a mirrored
 * border), several times faster. NULL when out of memory. */
PIX *ocr_median3x3(PIX *g);

/* --- two-column bands (columns.c) --------------------------------------- */

/* One recognised word of a page before it is written out (engine.c keeps
 * them in reading order; text is malloc'd and owned by the list). */
typedef struct ocr_pword {
    char *text;
    float conf;
    int x, y, w, h;     /* box on the preprocessed page */
    int block, line;    /* Tesseract's block and text line, numbered on the page */
    int baseline;       /* y of the line's baseline */
} ocr_pword;

/* Lines w[first..last) (word indices) are rows that Tesseract read across
 * two columns; split is the x between the columns; the box holds them. */
typedef struct ocr_band {
    int found;
    size_t first, last;
    int split, height;  /* height: of the band's first line */
    int left, top, right, bottom;
} ocr_band;

/* Find the first band of at least two rows split by a wide gap at the same
 * place (a channel free of text), starting at the line that opens at word
 * index from of w[0..n) (words grouped by line in reading order). Lines on
 * one side only between split rows belong to the band; a line across the
 * channel ends it. Returns 1 and fills band, or 0. */
int ocr_find_column_band(const ocr_pword *w, size_t n, size_t from, ocr_band *band);

/* One line of a band's column as re-read: its id, baseline, column (0 left,
 * 1 right); ocr_band_rows fills row. */
typedef struct ocr_band_line {
    int line, baseline, column, row;
} ocr_band_line;

/* Sort lines[0..n) into reading order and number their rows: a left and a
 * right line whose baselines lie within half a line pitch (the smaller
 * column's median pitch; height when unknown) share a row, left first. */
void ocr_band_rows(ocr_band_line *lines, size_t n, int height);

/* Drop from v[0..n) (words grouped by line) the one-letter words far
 * smaller than the other words of their line (specks.c); frees their text,
 * keeps the order. Returns the new count. */
size_t ocr_drop_specks(ocr_pword *v, size_t n);

/* --- Roman numerals counted on the image (stems.c) ---------------------- */

/* Number of upright strokes (I stems) in the box (x, y, w, h) of pix (8-bit
 * gray or 1-bit): dark runs that every row between a fifth and seven
 * tenths of the height crosses at the same places. 0 when the rows do not
 * agree (round, slanted or barred letters), the box is too small or has no
 * contrast. */
int ocr_count_stems(PIX *pix, int x, int y, int w, int h);

/* Ink threshold of the box (x, y, w, h) of pix: *thr halfway between its
 * darkest and lightest gray (0 on 1-bit images, where set pixels are ink).
 * Returns 0 when the box leaves the image, has too little contrast or pix
 * is neither 8-bit nor 1-bit. */
int ocr_box_threshold(PIX *pix, int x, int y, int w, int h, unsigned *thr);

/* Lower-case the first letter of words read as C, O, S, V, W, X or Z and
 * small letters ("Sơ") when, measured on pix, it stands no taller than its
 * line's x-height (casing.c). */
void ocr_fix_small_capitals(PIX *pix, ocr_pword *v, size_t n);

/* Rewrite the words of v[0..n) read from letters OCR confuses with I
 * ("II.", "HI", "HH", "li.") whose box on pix shows a different number of
 * clean stems (1 to 3) as that many I's, keeping trailing ".", "," or ")". */
void ocr_fix_stem_numerals(PIX *pix, ocr_pword *v, size_t n);

/* --- full stops and commas left on the page (stops.c) ------------------ */

/* The mark printed right after word w on pix that OCR left out: '.' for a
 * compact blob standing on the baseline, ',' for one hanging below it, 0
 * when the gap up to next_x (the next word's left edge; <= 0 at the end of
 * a line) holds no such single mark. */
char ocr_stop_after(PIX *pix, const ocr_pword *w, int next_x);
/* Append that mark to each word of v[0..n) that ends with a letter or a
 * digit and has one. */
void ocr_restore_stops(PIX *pix, ocr_pword *v, size_t n);

/* --- one-letter slash abbreviations (slash.c) --------------------------- */

/* Repair the word w in place (it never grows) when it is a slash
 * abbreviation of a lower-case letter and one letter, in parentheses or not:
 * a c read as "€", "©" or "¢" becomes c (C after a capital), a second letter
 * of C O S V W X Z after a lower-case one is lower-cased ("(b/C);" →
 * "(b/c);"). Returns 1 if w changed. */
int ocr_fix_slash_abbrev(char *w);
/* The list label "c)" read as "€)", "©)" or "¢)": w becomes "c)"; 1 if
 * it changed. */
int ocr_fix_c_label(char *w);
/* A list dash read with a tilde ("~-", "-~") becomes "-"; 1 if w changed. */
int ocr_fix_list_dash(char *w);
/* All three for the words of v[0..n) (list marks only as a line's first
 * word). */
void ocr_fix_slash_words(ocr_pword *v, size_t n);

/* --- the searchable PDF (pdfout.c) -------------------------------------- */

typedef struct ocr_pdf_writer ocr_pdf_writer;

/* Start a PDF at path; datadir is Tesseract's tessdata directory (for its
 * glyph-less pdf.ttf; NULL or missing: the font is not embedded). */
int ocr_pdf_writer_open(const char *path, const char *datadir, ocr_pdf_writer **out,
                        sohoa_err *err);
/* Add a page: the original image orig (as decoded from the file) and the
 * page's words (boxes on the preprocessed page, mapped back through r). */
int ocr_pdf_writer_page(ocr_pdf_writer *w, PIX *orig, const sohoa_ocr_page_report *r,
                        const sohoa_word *words, size_t n, sohoa_err *err);
/* Finish and close the PDF when keep (an error if it cannot be written),
 * or remove it; frees w. */
int ocr_pdf_writer_close(ocr_pdf_writer *w, int keep, sohoa_err *err);

/* --- the engine (engine.c, ocr.c) ---------------------------------------- */

struct sohoa_ocr {
    sohoa_ocr_opts opts;
    char *lang, *tessdata, *pdf_out;
    TessBaseAPI *api;
    TessBaseAPI *osd;       /* lazily created for orientation detection */
    int osd_failed;         /* OSD data missing: do not retry */
    int tuned;              /* ocr_engine_page has set its Tesseract variables */
    ocr_pdf_writer *pdf;    /* searchable PDF of the current file */
    sohoa_ocr_page_report *reports;
    size_t nreports, capreports;
    sohoa_ocr_line *lines;
    size_t nlines, caplines;
    sohoa_buf hocr;
};

/* Per-file output being built: raw text, words, line counter. */
typedef struct ocr_out {
    sohoa_buf raw;
    sohoa_word *words;
    size_t nwords, cap;
    int line;          /* lines already in raw */
    int first_page;    /* page that opens raw (no form feed before it) */
    double deadline;   /* sohoa_now() at which the file's time is up, 0 = none */
    double confsum;
    size_t nconf;
} ocr_out;

/* Sort the few ints v[0..n) in place (insertion sort: the callers' medians
 * are over a line's words or a column's lines, tens of values). */
static inline void ocr_sort_ints(int *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

/* Detect the orientation of pix with OSD; returns 0/90/180/270 (the
 * clockwise rotation that makes the page upright), 0 when unsure. */
int ocr_engine_orientation(sohoa_ocr *e, PIX *pix);
/* Recognise one preprocessed page (ocr_engine_read), then append its
 * lines and words to out (ocr_engine_words, on the same pix and dpi). */
int ocr_engine_read(sohoa_ocr *e, PIX *pix, int dpi, int page, const ocr_out *out,
                    sohoa_err *err);
int ocr_engine_words(sohoa_ocr *e, PIX *pix, int dpi, int page, ocr_out *out,
                     sohoa_ocr_page_report *r, sohoa_err *err);
/* Tesseract's mean word confidence (0..100) on the page just read. */
int ocr_engine_mean_conf(sohoa_ocr *e);
/* Append a page of extracted text (PDF text layer) to out. */
void ocr_out_text_page(sohoa_ocr *e, const char *text, int page, ocr_out *out);
void ocr_out_free(ocr_out *out);

/* Repair Roman-numeral heading labels that OCR misread ("H." → "II."),
 * following the sequence of headings through the file (numerals.c). */
void ocr_fix_heading_numerals(sohoa_ocr *e, ocr_out *out);

#endif
