/* restore_int.h — what the restorer's files share: the restorer itself, the
 * token view of a document, candidates, the lexicon, the OCR channel, the
 * decoder and the per-document cache. Private to src/restore.
 *
 * Scores are log10 probabilities throughout. */
#ifndef SOHOA_RESTORE_INT_H
#define SOHOA_RESTORE_INT_H

#include <stddef.h>
#include <stdint.h>
#include "lm_internal.h"
#include "sohoa/buf.h"
#include "sohoa/normalize.h" /* sohoa_case_pattern */
#include "sohoa/restore.h"

/* ---- string table (strmap.c) ------------------------------------------- */

/* String keys to string values; zero-initialise, release with
 * rs_strmap_free. The table owns copies of what is put in. */
typedef struct rs_strmap {
    char **key, **val;
    size_t cap, n;
} rs_strmap;

/* The value of key[0..n), or NULL; borrowed from the table. */
const char *rs_strmap_get(const rs_strmap *m, const char *key, size_t n);
/* Add key → val (both copied); 1 if key was new. An existing key keeps its
 * value unless replace is set. */
int rs_strmap_put(rs_strmap *m, const char *key, const char *val, int replace);
void rs_strmap_free(rs_strmap *m);

/* ---- dictionary files (dict_files.c) ------------------------------------ */

/* Hand every line of dir's *.txt files whose name starts with prefix ("" for
 * all; hidden files skipped) to fn, file by file in name order, as
 * sohoa_text_lines reads them (lineno counts from 1 in each file). A missing
 * dir reads as empty; a file that cannot be read or is not UTF-8 stops
 * with an error naming it. */
int rs_dict_read(const char *dir, const char *prefix, sohoa_line_fn fn, void *ctx,
                 sohoa_err *err);
/* The hash of every *.txt file of dir that rs_dict_read(dir, "") reads
 * (names, sizes and bytes) into *hash, how many into *files. An error
 * when one cannot be read. */
int rs_dict_hash(const char *dir, uint64_t *hash, size_t *files, sohoa_err *err);
#define RS_DICT_HASH_SEED 0x3c6ef372fe94f82bULL

/* ---- the dictionaries' cache (dict_cache.c) ----------------------------- */

/* The lexicon and the gazetteer as the restorer holds them, saved in
 * models/dictionaries.bin with the hash of the dictionaries they were read
 * from and of the LM's vocabulary; a restorer whose dictionaries and
 * vocabulary have those hashes reads them from it instead of parsing the
 * text. Its path in models_dir: */
#define RS_DICT_CACHE_NAME "dictionaries.bin"
struct rs_lexicon;
struct rs_places;
/* Read the cache at path into *lex and *places when it was made from
 * dict_dir's dictionaries for lm's vocabulary. Absent, or made from other
 * dictionaries, another vocabulary or by another version: SOHOA_OK with
 * both NULL (the text is to be read). Damaged (truncated, checksum,
 * contents): SOHOA_EFORMAT naming the path. */
int rs_dict_cache_load(const char *path, const char *dict_dir, const sohoa_lm *lm,
                       struct rs_lexicon **lex, struct rs_places **places, sohoa_err *err);

/* Reading a cache's body (blob.c): values in the order written, each read checked
 * against the end (past it, bad is set and zeros come back). */
typedef struct rs_blob {
    const unsigned char *p;
    size_t n, at;
    int bad;
} rs_blob;
uint8_t rs_blob_u8(rs_blob *b);
uint32_t rs_blob_u32(rs_blob *b);
uint64_t rs_blob_u64(rs_blob *b);
/* A NUL-terminated string in place (borrowed), or NULL (bad set). */
const char *rs_blob_str(rs_blob *b);
/* Writing one: the same values appended to a buffer. */
void rs_blob_put_u8(sohoa_buf *b, uint8_t v);
void rs_blob_put_u32(sohoa_buf *b, uint32_t v);
void rs_blob_put_u64(sohoa_buf *b, uint64_t v);
void rs_blob_put_str(sohoa_buf *b, const char *s);
/* A string map's entries (count, then key and value of each) / read back
 * into an empty map: 0 when the body is not one. */
void rs_strmap_save(const rs_strmap *m, sohoa_buf *out);
int rs_strmap_restore(rs_strmap *m, rs_blob *in);

/* ---- lexicon (lexicon.c) ------------------------------------------------ */

typedef struct rs_lexicon rs_lexicon;

/* Load every *.txt of dir: lines "FORM" or "FORM<TAB>..." (comments '#').
 * All-caps entries without spaces are abbreviations (UBND, QĐ); entries of
 * 2-4 syllables are words/names. Missing dir: an empty lexicon. */
