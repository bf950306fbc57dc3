#!/usr/bin/env python3
"""Generate the pinyin table (src/core/pinyin.c reads it) from the Unihan readings.

usage: gen_pinyin.py OUT.c [Unihan_Readings.txt.bz2]
       (default input: /usr/share/unicode/Unihan_Readings.txt.bz2, Debian's unicode-data)

For every CJK code point we collect ALL its Mandarin readings from these Unihan fields, in
this order of preference (the first reading is the customary one):
  kMandarin     customary reading(s) (zh-Hans first)
  kHanyuPinlu   readings seen in a frequency corpus, most frequent first
  kXHC1983      Xiandai Hanyu Cidian: carries the surname readings of simplified characters
                (e.g. 单 shàn, 区 ōu), which kHanyuPinyin (traditional forms) lacks
  kTGHZ2013     Tongyong Guifan Hanzi Zidian (2013)
  kHanyuPinyin  Hanyu Da Zidian, includes literary and rare readings
Tone marks are stripped to plain a-z; ü becomes v (the matcher also accepts u for it).

Output, all static-size arrays (see src/core/pinyin.c):
  syllable pool   each distinct toneless syllable once, NUL-separated, plus offsets
  reading sets    distinct ordered lists of syllable ids (characters share sets)
  BMP index       uint16 set number for U+3400..U+9FFF (0 = no reading), direct lookup
  other index     sorted code points + set numbers for everything else (binary search)
"""
import bz2
import os
import sys
import unicodedata

DEFAULT_INPUT = '/usr/share/unicode/Unihan_Readings.txt.bz2'
FIELDS = ['kMandarin', 'kHanyuPinlu', 'kXHC1983', 'kTGHZ2013', 'kHanyuPinyin']
BMP_LO, BMP_HI = 0x3400, 0x9FFF

# Surname readings the register must find (issue 3). All are present in kXHC1983 /
# kTGHZ2013 / kHanyuPinyin of Unicode 15; they are checked, not assumed. If a future Unihan
# dropped one, SUPPLEMENT adds it back (and says why here) instead of the build silently
# losing a surname.
REQUIRED = {
    '单': 'shan', '曾': 'zeng', '解': 'xie', '区': 'ou', '仇': 'qiu', '查': 'zha',
    '朴': 'piao', '张': 'zhang', '三': 'san',
}
SUPPLEMENT = {}  # e.g. {'单': ['shan']} -- empty: Unihan 15 already has every surname above


def die(msg):
    sys.stderr.write('gen_pinyin.py: ' + msg + '\n')
    sys.exit(1)


def toneless(word):
    """'lǘ' -> 'lv', 'shàn' -> 'shan'; None if the result is not plain a-z."""
    word = unicodedata.normalize('NFD', word).lower().replace('u\u0308', 'v')
    out = ''.join(c for c in word if unicodedata.category(c) != 'Mn')
    return out if out and out.isascii() and out.isalpha() else None


def field_values(field, value):
    """The raw reading words of one Unihan field value."""
    words = []
    for item in value.split():
        if field == 'kHanyuPinlu':
            item = item.split('(', 1)[0]
        elif field in ('kXHC1983', 'kTGHZ2013', 'kHanyuPinyin'):
            item = item.split(':', 1)[-1]
        words.extend(w for w in item.split(',') if w)
    return words


def read_unihan(path):
    if not os.path.exists(path):
        die('%s not found: install the Debian package unicode-data '
            '(apt-get install unicode-data), which ships the Unihan readings' % path)
    readings = {}  # cp -> {field: [words]}
    try:
        with bz2.open(path, 'rt', encoding='utf-8') as f:
            for line in f:
                if not line.startswith('U+'):
                    continue
                parts = line.rstrip('\n').split('\t')
                if len(parts) != 3 or parts[1] not in FIELDS:
                    continue
                cp = int(parts[0][2:], 16)
                readings.setdefault(cp, {})[parts[1]] = field_values(parts[1], parts[2])
    except (OSError, EOFError, ValueError) as e:
        die('cannot read %s: %s (reinstall unicode-data?)' % (path, e))
    return readings


def merge(fields):
    out = []
    for name in FIELDS:
        for w in fields.get(name, []):
            t = toneless(w)
            if t and t not in out:
                out.append(t)
    return out


def build(path):
    raw = read_unihan(path)
    table = {}
    for cp, fields in raw.items():
        r = merge(fields)
        if r:
            table[cp] = r
    if len(table) < 20000:
        die('only %d characters with readings in %s: wrong or truncated file? '
            '(reinstall unicode-data)' % (len(table), path))
    for ch, extra in SUPPLEMENT.items():
        have = table.setdefault(ord(ch), [])
        have.extend(x for x in extra if x not in have)
    for ch, want in REQUIRED.items():
        if want not in table.get(ord(ch), []):
            die('%s (U+%04X) lacks the reading %r in %s; add it to SUPPLEMENT with a reason'
                % (ch, ord(ch), want, path))
    return table


