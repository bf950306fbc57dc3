#!/usr/bin/env bash
# qr_view.sh XIANGLI TXT2PNG — the QR view (签到码) in tmux, read back by a real decoder.
#
# Opens building 127's card from the map (g 127 Enter), then its code (c), at 80x24 and at
# 160x48; captures the pane with its colours (capture-pane -e), turns the capture into an
# image (txt2png) and decodes it with zbarimg, comparing with `xiangli qr payload 127`.
# Also: full-width at 80x24 does not fit and says how many rows/columns are missing; every
# style decodes at 160x48; r + y rotates the token (the screen shows the new code, the old
# payload no longer verifies); p writes this building's posters to $HOME/xiangli-posters.
# Prints "ok NAME" / "FAIL NAME" and ends with "qr_view: N passed, N failed".
set -u

if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: $0 PATH/TO/xiangli PATH/TO/txt2png" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T2P=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
TIMEOUT=${TUI_TIMEOUT:-10}
for tool in tmux zbarimg; do
    command -v $tool >/dev/null || { echo "FAIL $tool not installed"; echo "qr_view: 0 passed, 1 failed"; exit 1; }
done

# The temporary directory, the private tmux server and tmx from lib.sh (its scenario machinery
# is not used here: these checks decode the screen instead of comparing it).
. "$(dirname "$0")/lib.sh"
tui_init xl-qrview xl-qr

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# TERM is the pane's own (tmux-256color, in ncurses-base): with xterm-256color ncurses paints
# runs of white background with "erase characters" (bce), which tmux shows but capture-pane
# leaves out, so the capture would lose quiet-zone rows the screen really has.
PIN_ENV=(PATH="$PATH" HOME="$TMP" LANG=C.UTF-8 TERM=tmux-256color TZ=Asia/Shanghai XIANGLI_TODAY=2026-11-25 XIANGLI_OPERATOR=qr-test)
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
    [ -n "${!v:-}" ] && PIN_ENV+=("$v=${!v}")
done
DB=$TMP/demo.db
CFG=$TMP/test.ini
xl() { env -i "${PIN_ENV[@]}" "$BIN" --db "$DB" --config "$CFG" "$@"; }

setup() {
    printf 'set -g status off\nset -g history-limit 0\n' >"$TMP/tmux.conf"
    printf '[community]\nname = 杜巷小区\noperator = qr-test\n[ui]\nlanguage = zh\ntheme = default\n%s\n' \
        '[signin]
url_template = https://signin.example.org/s/{building}?t={token}
ec_level = M
qr_style = halfblock' >"$CFG"
    if ! xl init --demo --seed 1 >"$TMP/init.log" 2>&1; then
        echo "FAIL setup: init --demo: $(cat "$TMP/init.log")"
        echo "qr_view: 0 passed, 1 failed"
        exit 1
    fi
    tmx new-session -d -s keep -x 20 -y 5 'sleep 3600'
}

capture() { tmx capture-pane -p -t xl "$@" 2>/dev/null; }

# Polls until the screen shows TEXT, then until it stops changing.
wait_for() {
    local end=$((SECONDS + TIMEOUT)) screen prev=
    while screen=$(capture); [[ $screen != *"$1"* ]]; do
        [ $SECONDS -ge $end ] && return 1
        sleep 0.05
    done
    while [ "$screen" != "$prev" ]; do
        prev=$screen
        sleep 0.1
        screen=$(capture)
    done
}

start() { # WIDTH HEIGHT
    tmx kill-session -t xl 2>/dev/null
    tmx new-session -d -s xl -x "$1" -y "$2" \
        "env -i ${PIN_ENV[*]} '$BIN' --db '$DB' --config '$CFG'; sleep 3600"
    # a loaded machine (CI, the sanitizer build) may take longer to start the desk
    TIMEOUT=$((TIMEOUT * 3)) wait_for "楼栋地图" || { bad "$1x$2: the map did not open"; capture | sed 's/^/    /'; return 1; }
}

open_view() { # NAME
    tmx send-keys -t xl g && tmx send-keys -t xl 1 2 7 Enter
    wait_for "127号楼" || { bad "$1: the card of 127 did not open"; return 1; }
    tmx send-keys -t xl c
    wait_for "127号楼登记码" || { bad "$1: c on the card did not open the QR view"; return 1; }
}