int rs_lexicon_load(const char *dir, const sohoa_lm *lm, rs_lexicon **out, sohoa_err *err);
void rs_lexicon_free(rs_lexicon *x);
/* The abbreviation whose fold is fold[0..n), or NULL. */
const char *rs_lexicon_abbrev(const rs_lexicon *x, const char *fold, size_t n);
/* Whether the ids a b are adjacent in a lexicon entry, in that order:
 * RS_LEX_CURATED (an entry of a curated file), RS_LEX_GENERAL (only of a
 * general word list, "#! general"), or 0. */
enum { RS_LEX_CURATED = 1, RS_LEX_GENERAL = 2 };
int rs_lexicon_pair(const rs_lexicon *x, uint16_t a, uint16_t b);
/* The pairs (a, b[c]) for c < n as bits (bit c of bits[c / 64], the
 * ceil(n / 64) words all written): set for RS_LEX_CURATED pairs, and for
 * RS_LEX_GENERAL ones too when general is set; rs_lexicon_pair's answers
 * for a whole candidate list in one call. */
void rs_lexicon_marks(const rs_lexicon *x, uint16_t a, const uint16_t *b, size_t n, int general,
                      uint64_t *bits);
size_t rs_lexicon_size(const rs_lexicon *x);
/* The lexicon into a cache's body (dict_cache.c) / read back from one:
 * NULL when the body does not hold one. */
void rs_lexicon_save(const rs_lexicon *x, sohoa_buf *out);
rs_lexicon *rs_lexicon_restore(rs_blob *in);

/* ---- the gazetteer (places.c) ------------------------------------------- */

typedef struct rs_places rs_places;
struct rs_doc;

/* Load dir/places-*.txt (NAME<TAB>UNIT[<TAB>WHERE]); missing dir or files:
 * an empty gazetteer. With lm (or NULL), also count how many names hold
 * each syllable. Free with rs_places_free. */
int rs_places_load(const char *dir, const sohoa_lm *lm, rs_places **out, sohoa_err *err);
void rs_places_free(rs_places *p);
size_t rs_places_size(const rs_places *p);
/* The gazetteer into a cache's body / read back from one for a vocabulary
 * of nvocab words: NULL when the body does not hold one. */
void rs_places_save(const rs_places *p, sohoa_buf *out);
rs_places *rs_places_restore(rs_blob *in, size_t nvocab);
/* How many of the gazetteer's names hold the syllable of LM id (0 when
 * loaded without a model). */
uint32_t rs_places_names_with(const rs_places *p, uint16_t id);
/* 1 if a unit word (the gazetteer's, or a village's: thôn, xóm, ấp, làng,
 * khu phố, tổ dân phố) ends just before token j of d, inside j's context
 * segment. */
int rs_places_unit_before(const struct rs_doc *d, const rs_places *p, size_t j);
/* The lower-case "unit name" form for the skeleton key[0..n) ("huyen dong
 * hoa" → "huyện đông hòa"); "" when several names share the skeleton;
 * NULL when none has it. Owned by p. */
const char *rs_places_find(const rs_places *p, const char *key, size_t n);
/* Add the names of the file at path (one per line, NAME[<TAB>...]: one's
 * own people and places, `sohoa lm adapt`'s names.txt): a run of 2 to 4
 * capitalised words spelling one of them without marks gets it, as a
 * gazetteer name does after its unit word; their syllables lm does not
 * know become rare forms. Error: err names the path. */
int rs_places_add_names(rs_places *p, const char *path, const sohoa_lm *lm, sohoa_err *err);
/* Forms of a skeleton far less likely than its first (log10 unigram
 * ratio) that are no candidate unless printed as they are (candidates.c). */
#define RS_FORM_CUTOFF 4.0f
/* The names' syllables no candidate would spell (Pồn of Mường Pồn, the
 * Xín of Xín Mần, which the language model does not know; Luông of Nà
 * Luông, which it knows but ranks under RS_FORM_CUTOFF) whose skeleton is
 * skel[0..n), as lower-case forms one space apart, or NULL. Owned by p. */
const char *rs_places_rare_forms(const rs_places *p, const char *skel, size_t n);
/* What such a form pays to be a candidate (log10): the language model
 * scores one it does not know as <unk>, which stands for every word seen
 * once in training at once and so outscores a rare known form; at -2.5
 * "Lũng" and "Cú" became the gazetteer's Lủng and Củ outside any place
 * name. A name's match gives the cost back, on top of its PLACE_BONUS:
 * only there can the form win. */
#define RS_RARE_PLACE_COST -8.0f
/* Add a bonus (indexed like d->cand) to the candidates spelling a unique
 * gazetteer name after its unit word, or one of one's own names
 * (rs_places_add_names), for capitalised names, and set their named[]
 * (indexed alike; or NULL). Returns the number of names matched. */
