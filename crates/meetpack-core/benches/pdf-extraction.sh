#!/bin/sh
# Measures MeetPack's PDF extraction against poppler on the corpus, in one run: pages per
# second for both on the same files (one process per file each: `meetpack inspect --text`,
# which extracts and parses, beside `pdftotext -layout`), and the word-sequence similarity
# of MeetPack's text to the `.layout.txt` references. Needs poppler-utils and python3.
#   sh crates/meetpack-core/benches/pdf-extraction.sh [CORPUS_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
corpus=${1:-tests/corpus/pdf}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --quiet --release -p meetpack --no-default-features
bin=target/release/meetpack
now() { date +%s%N; }
pages=0; ours=0; theirs=0
printf '%-45s %5s %10s %10s\n' file pages meetpack_ms poppler_ms
for f in "$corpus"/*.pdf; do
  name=$(basename "$f" .pdf)
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
  t0=$(now)
  "$bin" inspect --text "$f" > "$out/$name.txt" 2>/dev/null || rm -f "$out/$name.txt"
  t1=$(now)
  pdftotext -layout "$f" - > /dev/null 2>&1 || true
  t2=$(now)
  a=$(( (t1 - t0) / 1000 )); b=$(( (t2 - t1) / 1000 ))
  printf '%-45.45s %5d %10.1f %10.1f\n' "$name" "$n" "$(echo "$a / 1000" | bc -l)" "$(echo "$b / 1000" | bc -l)"
  pages=$((pages + n)); ours=$((ours + a)); theirs=$((theirs + b))
done
echo
echo "$pages $ours $theirs" | awk '{ printf "%d pages: MeetPack %.0f ms (%.0f pages/s), pdftotext -layout %.0f ms (%.0f pages/s)\n", $1, $2/1000, $1/($2/1e6), $3/1000, $1/($3/1e6) }'
echo "(MeetPack's time includes parsing; scans are refused after extraction)"
echo
python3 "$here/pdf_fidelity.py" "$out" "$corpus"
