/* test_pending.c — phone submissions waiting for an officer: the form's checks, the queue,
 * confirmation (new person, move, sign-out), rejection, expiry, tokens, the JSON keys and
 * the change signal other desks poll (xl_db_changed). */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/pending.h"
#include "xiangli/qr.h"

static void make_id(const char *birth, int seq, char out[19])
{
    snprintf(out, 19, "310117%.8s%03d", birth, seq);
    out[17] = xl_id_check_char(out);
    out[18] = '\0';
}

/* The fixture, with person 3 (张小军, tenant in 5-201) given an ID number. */
static xl_db *queue_db(char id3[19])
{
    xl_db *db = tu_fixture_db();
    char sql[160];
    make_id("19900101", 11, id3);
    snprintf(sql, sizeof sql, "UPDATE person SET id_number = '%s' WHERE id = 3", id3);
    tu_exec(db, sql);
    return db;
}

static int64_t submit(xl_db *db, int building, const char *action, const char *id,
                      const char *room, const char *date)
{
    xl_pending_form f = {action, "新租客", id, "170 1234-5678", room, date};
    xl_field_errors fe;
    char receipt[XL_RECEIPT_LEN + 1];
    xl_err err;
    xl_err_clear(&err);
    int rc = xl_pending_submit(db, building, &f, &fe, receipt, &err);
    if (rc != XL_OK)
        fail_msg("submit: %s", err.msg);
    assert_int_equal(strlen(receipt), XL_RECEIPT_LEN);
    assert_int_equal(strcspn(receipt, "01IO"), XL_RECEIPT_LEN);
    return sqlite3_last_insert_rowid(xl_db_handle(db));
}

static void pending__submit__stores_and_audits_without_personal_data(void **state)
{
    (void)state;
    char id3[19], id[19];
    xl_db *db = queue_db(id3);
    make_id("19950505", 21, id);
    int64_t pid = submit(db, 5, "in", id, "201", "2026-11-20");
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM pending WHERE state = 'pending'"), 1);
    char *phone = tu_one_text(db, "SELECT phone FROM pending");
    assert_string_equal(phone, "17012345678");
    char *detail = tu_one_text(db, "SELECT detail || operator FROM audit WHERE action = 'pending.submit'");
    assert_null(strstr(detail, "新租客"));
    assert_null(strstr(detail, id));
    assert_null(strstr(detail, "1234"));
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person"), 7); /* not in the register */
    xl_pending_row *rows;
    size_t n;
    xl_err err;
    assert_int_equal(xl_pending_list(db, 14, &rows, &n, &err), XL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].id, pid);
    assert_string_equal(rows[0].phone_masked, "170****5678");
    assert_int_equal(strlen(rows[0].id_masked), 18);
    assert_non_null(strchr(rows[0].id_masked, '*'));
    free(rows);
    free(phone);
    free(detail);
    tu_db_free(db);
}

static void pending__submit__bad_fields_beside_each_and_nothing_written(void **state)
{
    (void)state;
    char id3[19];
    xl_db *db = queue_db(id3);
    uint64_t before = tu_db_hash(db);
    xl_pending_form f = {"maybe", "", "31011719900101001", "12345", "999", "2030-01-01"};
    xl_field_errors fe;
    char receipt[XL_RECEIPT_LEN + 1];
    xl_err err;
    assert_int_equal(xl_pending_submit(db, 5, &f, &fe, receipt, &err), XL_EFAIL);
    assert_non_null(xl_field_errors_get(&fe, XL_SF_CHANNEL));
    assert_non_null(xl_field_errors_get(&fe, XL_SF_NAME));
    assert_non_null(xl_field_errors_get(&fe, XL_SF_ID_NUMBER));
    assert_non_null(xl_field_errors_get(&fe, XL_SF_PHONE));
    assert_non_null(xl_field_errors_get(&fe, XL_SF_ROOM));
    assert_non_null(xl_field_errors_get(&fe, XL_SF_MOVED_IN));
    /* on the phone the numbers are required */
    xl_pending_form g = {"in", "某人", "", "", "101", ""};
    assert_int_equal(xl_pending_submit(db, 5, &g, &fe, receipt, &err), XL_EFAIL);
    assert_string_equal(xl_field_errors_get(&fe, XL_SF_ID_NUMBER), _(PEND_E_ID_REQUIRED));
    assert_string_equal(xl_field_errors_get(&fe, XL_SF_PHONE), _(PEND_E_PHONE_REQUIRED));
    assert_int_equal(xl_pending_submit(db, 404, &g, &fe, receipt, &err), XL_ENOTFOUND);
    assert_int_equal(tu_db_hash(db), before);
    tu_db_free(db);
}