size_t rs_places_bonus(const struct rs_doc *d, const rs_places *p, float *bonus,
                       uint8_t *named);

/* ---- the place-name syllable prior (place_prior.c) ----------------------- */

/* Add weight × the prior of their forms (the gazetteer p's names holding
 * them) to the candidates (indexed like d->cand) of the capitalised words
 * after a unit word, or before the ", ngày" of a date line, in stripped
 * or garbled text; lex (or NULL) tells a unit word that makes a word with
 * the next (xã hội). Returns the number of names so marked. */
size_t rs_place_prior_bonus(const struct rs_doc *d, const rs_places *p, const rs_lexicon *lex,
                            float weight, float *bonus);

/* ---- the learned OCR channel table (channel_table.c) ------------------------ */

typedef struct rs_chan_table rs_chan_table;

/* One syllable an observed core was read for: its LM id, the log10 channel
 * score log10 P(obs | syllable) - RS_CHAN_REF capped at 0, and the count. */
typedef struct rs_chan_reading {
    uint16_t id;
    float score;
    unsigned count;
} rs_chan_reading;
/* log10 of the share of syllables an English OCR prints faithfully enough
 * (the reference a table reading is scored against). */
#define RS_CHAN_REF -0.3f

typedef struct rs_chan_pair {
    char p1, p2, s;
    float cost;
} rs_chan_pair;
#define RS_CHAN_MAX_PAIRS 512

/* Learned character edit costs in log10 units (-1 = not learned): printed
 * symbol p for skeleton letter s, p with nothing behind it, s not printed,
 * two printed symbols for one letter. Symbols as channel.c makes them. */
typedef struct rs_chan_costs {
    float sub[128][128];
    float del[128], ins[128];
    rs_chan_pair pair[RS_CHAN_MAX_PAIRS];
    size_t npair;
    unsigned char pair_any[128][128]; /* some pair starts p1 p2 */
} rs_chan_costs;

/* Load the table at path for the model lm (syllables it does not know are
 * dropped). A missing file is no error: *out = NULL (the hand-written
 * character model is used). A damaged or truncated file gives SOHOA_EFORMAT
 * naming the path and line. *out is owned by the caller: rs_chan_table_free. */
int rs_chan_table_load(const char *path, const sohoa_lm *lm, rs_chan_table **out,
                       sohoa_err *err);
void rs_chan_table_free(rs_chan_table *t);
/* The readings of observed core obs[0..n) (lower case, as printed), best
 * first; borrowed from t. 0 when t is NULL or has not seen obs. */
size_t rs_chan_table_readings(const rs_chan_table *t, const char *obs, size_t n,
                              const rs_chan_reading **out);
/* What the table knows of obs[0..n) read for syllable id: 1 with *score
 * the reading's score when it has one; 2 with *score an upper bound,
 * -log10(prints + 1) - RS_CHAN_REF capped at 0, when it has seen obs but
 * never read for id although id was printed at least RS_CHAN_MIN_PRINTS
 * times; 0 (score untouched) when it knows nothing of the pair. */
int rs_chan_table_score(const rs_chan_table *t, const char *obs, size_t n, uint16_t id,
                        float *score);
#define RS_CHAN_MIN_PRINTS 5
/* The learned character costs (borrowed), or NULL when t is NULL. */
const rs_chan_costs *rs_chan_table_costs(const rs_chan_table *t);
/* Number of observed cores in the table. */
size_t rs_chan_table_size(const rs_chan_table *t);

/* ---- the restorer -------------------------------------------------------- */

struct sohoa_restorer {
    sohoa_lm *lm;     /* general model (models/sohoa.lm) */
    sohoa_lm *dom;    /* domain model (models/domain.lm), same vocabulary, or NULL */
    rs_lexicon *lex;
    rs_places *places; /* the gazetteer of dictionaries/places-*.txt */
    struct rs_skelctx *skc; /* the skeleton-context model (models/sohoa.skc), or NULL */
    struct rs_wide *wide;   /* the wide-context model (models/sohoa.wide), or NULL */
    struct rs_winnet *win;  /* the window network (models/sohoa.win), or NULL */
    size_t *syl_skel;  /* indices of skeletons that are Vietnamese syllables */
    size_t nsyl_skel;
    rs_chan_table *chan; /* models/channel.tsv, or NULL: hand-written channel */
};

/* ---- the token view (tokens.c) ------------------------------------------ */

enum rs_kind {
    RS_PUNCT,   /* one punctuation character: fixed */
    RS_FIXED,   /* number, code, URL, abbreviation, foreign: output given */
    RS_WORD     /* a word to restore from candidates */
};

