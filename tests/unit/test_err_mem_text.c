/* test_err_mem_text.c — errors, buffers and display width. */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xiangli/err.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

static void err__set__formats_and_returns_code(void **state)
{
    (void)state;
    xl_err e;
    xl_err_clear(&e);
    assert_int_equal(xl_err_set(&e, XL_EFAIL, "line %d", 7), XL_EFAIL);
    assert_string_equal(e.msg, "line 7");
    assert_int_equal(xl_err_set(NULL, XL_EUSAGE, "x"), XL_EUSAGE);
}

static void buf__json__escapes(void **state)
{
    (void)state;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_json_str(&b, "a\"b\\c\n张\x01");
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\n张\\u0001\"");
    for (int i = 0; i < 1000; i++)
        xl_buf_printf(&b, "%d", i);
    assert_true(b.len > 2000);
    xl_buf_release(&b);
}

static void strlcpy__utf8__never_splits(void **state)
{
    (void)state;
    char out[5];
    xl_strlcpy_utf8(out, "张三丰", sizeof out); /* 3 bytes each: only one fits */
    assert_string_equal(out, "张");
}

static void text__width__chinese_is_two(void **state)
{
    (void)state;
    assert_int_equal(xl_str_width("abc"), 3);
    assert_int_equal(xl_str_width("杜巷小区"), 8);
    assert_int_equal(xl_str_width("A张B"), 4);
    assert_int_equal(xl_str_width("\xff"), 1); /* invalid byte → U+FFFD, one column */
}

static void text__clip__cuts_with_mark_never_splits(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(xl_str_clip("杜巷小区", 5, 1, out, sizeof out), 5);
    assert_string_equal(out, "杜巷…");
    assert_int_equal(xl_str_clip("杜巷小区", 6, 1, out, sizeof out), 6);
    assert_string_equal(out, "杜巷… "); /* 小 would leave no column for the mark: padded */
    assert_int_equal(xl_str_clip("ab", 5, 1, out, sizeof out), 5);
    assert_string_equal(out, "ab   ");
    assert_int_equal(xl_str_clip("杜巷", 4, 0, out, sizeof out), 4);
    assert_string_equal(out, "杜巷");
}

static void text__fit__counts_columns(void **state)
{
    (void)state;
    int used = 0;
    size_t n = xl_str_fit("张三abc", 3, &used);
    assert_int_equal(n, 3);
    assert_int_equal(used, 2);
}

static void text__decode__rejects_overlong_and_surrogates(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(xl_utf8_decode("\xc0\xaf", 2, &cp), 2);
    assert_int_equal(cp, 0xFFFD);
    xl_utf8_decode("\xed\xa0\x80", 3, &cp);
    assert_int_equal(cp, 0xFFFD);
    xl_utf8_decode("\xe5\xb7\xb7", 3, &cp);
    assert_int_equal(cp, 0x5DF7); /* 巷 */
}

static int hook_fd = -1;
static void write_marker(void) { (void)!write(hook_fd, "R", 1); }

/* The fatal path runs the front end's hook (restoring the terminal) before it aborts. */
static void mem__fatal__runs_hook_then_aborts(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        hook_fd = p[1];
        xl_set_fatal_hook(write_marker);
        xl_fatal("test");
    }
    close(p[1]);
    char c = 0;
    assert_int_equal(read(p[0], &c, 1), 1);
    assert_int_equal(c, 'R');
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    close(p[0]);
}

/* A field refusal keeps its field apart from the reason. */
/* Every errno becomes a sentence about what to do, never the C library's strerror text. */
static void err__sys_reason__says_what_to_do_never_strerror(void **state)
{
    (void)state;
    xl_i18n_set_lang("zh");
    assert_string_equal(xl_sys_reason(ENOENT), "找不到这个文件或文件夹，请检查路径");
    assert_string_equal(xl_sys_reason(EACCES), xl_sys_reason(EPERM));
    for (int e = 0; e < 134; e++) {
        const char *zh = xl_sys_reason(e);
        assert_non_null(zh);
        assert_true(strlen(zh) > 0);
        for (const char *p = zh; *p; p++) /* Chinese: no English words (UTF-8 may be named) */
            if (*p >= 'a' && *p <= 'z')
                fail_msg("errno %d: '%s'", e, zh);
        if (e > 0)
            assert_string_not_equal(zh, strerror(e));
    }
    xl_i18n_set_lang("en");
    assert_string_equal(xl_sys_reason(ENOSPC), "the disk is full; free some space and try again");
    for (int e = 1; e < 134; e++)
        assert_string_not_equal(xl_sys_reason(e), strerror(e));
    xl_i18n_set_lang("zh");
}

static void err__field__kept_apart_from_reason(void **state)
{
    (void)state;
    xl_err e;
    xl_err_clear(&e);
    assert_int_equal(xl_err_field(&e, "title", "不能为空"), XL_EFAIL);
    assert_string_equal(e.field, "title");
    assert_string_equal(e.msg, "不能为空");
    xl_err_set(&e, XL_EFAIL, "plain");
    assert_string_equal(e.field, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(err__set__formats_and_returns_code),
        cmocka_unit_test(err__field__kept_apart_from_reason),
        cmocka_unit_test(err__sys_reason__says_what_to_do_never_strerror),
        cmocka_unit_test(mem__fatal__runs_hook_then_aborts),
        cmocka_unit_test(buf__json__escapes),
        cmocka_unit_test(strlcpy__utf8__never_splits),
        cmocka_unit_test(text__width__chinese_is_two),
        cmocka_unit_test(text__clip__cuts_with_mark_never_splits),
        cmocka_unit_test(text__fit__counts_columns),
        cmocka_unit_test(text__decode__rejects_overlong_and_surrogates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
