/* bench_exec.c — how long a whole process takes, from fork to exit.
 *
 *   bench_exec RUNS CMD [ARGS...]
 *
 * Runs CMD RUNS times (stdout to /dev/null, stderr kept) after one unmeasured warm-up run
 * and prints "<median ms>\t<p99 ms>\t<runs>". Exits 1 when any run fails. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

static int run_once(char **argv, double *ms)
{
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0)
            dup2(fd, 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    *ms = now_ms() - t0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_exec RUNS CMD [ARGS...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1)
        runs = 1;
    double *ms = calloc((size_t)runs, sizeof *ms), warm;
    if (!ms || run_once(argv + 2, &warm))
        return 1;
    for (int i = 0; i < runs; i++)
        if (run_once(argv + 2, &ms[i]))
            return 1;
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    printf("%.3f\t%.3f\t%d\n", ms[runs / 2], ms[(int)((runs - 1) * 0.99 + 0.5)], runs);
    return 0;
}