/* One LM position. Word cores point into the input text. Packed to 56
 * bytes (it was 96): a block of text has a quarter of a million of them,
 * each touched by every stage. Offsets and lengths fit 32 bits since a
 * block is at most 1.5 MB (restore.c: block_end). */
typedef struct rs_tok {
    char *fixed_out;     /* replacement text of a fixed token, or NULL (keep) */
    size_t cand0;        /* first candidate in the document's array */
    uint32_t off, len;   /* the core (or the punctuation char) in the input */
    uint32_t ncand;      /* how many candidates */
    int line;            /* 0-based line */
    int word;            /* index of the whitespace word it belongs to */
    int chosen;          /* index within its candidates after decoding */
    float conf;
    float ocr_conf;      /* OCR confidence of the word, -1 if unknown */
    uint16_t fixed_id;   /* LM id of fixed and punctuation tokens */
    uint8_t kind;        /* enum rs_kind */
    uint8_t upper;       /* case of the core: 0 lower, 1 first upper, 2 all upper, 3 mixed */
    uint8_t ends_context; /* a context break follows this token (</s> <s>) */
    uint8_t ghost;       /* a word lost whole, put back between two words:
                          * its core is the blanks it left (lost_glyphs.c) */
    uint8_t transparent; /* page furniture (a page number alone on its line):
                          * written as it is and no context, the decoder
                          * steps over it (context_breaks.c) */
    uint8_t space_before; /* the second of two words an OCR ran together
                           * (garble_glued.c): written after a space */
} rs_tok;

/* 16 bytes: a block has over a million of them, most soon pruned, and
 * their array was the largest fresh memory a restoration touches. The
 * posteriors, which only the candidates left for decoding get, are kept
 * beside them (rs_doc.post). */
typedef struct rs_cand {
    const char *form;  /* lower-case form (vocab string or owned by the doc);
                          NULL = keep the printed core as it is */
    float chan;        /* channel log10 score (0 = as likely as it gets) */
    uint16_t id;       /* LM id (UNK if the form is not in the vocabulary) */
    uint8_t rare;      /* a name's rare form (rs_rare_place_candidates), whose
                          chan holds RS_RARE_PLACE_COST (in the padding) */
} rs_cand;

/* Documents are seen in one of three ways, from their own tokens. */
enum rs_mode {
    RS_MODE_STRIPPED, /* no marks at all: every form of a skeleton is open */
    RS_MODE_CLEAN,    /* marks present and sound: trust them */
    RS_MODE_GARBLE    /* foreign-OCR garble: marks are hints, letters may be wrong */
};

typedef struct rs_doc {
    const char *text;   /* the text the tokens read: input, but where a symbol
                           stands for a letter in garble (garble_letters.c) */
    const char *input;  /* the text as given, which the output is written from */
    size_t n;
    rs_tok *tok;
    size_t ntok, cap;
    rs_cand *cand;
    size_t ncand, ccap;
    char **owned;       /* strings the doc allocated (forms, outputs) */
    size_t nowned, ocap;
    size_t nlines;
    size_t *line_off;   /* start offset of each line */
    int mode;
    int lossy;          /* its text lost glyphs (tokens.c: lossy_text) */
    size_t nwords;      /* whitespace words */
    void *memo;         /* channel.c's memo of edit candidates per observed core */
    float *post;        /* per candidate, its posterior after decoding (for
                           confidences, alternatives); NULL before (all 0) */
} rs_doc;

/* The posterior of candidate k of d (0 before any decoding). */
static inline float rs_post(const rs_doc *d, size_t k)
{
    return d->post ? d->post[k] : 0;
}
/* The document's arrays (doc_arrays.c): d's posteriors, made (all 0) on
 * first use once d's candidates are all made; a copy of s[0..n) that d
 * owns; a candidate appended; room for n more. */
float *rs_doc_posts(rs_doc *d);
char *rs_doc_own(rs_doc *d, const char *s, size_t n);
void rs_doc_add_cand(rs_doc *d, uint16_t id, float chan, const char *form);
void rs_doc_reserve_cands(rs_doc *d, size_t n);

/* Split text into tokens and candidates (tokens.c + candidates.c); free
 * what a build made. */
void rs_doc_build(rs_doc *d, const sohoa_restorer *r, const sohoa_restore_opts *o,
                  const char *text, size_t n, const float *tok_conf, size_t ntok_conf);
void rs_doc_free(rs_doc *d);

/* ---- the shape of a printed word (word_shape.c) -------------------------- */

