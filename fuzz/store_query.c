/* store_query.c — fuzzing the FTS5 query parser and matcher that --exact
 * and the snippets rely on (src/store/query.h), without a database.
 * The input is split at newlines: the query, then title, heading and body.
 * Oracles, from query.h's contract: parsing gives a query or a message,
 * never both or neither; the candidate query store_query_candidates writes
 * parses again, and is absent only when nothing can match; a row the
 * query matches with exact forms is matched by the
 * candidate query on folded words (the candidates find every row the exact
 * reading can match); a snippet is always made and is valid to read. */
#include "fuzz.h"
#include "store/query.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* The n-th newline-separated field of buf (NUL-terminated in place), or "". */
static const char *field(char *buf, size_t len, int n)
{
    char *p = buf, *end = buf + len;
    for (int i = 0; i < n; i++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return "";
        p = nl + 1;
    }
    char *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl)
        *nl = '\0';
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    /* four copies so that cutting one field does not cut the next */
    char *buf[4];
    for (int i = 0; i < 4; i++) {
        buf[i] = malloc(size + 1);
        memcpy(buf[i], data, size);
        buf[i][size] = '\0';
    }
    const char *text = field(buf[0], size, 0);
    const char *cols[Q_NCOLS] = {field(buf[1], size, 1), field(buf[2], size, 2),
                                 field(buf[3], size, 3)};
    char *msg = NULL;
    store_query *q = store_query_parse(text, &msg);
    FUZZ_ASSERT((q == NULL) != (msg == NULL));
    if (q) {
        q_row r;
        q_row_init(&r, cols, q);
        int exact = store_query_match(q, &r, 1);
        char *cand = store_query_candidates(q);
        FUZZ_ASSERT(cand != NULL || !exact); /* NULL: nothing can match */
        if (cand) {
            char *msg2 = NULL;
            store_query *c = store_query_parse(cand, &msg2);
            if (!c)
                fprintf(stderr, "candidates '%s' of '%s' do not parse: %s\n", cand, text, msg2);
            FUZZ_ASSERT(c != NULL);
            if (exact) {
                q_row rc;
                q_row_init(&rc, cols, c);
                FUZZ_ASSERT(store_query_match(c, &rc, 0));
                q_row_free(&rc);
            }
            store_query_free(c);
            free(cand);
        }
        char *snip = store_snippet(q, &r, exact, "[", "]");
        FUZZ_ASSERT(snip != NULL);
        FUZZ_ASSERT(strlen(snip) < 16 * 1024 + 3 * size);
        free(snip);
        q_row_free(&r);
        store_query_free(q);
    }
    free(msg);
    for (int i = 0; i < 4; i++)
        free(buf[i]);
    return 0;
}
