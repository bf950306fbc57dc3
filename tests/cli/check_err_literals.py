#!/usr/bin/env python3
"""check_err_literals.py — no English sentence is written into an error by hand (issue 15).

    check_err_literals.py SRC_DIR

Every call of xl_err_set(err, code, FMT, ...), xl_err_field(err, field, FMT, ...) and the other
functions that put a printf-style message before a person (SINKS: sheet problems, form fields,
the desk's status line, the command line's stderr) in the C files under SRC_DIR (the project's
src/: core, web, demo, cli, ui) is read (over line breaks); every string literal among its
arguments from FMT on (adjacent literals joined) must be free of words: a message reaches a
person through messages.def (`_(ID)`, `xl_tr(...)`), so a literal may only be a format that
carries no language ("%s", "%s: %s", "%s：%s"). A word here is two or more ASCII letters left
after printf conversions are removed. Calls listed in ALLOWED (file, literal) are the
exceptions, each with the reason. Fails with one line per offender, so one run shows the job.
A self-test on a probe file runs first, so the scan itself is known to find what it should.
"""
import os
import re
import sys

# (path relative to src/, literal text) -> why the literal is not a message a person reads.
ALLOWED = {
    # An internal marker: an xl_db_tx body returns it to roll the transaction back after
    # the real refusal was recorded elsewhere; the caller turns it into success (XL_OK, err
    # cleared) or into that refusal, so nobody reads it.
    ("core/place/community.c", "rollback"): "internal rollback marker, never shown",
    ("core/place/community_edit.c", "rollback"): "internal rollback marker, never shown",
    # The subcommand's name in "xiangli qr：…": what the officer types, the same in every language.
    ("cli/cmd_qr.c", "qr"): "the command's name",
}

# The functions that put a printf-style message in front of a person, and the position of
# their format argument (0-based): errors, sheet problems, form fields, the status line, the
# command line's stderr.
SINKS = {
    "xl_err_set": 2, "xl_err_field": 2, "mtg_field_err": 3, "xl_csv_add_problem": 4,
    "ci_problem": 3, "field_error": 2, "problem": 4, "ui_app_message": 2, "say": 2,
    "cli_complain": 0,
}
CALL_RE = re.compile(r"\b(%s)\s*\(" % "|".join(SINKS))
CONV_RE = re.compile(r"%(?:\d+\$)?[-+ #0'.*\d]*(?:hh|h|ll|l|j|z|t|L)?[diouxXeEfFgGaAcspn%]")
WORD_RE = re.compile(r"[A-Za-z]{2,}")


def string_end(src, i):
    """The index just after the C string or character literal that opens at i."""
    q, j, n = src[i], i + 1, len(src)
    while j < n and src[j] != q:
        j += 2 if src[j] == "\\" else 1
    return j + 1


