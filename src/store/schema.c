/* schema.c — the database schema, its version, and forward migrations.
 *
 * The schema version is PRAGMA user_version; a sohoa database also carries
 * PRAGMA application_id "SoHo", so that a foreign SQLite file is refused
 * rather than written into. migrations[i] takes a database from version i to
 * i+1; opening for writing applies every missing step in one transaction.
 * A database newer than this build is refused (never downgraded); readers
 * refuse an older one and ask for a writer to migrate it.
 *
 * Analysts' SQL should use the views (v_documents, v_sections, ...): their
 * columns are a public interface that later migrations keep, while the
 * tables underneath may change. The FTS tables index the view fts_source
 * (external content), so the text is stored once.
 *
 * Version 2 indexes the folded words only (tokenize='sohoa fold'): half the
 * index, twice the insert rate; --exact re-checks each candidate's words
 * (query_match.c). It also adds term_stats, each indexed word's document
 * count, so that ranking needs no second walk of the posting lists
 * (term_stats.c).
 *
 * Version 3 keeps the words the restorer was unsure of (review_words, the
 * view v_review), for a person to check; documents stored before it have
 * none until they are ingested again. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static const char migration_1[] =
    "CREATE TABLE documents ("
    " id INTEGER PRIMARY KEY,"
    " sha256 TEXT NOT NULL UNIQUE,"
    " kind TEXT, pages INTEGER, encoding TEXT,"
    " doc_type TEXT, number TEXT, symbol TEXT, issuer TEXT, place TEXT,"
    " date TEXT, date_partial TEXT, year INTEGER, title TEXT,"
    " signer TEXT, signer_role TEXT, period TEXT,"
    " ocr_conf REAL,"
    " restore_tokens INTEGER, restore_changed INTEGER, restore_low_conf INTEGER,"
    " restore_mean_conf REAL,"
    " ingested_at TEXT NOT NULL, pipeline_version TEXT NOT NULL,"
    " issuer_key TEXT, place_key TEXT);"
    "CREATE INDEX documents_type_year ON documents(doc_type, year);"
    "CREATE INDEX documents_year ON documents(year);"
    "CREATE INDEX documents_date ON documents(date);"
    "CREATE TABLE document_texts ("
    " document INTEGER PRIMARY KEY REFERENCES documents(id),"
    " raw TEXT, raw_words TEXT, text TEXT);"
    "CREATE TABLE paths ("
    " id INTEGER PRIMARY KEY,"
    " document INTEGER NOT NULL REFERENCES documents(id),"
    " path TEXT NOT NULL, first_seen TEXT NOT NULL,"
    " UNIQUE (document, path));"
    "CREATE INDEX paths_path ON paths(path);"
    "CREATE TABLE sections ("
    " id INTEGER PRIMARY KEY,"
    " document INTEGER NOT NULL REFERENCES documents(id),"
    " ordinal INTEGER NOT NULL, level INTEGER NOT NULL, label TEXT, heading TEXT,"
    " kind TEXT NOT NULL, kinds TEXT NOT NULL, text TEXT NOT NULL,"
    " parent INTEGER, line INTEGER, page INTEGER,"
    " UNIQUE (document, ordinal));"
    "CREATE TABLE refs ("
    " document INTEGER NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,"
    " type TEXT, number TEXT, number_key TEXT, date TEXT,"
    " PRIMARY KEY (document, ordinal)) WITHOUT ROWID;"
    "CREATE INDEX refs_number ON refs(number_key);"
    "CREATE TABLE recipients ("
    " document INTEGER NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,"
    " name TEXT NOT NULL, PRIMARY KEY (document, ordinal)) WITHOUT ROWID;"
    "CREATE TABLE agencies ("
    " document INTEGER NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,"
    " name TEXT NOT NULL, PRIMARY KEY (document, ordinal)) WITHOUT ROWID;"
    "CREATE TABLE failures ("
    " path TEXT PRIMARY KEY, sha256 TEXT, stage TEXT NOT NULL, error TEXT NOT NULL,"
    " attempts INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL);"
    "CREATE INDEX failures_sha256 ON failures(sha256);"
    /* What the FTS tables index: one row per section, with its document's title. */
    "CREATE VIEW fts_source AS"
    " SELECT s.id AS id, d.title AS title, s.heading AS heading, s.text AS body"
    " FROM sections s JOIN documents d ON d.id = s.document;"
    "CREATE VIRTUAL TABLE sections_fts USING fts5(title, heading, body,"
    " content='fts_source', content_rowid='id', tokenize='sohoa');"
    /* BM25 with the title weighted 4x and headings 2x the body, for every
     * query that orders by rank, ours and analysts' alike (sohoa_bm25:
     * fts_tokenizer.c). */
    "INSERT INTO sections_fts(sections_fts, rank) VALUES('rank', 'sohoa_bm25(4.0, 2.0, 1.0)');"
    /* The stable views. */
    "CREATE VIEW v_documents AS"
    " SELECT d.id, d.sha256,"
    "  (SELECT json_group_array(path) FROM (SELECT path FROM paths p"
    "    WHERE p.document = d.id ORDER BY p.id)) AS paths,"
    "  d.kind, d.pages, d.encoding, d.doc_type, d.number, d.symbol,"
    "  CASE WHEN d.number IS NULL THEN d.symbol WHEN d.symbol IS NULL THEN d.number"
    "   ELSE d.number || '/' || d.symbol END AS code,"
    "  d.issuer, d.place, d.date, d.date_partial, d.year, d.title, d.signer,"
    "  d.signer_role, d.period, d.ocr_conf, d.restore_tokens, d.restore_changed,"
    "  d.restore_low_conf, d.restore_mean_conf, d.ingested_at, d.pipeline_version,"
    "  t.raw, t.raw_words, t.text"
    " FROM documents d LEFT JOIN document_texts t ON t.document = d.id;"
    "CREATE VIEW v_sections AS"
    " SELECT s.id, s.document, s.ordinal, s.level, s.label, s.heading, s.kind,"
    "  s.kinds, s.text, s.parent AS parent_ordinal,"
    "  (SELECT p.id FROM sections p WHERE p.document = s.document"
    "    AND p.ordinal = s.parent) AS parent,"
    "  s.line, s.page, d.doc_type, d.number, d.symbol, d.issuer, d.place,"
    "  d.date, d.year, d.title"
    " FROM sections s JOIN documents d ON d.id = s.document;"
    "CREATE VIEW v_references AS"
    " SELECT document, ordinal, type, number, date FROM refs;"
    "CREATE VIEW v_recipients AS SELECT document, ordinal, name FROM recipients;"
    "CREATE VIEW v_agencies AS SELECT document, ordinal, name FROM agencies;"
    "CREATE VIEW v_paths AS SELECT document, path, first_seen FROM paths ORDER BY id;"
    "CREATE VIEW v_failures AS"
    " SELECT path, sha256, stage, error, attempts, first_at, last_at FROM failures;"
    "PRAGMA application_id = " STR(STORE_APPLICATION_ID) ";";