static void pending__confirm__new_person_signs_in_by_qr(void **state)
{
    (void)state;
    char id3[19], id[19];
    xl_db *db = queue_db(id3);
    make_id("19950505", 21, id);
    int64_t pid = submit(db, 7, "in", id, "101", "2026-11-20");
    xl_db_set_operator(db, "officer-li");
    xl_pending_outcome o;
    xl_err err;
    assert_int_equal(xl_pending_confirm(db, pid, 0, &o, &err), XL_OK);
    assert_int_equal(o.moved, 0);
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM residency r JOIN person p ON p.id = r.person_id"
             " WHERE p.id_number = '%s' AND r.building = 7 AND r.room = '101' AND r.channel_in = 'qr'"
             " AND r.moved_in = '2026-11-20' AND r.moved_out IS NULL", id);
    assert_int_equal(tu_one_int(db, sql), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM pending WHERE state = 'confirmed'"
                                    " AND id_number IS NULL AND phone IS NULL AND decided_by = 'officer-li'"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'pending.confirm'"
                                    " AND operator = 'officer-li'"), 1);
    assert_int_equal(xl_pending_confirm(db, pid, 0, &o, &err), XL_ENOTFOUND); /* done once */
    tu_db_free(db);
}

static void pending__confirm__someone_living_elsewhere_is_offered_the_move(void **state)
{
    (void)state;
    char id3[19];
    xl_db *db = queue_db(id3);
    int64_t pid = submit(db, 7, "in", id3, "101", "2026-11-20");
    xl_pending_match m;
    xl_err err;
    assert_int_equal(xl_pending_match_find(db, pid, &m, &err), XL_OK);
    assert_int_equal(m.person_id, 3);
    assert_int_equal(m.building, 5);
    uint64_t before = tu_db_hash(db);
    xl_pending_outcome o;
    assert_int_equal(xl_pending_confirm(db, pid, 0, &o, &err), XL_EFAIL);
    assert_int_equal(o.moved, 1);
    assert_int_equal(o.from_building, 5);
    assert_string_equal(o.from_room, "201");
    assert_int_equal(tu_db_hash(db), before);
    assert_int_equal(xl_pending_confirm(db, pid, 1, &o, &err), XL_OK);
    assert_int_equal(o.person_id, 3);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM residency WHERE person_id = 3 AND"
                                    " building = 5 AND moved_out = '2026-11-20'"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM residency WHERE person_id = 3 AND"
                                    " building = 7 AND moved_out IS NULL AND channel_in = 'qr'"), 1);
    tu_db_free(db);
}

static void pending__confirm__sign_out_ends_the_residency_on_the_date(void **state)
{
    (void)state;
    char id3[19];
    xl_db *db = queue_db(id3);
    int64_t wrong = submit(db, 5, "out", id3, "101", "2026-11-21");
    int64_t pid = submit(db, 5, "out", id3, "201", "2026-11-21");
    xl_pending_outcome o;
    xl_err err;
    assert_int_equal(xl_pending_confirm(db, wrong, 0, &o, &err), XL_EFAIL); /* lives in 201 */
    assert_int_equal(xl_pending_confirm(db, pid, 0, &o, &err), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM residency WHERE person_id = 3 AND"
                                    " moved_out = '2026-11-21' AND channel_out = 'qr'"), 1);
    tu_db_free(db);
}

static void pending__reject__needs_a_reason_and_erases_numbers(void **state)
{
    (void)state;
    char id3[19];
    xl_db *db = queue_db(id3);
    int64_t pid = submit(db, 5, "out", id3, "201", "");
    xl_err err;
    assert_int_equal(xl_pending_reject(db, pid, " x ", &err), XL_EUSAGE);
    assert_int_equal(xl_pending_reject(db, pid, "不是本楼住户", &err), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM pending WHERE state = 'rejected'"
                                    " AND id_number IS NULL AND phone IS NULL AND reason = '不是本楼住户'"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'pending.reject'"
                                    " AND detail LIKE '%不是本楼住户%'"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM residency WHERE person_id = 3 AND moved_out IS NULL"), 1);
    tu_db_free(db);
}

static void pending__expire__old_ones_listed_expired_with_numbers_erased(void **state)
{
    (void)state;
    char id3[19];
    xl_db *db = queue_db(id3);
    int64_t pid = submit(db, 5, "out", id3, "201", "");
    tu_exec(db, "UPDATE pending SET submitted_at = '2026-11-01 09:00:00'");
    size_t waiting = 9;
    xl_err err;
    assert_int_equal(xl_pending_count(db, 14, &waiting, &err), XL_OK);
    assert_int_equal(waiting, 0);
    xl_pending_row *rows;
    size_t n;
    assert_int_equal(xl_pending_list(db, 14, &rows, &n, &err), XL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].expired, 1);
    assert_string_equal(rows[0].id_masked, "");
    assert_string_equal(rows[0].phone_masked, "");
    free(rows);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM pending WHERE id_number IS NULL AND phone IS NULL"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'pending.expire'"), 1);
    xl_pending_outcome o;
    assert_int_equal(xl_pending_confirm(db, pid, 0, &o, &err), XL_EFAIL);
    assert_int_equal(xl_pending_reject(db, pid, "过期了", &err), XL_OK);
    tu_db_free(db);
}

