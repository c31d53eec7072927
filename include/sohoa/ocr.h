/* ocr.h — OCR of page images and PDFs: Leptonica preprocessing, Tesseract
 * (C API, language "vie" by default), words with confidences and boxes.
 *
 * Ownership: a sohoa_ocr engine holds one TessBaseAPI and is reused across
 * pages; one engine per thread. Free with sohoa_ocr_free. */
#ifndef SOHOA_OCR_H
#define SOHOA_OCR_H

#include "sohoa/doc.h"
#include "sohoa/error.h"

typedef struct sohoa_ocr sohoa_ocr;

typedef struct sohoa_ocr_opts {
    const char *lang;        /* "vie" */
    int dpi;                 /* 0: from the file, estimated when missing */
    long max_pixels;         /* refuse larger pages before decoding */
    int max_pages;
    unsigned steps;          /* preprocessing steps, SOHOA_PRE_* bits; 0 = adaptive */
} sohoa_ocr_opts;

void sohoa_ocr_opts_init(sohoa_ocr_opts *o);
int sohoa_ocr_new(const sohoa_ocr_opts *o, sohoa_ocr **out, sohoa_err *err);
void sohoa_ocr_free(sohoa_ocr *e);

/* 1 if the file at path looks like an image or PDF we OCR (by content). */
int sohoa_ocr_is_image_file(const char *path);

/* OCR the image or PDF at path into d: d->raw (pages separated by '\f'),
 * d->words, d->pages, d->kind, d->ocr_conf. */
int sohoa_ocr_file(sohoa_ocr *e, const char *path, sohoa_doc *d, sohoa_err *err);

#endif
