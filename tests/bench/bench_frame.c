/* bench_frame.c — the desk's first frame in tmux: from process start to the first complete
 * screen, and its memory then.
 *
 *   bench_frame SOCKET CONF W H RUNS COMMAND
 *
 * SOCKET names a private tmux server (tmux -L) that is already running, CONF its config.
 * COMMAND is a shell command that execs the desk (so the pane's process is the desk). A
 * warm-up run waits until the screen stays the same for 1.5 s: that screen is the complete
 * one. Each measured run then starts the command in a new session, polls capture-pane as
 * fast as tmux answers and stops the clock when the screen equals the complete one; it then
 * reads VmRSS and VmHWM from /proc of the pane's process. Prints
 *   FIG\tfirst frame\t<median ms>\t<p99 ms>\t<runs>
 *   FIG\tRSS MB\t<median>\t<max>\t<runs>
 *   FIG\tfirst frame (first start of the day)\t<ms>\t<ms>\t1   (the warm-up: daily backup)
 * The clock includes starting tmux's client and the pane (see the "tmux floor" figure of
 * run.sh, the same measurement of a program that prints one line). Asserts nothing. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *sock, *conf;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Runs tmux with args; its stdout into out (size), returns its length or -1. */
static long tmux(const char *const args[], char *out, size_t size)
{
    int fd[2];
    if (pipe(fd))
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        const char *argv[32] = {"tmux", "-u", "-L", sock, "-f", conf};
        int n = 6;
        for (int i = 0; args[i] && n < 31; i++)
            argv[n++] = args[i];
        argv[n] = NULL;
        execvp("tmux", (char *const *)argv);
        _exit(127);
    }
    close(fd[1]);
    size_t len = 0;
    ssize_t r;
    while ((r = read(fd[0], out + len, size - 1 - len)) > 0)
        len += (size_t)r;
    close(fd[0]);
    out[len] = '\0';
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? (long)len : -1;
}

static char screen[1 << 16], ref[1 << 16];

static int capture(void)
{
    const char *a[] = {"capture-pane", "-p", "-t", "bf", NULL};
    return tmux(a, screen, sizeof screen) >= 0;
}

static int start(const char *w, const char *h, const char *cmd)
{
    const char *a[] = {"new-session", "-d", "-s", "bf", "-x", w, "-y", h, cmd, NULL};
    return tmux(a, screen, sizeof screen) >= 0;
}

static long pane_pid(void)
{
    char out[64];
    const char *a[] = {"display-message", "-p", "-t", "bf", "#{pane_pid}", NULL};
    return tmux(a, out, sizeof out) > 0 ? atol(out) : -1;
}

static void stop(void)
{
    char out[16];
    long pid = pane_pid();
    const char *a[] = {"kill-session", "-t", "bf", NULL};
    tmux(a, out, sizeof out);
    /* wait for the desk to be gone so the next run starts on a quiet machine */
    for (int i = 0; pid > 0 && i < 500 && kill((pid_t)pid, 0) == 0; i++)
        usleep(2000);
}

/* VmRSS and VmHWM in MB */
static void memory(long pid, double *rss, double *hwm)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    FILE *f = fopen(path, "r");
    *rss = *hwm = -1;
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0)
            *rss = atof(line + 6) / 1024;
        else if (strncmp(line, "VmHWM:", 6) == 0)
            *hwm = atof(line + 6) / 1024;
    }
    fclose(f);
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: bench_frame SOCKET CONF W H RUNS COMMAND\n");
        return 2;
    }
    sock = argv[1], conf = argv[2];
    const char *w = argv[3], *h = argv[4], *cmd = argv[6];
    int runs = atoi(argv[5]);
    if (runs < 1)
        runs = 1;

    /* warm-up: the complete screen is the one that stays */
    double t0 = now_ms(), first = -1, stable_since = 0;
    if (!start(w, h, cmd))
        return 1;
    ref[0] = '\0';
    while (now_ms() - t0 < 120000) {
        if (!capture())
            break;
        if (strcmp(screen, ref) != 0) {
            memcpy(ref, screen, sizeof ref);
            stable_since = now_ms();
            if (!blank(ref))
                first = stable_since - t0;
        } else if (!blank(ref) && now_ms() - stable_since > 1500) {
            break;
        }
    }
    stop();
    if (blank(ref)) {
        fprintf(stderr, "bench_frame: the desk showed nothing\n");
        return 1;
    }

    double *ms = calloc((size_t)runs, sizeof *ms), *rss = calloc((size_t)runs, sizeof *rss), hwm_max = 0;
    for (int i = 0; i < runs; i++) {
        usleep(200000);
        t0 = now_ms();
        if (!start(w, h, cmd))
            return 1;
        ms[i] = -1;
        while (now_ms() - t0 < 120000 && capture())
            if (strcmp(screen, ref) == 0) {
                ms[i] = now_ms() - t0;
                break;
            }
        double hwm;
        memory(pane_pid(), &rss[i], &hwm);
        hwm_max = hwm > hwm_max ? hwm : hwm_max;
        stop();
        if (ms[i] < 0) {
            fprintf(stderr, "bench_frame: run %d never showed the complete screen\n", i);
            return 1;
        }
    }
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    qsort(rss, (size_t)runs, sizeof *rss, cmp_double);
    printf("FIG\tfirst frame\t%.3f\t%.3f\t%d\n", ms[runs / 2], ms[(int)((runs - 1) * 0.99 + 0.5)], runs);
    printf("FIG\tRSS MB\t%.1f\t%.1f\t%d\n", rss[runs / 2], rss[runs - 1], runs);
    printf("FIG\tpeak RSS MB\t%.1f\t%.1f\t%d\n", hwm_max, hwm_max, runs);
    printf("FIG\tfirst frame, first start of the day\t%.3f\t%.3f\t1\n", first, first);
    if (getenv("BENCH_FRAME_SCREEN"))
        fputs(ref, stderr);
    return 0;
}
