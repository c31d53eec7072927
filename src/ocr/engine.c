/* engine.c — Tesseract through its C API: recognise one preprocessed page
 * and turn the result iterator into our text and words. One text line of
 * output per OCR line, a blank line between blocks, a line holding only a
 * form feed between pages; every word keeps its confidence (in [0,1]), page,
 * output line and box. Also orientation detection (OSD), the hOCR of each
 * page. */
#include "ocr_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/clock.h"
#include "sohoa/normalize.h"

void ocr_out_free(ocr_out *out)
{
    sohoa_buf_free(&out->raw);
    for (size_t i = 0; i < out->nwords; i++)
        free(out->words[i].text);
    free(out->words);
    memset(out, 0, sizeof *out);
}

/* Start a new output line; returns its 1-based number. */
static int new_line(ocr_out *out)
{
    if (out->line > 0)
        sohoa_buf_putc(&out->raw, '\n');
    else
        sohoa_buf_reserve(&out->raw, 1); /* so raw.data is never NULL */
    return ++out->line;
}

/* Separate pages: a line holding only a form feed. */
static void page_break(ocr_out *out, int page)
{
    if (page > out->first_page) {
        new_line(out);
        sohoa_buf_putc(&out->raw, '\f');
    }
}

static sohoa_word *add_word(ocr_out *out, const char *text, size_t n)
{
    if (out->nwords == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        out->words = sohoa_xrealloc(out->words, out->cap * sizeof *out->words);
    }
    sohoa_word *w = &out->words[out->nwords++];
    memset(w, 0, sizeof *w);
    w->text = sohoa_xstrndup(text, n);
    w->conf = -1;
    return w;
}

static sohoa_ocr_line *add_line(sohoa_ocr *e)
{
    if (e->nlines == e->caplines) {
        e->caplines = e->caplines ? e->caplines * 2 : 128;
        e->lines = sohoa_xrealloc(e->lines, e->caplines * sizeof *e->lines);
    }
    sohoa_ocr_line *l = &e->lines[e->nlines++];
    memset(l, 0, sizeof *l);
    return l;
}

static void grow_line_box(sohoa_ocr_line *l, const sohoa_word *w)
{
    if (l->nwords == 1) {
        l->x = w->x, l->y = w->y, l->w = w->w, l->h = w->h;
        return;
    }
    int x1 = l->x + l->w, y1 = l->y + l->h;
    int wx1 = w->x + w->w, wy1 = w->y + w->h;
    l->x = w->x < l->x ? w->x : l->x;
    l->y = w->y < l->y ? w->y : l->y;
    l->w = (wx1 > x1 ? wx1 : x1) - l->x;
    l->h = (wy1 > y1 ? wy1 : y1) - l->y;
}

void ocr_out_text_page(sohoa_ocr *e, const char *text, int page, ocr_out *out)
{
    page_break(out, page);
    const char *p = text;
    int first = 1;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && p[len - 1] == '\r')
            len--;
        int lineno = new_line(out);
        /* page breaks inside a page's text layer are dropped: ours separate pages */
        sohoa_ocr_line *l = add_line(e);
        l->line = lineno, l->page = page, l->block = 1, l->first = out->nwords;
        for (size_t i = 0; i < len;) {
            while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\f'))
                i++;
            size_t b = i;
            while (i < len && p[i] != ' ' && p[i] != '\t' && p[i] != '\f')
                i++;
            if (i > b) {
                if (l->nwords)
                    sohoa_buf_putc(&out->raw, ' ');
                sohoa_buf_append(&out->raw, p + b, i - b);
                sohoa_word *w = add_word(out, p + b, i - b);
                w->page = page, w->line = lineno;
                l->nwords++;
            }
        }
        first = 0;
        p = nl ? nl + 1 : p + len;
    }
    (void)first;
}

/* OSD's orientation of the image set in e->osd from up to 5 x min_blobs
 * letters: 0 when unsure; *conf gets its confidence. */
