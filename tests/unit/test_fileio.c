/* test_fileio.c — the one safe writer, regular-file reads, permissions, error buffers. */
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xiangli/fileio.h"
#include "xiangli/mem.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Links planted at the target and at every name an older writer used (FILE.tmp, FILE.tmpPID,
 * FILE.XXXXXX guesses): the victim stays untouched, the target becomes a regular 0600 file. */
static void fileio__write__planted_links_not_followed(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *victim = tu_write_file(dir, "victim", "precious\n");
    char *target = xl_asprintf("%s/out.png", dir);
    const char *names[] = {"out.png", "out.png.tmp", ".out.png.tmp", "out.png.XXXXXX", ".out.png.XXXXXX"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *l = xl_asprintf("%s/%s", dir, names[i]);
        assert_int_equal(symlink(victim, l), 0);
        free(l);
    }
    char *l = xl_asprintf("%s/out.png.tmp%ld", dir, (long)getpid());
    assert_int_equal(symlink(victim, l), 0);
    free(l);
    xl_err err;
    for (int k = 0; k < 3; k++)
        assert_int_equal(xl_file_write(target, "new", 3, 0600, &err), XL_OK);
    size_t n;
    char *v = tu_read_file(victim, &n);
    assert_string_equal(v, "precious\n");
    struct stat sb;
    assert_int_equal(lstat(target, &sb), 0);
    assert_true(S_ISREG(sb.st_mode));
    assert_int_equal(sb.st_mode & 0777, 0600);
    free(v);
    free(target);
    free(victim);
}

/* Temporary names differ from call to call and none is left behind. */
static void fileio__write__no_temp_left(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *target = xl_asprintf("%s/a.csv", dir);
    xl_err err;
    assert_int_equal(xl_file_write(target, "x", 1, 0644, &err), XL_OK);
    struct stat sb;
    assert_int_equal(stat(target, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0644 & ~0); /* explicit mode, not the umask's guess */
    DIR *d = opendir(dir);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)))
        files += e->d_name[0] != '.' || strlen(e->d_name) > 2;
    closedir(d);
    assert_int_equal(files, 1);
    char *missing = xl_asprintf("%s/no/such/dir/f", dir);
    assert_int_equal(xl_file_write(missing, "x", 1, 0600, &err), XL_EFAIL);
    assert_non_null(strstr(err.msg, missing));
    free(missing);
    free(target);
}

static void fileio__mkdir_p__owner_only(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *deep = xl_asprintf("%s/a//b/c/", dir);
    xl_err err;
    assert_int_equal(xl_mkdir_p(deep, 0700, &err), XL_OK);
    struct stat sb;
    char *b = xl_asprintf("%s/a/b", dir);
    assert_int_equal(stat(b, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    char *file = tu_write_file(dir, "f", "x");
    char *under = xl_asprintf("%s/g", file);
    assert_int_equal(xl_mkdir_p(under, 0700, &err), XL_EFAIL);
    free(under), free(file), free(b), free(deep);
}

/* A FIFO with no writer, a directory and /dev/zero are refused at once, naming the file. */
static void fileio__open__special_files_refused_fast(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *fifo = xl_asprintf("%s/sheet.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *paths[] = {fifo, dir, "/dev/zero"};
    for (size_t i = 0; i < 3; i++) {
        xl_err err;
        xl_buf b;
        double t0 = now_s();
        assert_int_equal(xl_file_read_all(paths[i], 1 << 20, &b, &err), XL_EFAIL);
        assert_true(now_s() - t0 < 1.0);
        assert_non_null(strstr(err.msg, paths[i]));
        xl_buf_release(&b);
    }
    char *reg = tu_write_file(dir, "ok.csv", "a,b\n");
    xl_buf b;
    xl_err err;
    assert_int_equal(xl_file_read_all(reg, 1 << 20, &b, &err), XL_OK);
    assert_int_equal(b.len, 4);
    xl_buf_release(&b);
    free(reg), free(fifo);
}

static void fileio__tighten__0644_becomes_0600(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *f = tu_write_file(dir, "x.db", "x");
    assert_int_equal(chmod(f, 0644), 0);
    int changed = 0;
    xl_err err;
    assert_int_equal(xl_file_tighten(f, &changed, &err), XL_OK);
    assert_int_equal(changed, 1);
    struct stat sb;
    assert_int_equal(stat(f, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(xl_file_tighten(f, &changed, &err), XL_OK);
    assert_int_equal(changed, 0);
    free(f);
}

/* An error message built from the previous one (err->msg as an argument) is not garbled. */
static void err__set__own_buffer_as_argument(void **state)
{
    (void)state;
    xl_err err;
    xl_err_set(&err, XL_EFAIL, "%s", "attempt to write a readonly database");
    xl_err_set(&err, XL_EFAIL, "%s: %s", "/some/dir/x.db", err.msg);
    assert_string_equal(err.msg, "/some/dir/x.db: attempt to write a readonly database");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fileio__write__planted_links_not_followed),
        cmocka_unit_test(fileio__write__no_temp_left),
        cmocka_unit_test(fileio__mkdir_p__owner_only),
        cmocka_unit_test(fileio__open__special_files_refused_fast),
        cmocka_unit_test(fileio__tighten__0644_becomes_0600),
        cmocka_unit_test(err__set__own_buffer_as_argument),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