/* Apply a case pattern to a lower-case string; writes into out (cap). */
size_t rs_apply_case(const char *s, int upper, char *out, size_t cap);
/* 1 if the letter run s[0..n) can be a Vietnamese syllable: valid as
 * printed, or printed without its marks (tiet, Duong). */
int rs_syllable_run(const char *s, size_t n);
/* Whether some Vietnamese syllable or some word of lm has the skeleton of
 * s[0..n) (Nguyen: nguyễn, Kito: kitô; not Myo, PLA). */
int rs_syllable_skeleton(const sohoa_lm *lm, const char *s, size_t n);

/* ---- lines and sentences (context_breaks.c) ------------------------------ */

/* A blank of a line: space, tab, carriage return, form feed (a PDF's
 * page break). */
static inline int rs_line_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
}
/* Mark the tokens of a built d after which context ends (ends_context)
 * and the page furniture that is no context (transparent). */
void rs_context_breaks(rs_doc *d, const sohoa_restore_opts *o);

/* ---- what capitals say (case_evidence.c) --------------------------------- */

/* Stripped and garbled text alike: a capital inside a sentence weighs the
 * candidates by how often each form is capitalised there. */
void rs_case_evidence(rs_doc *d, const sohoa_restorer *r);
/* Garble: case the English OCR model got wrong, put right from the
 * neighbours on the line (BO phận → Bộ phận, quản Iy → quản lý). */
void rs_garble_case_context(rs_doc *d, const sohoa_restorer *r);
/* Stripped text: a capitalised word just before a foreign name keeps its
 * printed form (Nong Poy). */
void rs_foreign_neighbours(rs_doc *d, const sohoa_restorer *r);

/* ---- words run together where a space was lost (glued.c) ---------------- */

#define RS_GLUED_MAX 4
/* The number of syllables (2..RS_GLUED_MAX) the ASCII word s[0..n), whose
 * skeleton the model lm does not know, is read as, their lengths in len;
 * 0 when it is not read so (a foreign word, a name, an acronym). */
int rs_glued_split(const sohoa_lm *lm, const char *s, size_t n, uint8_t *len);

/* The best log10 probability of a reading of k pieces (k <= RS_GLUED_MAX)
 * whose forms are ids[p][0..nids[p]) (the most frequent few of each):
 * bigram on the previous form, unigram for the first. (glued.c) */
float rs_glued_reading(const sohoa_lm *lm, const uint16_t *const *ids, const size_t *nids, int k);

/* Garble: s[0..n) as two words an English OCR ran together (do1ngli for
 * đội ngũ, congvu for công vụ, s6268 for số 268), or two words and the
 * number between them (thang02nim: tháng 02 năm), when it is near no
 * syllable and the pieces are each near one (or a number) and read
 * likely: how many pieces (2 or 3) and their byte lengths in len, else 0. Each core that needs the model's skeletons searched takes
 * one from *budget; none is searched once it is 0. (garble_glued.c) */
int rs_garble_glued_split(const sohoa_restorer *r, const char *s, size_t n, uint8_t *len,
                          unsigned *budget);

/* Cores of a block searched by rs_garble_glued_split (each is some twenty
 * searches of the model's skeletons): seed 000's scan needs 5, a block of
 * random letters would need them all; it stops here. */
#define RS_GARBLE_GLUED_BUDGET 256

/* 1 if s[0..n) has the shape of two short words run together: 4 to 14
 * letters and digits, a vowel among them, at most one capital. The cheap
 * test before the channel is asked whether it reads s as one word. */
int rs_garble_glued_shape(const char *s, size_t n);

/* ---- glyphs a PDF text layer lost (lost_glyphs.c) ----------------------- */

/* 1 if s[0..n) may be what is left of a word whose marked letters were
 * lost: letters only, none a vowel (nh, ph, t, Ch), not an all-caps run of
 * two or more (TP, KH). */
int rs_lost_fragment(const char *s, size_t n);
/* Append to d's candidates (channel 0, form the model's word) the
 * Vietnamese syllables of the model that read Y + a + X + b, a[0..an) and
 * b[0..bn) lower-cased and kept letter for letter, X `lost` (1..RS_LOST_MAX)
 * letters that are not ASCII, one per blank between a and b, Y 0..before
 * such letters (at most RS_LOST_MAX in all): "t" "nh" 1 0 → tình tính
 * tỉnh ...; "tr" "ng" 2 0 → trường trưởng ...; "i" "u" 1 1 → điều.
 * Returns how many. */
#define RS_LOST_MAX 3
size_t rs_lost_join_forms(rs_doc *d, const sohoa_lm *lm, const char *a, size_t an,
                          const char *b, size_t bn, int lost, int before);
/* How many letters (0..RS_LOST_MAX) a word may have lost before its
 * first letter, between two of its letters, after its last one. */