def c_array(ctype, name, values, per_line=16):
    """A defined-here, declared-here const array (the declaration keeps -Wmissing-* quiet)."""
    lines = ['extern const %s %s[%d];' % (ctype, name, len(values)),
             'const %s %s[%d] = {' % (ctype, name, len(values))]
    for i in range(0, len(values), per_line):
        lines.append('    ' + ', '.join(str(v) for v in values[i:i + per_line]) + ',')
    lines.append('};')
    return '\n'.join(lines)


def c_size(name, value):
    return 'extern const size_t %s;\nconst size_t %s = %d;' % (name, name, value)


def layout(table):
    """Syllable ids, shared reading sets and both indexes, as plain lists."""
    syllables = sorted({s for r in table.values() for s in r})
    syl_id = {s: i for i, s in enumerate(syllables)}
    sets, set_id = [()], {(): 0}  # set 0: no readings
    cp_set = {}
    for cp in sorted(table):
        key = tuple(syl_id[s] for s in table[cp])
        if key not in set_id:
            set_id[key] = len(sets)
            sets.append(key)
        cp_set[cp] = set_id[key]
    if len(sets) >= 65536 or len(syllables) >= 65536:
        die('table too large for uint16 indexes')
    syl_off, pos = [], 0
    for s in syllables:
        syl_off.append(pos)
        pos += len(s) + 1
    syl_off.append(pos)  # sentinel: length of syllable i = off[i+1] - off[i] - 1
    set_off, set_items = [], []
    for s in sets:
        set_off.append(len(set_items))
        set_items.extend(s)
    set_off.append(len(set_items))
    bmp = [cp_set.get(cp, 0) for cp in range(BMP_LO, BMP_HI + 1)]
    others = [cp for cp in sorted(table) if not BMP_LO <= cp <= BMP_HI]
    return {'syllables': syllables, 'syl_off': syl_off, 'set_off': set_off,
            'set_items': set_items, 'bmp': bmp, 'others': others,
            'other_set': [cp_set[cp] for cp in others], 'pool_len': pos, 'nsets': len(sets)}


def emit(table, out):
    t = layout(table)
    syl = t['syllables']
    parts = ['/* generated by src/gen/gen_pinyin.py from Unihan (%s): do not edit */'
             % ', '.join(FIELDS),
             '#include <stddef.h>', '#include <stdint.h>', '',
             c_size('xl_py_bmp_lo', BMP_LO), c_size('xl_py_bmp_hi', BMP_HI),
             c_size('xl_py_nsyl', len(syl)), c_size('xl_py_nsets', t['nsets']),
             c_size('xl_py_nother', len(t['others'])), c_size('xl_py_nchars', len(table)),
             'extern const char xl_py_pool[%d];' % (t['pool_len'] + 1),
             'const char xl_py_pool[%d] =' % (t['pool_len'] + 1)]
    for i in range(0, len(syl), 16):
        parts.append('    "' + ''.join(s + '\\0' for s in syl[i:i + 16]) + '"')
    parts[-1] += ';'
    parts.append(c_array('uint16_t', 'xl_py_syl_off', t['syl_off']))
    parts.append(c_array('uint32_t', 'xl_py_set_off', t['set_off']))
    parts.append(c_array('uint16_t', 'xl_py_set_items', t['set_items']))
    parts.append(c_array('uint16_t', 'xl_py_bmp_set', t['bmp'], 24))
    parts.append(c_array('uint32_t', 'xl_py_other_cp', t['others'], 12))
    parts.append(c_array('uint16_t', 'xl_py_other_set', t['other_set'], 24))
    tmp = out + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write('\n'.join(parts) + '\n')
    os.replace(tmp, out)
    size = (t['pool_len'] + 1 + 2 * len(t['syl_off']) + 4 * len(t['set_off'])
            + 2 * len(t['set_items']) + 2 * len(t['bmp']) + 6 * len(t['others']))
    return len(table), len(syl), t['nsets'], size


def main():
    if len(sys.argv) not in (2, 3):
        die('usage: gen_pinyin.py OUT.c [Unihan_Readings.txt.bz2]')
    path = sys.argv[2] if len(sys.argv) == 3 else DEFAULT_INPUT
    nchars, nsyl, nsets, size = emit(build(path), sys.argv[1])
    if os.environ.get('GEN_PINYIN_VERBOSE'):
        sys.stderr.write('gen_pinyin.py: %d characters, %d syllables, %d reading sets, '
                         '%d bytes of tables\n' % (nchars, nsyl, nsets, size))


if __name__ == '__main__':
    main()
