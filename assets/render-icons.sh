#!/bin/sh
# Renders the PNG icons from meetpack.svg (run after editing the SVG; the PNGs are
# committed so a build needs neither tool). Needs rsvg-convert (librsvg2-bin).
set -eu
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" meetpack.svg -o "icons/meetpack-$size.png"
done
# The Windows icon (installer, Start menu, "Open with"): the sizes Windows asks for, in one
# .ico, with ImageMagick (imagemagick); committed as well.
convert icons/meetpack-16.png icons/meetpack-24.png icons/meetpack-32.png icons/meetpack-48.png \
    icons/meetpack-64.png icons/meetpack-256.png ../packaging/windows/meetpack.ico
