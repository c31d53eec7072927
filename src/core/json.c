/* json.c — jansson builders shared by every layer that writes JSON
 * (include/sohoa/json.h). */
#include "sohoa/json.h"

json_t *sohoa_json_string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *sohoa_json_string_array(char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}
