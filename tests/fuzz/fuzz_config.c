/* fuzz_config.c — libFuzzer target: the config file parser (our line scanner + iniparser)
 * on arbitrary bytes. It must never crash, and a refused file must leave the config as it
 * was; an accepted one must load again to the same result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xiangli/config.h"
#include "xiangli/lists.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void write_input(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/xiangli-fuzz-config-%ld.ini", (long)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xl_config a, b, before;
    xl_err err;
    write_input(data, size);
    xl_config_defaults(&a);
    before = a;
    if (xl_config_load(&a, path, &err) != XL_OK) {
        if (memcmp(&a, &before, sizeof a) != 0 || strncmp(err.msg, path, strlen(path)) != 0)
            abort(); /* refused: unchanged, and the message names the file */
    } else {
        xl_config_defaults(&b);
        if (xl_config_load(&b, path, &err) != XL_OK || memcmp(&a, &b, sizeof a) != 0)
            abort();
    }
    xl_categories_reset();
    return 0;
}
