/* core_json.c — tests of the JSON builders (src/core/json.c) and of the
 * document's JSON object (src/core/doc_json.c): field order and the shape of
 * absent values are a public interface that scripts parse. */
#include "harness.h"
#include "sohoa/buf.h"
#include "sohoa/doc.h"
#include "sohoa/json.h"

#include <stdlib.h>

/* The compact text of v, keys in insertion order; releases v. */
static char *dump(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    json_decref(v);
    return s;
}

TEST(json_string_or_null_maps_null_to_null)
{
    char *s = dump(sohoa_json_string_or_null(NULL));
    CHECK_STR(s, "null");
    free(s);
    s = dump(sohoa_json_string_or_null("Đồng Tháp"));
    CHECK_STR(s, "\"Đồng Tháp\"");
    free(s);
}

TEST(json_string_array_keeps_order)
{
    char *v[] = {"UBND tỉnh", "Lưu: VT"};
    char *s = dump(sohoa_json_string_array(v, 2));
    CHECK_STR(s, "[\"UBND tỉnh\",\"Lưu: VT\"]");
    free(s);
    s = dump(sohoa_json_string_array(NULL, 0));
    CHECK_STR(s, "[]");
    free(s);
}

/* A file name in TCVN3 or Latin-1 is not UTF-8: jansson alone would drop
 * the whole string; each bad byte must become U+FFFD and the rest stay. */
TEST(json_string_keeps_invalid_utf8_with_replacement)
{
    char *s = dump(sohoa_json_string("b\xe1o c\xe1o.txt"));
    CHECK_STR(s, "\"b\xef\xbf\xbdo c\xef\xbf\xbdo.txt\"");
    free(s);
    /* an overlong '/' (C0 AF), a surrogate (ED A0 80), a cut-off sequence */
    s = dump(sohoa_json_string("a\xc0\xaf\xed\xa0\x80z\xe1\xbb"));
    CHECK_STR(s, "\"a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbd\"");
    free(s);
    char *v[] = {"ok", "\xff"};
    s = dump(sohoa_json_string_array(v, 2));
    CHECK_STR(s, "[\"ok\",\"\xef\xbf\xbd\"]");
    free(s);
}

/* A plan with one section, one cited decision and one recipient. */
static sohoa_doc *small_plan(void)
{
    sohoa_doc *d = sohoa_doc_new();
    sohoa_doc_set(&d->path, "a.txt");
    sohoa_doc_set(&d->kind, "text");
    sohoa_doc_set(&d->doc_type, "ke_hoach");
    sohoa_doc_set(&d->number, "86");
    sohoa_doc_set(&d->symbol, "KH-UBND");
    sohoa_doc_set(&d->date, "2022-01-12");
    d->year = 2022;
    sohoa_doc_set(&d->text, "Số 86");
    d->sections = sohoa_xcalloc(1, sizeof *d->sections);
    d->nsections = 1;
    d->sections[0].level = 1;
    d->sections[0].line = 9;
    sohoa_doc_set(&d->sections[0].label, "I");
    sohoa_doc_set(&d->sections[0].heading, "MỤC ĐÍCH");
    d->sections[0].kinds = sohoa_xcalloc(1, sizeof(char *));
    d->sections[0].kinds[0] = sohoa_xstrdup("purpose");
    d->sections[0].nkinds = 1;
    d->refs = sohoa_xcalloc(1, sizeof *d->refs);
    d->nrefs = 1;
    sohoa_doc_set(&d->refs[0].type, "quyet_dinh");
    sohoa_doc_set(&d->refs[0].number, "2077/QĐ-UBND");
    d->recipients = sohoa_xcalloc(1, sizeof(char *));
    d->recipients[0] = sohoa_xstrdup("UBND xã An Bình");
    d->nrecipients = 1;
    return d;
}

