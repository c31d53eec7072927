/* rules.c — loading rules/NAME.rules: named PCRE2 patterns, compiled once.
 *
 * File format (plain UTF-8 text, one rule per logical line):
 *
 *     # a comment: a line whose first non-blank character is '#'
 *     kind.purpose = \bmuc\h+(?:dich|tieu)\b
 *     agency = (?:Phong|So)
 *         \h+[A-Z]\w*          <- continuation: a line starting with a blank
 *                                 is appended, without its leading blanks,
 *                                 to the rule above it
 *     def.so = s[o06b]         <- a fragment, not matched on its own
 *     ref = {{so}}\s*\d+       <- {{so}} or {{def.so}} expands to (?:s[o06b])
 *
 * Names are [a-z0-9_.]+; a dot makes families (kind.purpose is in family
 * "kind"). A name may appear several times: every rule of a family is
 * tried, so users extend a family by adding lines. Blanks around '=' and at
 * the end of a line are not part of the pattern (write \x20 for a trailing
 * space). Files are read in name order; fragments may be used before or
 * after their definition, in any file.
 *
 * Every pattern is compiled with PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE
 * and JIT-compiled where the platform allows. A bad rule fails the whole
 * load with SOHOA_EFORMAT and "FILE:LINE: PCRE2's message at offset N".
 * Matching runs under a match limit, so a pathological rule cannot hang. */
#include "seg.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/file.h"

#define RULES_MAX_FILE (4u << 20)
#define MATCH_LIMIT 5000000u
#define DEPTH_LIMIT 20000u

int seg_rule_in(const seg_rule *r, const char *family)
{
    if (r->name[0] != family[0]) /* most rules: one byte decides */
        return 0;
    size_t n = strlen(family);
    return strncmp(r->name, family, n) == 0 && (r->name[n] == '\0' || r->name[n] == '.');
}

const char *seg_rule_tail(const seg_rule *r, const char *family)
{
    size_t n = strlen(family);
    return r->name[n] == '.' ? r->name + n + 1 : "";
}

void sohoa_rules_free(sohoa_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].name);
        free(r->v[i].file);
        free(r->v[i].pattern);
        pcre2_code_free(r->v[i].code);
    }
    free(r->v);
    seg_places_free(r->places);
    pcre2_match_context_free(r->mctx);
    free(r);
}

/* ---- parsing ------------------------------------------------------------ */

static int valid_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_' ||
              s[i] == '.'))
            return 0;
    return 1;
}

static void add_rule(sohoa_rules *r, const char *name, size_t nlen, const char *file, int line,
                     const char *pat, size_t plen)
{
    SEG_GROW(r->v, r->n);
    seg_rule *x = &r->v[r->n++];
    memset(x, 0, sizeof *x);
    x->name = sohoa_xstrndup(name, nlen);
    x->file = sohoa_xstrdup(file);
    x->line = line;
    x->pattern = sohoa_xstrndup(pat, plen);
}

static void append_pattern(seg_rule *x, const char *s, size_t n)
{
    size_t old = strlen(x->pattern);
    x->pattern = sohoa_xrealloc(x->pattern, old + n + 1);
    memcpy(x->pattern + old, s, n);
    x->pattern[old + n] = '\0';
}

static size_t rtrim_len(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* Parse one file's text into raw (unexpanded, uncompiled) rules. */
static int parse_file(sohoa_rules *r, const char *path, const char *text, size_t len,
                      sohoa_err *err)
{
    size_t first_of_file = r->n;
    int lineno = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        size_t n = rtrim_len(p, (size_t)(le - p));
        size_t i = 0;
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        if (i == n || p[i] == '#') {
            /* blank or comment */
        } else if (i > 0) {
            if (r->n == first_of_file)
                return sohoa_err_set(err, SOHOA_EFORMAT,
                                     "%s:%d: continuation line without a rule above it", path,
                                     lineno);
            append_pattern(&r->v[r->n - 1], p + i, n - i);
        } else {
            const char *eq = memchr(p, '=', n);
            if (!eq)
                return sohoa_err_set(err, SOHOA_EFORMAT,
                                     "%s:%d: expected 'name = pattern'", path, lineno);
            size_t nlen = rtrim_len(p, (size_t)(eq - p));
            if (!valid_name(p, nlen))
                return sohoa_err_set(err, SOHOA_EFORMAT,
                                     "%s:%d: bad rule name '%.*s' (use a-z, 0-9, '_' and '.')",
                                     path, lineno, (int)nlen, p);
            const char *pat = eq + 1;
            while (pat < p + n && (*pat == ' ' || *pat == '\t'))
                pat++;
            add_rule(r, p, nlen, path, lineno, pat, (size_t)(p + n - pat));
        }
        p = nl ? nl + 1 : end;
    }
    return SOHOA_OK;
}

