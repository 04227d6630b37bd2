#!/bin/sh
# Start-up of MeetPack beside a blank eframe window (crates/meetpack-gui/examples/blank_window.rs: the same
# eframe build and window options, nothing else), alternating the two, each run with a
# fresh HOME (no settings, no recent files). Prints, per case, the median over the runs of
#   present: ms from the top of main() to the first frame presented (MEETPACK_PROFILE_FRAMES)
#   wall:    ms of the whole process, from exec to exit after 3 frames
#   peak:    peak resident memory (VmHWM) in MB when the 3rd frame is done
# and MeetPack's ratio to the blank window. A last line per renderer, "label", is the blank
# window drawing one line of text (`--label`) beside the blank window: what showing anything
# at all costs (a font parsed, glyphs rasterised, the GL driver's first shader compiled).
#
# Usage: crates/meetpack-gui/benches/startup.sh [RUNS (default 10)] [renderers (default "glow wgpu")]
# Needs an X display: uses $DISPLAY, or starts Xvfb on :97 (apt-get install xvfb).
set -eu
cd "$(dirname "$0")/../../.."
runs=${1:-10}
renderers=${2:-glow wgpu}
cargo build --release --quiet -p meetpack --bin meetpack
cargo build --release --quiet -p meetpack-gui --example blank_window
app=target/release/meetpack
blank=target/release/examples/blank_window
file=${STARTUP_FILE:-seeds/004_9a99625675b12858.txt}
pdf=${STARTUP_PDF:-}
# A missing file would measure the "could not open" page instead of a pack.
for f in "$file" $pdf; do
    [ -f "$f" ] || { echo "startup.sh: no such file: $f" >&2; exit 2; }
done

xvfb=""
if [ -z "${DISPLAY:-}" ]; then
    Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &
    xvfb=$!
    export DISPLAY=:97
    sleep 1
fi
unset WAYLAND_DISPLAY
scratch=$(mktemp -d /tmp/meetpack-startup.XXXXXX)
cleanup() {
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
    rm -rf "$scratch"
}
trap cleanup EXIT

# One run: prints "present wall peak" for the command given.
one() {
    home=$(mktemp -d "$scratch/home.XXXXXX")
    t0=$(date +%s%N)
    HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
        XDG_RUNTIME_DIR=$home MEETPACK_PROFILE_FRAMES=2 \
        timeout 120 "$@" 2>"$home/err" >/dev/null || true
    t1=$(date +%s%N)
    line=$(grep -m1 startup_to_first_present_ms "$home/err" || true)
    present=$(echo "$line" | sed -n 's/.*startup_to_first_present_ms=\([0-9.]*\).*/\1/p')
    peak=$(echo "$line" | sed -n 's/.*peak_rss_mb=\([0-9.]*\).*/\1/p')
    echo "${present:-nan} $(( (t1 - t0) / 1000000 )) ${peak:-nan}"
    rm -rf "$home"
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

report() { # name, file of "present wall peak" lines of the app, same of the blank window
    for col in 1 2 3; do
        a=$(cut -d' ' -f$col "$2" | median)
        b=$(cut -d' ' -f$col "$3" | median)
        eval "a$col=\$a; b$col=\$b"
    done
    awk -v n="$1" -v a1="$a1" -v b1="$b1" -v a2="$a2" -v b2="$b2" -v a3="$a3" -v b3="$b3" 'BEGIN {
        printf "%-28s present %6.1f vs %6.1f ms (%.2fx)  wall %5d vs %5d ms (%.2fx)  peak %6.1f vs %6.1f MB (%.2fx)\n",
            n, a1, b1, a1/b1, a2, b2, a2/b2, a3, b3, a3/b3 }'
}

echo "$runs alternating runs each; medians, MeetPack vs blank eframe window ($(date -u '+%d %b %Y %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
for renderer in $renderers; do
    for case in file none ${pdf:+pdf} label; do
        : >"$scratch/a"
        : >"$scratch/b"
        i=0
        while [ "$i" -lt "$runs" ]; do
            case $case in
            file) one "$app" --renderer "$renderer" "$file" >>"$scratch/a" ;;
            pdf) one "$app" --renderer "$renderer" "$pdf" >>"$scratch/a" ;;
            none) one "$app" --renderer "$renderer" >>"$scratch/a" ;;
            label) one "$blank" "$renderer" --label >>"$scratch/a" ;;
            esac
            one "$blank" "$renderer" >>"$scratch/b"
            i=$((i + 1))
        done
        report "$renderer, $case" "$scratch/a" "$scratch/b"
    done
done