def strip_comments(src):
    """Comments out, strings kept (a // inside a string is not a comment)."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == '"' or c == "'":
            j = string_end(src, i)
            out.append(src[i:j])
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(" " * 0 + "\n" * src.count("\n", i, j))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def call_args(src, start):
    """The top-level arguments of the call whose '(' is at start, as source text."""
    depth, i, args, cur = 0, start, [], []
    n = len(src)
    while i < n:
        c = src[i]
        if c == '"' or c == "'":
            j = string_end(src, i)
            cur.append(src[i:j])
            i = j
            continue
        if c in "([{":
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(cur))
                return args
        elif c == "," and depth == 1:
            args.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    return args


def without_calls(arg):
    """arg with the arguments of nested calls blanked: getenv("TERM") is not message text."""
    out, i, n = [], 0, len(arg)
    while i < n:
        m = re.match(r"[A-Za-z_]\w*\s*\(", arg[i:])
        if m and (i == 0 or not (arg[i - 1].isalnum() or arg[i - 1] == "_")):
            depth, j = 0, i + m.end() - 1
            while j < n:
                if arg[j] == '"':
                    j += 1
                    while j < n and arg[j] != '"':
                        j += 2 if arg[j] == "\\" else 1
                elif arg[j] == "(":
                    depth += 1
                elif arg[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(" ")
            i = j + 1
            continue
        if arg[i] == '"':
            j = i + 1
            while j < n and arg[j] != '"':
                j += 2 if arg[j] == "\\" else 1
            out.append(arg[i:j + 1])
            i = j + 1
            continue
        out.append(arg[i])
        i += 1
    return "".join(out)


def literals(arg):
    """The string literals of one argument outside nested calls, adjacent ones joined."""
    arg = without_calls(arg)
    out, run = [], None
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|(\S)', arg):
        if m.group(1) is not None:
            run = (run or "") + m.group(1)
        else:
            if run is not None:
                out.append(run)
            run = None
    if run is not None:
        out.append(run)
    return out


def scan(roots, quiet=False):
    """(calls, offenders) over the C files under roots; offenders as (rel, line, literal)."""
    found = []
    calls = 0
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith(".c"):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)  # as under src/: core/print/qr.c
                with open(path, encoding="utf-8") as f:
                    src = strip_comments(f.read())
                for m in CALL_RE.finditer(src):
                    line = src.count("\n", 0, m.start()) + 1
                    before = src[src.rfind("\n", 0, m.start()) + 1:m.start()]
                    if re.match(r"\s*(static\s+)?(int|void)\s*$", before) or before.endswith((".", "->")):
                        continue  # a declaration or definition, or a member of that name
                    fmt = SINKS[m.group(1)]
                    args = call_args(src, m.end() - 1)
                    if len(args) <= fmt:
                        continue
                    calls += 1
                    for arg in args[fmt:]:
                        for lit in literals(arg):
                            text = CONV_RE.sub(" ", lit)
                            if not WORD_RE.search(text) or (rel, lit) in ALLOWED:
                                continue
                            found.append((rel, line, lit))
                            if not quiet:
                                print('FAIL %s:%d: %s(): English literal "%s" (put the message '
                                      'in messages.def)' % (rel, line, m.group(1), lit))
    return calls, found


PROBE = r'''
static int probe(xl_err *err, int n, const char *field)
{
    if (n == 1) return xl_err_set(err, XL_EFAIL, "no such thing %d", n);          /* bad */
    if (n == 2) return xl_err_field(err, "host", "no %s #%lld",
                                    n ? "person" : "organisation", (long long)n); /* bad x3 */
    if (n == 3) return xl_err_set(err, XL_EFAIL, "[serve] url_template: "
                                  "never closed");                                /* bad */
    if (n == 4) return xl_err_set(err, XL_EFAIL, "%s", _(E_PROGRAM));             /* good */
    if (n == 5) return xl_err_set(err, XL_EFAIL, _(TERM_FAIL_FMT), getenv("TERM")); /* good */
    if (n == 6) return xl_err_field(err, field, "%s：%s", "", err->msg);           /* good */
    /* xl_err_set(err, XL_EFAIL, "in a comment"); */                              /* good */
    return xl_err_set(err, CI_ROLLBACK, "rollback");                            /* allowed */
}
'''


def self_test():
    """The scanner finds what it should on a probe file, and nothing else."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "core", "place"))
        with open(os.path.join(d, "core", "place", "community.c"), "w") as f:
            f.write(PROBE)
        calls, found = scan([d], quiet=True)
    got = sorted(lit for _rel, _line, lit in found)
    want = sorted(["no such thing %d", "no %s #%lld", "person", "organisation",
                   "[serve] url_template: never closed"])
    if calls != 7 or got != want:
        print("FAIL self-test: %d calls, found %s, wanted 7 calls and %s" % (calls, got, want))
        return 1
    print("ok   self-test: the probe's 5 English literals found, its 3 good calls passed")
    return 0


def main():
    if self_test():
        return 1
    calls, found = scan(sys.argv[1:])
    print("%d calls checked, %d English literals" % (calls, len(found)))
    if calls < 50:
        print("FAIL too few calls found (%d): is the source folder right?" % calls)
        return 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
