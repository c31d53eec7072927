/* batch_support.c — tests of the database lock, atomic writes, inbox moves,
 * the worker → writer queue and the JSON summary (src/batch). */
#include "harness.h"
#include "batch_fixture.h"
#include "sohoa/batch.h"
#include "../../src/batch/internal.h"
#include "../../src/batch/queue.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

TEST(lock_refuses_a_second_holder_until_released)
{
    char *d = fixture_tmpdir();
    CHECK(d);
    char db[600];
    snprintf(db, sizeof db, "%s/x.db", d);
    int a = -1, b = -1;
    sohoa_err e = {0};
    CHECK_INT(sohoa_db_lock(db, 0, &a, &e), SOHOA_OK);
    CHECK_INT(sohoa_db_lock(db, 0, &b, &e), SOHOA_EBUSY);
    CHECK(strstr(e.msg, db) != NULL);
    CHECK(strstr(e.msg, "--wait") != NULL);
    sohoa_db_unlock(a);
    CHECK_INT(sohoa_db_lock(db, 0, &b, &e), SOHOA_OK);
    sohoa_db_unlock(b);
    fixture_remove(d);
}

TEST(write_file_atomic_replaces_whole_file)
{
    char *d = fixture_tmpdir();
    CHECK(d);
    char p[600];
    snprintf(p, sizeof p, "%s/s.json", d);
    CHECK_INT(sohoa_write_file_atomic(p, "{\"a\":1}", NULL), SOHOA_OK);
    CHECK_INT(sohoa_write_file_atomic(p, "{}", NULL), SOHOA_OK);
    FILE *f = fopen(p, "r");
    CHECK(f);
    char buf[64] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    CHECK_INT(n, 3);
    CHECK_STR(buf, "{}\n");
    sohoa_err e = {0};
    CHECK_INT(sohoa_write_file_atomic("/nonexistent/dir/s.json", "{}", &e), SOHOA_EIO);
    fixture_remove(d);
}

TEST(move_into_renames_and_avoids_clobbering)
{
    char *d = fixture_tmpdir();
    CHECK(d);
    char in[600], out[600], p[700];
    snprintf(in, sizeof in, "%s/in", d);
    snprintf(out, sizeof out, "%s/done", d);
    mkdir(in, 0755);
    mkdir(out, 0755);
    for (int k = 0; k < 2; k++) {
        CHECK(fixture_write(in, "a.txt", "", 0, p, sizeof p));
        char *dest = NULL;
        CHECK_INT(batch_move_into(p, out, &dest, NULL), SOHOA_OK);
        CHECK(!file_exists(p));
        char want[700];
        snprintf(want, sizeof want, k ? "%s/a.txt.1" : "%s/a.txt", out);
        CHECK_STR(dest, want);
        free(dest);
    }
    snprintf(p, sizeof p, "%s/a.txt", out);
    CHECK(file_exists(p));
    snprintf(p, sizeof p, "%s/a.txt.1", out);
    CHECK(file_exists(p));
    sohoa_err e = {0};
    snprintf(p, sizeof p, "%s/missing.txt", in);
    CHECK_INT(batch_move_into(p, out, NULL, &e), SOHOA_EIO);
    CHECK(strstr(e.msg, "missing.txt") != NULL);
    fixture_remove(d);
}

typedef struct producer {
    batch_queue *q;
    size_t first, n;
} producer;

static void *produce(void *arg)
{
    producer *p = arg;
    for (size_t i = 0; i < p->n; i++) {
        batch_result r = {p->first + i, NULL, "test", NULL};
        batch_queue_push(p->q, &r);
    }
    batch_queue_worker_done(p->q);
    return NULL;
}

TEST(queue_delivers_every_result_once_then_ends)
{
    batch_queue q;
    batch_queue_init(&q, 2, 3); /* small capacity: producers block */
    producer pr[3] = {{&q, 0, 100}, {&q, 100, 50}, {&q, 150, 0}};
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        CHECK(pthread_create(&t[i], NULL, produce, &pr[i]) == 0);
    int seen[150] = {0};
    size_t got = 0;
    batch_result r;
    while (batch_queue_pop(&q, &r)) {
        if (r.item < 150)
            seen[r.item]++;
        got++;
    }
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    batch_queue_destroy(&q);
    CHECK_INT(got, 150);
    for (int i = 0; i < 150; i++)
        CHECK_INT(seen[i], 1);
}

TEST(summary_json_has_counts_and_failures)
{
    sohoa_batch_summary s;
    memset(&s, 0, sizeof s);
    s.files = 20;
    s.processed = 18;
    s.pages = 18;
    batch_summary_add_failure(&s, "in/bad.txt", "decode", "in/bad.txt: invalid UTF-8 at byte 3");
    batch_summary_add_failure(&s, "in/empty.txt", "decode", "in/empty.txt: no text found");
    CHECK_INT(s.failed, 2);
    char *js = sohoa_batch_summary_json(&s, "x.db", "1/3", 1, NULL);
    json_error_t je;
    json_t *o = json_loads(js, 0, &je);
    free(js);
    CHECK(o);
    CHECK_STR(json_string_value(json_object_get(o, "db")), "x.db");
    CHECK_STR(json_string_value(json_object_get(o, "shard")), "1/3");
    CHECK_INT(json_integer_value(json_object_get(o, "exit_status")), 1);
    CHECK(json_is_null(json_object_get(o, "error")));
    CHECK_INT(json_integer_value(json_object_get(o, "files")), 20);
    CHECK_INT(json_integer_value(json_object_get(o, "processed")), 18);
    CHECK_INT(json_integer_value(json_object_get(o, "failed")), 2);
    json_t *f = json_object_get(o, "failures");
    CHECK_INT(json_array_size(f), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(f, 1), "path")), "in/empty.txt");
    CHECK_STR(json_string_value(json_object_get(json_array_get(f, 0), "stage")), "decode");
    json_decref(o);
    sohoa_batch_summary_free(&s);
}