static int osd_pass(sohoa_ocr *e, int min_blobs, float *conf)
{
    char v[16];
    snprintf(v, sizeof v, "%d", min_blobs);
    TessBaseAPISetVariable(e->osd, "min_characters_to_try", v);
    int deg = 0;
    float sconf = 0;
    const char *script = NULL;
    *conf = 0;
    BOOL ok = TessBaseAPIDetectOrientationScript(e->osd, &deg, conf, &script, &sconf);
    return ok ? deg : -1;
}

/* OSD classifies every letter it tries in four orientations (about 0.6 s
 * of CPU for its 250 letters). A first look at 100 letters decides when
 * it is clearly sure; otherwise the full 250 do, as before. On our
 * development pages, upright and turned by 90, 180 and 270 degrees, the
 * first look chose the same orientation as the full pass every time, with
 * confidence 3.2 to 9.6 (full pass: 6.5 to 23). */
#define OSD_QUICK_BLOBS 20   /* min_characters_to_try: up to 5 x 20 letters */
#define OSD_FULL_BLOBS 50    /* Tesseract's default */
#define OSD_QUICK_SURE 4.0f
#define OSD_SURE 2.0f

int ocr_engine_orientation(sohoa_ocr *e, PIX *pix)
{
    if (e->osd_failed)
        return 0;
    if (!e->osd) {
        e->osd = TessBaseAPICreate();
        if (TessBaseAPIInit3(e->osd, e->tessdata, "osd") != 0) {
            TessBaseAPIDelete(e->osd);
            e->osd = NULL;
            e->osd_failed = 1;
            return 0;
        }
        TessBaseAPISetPageSegMode(e->osd, PSM_OSD_ONLY);
    }
    TessBaseAPISetImage2(e->osd, pix);
    TessBaseAPISetSourceResolution(e->osd, pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 300);
    float conf = 0;
    int deg = osd_pass(e, OSD_QUICK_BLOBS, &conf);
    if (deg < 0 || conf < OSD_QUICK_SURE)
        deg = osd_pass(e, OSD_FULL_BLOBS, &conf);
    TessBaseAPIClear(e->osd);
    if (deg < 0 || conf < OSD_SURE)
        return 0;
    return deg;
}

/* A "word" of only symbols that is speck-sized, or that Tesseract itself
 * barely believes, is noise read as punctuation (":", "_", "`" in margins
 * of dirty scans). Real dashes and bullets are wider and surer. A word with
 * letters is noise when it is far shorter than any letter (a line of text is
 * at least dpi/15 px tall: 10 pt at 300 dpi is 40 px) and Tesseract barely
 * believes it: specks read as "t", "ị", "R?" at the end of lines. A word of
 * underscores and at most one letter is a noise streak. */
