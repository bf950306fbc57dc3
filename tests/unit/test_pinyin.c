/* test_pinyin.c — readings from the Unihan table and the pinyin name matcher. */
#include "testutil.h"

#include <string.h>

#include "xiangli/pinyin.h"
#include "xiangli/text.h"

static int has_reading(const char *ch, const char *want)
{
    const char *r[16];
    uint32_t cp;
    xl_utf8_decode(ch, strlen(ch), &cp);
    size_t n = xl_pinyin_readings(cp, r, 16);
    for (size_t i = 0; i < n && i < 16; i++)
        if (strcmp(r[i], want) == 0)
            return 1;
    return 0;
}

static void pinyin__readings__customary_first(void **state)
{
    (void)state;
    const char *r[8];
    assert_int_equal(xl_pinyin_readings(0x5F20 /* 张 */, r, 8), 1);
    assert_string_equal(r[0], "zhang");
    assert_true(xl_pinyin_readings(0x5355 /* 单 */, r, 8) >= 3);
    assert_string_equal(r[0], "dan");
    assert_int_equal(xl_pinyin_readings('A', r, 8), 0);
    assert_int_equal(xl_pinyin_readings(0x110000, r, 8), 0);
    assert_int_equal(xl_pinyin_readings(0x20000 /* 𠀀, outside the BMP */, r, 8), 1);
    assert_string_equal(r[0], "he");
    assert_true(xl_pinyin_readings(0x5355, NULL, 0) >= 3); /* count only */
}

static void pinyin__readings__surnames(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"单", "shan", "dan"}, {"曾", "zeng", "ceng"}, {"解", "xie", "jie"},
        {"区", "ou", "qu"},    {"仇", "qiu", "chou"},  {"查", "zha", "cha"},
        {"朴", "piao", "pu"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(has_reading(cases[i][0], cases[i][1]));
        assert_true(has_reading(cases[i][0], cases[i][2]));
    }
    assert_true(has_reading("吕", "lv")); /* ü is v */
}

static void pinyin__match__full(void **state)
{
    (void)state;
    assert_true(xl_pinyin_match("张三", "zhangsan"));
    assert_true(xl_pinyin_match("张三", "zhang san"));
    assert_true(xl_pinyin_match("张三", "ZhangSan"));
    assert_true(xl_pinyin_match("张三", "zhang'san"));
    assert_true(xl_pinyin_match("张三", "zhangs"));
    assert_true(xl_pinyin_match("张三", "zhang"));
    assert_true(xl_pinyin_match("张三", "zha"));
    assert_true(xl_pinyin_match("欧阳娜娜", "ouyangnana"));
}

static void pinyin__match__initials(void **state)
{
    (void)state;
    assert_true(xl_pinyin_match("张三", "zs"));
    assert_true(xl_pinyin_match("张三", "z"));
    assert_true(xl_pinyin_match("张三", "zhs")); /* zh as the initial of 张 */
    assert_true(xl_pinyin_match("欧阳娜娜", "oynn"));
    assert_true(xl_pinyin_match("王小明", "wxm"));
    assert_true(xl_pinyin_match("王小明", "xm")); /* from the second character */
}

static void pinyin__match__mixed(void **state)
{
    (void)state;
    assert_true(xl_pinyin_match("张三", "zsan"));
    assert_true(xl_pinyin_match("张三", "zhsa"));
    assert_true(xl_pinyin_match("王小明", "wangxm"));
    assert_true(xl_pinyin_match("王小明", "wxiaom"));
    assert_true(xl_pinyin_match("王小明", "wxiaoming"));
    assert_true(xl_pinyin_match("王小明", "xiaoming"));
    assert_true(xl_pinyin_match("王小明", "ming"));
}

