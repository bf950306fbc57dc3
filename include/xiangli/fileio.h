/* fileio.h — the one way Xiangli writes a file and the one way it opens outside input.
 * Writes: an unpredictable temporary file in the target's directory (O_EXCL, never through a
 * symlink), explicit mode, fsync, rename over the target, fsync of the directory. A reader
 * never sees half a file and a planted link is replaced, never followed.
 * Reads: only regular files; a FIFO, device or directory is refused at once (never blocks). */
#ifndef XL_FILEIO_H
#define XL_FILEIO_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include "xiangli/err.h"
#include "xiangli/mem.h"

/* Writes len bytes of data to path with the given mode (e.g. 0600). */
int xl_file_write(const char *path, const void *data, size_t len, mode_t mode, xl_err *err);
/* The same with flags. XL_FILE_BATCH: one of many files written into one directory (a
 * batch of posters): everything as above except the two fsyncs, which the batch does once
 * at its end with xl_file_batch_sync(dir). Until then a crash may lose or empty files of
 * the batch: for output that is made again by running the batch again. */
#define XL_FILE_BATCH 1u
int xl_file_write_opt(const char *path, const void *data, size_t len, mode_t mode,
                      unsigned flags, xl_err *err);
/* The end of a batch: the file system holding dir synced once (syncfs), then dir. */
int xl_file_batch_sync(const char *dir, xl_err *err);
/* For writers that need a file name (SQLite's backup): a new empty temporary file beside
 * path, mode 0600, name in *tmp (heap); then xl_file_commit_temp renames it over path after
 * fsync (and removes it on failure). */
int xl_file_temp(const char *path, char **tmp, xl_err *err);
int xl_file_commit_temp(char *tmp, const char *path, xl_err *err);
/* For libraries that write a file by name (libxlsxwriter): write(tmp, ctx, err) fills a new
 * private temporary file beside path, which then replaces path as above. */
typedef int (*xl_file_writer)(const char *tmp, void *ctx, xl_err *err);
int xl_file_write_by_name(const char *path, xl_file_writer write, void *ctx, xl_err *err);
/* mkdir -p: creates missing directories with mode; an existing non-directory is an error. */
int xl_mkdir_p(const char *path, mode_t mode, xl_err *err);
/* The directory part of path ("." when it has none); heap. */
char *xl_path_dir(const char *path);

/* Opens path for reading only if it is a regular file (O_NONBLOCK then fstat, so a FIFO
 * cannot hang). Returns the fd or -1 with err set naming the file. */
int xl_file_open_regular(const char *path, xl_err *err);
/* Same as a stdio stream ("rb"); NULL with err set. */
FILE *xl_file_fopen_regular(const char *path, xl_err *err);
/* Reads a whole regular file (at most max bytes, else refused) into out (initialised here). */
int xl_file_read_all(const char *path, size_t max, xl_buf *out, xl_err *err);

/* Makes path owner-only (clears group/other bits) if it exists and is looser; *changed = 1
 * when it did. A path that does not exist is fine. Refuses a non-owned file it cannot fix. */
int xl_file_tighten(const char *path, int *changed, xl_err *err);

#endif
