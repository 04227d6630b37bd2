#!/usr/bin/env bash
# Prints the Coventry seeds' text files to PDF as a browser prints a plain text file:
# monospace, long lines wrapped at the page's width, the print date at each page's top and
# the file's address with "n/N" at its foot (headless Chromium's "Save as PDF" with its
# default header and footer). The markup stays as characters (`**`, `- 1)`). The PDFs here
# were made with Debian's Chromium 156 on 7 Dec 2026; twins.rs checks that each reads as
# its text does.
#   apt-get install chromium
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/../../../../seeds"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$seeds"/*.txt; do
    b=$(basename "$f" .txt)
    cp "$f" "$work/$b.txt"
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$work/profile" \
        --print-to-pdf="$here/$b.pdf" "file://$work/$b.txt" >/dev/null 2>&1
done
