#!/usr/bin/env python3
"""check_lang.py — is a transcript of command-line runs in the language asked for?

    check_lang.py zh|en TRANSCRIPT MESSAGES_DEF KEYWORDS

TRANSCRIPT: blocks that start with a line "### NAME" (one run of xiangli), then its output.
KEYWORDS: the words of the usage lines (subcommands, their keywords: interfaces), one a line.

zh: fails on every line holding an English sentence, defined as: within a stretch of ASCII
    text (any non-ASCII character ends a stretch), two or more words of two or more letters,
    at least one of which is not an allowed token. Allowed, and removed before counting:
    option names (-o, --dry-run), file paths and URLs (anything with a "/", names ending in a
    file extension), [sections], section:key and snake_case keys of the config, alternatives
    written a|b|c (zh|en), placeholders in capitals
    (FILE, N, ADDR:PORT, SIGTERM, WPS); allowed words: xiangli, the keywords of the usage
    lines, format names and a few proper names (ALLOWED below). Usage lines themselves
    ("用法：xiangli [选项] …" and the command list's "  xiangli …") are interfaces: skipped.
en: fails on every line holding Chinese other than proper names (a run of Chinese characters
    that appears in the English column of messages.def, or the community's name), and on
    every run whose output holds no English sentence at all (so the zh check is not vacuous).
"""
import re
import sys

ALLOWED = {
    "xiangli", "utf8", "utf8i", "ansi", "svg", "png", "pdf", "csv", "xlsx", "xls", "both",
    "halfblock", "fullwidth", "ascii", "zs", "zhangsan", "excel", "ctrl", "libmicrohttpd",
    "unifont", "apt-get", "https", "http", "pinyin",
}
COMMUNITY = {"杜巷小区"}

STRIP = [
    r"\S+://\S+",                                  # URLs
    r"[^\s“”‘’（），。：；、]*/[^\s“”‘’（），。：；、]*",  # paths (a slash anywhere)
    r"[\w.-]+\.(?:csv|xlsx|xls|pdf|db|ini|md|svg|png|txt|json)\b",  # file names
    r"(?<![\w-])--?[A-Za-z][\w-]*(?:=\S*)?",       # options
    r"\[[a-z_]+\]",                                # config sections
    r"\b[a-z_]+:[a-z_]+\b",                         # section:key of the config
    r"[\w.-]+(?:\|[\w.-]+)+",                        # alternatives: zh|en, utf8|svg
    r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b",         # snake_case keys, XIANGLI_TODAY
]
STRIP_RE = re.compile("|".join("(?:%s)" % p for p in STRIP), re.ASCII)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
CJK_RE = re.compile(r"[\u3400-\u9fff]+")
ZH_PUNCT_RE = re.compile(r"[，。：；？！“”（）、]")


def blocks(path):
    name, lines = None, []
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("### "):
                if name is not None:
                    yield name, lines
                name, lines = line[4:], []
            elif name is not None:
                lines.append(line)
    if name is not None:
        yield name, lines


def is_usage_line(line):
    return (line.startswith("用法：xiangli ") or line.startswith("usage: xiangli ")
            or re.match(r"^  xiangli \S", line) is not None)


def english_sentence(line, keywords):
    """The first English sentence in line (as defined above), or None."""
    if is_usage_line(line):
        return None
    text = STRIP_RE.sub(" ", line)
    for stretch in re.split(r"[^\x00-\x7f]+", text):
        words = [w for w in WORD_RE.findall(stretch) if len(w) >= 2]
        if len(words) < 2:
            continue
        english = [w for w in words
                   if w.lower() not in keywords and w.lower() not in ALLOWED
                   and not (w.isupper() or re.fullmatch(r"[A-Z][A-Z0-9]*", w))]
        if english:
            return stretch.strip()
    return None


def proper_names(messages_def):
    """Runs of Chinese characters that the English column itself carries (sheet names,
    document names, 巷里): proper names an English reader still sees."""
    names = set(COMMUNITY)
    pat = re.compile(r'^XL_MSG\(\w+, "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\)', re.M)
    with open(messages_def, encoding="utf-8") as f:
        for _zh, en in pat.findall(f.read()):
            if not ZH_PUNCT_RE.search(en):
                names.update(CJK_RE.findall(en))
    return names


def chinese_sentence(line, names):
    if ZH_PUNCT_RE.search(line):
        return line
    for run in CJK_RE.findall(line):
        if run not in names:
            return run
    return None


def main():
    mode, transcript, messages_def, keywords_file = sys.argv[1:5]
    with open(keywords_file, encoding="utf-8") as f:
        keywords = {w.strip().lower() for w in f if w.strip()}
    names = proper_names(messages_def)
    bad = 0
    nblocks = 0
    for name, lines in blocks(transcript):
        nblocks += 1
        if mode == "zh":
            for line in lines:
                hit = english_sentence(line, keywords)
                if hit:
                    bad += 1
                    print("FAIL [%s] English under --lang zh (“%s”): %s" % (name, hit, line))
        else:
            if not any(english_sentence(line, keywords) for line in lines):
                bad += 1
                print("FAIL [%s] no English sentence under --lang en: %s" % (name, " | ".join(lines)[:300]))
            for line in lines:
                hit = chinese_sentence(line, names)
                if hit:
                    bad += 1
                    print("FAIL [%s] Chinese under --lang en (“%s”): %s" % (name, hit, line))
    if nblocks == 0:
        print("FAIL empty transcript %s" % transcript)
        return 1
    print("%s: %d runs checked, %d offending lines" % (mode, nblocks, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
