/* pipeline.h — the whole chain on one file: detect, decode or OCR,
 * normalise, restore, segment. Used by `sohoa process` and by batch ingest.
 *
 * Ownership: a sohoa_pipeline holds the shared read-only resources (rules,
 * restorer) and one OCR engine; one pipeline per worker thread, created from
 * shared resources with sohoa_pipeline_new. */
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
    size_t max_text_bytes;   /* refuse larger text files */
    sohoa_restore_opts ropts;
    sohoa_ocr_opts oopts;
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
 * message names the file and the stage. */
int sohoa_pipeline_run(sohoa_pipeline *p, const char *path, sohoa_doc **out,
                       sohoa_err *err);

#endif
