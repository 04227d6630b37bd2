#!/usr/bin/env bash
# Prints the Coventry seeds to PDF as a browser prints a Markdown page: CommonMark with its
# line breaks kept (markdown-it-py), then headless Chromium's "Save as PDF". The PDFs here
# were made with markdown-it-py 4.3 and Debian's Chromium 156 on 7 Dec 2026; twins.rs checks
# that each reads as its text does.
#   pip install markdown-it-py; apt-get install chromium
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/../../../seeds"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$seeds"/*.txt; do
    b=$(basename "$f" .txt)
    python3 - "$f" "$work/$b.html" <<'PY'
import sys
from markdown_it import MarkdownIt
body = MarkdownIt("commonmark", {"breaks": True}).enable("table").render(open(sys.argv[1]).read())
style = "body{font-family:sans-serif;font-size:11pt} table,td,th{border:1px solid #888;border-collapse:collapse}"
open(sys.argv[2], "w").write(f"<html><head><meta charset=utf-8><style>{style}</style></head><body>{body}</body></html>")
PY
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$work/profile" \
        --no-pdf-header-footer --print-to-pdf="$here/$b.pdf" "$work/$b.html" >/dev/null 2>&1
done