static void pending__json__has_exactly_the_keys(void **state)
{
    (void)state;
    char id3[19];
    xl_db *db = queue_db(id3);
    submit(db, 5, "out", id3, "201", "");
    xl_pending_row *rows;
    size_t n;
    xl_err err;
    assert_int_equal(xl_pending_list(db, 14, &rows, &n, &err), XL_OK);
    xl_buf b;
    xl_buf_init(&b);
    xl_pending_json(rows, n, &b);
    static const char *const keys[] = {"\"id\":", "\"building\": 5", "\"room\": \"201\"",
                                       "\"name\": \"新租客\"", "\"action\": \"out\"",
                                       "\"id_masked\":", "\"phone_masked\": \"170****5678\"",
                                       "\"submitted_at\":"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_non_null(strstr(b.data, keys[i]));
    int colons = 0;
    for (const char *s = b.data; *s; s++)
        colons += *s == ':' && s[1] == ' ';
    assert_int_equal(colons, 8);
    xl_buf_release(&b);
    free(rows);
    tu_db_free(db);
}

static void pending__token__only_the_current_one_opens(void **state)
{
    (void)state;
    char id3[19], tok[XL_QR_TOKEN_SIZE], fresh[XL_QR_TOKEN_SIZE];
    xl_db *db = queue_db(id3);
    xl_err err;
    assert_int_equal(xl_pending_token_ok(db, 5, ""), 0);
    assert_int_equal(xl_qr_token(db, 5, tok, &err), XL_OK);
    assert_int_equal(xl_pending_token_ok(db, 5, tok), 1);
    assert_int_equal(xl_pending_token_ok(db, 7, tok), 0);
    assert_int_equal(xl_pending_token_ok(db, 404, tok), 0);
    assert_int_equal(xl_qr_rotate(db, 5, fresh, &err), XL_OK);
    assert_int_equal(xl_pending_token_ok(db, 5, tok), 0);
    assert_int_equal(xl_pending_token_ok(db, 5, fresh), 1);
    char (*rooms)[9];
    size_t n;
    assert_int_equal(xl_pending_rooms(db, 5, &rooms, &n, &err), XL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rooms[0], "101");
    free(rooms);
    char secret[XL_SECRET_HEX + 1];
    assert_int_equal(xl_pending_secret(db, secret, &err), XL_OK);
    assert_int_equal(strspn(secret, "0123456789abcdef"), XL_SECRET_HEX);
    tu_db_free(db);
}

static void db__changed__sees_another_connections_commit(void **state)
{
    (void)state;
    char path[4096], id3[19];
    xl_db *db = tu_db_new(path), *other;
    (void)id3;
    xl_err err;
    assert_int_equal(xl_db_changed(db), 0); /* takes note */
    assert_int_equal(xl_db_changed(db), 0);
    tu_exec(db, "INSERT INTO lane(id, name) VALUES (1, 'a')");
    assert_int_equal(xl_db_changed(db), 0); /* our own write */
    assert_int_equal(xl_db_open(&other, path, 0, &err), XL_OK);
    xl_db_exec(other, "INSERT INTO lane(id, name) VALUES (2, 'b')", &err);
    assert_int_equal(xl_db_changed(db), 1);
    assert_int_equal(xl_db_changed(db), 0);
    xl_db_close(other);
    tu_db_free(db);
}

int main(void)
{
    xl_i18n_set_lang("zh");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pending__submit__stores_and_audits_without_personal_data),
        cmocka_unit_test(pending__submit__bad_fields_beside_each_and_nothing_written),
        cmocka_unit_test(pending__confirm__new_person_signs_in_by_qr),
        cmocka_unit_test(pending__confirm__someone_living_elsewhere_is_offered_the_move),
        cmocka_unit_test(pending__confirm__sign_out_ends_the_residency_on_the_date),
        cmocka_unit_test(pending__reject__needs_a_reason_and_erases_numbers),
        cmocka_unit_test(pending__expire__old_ones_listed_expired_with_numbers_erased),
        cmocka_unit_test(pending__json__has_exactly_the_keys),
        cmocka_unit_test(pending__token__only_the_current_one_opens),
        cmocka_unit_test(db__changed__sees_another_connections_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
