/* pipeline.h — the whole chain on one file: detect, decode or OCR,
 * normalise, restore, segment. Used by `sohoa process` and by batch ingest.
 *
 * Detection is by content, never by file name: image and PDF magic numbers
 * go to OCR; everything else is text (decoded with encoding detection).
 * Every error names the file and the stage that failed ("read", "decode",
 * "ocr", "normalize", "restore", "segment", "limit").
 *
 * Ownership: a sohoa_pipeline borrows the shared read-only resources (rules,
 * restorer) and owns one OCR engine, created on the first image it meets;
 * use one pipeline per worker thread. sohoa_pipeline_shared bundles the
 * shared resources, loaded once and shared by every pipeline of a process. */
#ifndef SOHOA_PIPELINE_H
#define SOHOA_PIPELINE_H

#include <stddef.h>
#include "sohoa/doc.h"
#include "sohoa/error.h"
#include "sohoa/restore.h"
#include "sohoa/segment.h"
#include "sohoa/ocr.h"

typedef struct sohoa_pipeline_opts {
    int encoding;            /* SOHOA_ENC_* for text input (AUTO) */
    int lenient;             /* invalid bytes → U+FFFD */
    int restore;             /* run the restorer (1) */
    int segment;             /* run the segmenter (1) */
    size_t max_text_bytes;   /* refuse larger text files (default 64 MiB) */
    double time_limit;       /* seconds per file, checked after each stage,
                                inside OCR and inside restoration (between
                                its stages and every 4096 words); 0 = none
                                (default 600) */
    sohoa_restore_opts ropts;
    sohoa_ocr_opts oopts;    /* includes max_pixels and max_pages */
    const char *models_dir;  /* where a front end loads the restorer's models
                                from (the command line's --model); NULL: its
                                default. The pipeline itself does not read it */
} sohoa_pipeline_opts;

typedef struct sohoa_pipeline sohoa_pipeline;

void sohoa_pipeline_opts_init(sohoa_pipeline_opts *o);

/* rules and restorer are borrowed (must outlive the pipeline); either may be
 * NULL to skip that stage. */
int sohoa_pipeline_new(const sohoa_pipeline_opts *o, const sohoa_rules *rules,
                       const sohoa_restorer *restorer, sohoa_pipeline **out,
                       sohoa_err *err);
void sohoa_pipeline_free(sohoa_pipeline *p);

/* Run the chain on path; *out receives a new doc (caller frees). On error the
 * message names the file and the stage, and *out is NULL. */
int sohoa_pipeline_run(sohoa_pipeline *p, const char *path, sohoa_doc **out,
                       sohoa_err *err);

/* The stage the last sohoa_pipeline_run of p failed in ("read", "decode",
 * "ocr", "normalize", "restore", "segment", "limit"), or NULL after a
 * success. Static storage. */
const char *sohoa_pipeline_failed_stage(const sohoa_pipeline *p);

/* 1 if the file looks like an image or PDF (magic numbers only), 0 if not or
 * unreadable. Used for detection without needing an OCR engine. */
int sohoa_pipeline_is_image(const char *path);

/* The read-only resources every pipeline of a process shares. */
typedef struct sohoa_pipeline_shared {
    sohoa_rules *rules;        /* NULL: no segmentation */
    sohoa_restorer *restorer;  /* NULL: no restoration */
} sohoa_pipeline_shared;

/* Load rules from rules_dir (NULL: skip) and the restorer from models_dir
 * and dict_dir (models_dir NULL: skip). Errors name the directory or file.
 * On error nothing is left allocated. */
int sohoa_pipeline_shared_load(const char *rules_dir, const char *models_dir,
                               const char *dict_dir, sohoa_pipeline_shared *out,
                               sohoa_err *err);
void sohoa_pipeline_shared_free(sohoa_pipeline_shared *sh);

#endif
