/* doc_json.c — the document as the JSON object printed by `sohoa process`,
 * `segment`, `show` and `export` (jansson): built as a json_t for callers
 * that add fields, or printed as text. Field names are a public interface:
 * scripts and analysts depend on them; add fields, never rename. */
#include "sohoa/doc.h"
#include "sohoa/json.h"

#include <stdlib.h>

static json_t *section_json(const sohoa_section *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "level", json_integer(s->level));
    json_object_set_new(o, "label", sohoa_json_string_or_null(s->label));
    json_object_set_new(o, "heading", sohoa_json_string_or_null(s->heading));
    json_object_set_new(o, "kinds", sohoa_json_string_array(s->kinds, s->nkinds));
    json_object_set_new(o, "kind", s->nkinds ? json_string(s->kinds[0]) : json_string("other"));
    json_object_set_new(o, "line", json_integer(s->line));
    if (s->page)
        json_object_set_new(o, "page", json_integer(s->page));
    json_object_set_new(o, "text", json_string(s->text ? s->text : ""));
    json_t *ch = json_array();
    for (size_t i = 0; i < s->nchildren; i++)
        json_array_append_new(ch, section_json(&s->children[i]));
    json_object_set_new(o, "children", ch);
    return o;
}

json_t *sohoa_doc_to_json_object(const sohoa_doc *d, unsigned flags)
{
    json_t *o = json_object();
    json_t *src = json_object();
    json_object_set_new(src, "path", sohoa_json_string_or_null(d->path));
    json_object_set_new(src, "sha256", d->sha256[0] ? json_string(d->sha256) : json_null());
    json_object_set_new(src, "kind", sohoa_json_string_or_null(d->kind));
    json_object_set_new(src, "pages", json_integer(d->pages));
    if (d->encoding)
        json_object_set_new(src, "encoding", json_string(d->encoding));
    json_object_set_new(o, "source", src);

    json_object_set_new(o, "doc_type", sohoa_json_string_or_null(d->doc_type));
    json_object_set_new(o, "number", sohoa_json_string_or_null(d->number));
    json_object_set_new(o, "symbol", sohoa_json_string_or_null(d->symbol));
    json_object_set_new(o, "issuer", sohoa_json_string_or_null(d->issuer));
    json_object_set_new(o, "place", sohoa_json_string_or_null(d->place));
    json_object_set_new(o, "date", sohoa_json_string_or_null(d->date));
    json_object_set_new(o, "date_partial", sohoa_json_string_or_null(d->date_partial));
    json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
    json_object_set_new(o, "title", sohoa_json_string_or_null(d->title));
    json_object_set_new(o, "signer", sohoa_json_string_or_null(d->signer));
    json_object_set_new(o, "signer_role", sohoa_json_string_or_null(d->signer_role));
    json_object_set_new(o, "period", sohoa_json_string_or_null(d->period));

    json_t *secs = json_array();
    for (size_t i = 0; i < d->nsections; i++)
        json_array_append_new(secs, section_json(&d->sections[i]));
    json_object_set_new(o, "sections", secs);

    json_t *refs = json_array();
    for (size_t i = 0; i < d->nrefs; i++) {
        json_t *r = json_object();
        json_object_set_new(r, "type", sohoa_json_string_or_null(d->refs[i].type));
        json_object_set_new(r, "number", sohoa_json_string_or_null(d->refs[i].number));
        json_object_set_new(r, "date", sohoa_json_string_or_null(d->refs[i].date));
        json_array_append_new(refs, r);
    }
    json_object_set_new(o, "references", refs);

    json_object_set_new(o, "recipients", sohoa_json_string_array(d->recipients, d->nrecipients));
    json_object_set_new(o, "agencies", sohoa_json_string_array(d->agencies, d->nagencies));

    if (flags & SOHOA_JSON_TEXT)
        json_object_set_new(o, "text", sohoa_json_string_or_null(d->text));
    if (flags & SOHOA_JSON_RAW)
        json_object_set_new(o, "raw", sohoa_json_string_or_null(d->raw));

    json_t *q = json_object();
    json_object_set_new(q, "ocr_confidence", d->ocr_conf >= 0 ? json_real(d->ocr_conf) : json_null());
    json_object_set_new(q, "tokens", json_integer((json_int_t)d->restore.tokens));
    json_object_set_new(q, "restored_changes", json_integer((json_int_t)d->restore.changed));
    json_object_set_new(q, "low_confidence_tokens", json_integer((json_int_t)d->restore.low_conf));
    json_object_set_new(q, "mean_confidence", json_real(d->restore.mean_conf));
    json_object_set_new(o, "quality", q);

    json_t *rv = json_array();
    for (size_t i = 0; i < d->nreview; i++) {
        const sohoa_review_word *w = &d->review[i];
        json_t *r = json_object();
        json_object_set_new(r, "line", json_integer(w->line));
        if (w->page)
            json_object_set_new(r, "page", json_integer(w->page));
        sohoa_json_set_word(r, w->original, w->restored, w->conf, w->alts);
        json_array_append_new(rv, r);
    }
    json_object_set_new(o, "review", rv);
    return o;
}

char *sohoa_doc_to_json(const sohoa_doc *d, unsigned flags)
{
    json_t *o = sohoa_doc_to_json_object(d, flags);
    size_t jf = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) |
                ((flags & SOHOA_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT);
    char *s = json_dumps(o, jf);
    json_decref(o);
    return s;
}
