/* cmd_ocr.c — `sohoa ocr`: OCR scans and PDFs (Tesseract vie), restored.
 * Owner: issue #13. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_ocr = {
    "ocr",
    "OCR scans and PDFs (Tesseract vie), restored",
    "usage: sohoa ocr [--raw] [--format text|json|hocr] [--lang L] [--dpi N] [-j N] FILE...\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_ocr, "#13");
}
