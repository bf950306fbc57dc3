/* bench_pinyin.c — time per name of the pinyin matcher and of the key pre-filter, on a
 * synthetic register the size of the demo community (7,200) and of --scale 100 (720,000).
 * usage: bench_pinyin [NAMES]   prints one line per query and method. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xiangli/mem.h"
#include "xiangli/pinyin.h"

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "单", "解", "区", "仇", "查", "朴", "欧阳", "司马", "诸葛",
};
static const char *const given[] = {
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
    "娟", "涛", "明", "超", "霞", "平", "刚", "桂", "华", "建", "国", "文", "红", "玉", "兰",
    "晓", "小", "春", "海", "波", "宇", "浩", "子", "轩", "梓", "涵", "欣", "怡", "佳", "乐",
    "长", "重", "行", "朝", "和", "龙", "凤", "云", "雪", "燕", "鹏", "飞", "辉", "志", "新",
    "三", "山", "松", "顺", "生", "胜", "淑", "爽",
};

static unsigned long long rng = 88172645463325252ULL;

static unsigned next_rand(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static char *make_name(void)
{
    xl_buf b;
    xl_buf_init(&b);
    if (next_rand(100) == 0) {
        xl_buf_puts(&b, "买买提·艾力");
        return b.data;
    }
    xl_buf_puts(&b, surnames[next_rand(sizeof surnames / sizeof surnames[0])]);
    for (unsigned i = 0, n = 1 + next_rand(2); i < n; i++)
        xl_buf_puts(&b, given[next_rand(sizeof given / sizeof given[0])]);
    return b.data;
}

static double now_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        perror("clock_gettime");
        exit(1);
    }
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void bench_query(char **names, char **keys, size_t n, const char *q)
{
    char nq[XL_PINYIN_MAX_QUERY + 1];
    size_t hits = 0, pre = 0, confirmed = 0;
    if (!xl_pinyin_query(q, nq, sizeof nq))
        return;
    double t0 = now_ns();
    for (size_t i = 0; i < n; i++)
        hits += xl_pinyin_match_normalized(names[i], nq) > 0;
    double t1 = now_ns();
    for (size_t i = 0; i < n; i++)
        if (strstr(keys[i], nq)) {
            pre++;
            confirmed += xl_pinyin_match_normalized(names[i], nq) > 0;
        }
    double t2 = now_ns();
    printf("%-12s n=%-7zu match %6.1f ns/name (%6.2f ms, %zu hits) | keys+confirm %6.1f "
           "ns/name (%6.2f ms, %zu pre, %zu hits)\n", q, n, (t1 - t0) / (double)n,
           (t1 - t0) / 1e6, hits, (t2 - t1) / (double)n, (t2 - t1) / 1e6, pre, confirmed);
}

int main(int argc, char **argv)
{
    size_t sizes[2] = {7200, 720000}, nsizes = 2;
    if (argc > 1)
        sizes[0] = (size_t)strtoul(argv[1], NULL, 10), nsizes = 1;
    static const char *const queries[] = {"z", "zs", "zhang", "zhangwei", "zhangw", "wxm",
                                          "shan", "lvf", "ouyang", "xiaom", "mmtal", "qqqq"};
    for (size_t s = 0; s < nsizes; s++) {
        size_t n = sizes[s];
        char **names = xl_calloc(n, sizeof *names), **keys = xl_calloc(n, sizeof *keys);
        double t0 = now_ns();
        for (size_t i = 0; i < n; i++) {
            names[i] = make_name();
            xl_buf b;
            xl_buf_init(&b);
            xl_pinyin_keys(names[i], &b);
            keys[i] = b.data;
        }
        printf("names + keys for %zu names: %.1f ns/name\n", n, (now_ns() - t0) / (double)n);
        for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
            bench_query(names, keys, n, queries[q]);
        for (size_t i = 0; i < n; i++)
            free(names[i]), free(keys[i]);
        free(names);
        free(keys);
    }
    return 0;
}