/* Version 2: the index of folded words only, rebuilt from the tables; its
 * vocabulary (fts5vocab) and the document count of each word. */
static const char migration_2[] =
    "DROP TABLE sections_fts;"
    "CREATE VIRTUAL TABLE sections_fts USING fts5(title, heading, body,"
    " content='fts_source', content_rowid='id', tokenize='sohoa fold');"
    "INSERT INTO sections_fts(sections_fts, rank) VALUES('rank', 'sohoa_bm25(4.0, 2.0, 1.0)');"
    "INSERT INTO sections_fts(sections_fts) VALUES('rebuild');"
    "CREATE VIRTUAL TABLE sections_vocab USING fts5vocab(sections_fts, 'row');"
    "CREATE TABLE term_stats (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;"
    "INSERT INTO term_stats(term, docs) SELECT term, doc FROM sections_vocab;";

/* Version 3: the words to review, in text order per document; alternatives
 * is a JSON array of up to three forms, best first. */
static const char migration_3[] =
    "CREATE TABLE review_words ("
    " document INTEGER NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,"
    " line INTEGER NOT NULL, page INTEGER, original TEXT NOT NULL, restored TEXT NOT NULL,"
    " confidence REAL NOT NULL, alternatives TEXT NOT NULL,"
    " PRIMARY KEY (document, ordinal)) WITHOUT ROWID;"
    "CREATE VIEW v_review AS"
    " SELECT document, ordinal, line, page, original, restored, confidence, alternatives"
    " FROM review_words;";

/* migrations[i]: version i -> i + 1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {migration_1, migration_2,
                                                             migration_3};

static int pragma_int(sohoa_store *s, const char *sql, int *out, sohoa_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "cannot read the database header", err);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return store_sqlite_err(s, "cannot read the database header", err);
    }
    *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return SOHOA_OK;
}

static int migrate(sohoa_store *s, int from, sohoa_err *err)
{
    int rc = store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc)
        return rc;
    for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
        if ((rc = store_exec(s, migrations[v], err)) != SOHOA_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
    if ((rc = store_exec(s, sql, err)) != SOHOA_OK || (rc = store_exec(s, "COMMIT", err))) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return SOHOA_OK;
}

int store_schema_check(sohoa_store *s, int writable, sohoa_err *err)
{
    int app = 0, version = 0, tables = 0, rc;
    if ((rc = pragma_int(s, "PRAGMA application_id", &app, err)) ||
        (rc = pragma_int(s, "PRAGMA user_version", &version, err)) ||
        (rc = pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables, err)))
        return rc;
    if (version == 0 && tables == 0) {
        if (!writable)
            return sohoa_err_set(err, SOHOA_EFORMAT,
                                 "%s: empty database (nothing has been ingested into it)",
                                 s->path);
        return migrate(s, 0, err);
    }
    if (app != STORE_APPLICATION_ID)
        return sohoa_err_set(err, SOHOA_EFORMAT,
                             "%s: not a sohoa database (a SQLite file of another program)",
                             s->path);
    if (version > STORE_SCHEMA_VERSION)
        return sohoa_err_set(err, SOHOA_EFORMAT,
                             "%s: schema version %d is newer than this sohoa understands (%d); "
                             "upgrade sohoa",
                             s->path, version, STORE_SCHEMA_VERSION);
    if (version < STORE_SCHEMA_VERSION) {
        if (!writable)
            return sohoa_err_set(err, SOHOA_EFORMAT,
                                 "%s: schema version %d is older than this sohoa's (%d); "
                                 "run an ingest or merge into it once to migrate it",
                                 s->path, version, STORE_SCHEMA_VERSION);
        return migrate(s, version, err);
    }
    return SOHOA_OK;
}