/* ---- fragments and compilation ------------------------------------------ */

static const seg_rule *find_fragment(const sohoa_rules *r, const char *name, size_t n)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *rn = r->v[i].name;
        if ((strlen(rn) == n && memcmp(rn, name, n) == 0) ||
            (strncmp(rn, "def.", 4) == 0 && strlen(rn + 4) == n && memcmp(rn + 4, name, n) == 0))
            return &r->v[i];
    }
    return NULL;
}

static int expand(const sohoa_rules *r, const seg_rule *x, const char *pat, int depth,
                  sohoa_buf *out, sohoa_err *err)
{
    if (depth > 8)
        return sohoa_err_set(err, SOHOA_EFORMAT, "%s:%d: fragments nested too deeply in rule %s",
                             x->file, x->line, x->name);
    const char *p = pat;
    while (*p) {
        const char *open = strstr(p, "{{");
        if (!open) {
            sohoa_buf_puts(out, p);
            break;
        }
        const char *close = strstr(open + 2, "}}");
        if (!close)
            return sohoa_err_set(err, SOHOA_EFORMAT, "%s:%d: '{{' without '}}' in rule %s",
                                 x->file, x->line, x->name);
        sohoa_buf_append(out, p, (size_t)(open - p));
        const seg_rule *f = find_fragment(r, open + 2, (size_t)(close - open - 2));
        if (!f)
            return sohoa_err_set(err, SOHOA_EFORMAT, "%s:%d: unknown fragment {{%.*s}} in rule %s",
                                 x->file, x->line, (int)(close - open - 2), open + 2, x->name);
        sohoa_buf_puts(out, "(?:");
        int rc = expand(r, x, f->pattern, depth + 1, out, err);
        if (rc)
            return rc;
        sohoa_buf_puts(out, ")");
        p = close + 2;
    }
    return SOHOA_OK;
}

static int compile_all(sohoa_rules *r, sohoa_err *err)
{
    /* Expand first (fragments see the unexpanded text of each other). */
    char **expanded = sohoa_xcalloc(r->n, sizeof *expanded);
    int rc = SOHOA_OK;
    for (size_t i = 0; i < r->n && rc == SOHOA_OK; i++) {
        sohoa_buf b = SOHOA_BUF_INIT;
        rc = expand(r, &r->v[i], r->v[i].pattern, 0, &b, err);
        expanded[i] = sohoa_buf_steal(&b);
    }
    for (size_t i = 0; i < r->n; i++) {
        if (rc == SOHOA_OK) {
            free(r->v[i].pattern);
            r->v[i].pattern = expanded[i];
        } else {
            free(expanded[i]);
        }
    }
    free(expanded);
    if (rc)
        return rc;

    for (size_t i = 0; i < r->n; i++) {
        seg_rule *x = &r->v[i];
        if (strncmp(x->name, "def.", 4) == 0 || seg_rule_in(x, "gazetteer") ||
            seg_rule_in(x, "canon"))
            continue; /* fragments, file names and spellings are not patterns */
        if (!x->pattern[0])
            return sohoa_err_set(err, SOHOA_EFORMAT, "%s:%d: empty pattern for rule %s", x->file,
                                 x->line, x->name);
        int ecode;
        PCRE2_SIZE eoff;
        x->code = pcre2_compile((PCRE2_SPTR)x->pattern, PCRE2_ZERO_TERMINATED,
                                PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &ecode, &eoff, NULL);
        if (!x->code) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ecode, msg, sizeof msg);
            return sohoa_err_set(err, SOHOA_EFORMAT, "%s:%d: %s at offset %zu", x->file, x->line,
                                 (const char *)msg, (size_t)eoff);
        }
        (void)pcre2_jit_compile(x->code, PCRE2_JIT_COMPLETE); /* interpreter if no JIT */
    }
    return SOHOA_OK;
}