# decode_screen NAME EXPECTED — the pane as the terminal shows it, read by zbarimg.
decode_screen() {
    capture -e -N >"$TMP/screen.txt" # -N: trailing white cells are part of the quiet zone
    if ! "$T2P" "$TMP/screen.txt" "$TMP/screen.png" 2>"$TMP/t2p.err"; then
        bad "$1: txt2png: $(cat "$TMP/t2p.err")"
        return
    fi
    local got
    got=$(zbarimg --raw -q "$TMP/screen.png" 2>/dev/null)
    if [ "$got" = "$2" ]; then
        ok "$1"
    else
        bad "$1: zbarimg read '$got', expected '$2'; screen:"
        capture | sed 's/^/    /'
    fi
}

press() { # KEY TEXT-TO-WAIT-FOR NAME
    tmx send-keys -t xl "$1"
    wait_for "$2" || { bad "$3: '$2' did not appear"; capture | sed 's/^/    /'; return 1; }
}

setup
want=$(xl qr payload 127)

# ---- 80x24: the default half-block style fits and decodes
if start 80 24 && open_view "80x24"; then
    decode_screen "80x24 halfblock" "$want"
    screen=$(capture)
    [[ $screen == *"127号楼"*"第一责任人"* ]] && ok "80x24 number and responsible person under the code" ||
        bad "80x24: no building number / responsible person line"
    if press s "全宽" "80x24 fullwidth"; then
        # the message may wrap: read it without spaces and line ends
        if [[ $(capture | tr -d ' \n') =~ 需要再多([0-9]+)行([0-9]+)列 ]]; then
            ok "80x24 fullwidth does not fit: needs ${BASH_REMATCH[1]} more rows, ${BASH_REMATCH[2]} more columns"
        else
            bad "80x24 fullwidth: no 'needs N more rows and columns' message"
            capture | sed 's/^/    /'
        fi
    fi
    press s "反显" "80x24 ascii" && press s "半格块" "80x24 back to halfblock" &&
        decode_screen "80x24 halfblock again" "$want"
    # rotate from the view: the screen shows the new code, the old payload is refused
    if press r "按 y 确认，n 取消" "rotate asks" && press y "已换码" "rotate done"; then
        new=$(xl qr payload 127)
        [ "$new" != "$want" ] && ok "rotate gave a new payload" || bad "payload unchanged after rotate"
        decode_screen "80x24 after rotate" "$new"
        xl qr verify 127 "$want" >/dev/null 2>&1 && bad "old payload still verifies" || ok "old payload refused"
        want=$new
    fi
    if press p "已生成 1 栋的海报" "poster"; then
        [ -s "$TMP/xiangli-posters/poster-127.svg" ] && [ -s "$TMP/xiangli-posters/poster-127.png" ] &&
            ok "posters written to \$HOME/xiangli-posters" || bad "poster files missing"
        got=$(zbarimg --raw -q "$TMP/xiangli-posters/poster-127.png" 2>/dev/null)
        [ "$got" = "$want" ] && ok "poster png decodes" || bad "poster png read '$got'"
    fi
    tmx send-keys -t xl q
    sleep 0.3
    [[ $(capture) != *"127号楼登记码"* ]] && ok "q closes the view" || bad "q did not close the view"
fi

# ---- 160x48: every style fits and decodes
if start 160 48 && open_view "160x48"; then
    decode_screen "160x48 halfblock" "$want"
    press s "全宽" "160x48 fullwidth" && decode_screen "160x48 fullwidth" "$want"
    press s "反显" "160x48 ascii" && decode_screen "160x48 ascii (inverse)" "$want"
    # ? lists every key of the view (they are rows of the key table); after it closes, the
    # footer still shows them
    if press '?' "按键帮助" "160x48 help"; then
        screen=$(capture)
        missing=
        for label in 换二维码样式 生成本栋海报 生成本弄全部楼栋的海报 生成全部楼栋的海报 换码; do
            [[ $screen == *"$label"* ]] || missing="$missing $label"
        done
        [ -z "$missing" ] && ok "160x48 help lists s p l a r" || bad "160x48 help lacks:$missing"
        tmx send-keys -t xl Space
        if wait_for "s 样式  p 本栋海报  l 本弄海报  a 全部海报  ? 帮助  r 换码"; then
            ok "160x48 footer keeps the keys after help"
        else
            bad "160x48 footer lost the keys after help"; capture | tail -1 | sed 's/^/    /'
        fi
    fi
fi

# ---- the monochrome theme: reverse video instead of colour pairs, still dark-on-light
sed 's/^theme = default/theme = mono/' "$CFG" >"$TMP/mono.ini"
CFG=$TMP/mono.ini
if start 160 48 && open_view "mono 160x48"; then
    decode_screen "mono 160x48 halfblock" "$want"
    press s "全宽" "mono 160x48 fullwidth" && decode_screen "mono 160x48 fullwidth" "$want"
fi

echo "qr_view: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
