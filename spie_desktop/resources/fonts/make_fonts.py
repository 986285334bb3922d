"""Rebuild the shipped PDF fonts from the DejaVu originals (needs fontTools; not used at run time).

    python spie_desktop/resources/fonts/make_fonts.py /usr/share/fonts/truetype/dejavu

Every glyph is kept (names from any language still print); what goes is what a PDF never
uses and every embedded subset would carry: TrueType hinting (instructions, fpgm, prep,
cvt) and the name records repeated per platform. The copyright, licence and URL records
stay, so each PDF subset still carries the Bitstream Vera notice. The names do not contain
"Bitstream" or "Vera", as the licence requires of modified fonts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
KEPT_NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)


def slim(source: Path, target: Path) -> None:
    font = TTFont(source)
    options = Options()
    options.hinting = False
    options.glyph_names = False
    options.name_IDs = list(KEPT_NAME_IDS)
    options.name_legacy = False
    options.name_languages = [0x409]
    options.notdef_outline = True
    options.layout_features = ["*"]
    options.drop_tables += ["FFTM", "GPOS", "GSUB", "GDEF", "kern"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font["name"].names = [n for n in font["name"].names if n.platformID == 3]
    font.save(target)


def main() -> None:
    source_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")
    here = Path(__file__).parent
    for name in FONTS:
        slim(source_dir / name, here / name)
        print(f"{name}: {(here / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