static int is_noise_word(const char *txt, float conf, int w, int h, int dpi)
{
    int letters = 0;
    for (const unsigned char *p = (const unsigned char *)txt; *p; p++)
        if ((*p >= 0x80 && (*p & 0xC0) != 0x80) || (*p >= '0' && *p <= '9') ||
            ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            letters++; /* any non-ASCII character counts as a letter */
    /* Underscores come from noise streaks: "-----_-_~", "ở_", "ˆ_". */
    if (strchr(txt, '_') && letters <= 1)
        return 1;
    if (letters)
        return conf < 0.35f && h < dpi / 25;
    int speck = dpi / 50;
    return (w <= speck && h <= speck) || conf < 0.2f;
}

/* Length of the junk that noise glued to the front of a word: a run of
 * dashes, tildes, underscores and stray marks that holds an underscore
 * ("-_IV.", "——_1,Mục"); no real word starts with an underscore. */
static size_t junk_prefix(const char *txt)
{
    static const char *const junk[] = {"_", "-", "~", "\xe2\x80\x94", "\xe2\x80\x93", "\xe2\x80\xb9",
                                       "\xc2\xbf", "\xcb\x86", "`", NULL};
    size_t n = 0;
    int underscore = 0;
    for (;;) {
        size_t step = 0;
        for (int k = 0; junk[k] && !step; k++)
            if (strncmp(txt + n, junk[k], strlen(junk[k])) == 0)
                step = strlen(junk[k]);
        if (!step)
            break;
        underscore |= txt[n] == '_';
        n += step;
    }
    return underscore && txt[n] ? n : 0;
}

/* Append the current page's hOCR (Tesseract's ocr_page div) to e->hocr. */
static void keep_hocr(sohoa_ocr *e, int page)
{
    char *h = TessBaseAPIGetHOCRText(e->api, page - 1);
    if (h) {
        sohoa_buf_puts(&e->hocr, h);
        TessDeleteText(h);
    }
}

/* Tesseract asks this after each word: stop once the file's time is up. */
static bool past_deadline(void *deadline, int words)
{
    (void)words;
    return sohoa_now() > *(const double *)deadline;
}

/* Recognise the page set in e->api; with a deadline, through a progress
 * monitor that cancels the recognition once the time is up. */
static int recognize(sohoa_ocr *e, const ocr_out *out, int page, sohoa_err *err)
{
    ETEXT_DESC *mon = NULL;
    double deadline = out->deadline;
    if (deadline > 0 && (mon = TessMonitorCreate()) != NULL) {
        TessMonitorSetCancelFunc(mon, past_deadline);
        TessMonitorSetCancelThis(mon, &deadline);
    }
    int rc = TessBaseAPIRecognize(e->api, mon);
    if (mon)
        TessMonitorDelete(mon);
    if (deadline > 0 && sohoa_now() > deadline)
        return sohoa_err_set(err, SOHOA_ELIMIT, "page %d: time limit of %g s exceeded (recognition stopped)",
                             page, e->opts.time_limit);
    if (rc != 0)
        return sohoa_err_set(err, SOHOA_EINTERNAL, "page %d: Tesseract could not recognise the page", page);
    return SOHOA_OK;
}

/* What one page's walk through Tesseract's words has opened so far. */
typedef struct page_state {
    int page, block, first_line;
    int new_block, new_textline; /* a block/line start seen, not yet written */
    sohoa_ocr_line *line;
    double confsum;
    int nconf;
} page_state;

/* Append one word (text txt[0..n), confidence c, box) to the output,
 * opening its block and line first when they start with it. */
static void put_word(sohoa_ocr *e, ocr_out *out, page_state *ps, const char *txt, size_t n,
                     float c, int x, int y, int bw, int bh)
{
    if (ps->new_block) {
        ps->block++;
        if (!ps->first_line)
            new_line(out); /* blank line between blocks */
    }
    if (ps->new_block || ps->new_textline) {
        int lineno = new_line(out);
        ps->first_line = 0;
        ps->line = add_line(e);
        ps->line->line = lineno, ps->line->page = ps->page, ps->line->block = ps->block;
        ps->line->first = out->nwords;
    }
    ps->new_block = ps->new_textline = 0;
    if (ps->line->nwords)
        sohoa_buf_putc(&out->raw, ' ');
    sohoa_buf_append(&out->raw, txt, n);
    sohoa_word *w = add_word(out, txt, n);
    w->conf = c < 0 ? 0 : c > 1 ? 1 : c;
    w->page = ps->page, w->line = ps->line->line;
    w->x = x, w->y = y, w->w = bw, w->h = bh;
    ps->line->nwords++;
    grow_line_box(ps->line, w);
    ps->confsum += w->conf;
    ps->nconf++;
}

/* A heading label glued to its first word ("IV.TỔ", "1,Mục": the space
 * and, for the comma, the dot were lost to noise): the length of the label
 * with its separator, or 0. Numbers such as "1.000" or "2,5" do not qualify:
 * the label must be followed by a capital letter. */
static size_t glued_label(const char *txt, size_t n)
{
    size_t k = strspn(txt, "0123456789");
    if (k == 0 || k > 2)
        k = strspn(txt, "IVX");
    if (k == 0 || k > 5 || k + 1 >= n || (txt[k] != '.' && txt[k] != ','))
        return 0;
    const unsigned char *r = (const unsigned char *)txt + k + 1;
    if (*r >= 'A' && *r <= 'Z')
        return k + 1;
    if (*r < 0x80)
        return 0;
    size_t clen = (*r & 0xE0) == 0xC0 ? 2 : (*r & 0xF0) == 0xE0 ? 3 : 4;
    if (k + 1 + clen > n)
        return 0;
    char *up = sohoa_to_upper((const char *)r, clen);
    int capital = up && strncmp(up, (const char *)r, clen) == 0 && strlen(up) == clen;
    free(up);
    return capital ? k + 1 : 0;
}

/* Put a recognised word, repairing what noise did to it: a lone "~" is a
 * list dash; a label glued to the line's first word becomes two words (the
 * box split in proportion to the text). */
static void put_ocr_word(sohoa_ocr *e, ocr_out *out, page_state *ps, char *txt, size_t n,
                         float c, int x, int y, int bw, int bh)
{
    if (n == 1 && txt[0] == '~')
        txt[0] = '-';
    size_t k = ps->new_textline || ps->new_block ? glued_label(txt, n) : 0;
    if (!k) {
        put_word(e, out, ps, txt, n, c, x, y, bw, bh);
        return;
    }
    char label[8];
    memcpy(label, txt, k);
    label[k - 1] = '.';
    int lw = (int)(bw * (double)k / (double)n);
    put_word(e, out, ps, label, k, c, x, y, lw, bh);
    put_word(e, out, ps, txt + k, n - k, c, x + lw, y, bw - lw, bh);
}

/* The words of one page in reading order, before they are written out;
 * blocks and lines are numbered on the page, nblocks and nlines so far. */
typedef struct page_words {
    ocr_pword *v;
    size_t n, cap;
    int nblocks, nlines;
} page_words;

static void page_words_free(page_words *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].text);
    free(p->v);
    memset(p, 0, sizeof *p);
}

