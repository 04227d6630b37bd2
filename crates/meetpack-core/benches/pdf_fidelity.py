#!/usr/bin/env python3
"""Word-sequence similarity of MeetPack's PDF text to poppler's `pdftotext -layout`.

usage: pdf_fidelity.py EXTRACTED_DIR CORPUS_DIR
For each CORPUS_DIR/NAME.pdf with NAME.layout.txt beside it and EXTRACTED_DIR/NAME.txt,
prints difflib's ratio on the two word lists (1.0 = the same words in the same order).
MeetPack's `**bold**` markers are removed first; poppler's output has none.
"""
import difflib
import pathlib
import sys


def words(text):
    return text.replace("**", "").split()


def main():
    extracted, corpus = map(pathlib.Path, sys.argv[1:3])
    ratios = []
    print("| file | pages | poppler words | MeetPack words | similarity |")
    print("|---|---:|---:|---:|---:|")
    for ref in sorted(corpus.glob("*.layout.txt")):
        name = ref.name[: -len(".layout.txt")]
        ours = extracted / f"{name}.txt"
        theirs = words(ref.read_text(encoding="utf-8", errors="replace"))
        pages = ref.read_text(encoding="utf-8", errors="replace").count("\f")
        if not ours.exists():
            print(f"| {name[:40]} | {pages} | {len(theirs)} | refused | – |")
            continue
        mine = words(ours.read_text(encoding="utf-8"))
        if not theirs and not mine:
            continue
        ratio = difflib.SequenceMatcher(None, theirs, mine, autojunk=False).ratio()
        ratios.append(ratio)
        print(f"| {name[:40]} | {pages} | {len(theirs)} | {len(mine)} | {ratio:.3f} |")
    if ratios:
        ratios.sort()
        mean = sum(ratios) / len(ratios)
        print(f"\n{len(ratios)} files: mean {mean:.3f}, median {ratios[len(ratios) // 2]:.3f}, min {ratios[0]:.3f}")


if __name__ == "__main__":
    main()
