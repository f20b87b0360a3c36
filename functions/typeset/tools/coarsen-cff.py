"""Rescales a CFF-flavoured OpenType font to a smaller units-per-em, rounding every outline point.

Usage: coarsen-cff.py SOURCE.otf TARGET.otf UPEM

fontTools' scale_upem rescales every table, but it rounds each outline's relative moves one by
one, so rounding errors add up along a contour. The outlines are therefore drawn again from the
source through a pen that scales and then rounds each absolute point: no point moves by more than
half a unit of the new grid. Hints are not kept (the PDF subsets drop them anyway).
"""
import sys

from fontTools.pens.roundingPen import RoundingPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

source, target, upem = sys.argv[1], sys.argv[2], int(sys.argv[3])
original = TTFont(source)
font = TTFont(source)
factor = upem / original["head"].unitsPerEm
top = font["CFF "].cff.topDictIndex[0]
# A font that does not set its FontMatrix gets fontTools' shared default list, which scale_upem
# would divide in place: the new matrix would then equal the "default" and not be written, and
# viewers would draw the outlines at a quarter of their size. Give the font its own list.
top.FontMatrix = list(top.FontMatrix)
scale_upem(font, upem)
if top.FontMatrix != [1 / upem, 0, 0, 1 / upem, 0, 0]:
    sys.exit(f"unexpected FontMatrix after scaling: {top.FontMatrix}")

original_top = original["CFF "].cff.topDictIndex[0]
original_charstrings = original_top.CharStrings
charstrings = top.CharStrings
metrics = font["hmtx"].metrics
for name in charstrings.keys():
    charstring, _ = charstrings.getItemAndSelector(name)
    pen = T2CharStringPen(metrics[name][0], None)
    original_charstrings[name].draw(TransformPen(RoundingPen(pen), (factor, 0, 0, factor, 0, 0)))
    redrawn = pen.getCharString(private=charstring.private, globalSubrs=charstring.globalSubrs)
    charstring.program = redrawn.program
    charstring.bytecode = None
font.save(target)
if TTFont(target)["CFF "].cff.topDictIndex[0].FontMatrix != [1 / upem, 0, 0, 1 / upem, 0, 0]:
    sys.exit("the FontMatrix was not written")