static ocr_pword *page_word_add(page_words *p)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->v = sohoa_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    ocr_pword *w = &p->v[p->n++];
    memset(w, 0, sizeof *w);
    return w;
}

/* Read what e->api recognised into p: the words that pass the noise
 * filters, their blocks and lines numbered after those already in p. */
static void collect_words(sohoa_ocr *e, int dpi, page_words *p)
{
    TessResultIterator *ri = TessBaseAPIGetIterator(e->api);
    if (!ri)
        return;
    TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
    int baseline = -1;
    do {
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_BLOCK))
            p->nblocks++;
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
            int x1, y1, x2, y2;
            p->nlines++;
            baseline = TessPageIteratorBaseline(pi, RIL_TEXTLINE, &x1, &y1, &x2, &y2) ? (y1 + y2) / 2 : -1;
        }
        char *txt = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
        if (!txt)
            continue;
        size_t n = strlen(txt);
        float c = TessResultIteratorConfidence(ri, RIL_WORD) / 100.0f;
        int l, t, rr, b;
        if (!TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &rr, &b))
            l = t = rr = b = 0;
        size_t cut = junk_prefix(txt);
        if (cut && c < 0.5f) {
            memmove(txt, txt + cut, n - cut + 1);
            n -= cut;
        }
        /* a line of noise leaves no trace: blocks and lines open with their first word */
        if (n && !is_noise_word(txt, c, rr - l, b - t, dpi)) {
            ocr_pword *w = page_word_add(p);
            w->text = sohoa_xstrndup(txt, n);
            w->conf = c;
            w->x = l, w->y = t, w->w = rr - l, w->h = b - t;
            w->block = p->nblocks, w->line = p->nlines;
            w->baseline = baseline >= 0 ? baseline : b;
        }
        TessDeleteText(txt);
    } while (TessPageIteratorNext(pi, RIL_WORD));
    TessResultIteratorDelete(ri);
}

