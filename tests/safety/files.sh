#!/bin/bash
# files.sh — class 4 of issue 9: every file Xiangli writes goes through the one safe writer.
# Symlinks planted at the target and at every temporary name an older writer used are
# replaced or ignored, never followed; the result is a private regular file.
. "$(dirname "$0")/lib.sh"
safety_init "$@"
demo_db "$TMP/d.db"
echo precious > "$TMP/victim"
mkdir -p "$TMP/out"

plant() {  # plant FILE — links at FILE and its old temp names, all to the victim
    local f=$1 n
    for n in "$f" "$f.tmp" "$f.tmp$$" "$f.XXXXXX" "$(dirname "$f")/.$(basename "$f").XXXXXX"; do
        ln -sf "$TMP/victim" "$n"
    done
    for n in $(seq 1 400); do ln -sf "$TMP/victim" "$f.tmp$(( $$ + n ))"; done
}
regular_private() { [ -f "$1" ] && [ ! -L "$1" ] && [ "$(mode_of "$1")" = 600 ]; }

plant "$TMP/out/code.png"
xl --db "$TMP/d.db" qr building 127 --format png -o "$TMP/out/code.png" >/dev/null
check "qr -o: victim untouched" grep -qx precious "$TMP/victim"
check "qr -o: private regular file" regular_private "$TMP/out/code.png"

plant "$TMP/out/code.svg"
xl --db "$TMP/d.db" qr building 127 --format svg -o "$TMP/out/code.svg" >/dev/null
check "qr svg: victim untouched" grep -qx precious "$TMP/victim"

plant "$TMP/out/r.csv"
xl --db "$TMP/d.db" export residents "$TMP/out/r.csv" >/dev/null
check "export: victim untouched" grep -qx precious "$TMP/victim"
check "export: private regular file" regular_private "$TMP/out/r.csv"

mkdir -p "$TMP/posters"
for f in 127.png 127.svg; do plant "$TMP/posters/$f"; done
xl --db "$TMP/d.db" qr poster 127 --format both -o "$TMP/posters" >/dev/null 2>&1 ||
    xl --db "$TMP/d.db" qr poster 127 -o "$TMP/posters" >/dev/null
check "posters: victim untouched" grep -qx precious "$TMP/victim"
check "posters: written" test -n "$(find "$TMP/posters" -type f -name '*127*')"

xl --db "$TMP/new/deep/x.db" init >/dev/null
check "init: new directories owner-only" test "$(mode_of "$TMP/new/deep")" = 700
left=$(find "$TMP/out" "$TMP/posters" -name '.*' -type f | wc -l)
check "no temporary file left behind" test "$left" = 0
safety_done
