#!/usr/bin/env bash
# Instructions per input byte of one parse, MeetPack beside pulldown-cmark on the same
# text, counted by callgrind (a count, not a time: repeatable on a loaded machine).
#
#   crates/meetpack-core/benches/instructions.sh [FILE…]        (default: every seed)
#
# Builds `benches/instructions.rs` in the bench profile (release, the core crate alone: no GUI), runs it under
# `valgrind --tool=callgrind` once per file and parser, and counts only the instructions
# inside the measured parse function (`--toggle-collect`), so reading the file and
# starting the process are left out. Each file is parsed once uncounted first, so the
# one-time compilation of the parser's regexes is left out too (the steady state, as
# `benches/parse.rs` times it); MEETPACK_INSTRUCTIONS_COLD=1 counts the first parse
# instead. Needs valgrind.
set -euo pipefail
# File names are taken from the workspace root.
cd "$(dirname "$0")/../../.."

command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }

if [ $# -eq 0 ]; then
    set -- seeds/*.txt
fi

# The bench's own executable: cargo also reports the package's binary, in no fixed order.
bin=$(cargo bench -p meetpack-core --bench instructions --no-run --message-format=json 2>/dev/null |
    grep '"kind":\["bench"\]' | grep '"name":"instructions"' |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
[ -x "$bin" ] || { echo "could not build benches/instructions.rs" >&2; exit 2; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Instructions (Ir) callgrind counted inside the function whose name contains $2.
count() {
    local file=$1 function=$2 parser=$3
    MEETPACK_INSTRUCTIONS_PARSER=$parser valgrind --tool=callgrind --collect-atstart=no \
        --toggle-collect="*$function*" --callgrind-out-file="$out/cg" \
        "$bin" "$file" >/dev/null 2>"$out/log" || { cat "$out/log" >&2; exit 2; }
    sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out/cg"
}

printf '%-28s %9s %14s %9s %14s %9s %7s\n' \
    file bytes meetpack_Ir "Ir/byte" pulldown_Ir "Ir/byte" ratio
total_bytes=0 total_mp=0 total_pd=0
for file in "$@"; do
    bytes=$(wc -c <"$file")
    mp=$(count "$file" measured_meetpack_parse meetpack)
    pd=$(count "$file" measured_pulldown_parse pulldown)
    total_bytes=$((total_bytes + bytes)) total_mp=$((total_mp + mp)) total_pd=$((total_pd + pd))
    awk -v f="$(basename "$file")" -v b="$bytes" -v m="$mp" -v p="$pd" 'BEGIN {
        printf "%-28s %9d %14d %9.1f %14d %9.1f %6.1fx\n", f, b, m, m / b, p, p / b, m / p }'
done
awk -v b="$total_bytes" -v m="$total_mp" -v p="$total_pd" 'BEGIN {
    printf "%-28s %9d %14d %9.1f %14d %9.1f %6.1fx\n", "all", b, m, m / b, p, p / b, m / p }'