/* Recognise the rectangle [x0,x1)×[y0,y1) of the page set in e->api as one
 * block of text and add its words to p. */
static int reread_rect(sohoa_ocr *e, const ocr_out *out, int page, int dpi, int x0, int y0,
                       int x1, int y1, page_words *p, sohoa_err *err)
{
    if (x1 - x0 < 8 || y1 - y0 < 8)
        return SOHOA_OK;
    TessBaseAPISetRectangle(e->api, x0, y0, x1 - x0, y1 - y0);
    int rc = recognize(e, out, page, err);
    if (!rc)
        collect_words(e, dpi, p);
    p->n = ocr_drop_specks(p->v, p->n);
    return rc;
}

/* The baseline of words v[a..b) of one line: the median of their bottoms
 * (a dot below or a descender moves a few of them, not the median). */
static int bottoms_median(const ocr_pword *v, size_t a, size_t b)
{
    int small[64];
    size_t n = 0;
    for (size_t i = a; i < b && n < 64; i++)
        small[n++] = v[i].y + v[i].h;
    ocr_sort_ints(small, n);
    return n ? small[(n - 1) / 2] : 0;
}

/* Copy the words of band b of p that lie on one side of its split
 * (column 0 left, 1 right) into cols, their lines numbered anew. Tesseract
 * gave the whole row one baseline, which a right-hand text put on the
 * wrong row does not sit on: each part gets the baseline of its own words. */
static void keep_column(const page_words *p, const ocr_band *b, int column, page_words *cols)
{
    int line = -1;
    size_t start = cols->n;
    for (size_t i = b->first; i < b->last; i++) {
        const ocr_pword *w = &p->v[i];
        if ((w->x + w->w / 2 >= b->split) != column)
            continue;
        if (w->line != line)
            cols->nlines++;
        line = w->line;
        ocr_pword *c = page_word_add(cols);
        *c = *w;
        c->text = sohoa_xstrdup(w->text);
        c->line = cols->nlines;
    }
    for (size_t a = start; a < cols->n;) {
        size_t e = a + 1;
        while (e < cols->n && cols->v[e].line == cols->v[a].line)
            e++;
        int base = bottoms_median(cols->v, a, e);
        for (size_t i = a; i < e; i++)
            cols->v[i].baseline = base;
        a = e;
    }
}

/* Mean confidence of the words of p in [a, b) on side column of split
 * (column -1: all of them); 0 if none. */
static double mean_conf(const page_words *p, size_t a, size_t b, int column, int split)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        const ocr_pword *w = &p->v[i];
        if (column >= 0 && (w->x + w->w / 2 >= split) != column)
            continue;
        sum += w->conf;
        n++;
    }
    return n ? sum / (double)n : 0;
}

static double side_conf(const page_words *p, const ocr_band *b, int column)
{
    return mean_conf(p, b->first, b->last, column, b->split);
}

/* A column of band b needs reading again when Tesseract doubted a word of
 * it: a line torn by the other column's pitch leaves fragments ("ˆ 7m"). */
#define DOUBT_CONF 0.5f
static int column_doubted(const page_words *p, const ocr_band *b, int column)
{
    for (size_t i = b->first; i < b->last; i++) {
        const ocr_pword *w = &p->v[i];
        if ((w->x + w->w / 2 >= b->split) == column && w->conf < DOUBT_CONF)
            return 1;
    }
    return 0;
}

/* Re-read the doubted columns of band b of p (rows Tesseract read across
 * two columns) one column at a time, and put the columns' lines back into
 * rows (columns.c). The words of the band in p are replaced; *next gets the
 * index of the first word after the band. */