/* ---- loading ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of the *.rules files of dir. */
static int list_rules(const char *dir, char ***names, size_t *n, sohoa_err *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot open the rules directory: %s", dir,
                             strerror(errno));
    *names = NULL;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 6 && strcmp(e->d_name + l - 6, ".rules") == 0 && e->d_name[0] != '.')
            seg_strv_push(names, n, sohoa_xstrdup(e->d_name));
    }
    closedir(d);
    if (*n == 0)
        return sohoa_err_set(err, SOHOA_EIO, "%s: no *.rules files in the rules directory", dir);
    qsort(*names, *n, sizeof **names, cmp_str);
    return SOHOA_OK;
}

int sohoa_rules_load(const char *rules_dir, sohoa_rules **out, sohoa_err *err)
{
    *out = NULL;
    char **names;
    size_t nnames;
    int rc = list_rules(rules_dir, &names, &nnames, err);
    if (rc)
        return rc;
    sohoa_rules *r = sohoa_xcalloc(1, sizeof *r);
    size_t dl = strlen(rules_dir);
    int slash = dl > 0 && rules_dir[dl - 1] == '/';
    for (size_t i = 0; i < nnames && rc == SOHOA_OK; i++) {
        sohoa_buf path = SOHOA_BUF_INIT;
        sohoa_buf_printf(&path, "%s%s%s", rules_dir, slash ? "" : "/", names[i]);
        char *text = NULL;
        size_t len = 0;
        rc = sohoa_read_file(path.data, RULES_MAX_FILE, &text, &len, err);
        if (rc == SOHOA_OK && memchr(text, '\0', len))
            rc = sohoa_err_set(err, SOHOA_EFORMAT, "%s: a NUL byte in a rules file", path.data);
        if (rc == SOHOA_OK)
            rc = parse_file(r, path.data, text, len, err);
        free(text);
        sohoa_buf_free(&path);
    }
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    if (rc == SOHOA_OK)
        rc = compile_all(r, err);
    for (size_t i = 0; i < r->n && rc == SOHOA_OK; i++)
        if (seg_rule_in(&r->v[i], "gazetteer"))
            rc = seg_places_load(&r->places, r->v[i].file, r->v[i].pattern, err);
    if (rc) {
        sohoa_rules_free(r);
        return rc;
    }
    r->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
    *out = r;
    return SOHOA_OK;
}

/* ---- matching ----------------------------------------------------------- */

int seg_match(seg_ctx *ctx, const seg_rule *r, const char *subj, size_t len, size_t start,
              unsigned opts, seg_ov *m)
{
    if (ctx->status || !r->code || start > len)
        return 0;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->code, NULL);
    if (!md) {
        ctx->status = sohoa_err_set(ctx->err, SOHOA_ENOMEM, "out of memory matching rule %s",
                                    r->name);
        return 0;
    }
    int rc = pcre2_match(r->code, (PCRE2_SPTR)subj, len, start, opts | PCRE2_NO_UTF_CHECK, md,
                         ctx->rules->mctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) /* the interpreter has no such limit */
        rc = pcre2_match(r->code, (PCRE2_SPTR)subj, len, start,
                         opts | PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, md, ctx->rules->mctx);
    int found = 0;
    if (rc >= 0) {
        uint32_t cnt = pcre2_get_ovector_count(md);
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (cnt > SEG_MAX_GROUPS)
            cnt = SEG_MAX_GROUPS;
        for (uint32_t i = 0; i < 2 * SEG_MAX_GROUPS; i++)
            m->ov[i] = i < 2 * cnt ? ov[i] : PCRE2_UNSET;
        m->n = (int)cnt;
        found = 1;
    } else if (ctx->soft_limits && (rc == PCRE2_ERROR_MATCHLIMIT ||
                                    rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)) {
        /* segmentation is best effort: this rule does not match here */
    } else if (rc != PCRE2_ERROR_NOMATCH) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(rc, msg, sizeof msg);
        int code = (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                    rc == PCRE2_ERROR_HEAPLIMIT)
                       ? SOHOA_ELIMIT
                       : SOHOA_EFORMAT;
        ctx->status = sohoa_err_set(ctx->err, code, "%s:%d: rule %s: %s", r->file, r->line,
                                    r->name, (const char *)msg);
    }
    pcre2_match_data_free(md);
    return found;
}

int seg_group(const seg_rule *r, const seg_ov *m, const char *g, size_t *s, size_t *e)
{
    int k = pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)g);
    if (k < 0 || k >= m->n || m->ov[2 * k] == PCRE2_UNSET)
        return 0;
    *s = m->ov[2 * k];
    *e = m->ov[2 * k + 1];
    return 1;
}