typedef struct rs_lost_sides {
    int before, inside, after;
} rs_lost_sides;
/* A copy of text[0..n) (its length in *len) in which every replacement
 * character U+FFFD and private-use character (U+E000..U+F8FF) touching a
 * letter, or a run of them touching one, is a blank, one per character:
 * what an extraction prints for glyphs it could not map, read as a lost
 * letter ("t\uFFFDnh" → "t nh"); NULL (nothing to do) if there is none.
 * text must be valid UTF-8 (sohoa_restore_text checks it first): a stray
 * byte is not taken for U+FFFD. */
char *rs_lost_marks_blanked(const char *text, size_t n, size_t *len);
/* How many letters a word printed as core[0..n) got back at its start
 * (at_end 0: ược → được, 1) or end (c → có, 1) when restored as form (lower
 * case): the letters form has beyond the core where the core ends (starts)
 * it; for a core joined across blanks ("  i u" → điều), those beyond one
 * per blank, all at its start. */
long rs_lost_got_back(const char *form, const char *core, size_t n, int at_end);
/* The model's Vietnamese syllables of exactly `lost` (1..RS_LOST_MAX)
 * letters none of which is ASCII (ở, ý; đã, đó, độ): the words a PDF lost
 * whole. Appended to d's candidates; returns how many. */
size_t rs_lost_ghost_forms(rs_doc *d, const sohoa_lm *lm, int lost);
/* The same for one word s[0..n) with up to that many lost letters at one
 * place: "c" → có cá cả ...; "nh" → nhà như ảnh ...; "ộng" (before) →
 * động; "c" (3 before) → được. */
size_t rs_lost_alone_forms(rs_doc *d, const sohoa_lm *lm, const char *s, size_t n,
                           const rs_lost_sides *at);

/* ---- letters printed as symbols in garble (garble_letters.c) ----------- */

/* A copy of text[0..n) (NUL-terminated, the caller's to free) with each
 * '$' that stands for an S read as 'S' or 's', byte for byte; NULL when
 * none does. */
char *rs_garble_letters(const char *text, size_t n);

/* ---- OCR noise marks in garble (garble_marks.c) ------------------------ */

/* 1 if the word core s[0..n) is two words joined by one mark an English
 * OCR printed for the space between them (cudc.tan, hién'co, chua-xac):
 * *cut is the mark's offset, *mlen its length in bytes. Numbers, codes,
 * abbreviations, URLs, horns read as apostrophes (tru’éc) and hyphenated
 * words lm knows (cát-sê) give 0. */
int rs_garble_split(const sohoa_lm *lm, const char *s, size_t n, size_t *cut, size_t *mlen);
/* 1 if s[at..] is an opening quote ‘ glued to a letter that no closing
 * quote ’ ending a word follows on its line (OCR noise: ‘dung). */
int rs_garble_stray_quote(const char *s, size_t n, size_t at);
/* 1 if the whitespace word text[off..off+n) (of a text of len bytes) is one
 * or two marks an English OCR prints for specks (". | ; , ° ©"), not text;
 * '-', '/', brackets and quotes are text, and so is a mark standing between
 * two numbers on its line ("2021 — 2025", "8 : 30"). */
int rs_garble_speck_word(const char *text, size_t len, size_t off, size_t n);

/* The labels of a list's points at the start of d's lines ("d) "): letters
 * in the list's order, not words; stripped "d)" is d) after c), đ) after
 * d); in garble a symbol printed for a label ("¢)") becomes the letter the
 * order wants. Run once d's tokens are built. (list_labels.c) */
void rs_list_labels(rs_doc *d, const sohoa_lm *lm);

/* The output spelling of word forms (render_memo.c): per document, each
 * (form, case pattern) cased (rs_apply_case) and put in tone_style once.
 * rs_render_memo_get returns the spelling (NUL-terminated, *len its length;
 * owned by the memo, valid until the next get or the free), or NULL when
 * the cased form does not fit 256 bytes (keep the printed core). form must
 * stay the same string, at the same address, while the memo is used. */
typedef struct rs_render_memo rs_render_memo;
rs_render_memo *rs_render_memo_new(int tone_style);
void rs_render_memo_free(rs_render_memo *m);
const char *rs_render_memo_get(rs_render_memo *m, const char *form, int upper, size_t *len);

/* ---- the channel (channel.c) --------------------------------------------- */

/* Candidates for an observed lower-case core obs[0..n) that the OCR channel
 * makes likely (skeleton edits: s6→so, pang→dang, nuec→nuoc), each form with
 * a log10 channel score, appended to the document. max_cost bounds the edit
 * cost. Returns the number added. */
size_t rs_channel_candidates(rs_doc *d, const sohoa_restorer *r, const char *obs, size_t n,
                             float max_cost);