static void pinyin__match__polyphonic_surnames(void **state)
{
    (void)state;
    static const char *const cases[][4] = {
        /* name, surname reading, everyday reading, initials */
        {"单田芳", "shantianfang", "dantianfang", "stf"},
        {"曾国藩", "zengguofan", "cengguofan", "zgf"},
        {"解缙", "xiejin", "jiejin", "xj"},
        {"区志明", "ouzhiming", "quzhiming", "ozm"},
        {"仇英", "qiuying", "chouying", "qy"},
        {"查良镛", "zhaliangyong", "chaliangyong", "zly"},
        {"朴正熙", "piaozhengxi", "puzhengxi", "pzx"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(xl_pinyin_match(cases[i][0], cases[i][1]));
        assert_true(xl_pinyin_match(cases[i][0], cases[i][2]));
        assert_true(xl_pinyin_match(cases[i][0], cases[i][3]));
    }
    assert_true(xl_pinyin_match("单田芳", "dtf"));
    assert_true(xl_pinyin_match("曾国藩", "cgf"));
}

static void pinyin__match__umlaut(void **state)
{
    (void)state;
    assert_true(xl_pinyin_match("吕布", "lvbu"));
    assert_true(xl_pinyin_match("吕布", "lubu"));
    assert_true(xl_pinyin_match("吕布", "lb"));
    assert_true(xl_pinyin_match("女娲", "nvwa"));
}

static void pinyin__match__rejects(void **state)
{
    (void)state;
    assert_false(xl_pinyin_match("张三", "zhangx"));
    assert_false(xl_pinyin_match("张三", "sz"));      /* out of order */
    assert_false(xl_pinyin_match("张三", "ans"));     /* mid-syllable start */
    assert_false(xl_pinyin_match("张三", "zhangsann"));
    assert_false(xl_pinyin_match("张三", "zs1"));     /* not a pinyin query */
    assert_false(xl_pinyin_match("张三", "张"));      /* Chinese is another search */
    assert_false(xl_pinyin_match("王小明", "wm"));    /* skips a character */
    assert_false(xl_pinyin_match("单田芳", "xtf"));
    assert_false(xl_pinyin_match(NULL, "zs"));
    assert_false(xl_pinyin_match("", "zs"));
    char q[XL_PINYIN_MAX_QUERY + 8];
    memset(q, 'a', sizeof q - 1);
    q[sizeof q - 1] = '\0';
    assert_false(xl_pinyin_match("阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿阿", q));
}

static void pinyin__match__empty_query_matches_all(void **state)
{
    (void)state;
    assert_true(xl_pinyin_match("张三", ""));
    assert_true(xl_pinyin_match("张三", "  "));
    assert_true(xl_pinyin_match("张三", NULL));
}

static void pinyin__match__minority_names(void **state)
{
    (void)state;
    const char *name = "买买提·艾力";
    assert_true(xl_pinyin_match(name, "maimaiti"));
    assert_true(xl_pinyin_match(name, "maimaitiaili")); /* the dot is skipped */
    assert_true(xl_pinyin_match(name, "mmtal"));
    assert_true(xl_pinyin_match(name, "aili"));
    assert_true(xl_pinyin_match("阿依古丽•吐尔逊", "aygltex"));
    assert_true(xl_pinyin_match("阿依古丽 吐尔逊", "tuerxun"));
}

static void pinyin__match__latin_and_walls(void **state)
{
    (void)state;
    assert_true(xl_pinyin_match("Anna Li", "anna"));
    assert_true(xl_pinyin_match("Anna Li", "annali"));
    assert_true(xl_pinyin_match("Anna Li", "al"));
    assert_true(xl_pinyin_match("Anna Li", "li"));
    assert_false(xl_pinyin_match("Anna Li", "nna"));
    assert_true(xl_pinyin_match("ＡＢＣ", "abc"));      /* full-width letters */
    assert_true(xl_pinyin_match("王小明(2)", "wxm"));   /* digits and brackets are walls */
    assert_true(xl_pinyin_match("张3李", "li"));
    assert_false(xl_pinyin_match("张3李", "zl"));       /* cannot run across a wall */
    assert_false(xl_pinyin_match("\xff\xfe张", "x"));
    assert_true(xl_pinyin_match("\xff\xfe张", "zh"));   /* bad bytes do not hide the rest */
}

static void pinyin__query__normalises(void **state)
{
    (void)state;
    char q[XL_PINYIN_MAX_QUERY + 1];
    assert_true(xl_pinyin_query(" Zhang San ", q, sizeof q));
    assert_string_equal(q, "zhangsan");
    assert_false(xl_pinyin_query("215", q, sizeof q));
    assert_string_equal(q, "");
    assert_false(xl_pinyin_query("zhangsan", q, 4)); /* does not fit */
    assert_true(xl_pinyin_query("", q, sizeof q));
}

static void check_keys(const char *name, const char *want)
{
    xl_buf b;
    xl_buf_init(&b);
    xl_pinyin_keys(name, &b);
    assert_string_equal(b.data, want);
    xl_buf_release(&b);
}

static void pinyin__keys__spell_combinations(void **state)
{
    (void)state;
    check_keys("张三", "|zhangsan|zs|");
    check_keys("单晓明", "|danxiaoming|chanxiaoming|shanxiaoming|danxiaomeng|chanxiaomeng|"
                         "shanxiaomeng|dxm|cxm|sxm|");
    check_keys("买买提·艾力", "|maimaitiaili|maimaidiaili|maimaichiaili|maimaishiaili|"
                              "maimaitiyili|maimaidiyili|maimaichiyili|maimaishiyili|"
                              "mmtal|mmdal|mmcal|mmsal|mmtyl|mmdyl|mmcyl|mmsyl|");
    check_keys("张3李", "|zhang-li|z-l|");
    check_keys("", "|");
    check_keys("123", "|");
    check_keys(NULL, "|");
}

static void pinyin__keys__capped(void **state)
{
    (void)state;
    xl_buf b;
    xl_buf_init(&b);
    xl_pinyin_keys("单曾解区仇查朴长乐重行", &b);
    size_t bars = 0;
    for (const char *p = b.data; *p; p++)
        bars += *p == '|';
    assert_true(bars <= 2 * XL_PINYIN_MAX_COMBOS + 1);
    assert_non_null(strstr(b.data, "|danceng")); /* customary readings first */
    assert_non_null(strstr(b.data, "|shanceng")); /* each surname reading alone */
    xl_buf_release(&b);
}

/* Every full and initials query that matches is a substring of the keys. */
static void pinyin__keys__agree_with_match(void **state)
{
    (void)state;
    static const char *const names[] = {"张三", "单田芳", "曾国藩", "欧阳娜娜", "买买提·艾力"};
    static const char *const queries[] = {"zhangsan", "san", "zs", "shantian", "stf", "zgf",
                                          "yangna", "ynn", "tiaili", "mmtal", "dtf"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        xl_buf b;
        xl_buf_init(&b);
        xl_pinyin_keys(names[i], &b);
        for (size_t j = 0; j < sizeof queries / sizeof queries[0]; j++)
            if (strstr(b.data, queries[j]))
                assert_true(xl_pinyin_match(names[i], queries[j]));
        xl_buf_release(&b);
    }
}

static void pinyin__match__ranks(void **state)
{
    (void)state;
    assert_int_equal(xl_pinyin_match("张三", "zhangsan"), XL_PINYIN_FULL);
    assert_int_equal(xl_pinyin_match("张三", "zhangs"), XL_PINYIN_FULL);
    assert_int_equal(xl_pinyin_match("张三", "san"), XL_PINYIN_FULL);
    assert_int_equal(xl_pinyin_match("张三", "z"), XL_PINYIN_FULL);
    assert_int_equal(xl_pinyin_match("张三", ""), XL_PINYIN_FULL);
    assert_int_equal(xl_pinyin_match("张三", "zs"), XL_PINYIN_INITIALS);
    assert_int_equal(xl_pinyin_match("张三", "zsan"), XL_PINYIN_MIXED);
    assert_int_equal(xl_pinyin_match("张三", "zhs"), XL_PINYIN_MIXED);
    assert_int_equal(xl_pinyin_match("赵行", "zhang"), XL_PINYIN_MIXED); /* z + hang */
    assert_int_equal(xl_pinyin_match("单田芳", "shantianfang"), XL_PINYIN_FULL);
    assert_int_equal(xl_pinyin_match_normalized("张三", "zs"), XL_PINYIN_INITIALS);
    assert_int_equal(xl_pinyin_match_normalized("张三", "zx"), 0);
    assert_int_equal(xl_pinyin_match_normalized(NULL, "zs"), 0);
}

/* Prefix-monotone: every prefix of a matching query matches. */
static void pinyin__match__prefix_monotone(void **state)
{
    (void)state;
    const char *q = "ouyangnana";
    char buf[16];
    for (size_t n = 0; n <= strlen(q); n++) {
        memcpy(buf, q, n);
        buf[n] = '\0';
        assert_true(xl_pinyin_match("欧阳娜娜", buf));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pinyin__readings__customary_first),
        cmocka_unit_test(pinyin__readings__surnames),
        cmocka_unit_test(pinyin__match__full),
        cmocka_unit_test(pinyin__match__initials),
        cmocka_unit_test(pinyin__match__mixed),
        cmocka_unit_test(pinyin__match__polyphonic_surnames),
        cmocka_unit_test(pinyin__match__umlaut),
        cmocka_unit_test(pinyin__match__rejects),
        cmocka_unit_test(pinyin__match__empty_query_matches_all),
        cmocka_unit_test(pinyin__match__minority_names),
        cmocka_unit_test(pinyin__match__latin_and_walls),
        cmocka_unit_test(pinyin__match__ranks),
        cmocka_unit_test(pinyin__match__prefix_monotone),
        cmocka_unit_test(pinyin__query__normalises),
        cmocka_unit_test(pinyin__keys__spell_combinations),
        cmocka_unit_test(pinyin__keys__capped),
        cmocka_unit_test(pinyin__keys__agree_with_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
