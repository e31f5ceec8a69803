"""Rebuild the report fonts in cxmaturity/fonts/ from Debian's DejaVu Sans.

    python3 scripts/subset_fonts.py [SOURCE_DIR]   (default: /usr/share/fonts/truetype/dejavu)

The full DejaVu Sans has about 6,000 glyphs; fpdf2 parses the whole file for every
report. The subset keeps Latin (with every accent and Latin Extended), Greek,
Cyrillic, punctuation (curly quotes, dashes, ellipsis), currency (euro), arrows,
maths, box drawing and shapes: every language our users write names and notes in,
at a third of the size and half the load time. The font keeps its name (DejaVu
changes are public domain; the Bitstream Vera licence in LICENSE-DejaVu.txt only
forbids the names "Bitstream" and "Vera" for modified fonts).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "cxmaturity" / "fonts"
FACES = ("DejaVuSans", "DejaVuSans-Bold")
RANGES = [
    (0x20, 0x7E), (0xA0, 0x24F), (0x250, 0x2FF), (0x300, 0x36F), (0x370, 0x3FF),
    (0x400, 0x52F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF),
    (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2500, 0x257F),
    (0x25A0, 0x25FF), (0xFB00, 0xFB06),
]  # fmt: skip


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/truetype/dejavu")
    unicodes = [code for low, high in RANGES for code in range(low, high + 1)]
    for face in FACES:
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = True
        options.legacy_kern = True
        font = TTFont(source / f"{face}.ttf")
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        font.save(TARGET / f"{face}.ttf")
        print(TARGET / f"{face}.ttf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
