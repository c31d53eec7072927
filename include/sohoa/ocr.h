/* ocr.h — OCR of page images and PDFs: Leptonica preprocessing, Tesseract
 * (C API, language "vie" by default), words with confidences and boxes.
 *
 * Inputs: PNG, JPEG, TIFF (multi-page; CCITT G4, LZW, zip...), PNM and PDF
 * (rasterised at 300 dpi with poppler-glib + cairo; a page that carries a
 * genuine Vietnamese text layer may be extracted instead, see pdf_text).
 * Every page's pixel count is checked against max_pixels from the file's
 * header, before anything is decoded.
 *
 * Preprocessing is adaptive: each enabled step (SOHOA_PRE_*) first measures
 * the page and acts only when the page needs it; what was measured and done
 * is kept in a per-page report (sohoa_ocr_page_report).
 *
 * Threads: an engine holds one TessBaseAPI (initialised once, reused across
 * pages and files) pinned to one OpenMP thread; use one engine per thread.
 * sohoa_ocr_global_init() silences Leptonica's stderr messages, a
 * process-wide setting. sohoa_ocr_new calls it; it is idempotent and
 * thread-safe, so engines may be created from several threads at once
 * without calling it first (and a program that never OCRs never loads the
 * engine).
 *
 * Ownership: a sohoa_ocr engine is freed with sohoa_ocr_free. Pointers
 * returned by sohoa_ocr_reports / sohoa_ocr_lines / sohoa_ocr_hocr belong to
 * the engine and stay valid until the next sohoa_ocr_file or sohoa_ocr_free. */
#ifndef SOHOA_OCR_H
#define SOHOA_OCR_H

#include "sohoa/doc.h"
#include "sohoa/error.h"

typedef struct sohoa_ocr sohoa_ocr;

/* Preprocessing steps (bits of sohoa_ocr_opts.steps). Each one is adaptive:
 * enabled means "measure, and apply if the page needs it". */
enum {
    SOHOA_PRE_GRAY = 1 << 0,      /* convert to 8-bit gray (always needed; off = 8-bit anyway, no colour weighting) */
    SOHOA_PRE_BORDER = 1 << 1,    /* crop dark scanner borders */
    SOHOA_PRE_DENOISE = 1 << 2,   /* 3x3 median, only on noisy pages */
    SOHOA_PRE_CONTRAST = 1 << 3,  /* background normalisation + contrast stretch, only on grey/uneven pages */
    SOHOA_PRE_DESKEW = 1 << 4,    /* measure skew, rotate when above 0.1 degree */
    SOHOA_PRE_BINARIZE = 1 << 5,  /* Sauvola binarisation, only on degraded pages */
    SOHOA_PRE_RESCALE = 1 << 6,   /* bring the page to ~300 dpi (estimated from text height when unknown) */
    SOHOA_PRE_ORIENT = 1 << 7,    /* Tesseract OSD: rotate pages by 90/180/270 */
    SOHOA_PRE_ALL = (1 << 8) - 1
};

/* Name of one step bit ("gray", "border", "denoise", "contrast", "deskew",
 * "binarize", "rescale", "orient"), or NULL. Static storage. */
const char *sohoa_ocr_step_name(unsigned bit);
/* The bit of a step name, or 0 if unknown. */
unsigned sohoa_ocr_step_bit(const char *name);

enum { SOHOA_PDF_TEXT_AUTO = 0, SOHOA_PDF_TEXT_NEVER, SOHOA_PDF_TEXT_ALWAYS };

typedef struct sohoa_ocr_opts {
    const char *lang;        /* Tesseract languages, "vie" (default), "vie+eng" */
    const char *tessdata;    /* tessdata directory, NULL = Tesseract's default */
    int dpi;                 /* 0: from the file, estimated when missing; >0 forces */
    long max_pixels;         /* refuse larger pages before decoding (default 150e6) */
    int max_pages;           /* refuse documents with more pages (default 2000) */
    unsigned steps;          /* enabled SOHOA_PRE_* steps (default SOHOA_PRE_ALL) */
    int pdf_text;            /* SOHOA_PDF_TEXT_* (default AUTO) */
    int want_hocr;           /* keep Tesseract's hOCR of every page (sohoa_ocr_hocr) */
    const char *pdf_out;     /* if set, write a searchable PDF of the file here: each
                                page's ORIGINAL image (as decoded, losslessly kept;
                                the scan stays the record) with the OCR words as
                                invisible text over it, their boxes mapped back from
                                the preprocessed page; every page is then OCRed (no
                                text-layer shortcut); a failed file leaves no PDF */
    double time_limit;       /* seconds per file, 0 = none: checked before each page
                                and inside Tesseract (its progress monitor), so a
                                runaway page stops with SOHOA_ELIMIT */
} sohoa_ocr_opts;

void sohoa_ocr_opts_init(sohoa_ocr_opts *o);
int sohoa_ocr_global_init(void);
int sohoa_ocr_new(const sohoa_ocr_opts *o, sohoa_ocr **out, sohoa_err *err);
void sohoa_ocr_free(sohoa_ocr *e);