static int reread_band(sohoa_ocr *e, PIX *pix, const ocr_out *out, int page, int dpi,
                       page_words *p, const ocr_band *band, size_t *next, sohoa_err *err)
{
    *next = band->last;
    int doubt[2] = {column_doubted(p, band, 0), column_doubted(p, band, 1)};
    int W = (int)pixGetWidth(pix), H = (int)pixGetHeight(pix), m = band->height / 2;
    /* room for accents, but not into the lines above and below the band */
    int top = band->top - m, bottom = band->bottom + m;
    for (size_t i = 0; i < band->first; i++)
        if (p->v[i].y + p->v[i].h > top && p->v[i].y < band->top)
            top = p->v[i].y + p->v[i].h;
    for (size_t i = band->last; i < p->n; i++)
        if (p->v[i].y < bottom && p->v[i].y + p->v[i].h > band->bottom)
            bottom = p->v[i].y;
    top = top < 0 ? 0 : top;
    bottom = bottom > H ? H : bottom;
    int x[3] = {band->left - m < 0 ? 0 : band->left - m, band->split,
                band->right + m > W ? W : band->right + m};

    page_words cols = {NULL, 0, 0, p->nblocks, p->nlines};
    int lines0[3] = {p->nlines, 0, 0}, rc = SOHOA_OK;
    TessPageSegMode psm = TessBaseAPIGetPageSegMode(e->api);
    TessBaseAPISetPageSegMode(e->api, PSM_SINGLE_BLOCK);
    for (int c = 0; c < 2 && !rc; c++) {
        page_words again = {NULL, 0, 0, cols.nblocks, cols.nlines};
        if (doubt[c])
            rc = reread_rect(e, out, page, dpi, x[c], top, x[c + 1], bottom, &again, err);
        /* the second reading replaces the first only where Tesseract is surer of it */
        if (!rc && doubt[c] && again.n && mean_conf(&again, 0, again.n, -1, 0) > side_conf(p, band, c)) {
            for (size_t i = 0; i < again.n; i++)
                *page_word_add(&cols) = again.v[i];
            cols.nlines = again.nlines;
            free(again.v);
        } else {
            page_words_free(&again);
            keep_column(p, band, c, &cols);
        }
        lines0[c + 1] = cols.nlines;
    }
    TessBaseAPISetPageSegMode(e->api, psm);
    int left_lines = lines0[1];
    if (rc || cols.n == 0 || cols.nlines == left_lines || left_lines == p->nlines) {
        page_words_free(&cols); /* a column came back empty: keep the first reading */
        return rc;
    }

    /* the columns' lines into rows */
    size_t nl = 0;
    ocr_band_line *lines = sohoa_xcalloc((size_t)(cols.nlines - p->nlines), sizeof *lines);
    for (size_t i = 0; i < cols.n; i++)
        if (i == 0 || cols.v[i].line != cols.v[i - 1].line) {
            lines[nl].line = cols.v[i].line;
            lines[nl].baseline = cols.v[i].baseline;
            lines[nl].column = cols.v[i].line > left_lines;
            nl++;
        }
    ocr_band_rows(lines, nl, band->height);

    /* p = words before the band + the rows + words after it */
    size_t before = band->first, after = p->n - band->last;
    ocr_pword *v = sohoa_xcalloc(before + cols.n + after + 1, sizeof *v);
    memcpy(v, p->v, before * sizeof *v);
    size_t k = before;
    int block = p->v[band->first].block;
    for (size_t li = 0; li < nl; li++)
        for (size_t i = 0; i < cols.n; i++)
            if (cols.v[i].line == lines[li].line) {
                v[k] = cols.v[i];
                v[k].block = block;
                v[k].line = cols.nlines + 1 + lines[li].row;
                k++;
            }
    for (size_t i = band->first; i < band->last; i++)
        free(p->v[i].text);
    memcpy(v + k, p->v + band->last, after * sizeof *v);
    *next = k;
    p->nlines = cols.nlines + 1 + lines[nl - 1].row;
    free(p->v);
    p->v = v;
    p->n = k + after;
    p->cap = before + cols.n + after + 1;
    free(cols.v); /* the texts now belong to p */
    free(lines);
    return SOHOA_OK;
}