TEST(doc_json_has_every_field_in_order_with_nulls_for_absent_ones)
{
    sohoa_doc *d = small_plan();
    char *s = sohoa_doc_to_json(d, 0);
    CHECK_STR(s, "{\"source\":{\"path\":\"a.txt\",\"sha256\":null,\"kind\":\"text\",\"pages\":1},"
                 "\"doc_type\":\"ke_hoach\",\"number\":\"86\",\"symbol\":\"KH-UBND\","
                 "\"issuer\":null,\"place\":null,\"date\":\"2022-01-12\",\"date_partial\":null,"
                 "\"year\":2022,\"title\":null,\"signer\":null,\"signer_role\":null,"
                 "\"period\":null,\"sections\":[{\"level\":1,\"label\":\"I\","
                 "\"heading\":\"MỤC ĐÍCH\",\"kinds\":[\"purpose\"],\"kind\":\"purpose\","
                 "\"line\":9,\"text\":\"\",\"children\":[]}],"
                 "\"references\":[{\"type\":\"quyet_dinh\",\"number\":\"2077/QĐ-UBND\","
                 "\"date\":null}],\"recipients\":[\"UBND xã An Bình\"],\"agencies\":[],"
                 "\"quality\":{\"ocr_confidence\":null,\"tokens\":0,\"restored_changes\":0,"
                 "\"low_confidence_tokens\":0,\"mean_confidence\":0.0},\"review\":[]}");
    free(s);
    sohoa_doc_free(d);
}

/* The words to review, after "quality": line, page only when known, the
 * confidence to three decimals, alternatives as given (up to the first
 * NULL). */
TEST(doc_json_lists_the_words_to_review)
{
    sohoa_doc *d = small_plan();
    d->review = sohoa_xcalloc(2, sizeof *d->review);
    d->nreview = 2;
    d->review[0] = (sohoa_review_word){sohoa_xstrdup("ca"), sohoa_xstrdup("cá"), 0.43359f,
                                       {sohoa_xstrdup("ca"), sohoa_xstrdup("cả"), NULL}, 4, 0};
    d->review[1] = (sohoa_review_word){sohoa_xstrdup("Pang"), sohoa_xstrdup("Đảng"), 0.25f,
                                       {NULL, NULL, NULL}, 12, 3};
    char *s = sohoa_doc_to_json(d, 0);
    CHECK(strstr(s, "\"mean_confidence\":0.0},\"review\":["
                    "{\"line\":4,\"original\":\"ca\",\"restored\":\"cá\",\"confidence\":0.434,"
                    "\"alternatives\":[\"ca\",\"cả\"]},"
                    "{\"line\":12,\"page\":3,\"original\":\"Pang\",\"restored\":\"Đảng\","
                    "\"confidence\":0.25,\"alternatives\":[]}]}") != NULL);
    free(s);
    sohoa_doc_free(d);
}

TEST(doc_json_object_takes_the_optional_parts_and_more_fields)
{
    sohoa_doc *d = small_plan();
    json_t *o = sohoa_doc_to_json_object(d, SOHOA_JSON_TEXT);
    CHECK(o);
    CHECK_STR(json_string_value(json_object_get(o, "text")), "Số 86");
    CHECK(json_object_get(o, "raw") == NULL);
    json_object_set_new(o, "id", json_integer(7));
    char *s = dump(o);
    /* "text" comes before "quality", an added field after it */
    CHECK(strstr(s, "\"text\":\"Số 86\",\"quality\":{") != NULL);
    CHECK(strstr(s, "\"mean_confidence\":0.0},\"review\":[],\"id\":7}") != NULL);
    free(s);
    s = sohoa_doc_to_json(d, SOHOA_JSON_RAW | SOHOA_JSON_PRETTY);
    CHECK(strncmp(s, "{\n  \"source\": {\n    \"path\": \"a.txt\",", 36) == 0);
    CHECK(strstr(s, "\"raw\": null") != NULL);
    free(s);
    sohoa_doc_free(d);
}
