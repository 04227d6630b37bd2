#!/usr/bin/env bash
# Prints the other councils' documents (tests/corpus/other-councils/) to PDF as a browser
# prints them: a Markdown page rendered as CommonMark with its line breaks kept
# (markdown-it-py), a plain-text file as preformatted text (as a browser shows a .txt),
# then headless Chromium's "Save as PDF". Made with markdown-it-py 4.3 and Debian's
# Chromium on 7 Dec 2026; twins.rs checks that each reads as its text does.
#   pip install markdown-it-py; apt-get install chromium
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../other-councils"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$src"/*.txt; do
    b=$(basename "$f" .txt)
    python3 - "$f" "$work/$b.html" <<'PY'
import html, sys
from markdown_it import MarkdownIt
path = sys.argv[1]
text = open(path, encoding="utf-8", errors="replace").read()
style = ("body{font-family:sans-serif;font-size:11pt} "
         "table,td,th{border:1px solid #888;border-collapse:collapse} "
         "pre{font-size:9pt;white-space:pre-wrap}")
if "markdown" in path:
    body = MarkdownIt("commonmark", {"breaks": True}).enable("table").render(text)
else:
    body = "<pre>" + html.escape(text.replace("\f", "")) + "</pre>"
open(sys.argv[2], "w").write(
    f"<html><head><meta charset=utf-8><style>{style}</style></head><body>{body}</body></html>")
PY
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$work/profile" \
        --no-pdf-header-footer --print-to-pdf="$here/$b.pdf" "$work/$b.html" >/dev/null 2>&1
done