/* The model's forms (*ids, how many returned) of the syllable skeleton
 * nearest to the printed string obs[0..n) by the edit model (garble's
 * learned costs where the table has them), and that edit's cost in *cost:
 * 0 when obs folds to a skeleton; 0 forms and max_cost + 1 when none is
 * within max_cost. */
size_t rs_channel_nearest(const sohoa_restorer *r, const char *obs, size_t n, float max_cost,
                          float *cost, const uint16_t **ids);

/* Channel log10 score of reading form when obs (in LM form) was printed,
 * for forms of the same skeleton, by document mode. */
float rs_channel_same_skeleton(const sohoa_restorer *r, int mode, const char *obs, size_t n,
                               uint16_t id, const char *form);
void rs_channel_memo_free(rs_doc *d);

/* The candidates of one word core (candidates.c); sets nothing when the
 * core has no plausible reading but itself. */
void rs_make_candidates(rs_doc *d, const sohoa_restorer *r, const sohoa_restore_opts *o,
                        const char *core, size_t n, const char *low, size_t lown, int valid,
                        int has_digit);
/* For a capitalised word: the gazetteer's syllables of its skeleton that
 * the language model does not know (rs_places_rare_forms), added after the
 * candidates from start on unless one of them spells it already, at
 * RS_RARE_PLACE_COST, so that a place name can be spelt as the gazetteer
 * spells it. lc[0..lcn): the printed core in LM form. */
void rs_rare_place_candidates(rs_doc *d, const sohoa_restorer *r, size_t start, const char *core,
                              size_t n, const char *lc, size_t lcn);

/* Take out of every word of d whose candidates all have a view in logp
 * (indexed like d->cand; RS_SKC_NO_VIEW, any value > 0, is none) the
 * candidates more than `below` (log10) under the word's best one; with,
 * indexed like d->cand too, is compacted alongside, and so is keep (or
 * NULL): a candidate whose keep is set stays. Ghost words are left whole.
 * Returns how many candidates were taken out. */
size_t rs_prune_candidates(rs_doc *d, const float *logp, float below, float *with,
                           uint8_t *keep);

/* Each candidate's gap in the coarse pass (coarse_pass.c) into gap
 * (indexed like d->cand): log10 of the best bigram path through it, with
 * the candidates' channel scores and extra (indexed like d->cand, or
 * NULL), less the best path's; 0 for its word's best, 1 (no view) for
 * words outside any path. For rs_prune_candidates. */
void rs_coarse_gaps(const rs_doc *d, const sohoa_lm *lm, const float *extra, float *gap);

/* ---- the memo of LM answers (lm_memo.c) ------------------------------------ */

/* Memo of mixed scores for one restoration call (lm_memo.c, at most about
 * 128 MB). Owned by the caller: rs_lm_memo_new, rs_lm_memo_free. The
 * scores it keeps are valid for one set of decode options only. */
typedef struct rs_lm_memo rs_lm_memo;
rs_lm_memo *rs_lm_memo_new(void);
void rs_lm_memo_free(rs_lm_memo *m);
/* sohoa_lm_score_many of model lm (which: 0 general, 1 domain), with the
 * same result (scored in one batch, lm_batch.c; m and which are unused). */
void rs_memo_score_many(rs_lm_memo *m, const sohoa_lm *lm, int which, const uint16_t *ctx,
                        int n, const uint16_t *w, size_t nw, float *out);
/* A remembered mixed score of w after ctx[0..n) (n ≤ 3): 1 and *v, or 0. */
int rs_memo_score_get(rs_lm_memo *m, const uint16_t *ctx, int n, uint16_t w, float *v);
void rs_memo_score_put(rs_lm_memo *m, const uint16_t *ctx, int n, uint16_t w, float v);

/* The rows of mixed scores the decoder has computed (row_memo.c): for a
 * list of words and a context of up to 3 ids, one score per word. Owned by
 * the rs_lm_memo it belongs to (rs_lm_memo_rows), or by the caller of
 * rs_row_memo_new (release with rs_row_memo_free). Its lists and rows take
 * about max_bytes at most (the memory kept for them, grown by doubling, up
 * to twice that): interning a list when they take more empties the memo
 * first (list ids given before are void; the memory is kept).
 * Valid for one set of decode options, like the memo. */
typedef struct rs_row_memo rs_row_memo;
rs_row_memo *rs_row_memo_new(size_t max_bytes);
void rs_row_memo_free(rs_row_memo *m);
/* Forget every list and row (list ids given before are void), keeping the
 * memory for what comes next. */
void rs_row_memo_clear(rs_row_memo *m);
/* How many times the memo was cleared: a list id names one list for as
 * long as this stays the same. */
