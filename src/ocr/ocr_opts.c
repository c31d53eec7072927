/* ocr_opts.c — the OCR options and the names of the preprocessing steps
 * (include/sohoa/ocr.h). Apart from the engine because they need none of
 * its libraries: the sohoa executable links this file itself, and loads
 * the rest of src/ocr/ only when it OCRs (cli/ocr_module.c). Owner: issue #13. */
#include "sohoa/ocr.h"

#include <string.h>

static const char *const step_names[] = {"gray", "border", "denoise", "contrast",
                                         "deskew", "binarize", "rescale", "orient"};

const char *sohoa_ocr_step_name(unsigned bit)
{
    for (unsigned i = 0; i < sizeof step_names / sizeof step_names[0]; i++)
        if (bit == 1u << i)
            return step_names[i];
    return NULL;
}

unsigned sohoa_ocr_step_bit(const char *name)
{
    for (unsigned i = 0; i < sizeof step_names / sizeof step_names[0]; i++)
        if (strcmp(name, step_names[i]) == 0)
            return 1u << i;
    return 0;
}

void sohoa_ocr_opts_init(sohoa_ocr_opts *o)
{
    memset(o, 0, sizeof *o);
    o->lang = "vie";
    o->max_pixels = 150000000L;
    o->max_pages = 2000;
    o->steps = SOHOA_PRE_ALL;
    o->pdf_text = SOHOA_PDF_TEXT_AUTO;
}