/* Re-read every two-column band of the page (at most a few). */
static int fix_column_bands(sohoa_ocr *e, PIX *pix, const ocr_out *out, int page, int dpi,
                            page_words *p, sohoa_err *err)
{
    ocr_band band;
    size_t from = 0;
    for (int k = 0; k < 4 && ocr_find_column_band(p->v, p->n, from, &band); k++) {
        int rc = reread_band(e, pix, out, page, dpi, p, &band, &from, err);
        if (rc)
            return rc;
    }
    return SOHOA_OK;
}

/* Write the page's words to out, opening blocks and lines as they change. */
static void emit_words(sohoa_ocr *e, ocr_out *out, page_state *ps, page_words *p)
{
    int block = -1, line = -1;
    for (size_t i = 0; i < p->n; i++) {
        ocr_pword *w = &p->v[i];
        ps->new_block |= w->block != block;
        ps->new_textline |= w->line != line;
        block = w->block, line = w->line;
        put_ocr_word(e, out, ps, w->text, strlen(w->text), w->conf, w->x, w->y, w->w, w->h);
    }
}

/* Work Tesseract would do for nothing here, turned off once per engine:
 * paragraph detection from the recognised text (we use blocks and lines
 * only: it then runs on the layout alone, before recognition). It changed
 * no word, box or confidence on the development pages. (The fixed-pitch
 * analysis is turned off too, for the whole process: ocr.c
 * set_process_params.) */
static void skip_unused_work(sohoa_ocr *e)
{
    if (e->tuned)
        return;
    TessBaseAPISetVariable(e->api, "paragraph_text_based", "0");
    e->tuned = 1;
}

int ocr_engine_read(sohoa_ocr *e, PIX *pix, int dpi, int page, const ocr_out *out,
                    sohoa_err *err)
{
    skip_unused_work(e);
    TessBaseAPISetImage2(e->api, pix);
    TessBaseAPISetSourceResolution(e->api, dpi);
    return recognize(e, out, page, err);
}

int ocr_engine_mean_conf(sohoa_ocr *e)
{
    return TessBaseAPIMeanTextConf(e->api);
}

int ocr_engine_words(sohoa_ocr *e, PIX *pix, int dpi, int page, ocr_out *out,
                     sohoa_ocr_page_report *r, sohoa_err *err)
{
    int rc;
    page_words words = {0};
    collect_words(e, dpi, &words);
    words.n = ocr_drop_specks(words.v, words.n);
    if (e->opts.want_hocr)
        keep_hocr(e, page); /* Tesseract's own reading of the whole page */
    rc = fix_column_bands(e, pix, out, page, dpi, &words, err);
    if (rc) {
        page_words_free(&words);
        return rc;
    }
    ocr_fix_stem_numerals(pix, words.v, words.n); /* "II." for a bold "III." (stems.c) */
    ocr_fix_small_capitals(pix, words.v, words.n); /* "Sơ" for "sơ" (casing.c) */
    ocr_fix_slash_words(words.v, words.n);         /* "(b/C)" for "(b/c)" (slash.c) */
    ocr_restore_stops(pix, words.v, words.n);      /* "TT" for "TT." (stops.c) */
    page_break(out, page);
    page_state ps = {page, 0, 1, 0, 0, NULL, 0, 0};
    emit_words(e, out, &ps, &words);
    page_words_free(&words);
    if (ps.first_line)
        new_line(out); /* an empty page still has its (empty) line */
    r->nwords = ps.nconf;
    r->conf = ps.nconf ? ps.confsum / ps.nconf : 0;
    out->confsum += ps.confsum;
    out->nconf += (size_t)ps.nconf;
    return SOHOA_OK;
}
