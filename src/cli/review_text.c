/* review_text.c — the words to review as readable lines (review_text.h).
 * Owner: issue #12. */
#include "review_text.h"

void cli_print_review(FILE *f, const sohoa_doc *d)
{
    fputs("review\n", f);
    if (!d->nreview)
        fputs("  (none)\n", f);
    for (size_t i = 0; i < d->nreview; i++) {
        const sohoa_review_word *w = &d->review[i];
        fprintf(f, "  line %d", w->line);
        if (w->page)
            fprintf(f, ", page %d", w->page);
        fprintf(f, "  %s -> %s  %.2f", w->original ? w->original : "",
                w->restored ? w->restored : "", w->conf);
        for (int a = 0; a < 3 && w->alts[a]; a++)
            fprintf(f, "%s%s", a ? ", " : "  (", w->alts[a]);
        fputs(w->alts[0] ? ")\n" : "\n", f);
    }
}
