/* own_names.h — the names of one's own documents, for `sohoa lm adapt`:
 * runs of two to four capitalised words (Lò Văn Pấng, Nà Luông), gathered
 * from clean text and written as the model directory's names.txt, which
 * the restorer reads as a list of names to spell as they are spelt there
 * (rs_places_add_names). Private to src/cli. Owner: issue #12. */
#ifndef SOHOA_CLI_OWN_NAMES_H
#define SOHOA_CLI_OWN_NAMES_H

#include <stddef.h>

typedef struct own_name {
    char *name;
    size_t count; /* how often it was seen */
} own_name;

typedef struct own_names {
    own_name *e; /* the runs seen; merged (sorted, counted) when the array
                    fills and on writing */
    size_t n, cap;
} own_names;

/* Gather the names of text[0..len) (UTF-8, NFC, lines). */
void own_names_scan(own_names *o, const char *text, size_t len);
/* Write each distinct name and how often it was seen, NAME<TAB>COUNT, in
 * byte order, to path (through path.tmp). 0, or -1 with errno set. */
int own_names_write(own_names *o, const char *path);
void own_names_free(own_names *o);

#endif