uint32_t rs_row_memo_gen(const rs_row_memo *m);
/* The id (≥ 1) of the list w[0..n): the same id for the same list until
 * the memo is cleared, which this call may do first (see above). */
uint32_t rs_row_memo_list(rs_row_memo *m, const uint16_t *w, size_t n);
/* The row of list after ctx[0..nctx) (nctx ≤ 3) into out (as many floats
 * as the list has words): 1, or 0 when it is not there. */
int rs_row_memo_get(const rs_row_memo *m, uint32_t list, const uint16_t *ctx, int nctx,
                    float *out);
/* The rows of list after each context ctx[0..nc) into out + h * (words of
 * the list), as rs_row_memo_get, their slots loaded together; returns how
 * many were missing, their indices h in miss[] (in order). */
size_t rs_row_memo_get_rows(const rs_row_memo *m, uint32_t list, const rs_ctx *ctx, size_t nc,
                            float *out, size_t *miss);
/* Remember the row v of list after ctx[0..nctx); a row already there stays. */
void rs_row_memo_put(rs_row_memo *m, uint32_t list, const uint16_t *ctx, int nctx,
                     const float *v);
/* Bytes the memo holds now (its arenas and tables). */
size_t rs_row_memo_bytes(const rs_row_memo *m);
/* The row memo of m (owned by m). */
rs_row_memo *rs_lm_memo_rows(rs_lm_memo *m);

/* ---- the decoder (decoder.c) ----------------------------------------------- */

/* The lexicon bonuses the decoder has worked out, per candidate list and
 * last id (about 2 MB). Valid with one row memo (it names lists by the
 * memo's ids) and one restorer. Owned by the caller: rs_lex_cache_new,
 * rs_lex_cache_free. */
typedef struct rs_lex_cache rs_lex_cache;
rs_lex_cache *rs_lex_cache_new(void);
void rs_lex_cache_free(rs_lex_cache *c);

typedef struct rs_decode_opts {
    int beam;
    int max_order;      /* cap on the LM order used (3 for the trigram baseline) */
    int use_domain;
    float domain_weight; /* interpolation weight of the domain model */
    float domain_short;  /* its share of that weight after a context the
                            domain model has seen fewer words of than its
                            order uses (decoder.c: mix_rows_of) */
    int use_lexicon;
    float lex_bonus;
    const float *cache_bonus; /* per candidate (indexed like d->cand), or NULL */
    const float *place_bonus; /* per candidate: gazetteer matches and the skeleton-context
                                 score (skel_ctx.h), or NULL (unlike
                                 cache_bonus, it never lets a segment be skipped) */
    rs_lm_memo *memo;   /* memo for these options (caller's), or NULL: rs_decode
                           then uses one of its own for the call */
    rs_lex_cache *lex_cache; /* the caller's, used with the caller's memo (and
                           kept with it: every block of a text), or NULL:
                           rs_decode then uses one of its own */
    double deadline;    /* sohoa_now() past which decoding stops, 0 = none */
} rs_decode_opts;

/* Choose a candidate for every RS_WORD token (fills tok[].chosen) and a
 * confidence (tok[].conf). Returns 0, or 1 if it stopped at o->deadline:
 * then some tokens were not decoded and d is fit only to be freed. */
int rs_decode(rs_doc *d, const sohoa_restorer *r, const rs_decode_opts *o);

/* LM score with optional domain interpolation, as the decoder uses it. */
float rs_lm_mix(const sohoa_restorer *r, const rs_decode_opts *o, const uint16_t *ctx, int n,
                uint16_t w);

/* ---- the domain model's share (domain_share.c) ------------------------------ */

/* The share of d's words the domain model explains, in [0, 1]: the mixture
 * weight that maximises the likelihood of the words under
 * (1 - λ) general + λ domain, at the unigram level, each word standing for
 * the sum over its candidates (so it needs no decoding). Near 0 for news,
 * about 0.8 for administrative text. 0 without a domain model. */
float rs_domain_share(const rs_doc *d, const sohoa_restorer *r);

/* ---- the per-document cache (doc_cache.c) ---------------------------------- */

/* From a first decoding, a bonus per candidate for forms the document has
 * already decided confidently (or printed with marks intact). Returns a
 * malloc'd array indexed like d->cand (caller frees). */
float *rs_cache_bonus(const rs_doc *d);

/* 1 if d->text[at] starts a sentence: after . ! ?, or first on a line whose
 * line before is blank or ends with . ! ? : (administrative text is
 * wrapped in the middle of sentences), or first in the text
 * (context_breaks.c). */
int rs_sentence_start(const rs_doc *d, size_t at);

#endif