/* Point the next sohoa_ocr_file at a different searchable-PDF output (NULL:
 * none). The string is copied. */
void sohoa_ocr_set_pdf_out(sohoa_ocr *e, const char *path);

/* 1 if the file at path looks like an image or PDF we OCR (by content). */
int sohoa_ocr_is_image_file(const char *path);

/* OCR the image or PDF at path into d: d->raw (pages separated by a line
 * holding only '\f', one text line per OCR line, a blank line between
 * blocks), d->words (conf in [0,1], page, 1-based line of d->raw, box in the
 * coordinates of the preprocessed page), d->pages, d->kind ("image"/"pdf"),
 * d->ocr_conf (mean word confidence), d->path if unset.
 * On error nothing in d is changed and err names the file and the reason:
 * SOHOA_EIO unreadable, SOHOA_EINVAL corrupt/not an image/broken PDF,
 * SOHOA_ELIMIT too many pixels or pages, SOHOA_EUNSUPPORTED encrypted PDF. */
int sohoa_ocr_file(sohoa_ocr *e, const char *path, sohoa_doc *d, sohoa_err *err);

/* Pages first..first+count-1 (1-based) of the file only, as
 * sohoa_ocr_file does them: d->raw holds those pages separated by form-feed
 * lines, words keep their page numbers in the file, d->pages is the file's
 * page count. Heading numerals are repaired within the range only. Lets
 * several workers share the pages of one long file. count <= 0: up to the
 * last page. A range past the last page is SOHOA_EINVAL. */
int sohoa_ocr_file_pages(sohoa_ocr *e, const char *path, int first, int count,
                         sohoa_doc *d, sohoa_err *err);

/* The number of pages of the image or PDF at path into *npages, with the
 * checks sohoa_ocr_file makes before decoding (content type, pixel and page
 * limits of o, encryption); nothing is decoded. o may be NULL (defaults). */
int sohoa_ocr_count_pages(const char *path, const sohoa_ocr_opts *o, int *npages,
                          sohoa_err *err);

/* What preprocessing measured and did on one page. */
typedef struct sohoa_ocr_page_report {
    int page;                /* 1-based */
    const char *source;      /* "ocr" or "pdf-text" (static) */
    int width, height;       /* as decoded */
    int dpi;                 /* used for recognition */
    int dpi_in;              /* from the file, 0 if missing */
    int dpi_estimated;       /* 1 if dpi_in was missing and we estimated */
    double scale;            /* rescale factor applied (1 = none) */
    int border[4];           /* pixels cropped left, top, right, bottom */
    double noise;            /* tiny isolated specks (<= 2x2 px) per megapixel */
    double grain;            /* paper grain: median deviation of paper pixels, grey levels */
    int denoised;            /* median filter applied (salt-and-pepper) */
    int ink, paper;          /* grey levels of ink and paper (percentiles) */
    int contrast_fixed;      /* background normalisation applied */
    double skew;             /* measured skew in degrees (positive = counter-clockwise) */
    double skew_conf;        /* Leptonica's confidence in the skew */
    int deskewed;            /* rotation applied */
    int binarized;           /* Sauvola applied */
    int orientation;         /* 0, 90, 180, 270: rotation applied from OSD */
    double conf;             /* mean word confidence of the page in [0,1] */
    int nwords;
} sohoa_ocr_page_report;

/* The reports of the pages of the last sohoa_ocr_file, *n of them. */
const sohoa_ocr_page_report *sohoa_ocr_reports(const sohoa_ocr *e, size_t *n);

/* One text line of the last file: its 1-based line in d->raw, page, block
 * (1-based within its page), box, and its words d->words[first..first+nwords). */
typedef struct sohoa_ocr_line {
    int line, page, block;
    int x, y, w, h;
    size_t first, nwords;
} sohoa_ocr_line;
const sohoa_ocr_line *sohoa_ocr_lines(const sohoa_ocr *e, size_t *n);

/* The hOCR <div class='ocr_page'> elements of the last file, concatenated
 * (only with want_hocr; "" otherwise). */
const char *sohoa_ocr_hocr(const sohoa_ocr *e);

/* The last file's OCR as one compact JSON line (jansson): {"path","kind",
 * "pages":[{"page","source","report":{...},"lines":[{"line","block","box",
 * "text","words":[{"text","conf","box"}]}]}],"ocr_conf","raw","text"
 * (d->text, null when not restored),"restore":{...}}. e must be the engine
 * that OCRed d, with no sohoa_ocr_file call in between. Returns a malloc'd
 * string (caller frees). */
char *sohoa_ocr_to_json(const sohoa_ocr *e, const sohoa_doc *d);

/* The last file's hOCR as a complete XHTML document (needs want_hocr).
 * Returns a malloc'd string (caller frees). */
char *sohoa_ocr_to_hocr(const sohoa_ocr *e, const sohoa_doc *d);

#endif
