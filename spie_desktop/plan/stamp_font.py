"""An embedded TrueType font for the signature stamps, without HarfBuzz or fontTools.

pyHanko stamps default to Courier, a standard font that is referenced but not embedded;
its own embedding engine needs ``uharfbuzz`` and ``fontTools`` and takes ~100 ms per stamp.
This engine reuses the DejaVu face reportlab already parsed for the plan: it assigns each
character of the stamp a one-byte code, and at write time embeds a subset of just those
glyphs (reportlab's subsetter) as a simple TrueType font with widths and a ToUnicode map,
the way reportlab embeds the body text. A stamp holds a few dozen distinct characters, far
below the 256 a one-byte font can carry.
"""

from __future__ import annotations

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngine, FontEngineFactory, ShapeResult
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFontFace, makeToUnicodeCMap

from .fonts import REGULAR, font_face

MAX_CODES = 256
_name = generic.NameObject


class EmbeddedSubsetEngine(FontEngine):
    """Shapes text with single-byte codes and embeds the glyphs used, once, at write time."""

    def __init__(
        self, writer: BasePdfFileWriter, face: TTFontFace, obj_stream: object = None
    ) -> None:
        self.face = face
        self._codes: dict[int, int] = {}  # code point -> one-byte code
        super().__init__(
            writer, face.name.decode("latin-1"), embedded_subset=True, obj_stream=obj_stream
        )
        self._ref = writer.allocate_placeholder()
        self._written = False

    @property
    def uses_complex_positioning(self) -> bool:
        return False

    def _code(self, char: str) -> int:
        point = ord(char) if ord(char) in self.face.charToGlyph else ord("?")
        code = self._codes.get(point)
        if code is None:
            if len(self._codes) >= MAX_CODES:
                point, code = ord("?"), self._codes.get(ord("?"), 0)
            else:
                code = self._codes[point] = len(self._codes)
        return code

    def shape(self, txt: str) -> ShapeResult:
        codes = bytes(self._code(char) for char in txt)
        width = sum(self.face.getCharWidth(ord(c)) for c in txt) / 1000
        return ShapeResult(
            graphics_ops=b"<" + codes.hex().encode("ascii") + b"> Tj", x_advance=width, y_advance=0
        )

    def as_resource(self) -> generic.IndirectObject:
        return self._ref

    def prepare_write(self) -> None:
        if self._written:
            return
        self._written = True
        subset = list(self._codes) or [ord(" ")]
        base_name = f"{self.subset_prefix}+{self.face.name.decode('latin-1')}"
        font_bytes = self.face.makeSubset(subset)
        font_file = generic.StreamObject(
            {_name("/Length1"): generic.NumberObject(len(font_bytes))}, stream_data=font_bytes
        )
        font_file.compress()
        face = self.face
        descriptor = generic.DictionaryObject({
            _name("/Type"): _name("/FontDescriptor"),
            _name("/FontName"): _name("/" + base_name),
            _name("/Flags"): generic.NumberObject((face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC),
            _name("/FontBBox"): generic.ArrayObject(generic.NumberObject(v) for v in face.bbox),
            _name("/ItalicAngle"): generic.NumberObject(int(face.italicAngle)),
            _name("/Ascent"): generic.NumberObject(face.ascent),
            _name("/Descent"): generic.NumberObject(face.descent),
            _name("/CapHeight"): generic.NumberObject(face.capHeight),
            _name("/StemV"): generic.NumberObject(face.stemV),
            _name("/MissingWidth"): generic.NumberObject(face.defaultWidth),
            _name("/FontFile2"): self.writer.add_object(font_file),
        })  # fmt: skip
        to_unicode = generic.StreamObject(
            stream_data=makeToUnicodeCMap(base_name, subset).encode("ascii")
        )
        to_unicode.compress()
        font = generic.DictionaryObject({
            _name("/Type"): _name("/Font"),
            _name("/Subtype"): _name("/TrueType"),
            _name("/BaseFont"): _name("/" + base_name),
            _name("/FirstChar"): generic.NumberObject(0),
            _name("/LastChar"): generic.NumberObject(len(subset) - 1),
            _name("/Widths"): generic.ArrayObject(
                generic.NumberObject(round(face.getCharWidth(p))) for p in subset
            ),
            _name("/FontDescriptor"): self.writer.add_object(descriptor),
            _name("/ToUnicode"): self.writer.add_object(to_unicode),
        })  # fmt: skip
        self.writer.add_object(font, idnum=self._ref.idnum)


class EmbeddedSubsetFactory(FontEngineFactory):
    def __init__(self, font_name: str = REGULAR) -> None:
        self.font_name = font_name

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: object = None
    ) -> FontEngine:
        return EmbeddedSubsetEngine(writer, font_face(self.font_name), obj_stream)
