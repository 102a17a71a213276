"""Everything outside the edition that changes a PDF's bytes: library versions and font files.

The PDF cache is keyed by this fingerprint as well as by the edition, so a PDF made on a
machine with another Pango, HarfBuzz or set of fonts is never reused as if it were ours.
It is read with ctypes and package metadata because importing WeasyPrint takes a second,
wasted when every PDF comes from the cache.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# WeasyPrint and the Python packages that shape its output (fonts are subset by fontTools).
PYTHON_PACKAGES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "pyphen",
                   "pillow", "brotli", "zopfli")
# The font families the print stylesheet asks for, in each style it uses.
PRINT_FONTS = tuple(f"{family}:weight={weight}:slant={slant}"
                    for family in ("DejaVu Sans", "monospace")
                    for weight in (80, 200) for slant in (0, 100))


@functools.cache
def fingerprint() -> str:
    """One line naming every version and a digest of every font that goes into a PDF."""
    parts = [f"{name} {_package_version(name)}" for name in PYTHON_PACKAGES]
    parts += [f"pango {_native_version('pango-1.0', 'pango_version_string')}",
              f"harfbuzz {_native_version('harfbuzz', 'hb_version_string')}",
              f"harfbuzz-subset {'present' if _find_library('harfbuzz-subset') else 'missing'}",
              f"fonts {_fonts_digest()}"]
    return "; ".join(parts)


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


def _find_library(name: str) -> ctypes.CDLL | None:
    for candidate in (ctypes.util.find_library(name), f"lib{name}.so.0"):
        if candidate:
            try:
                return ctypes.CDLL(candidate)
            except OSError:
                continue
    return None


def _native_version(library: str, function: str) -> str:
    lib = _find_library(library)
    if lib is None:
        return "missing"
    call = getattr(lib, function)
    call.restype = ctypes.c_char_p
    return call().decode()


def _fonts_digest() -> str:
    """The content of the fonts the print stylesheet resolves to, and the list of every font known.

    A new font installed anywhere can become a fallback for some character, so the whole list
    (path and size) counts; the fonts actually asked for count by their bytes.
    """
    fontconfig = _Fontconfig.open()
    if fontconfig is None:
        return "fontconfig missing"
    digest = hashlib.sha256()
    for path in sorted(fontconfig.all_files()):
        digest.update(f"{path} {_size(path)}\n".encode())
    for pattern in PRINT_FONTS:
        path = fontconfig.match(pattern)
        digest.update(f"{pattern} -> {path}\n".encode())
        if path:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return digest.hexdigest()[:16]


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return -1


class _Fontconfig:
    """Just enough of fontconfig's C API to ask which file a font name resolves to, as Pango does."""
    MATCH_PATTERN = 0

    def __init__(self, lib: ctypes.CDLL):
        self.lib = lib
        for name, restype, argtypes in (
                ("FcInitLoadConfigAndFonts", ctypes.c_void_p, []),
                ("FcNameParse", ctypes.c_void_p, [ctypes.c_char_p]),
                ("FcConfigSubstitute", ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]),
                ("FcDefaultSubstitute", None, [ctypes.c_void_p]),
                ("FcFontMatch", ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]),
                ("FcPatternGetString", ctypes.c_int,
                 [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]),
                ("FcPatternDestroy", None, [ctypes.c_void_p]),
                ("FcConfigGetFonts", ctypes.POINTER(_FontSet), [ctypes.c_void_p, ctypes.c_int]),
                ("FcConfigDestroy", None, [ctypes.c_void_p])):
            function = getattr(lib, name)
            function.restype, function.argtypes = restype, argtypes
        self.config = lib.FcInitLoadConfigAndFonts()

    @classmethod
    def open(cls) -> "_Fontconfig | None":
        lib = _find_library("fontconfig")
        return cls(lib) if lib is not None else None

    def _file_of(self, pattern) -> str:
        value = ctypes.c_char_p()
        found = self.lib.FcPatternGetString(pattern, b"file", 0, ctypes.byref(value))
        return value.value.decode() if found == 0 and value.value else ""

    def match(self, name: str) -> str:
        pattern = self.lib.FcNameParse(name.encode())
        self.lib.FcConfigSubstitute(self.config, pattern, self.MATCH_PATTERN)
        self.lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        matched = self.lib.FcFontMatch(self.config, pattern, ctypes.byref(result))
        self.lib.FcPatternDestroy(pattern)
        if not matched:
            return ""
        path = self._file_of(matched)
        self.lib.FcPatternDestroy(matched)
        return path

    def all_files(self) -> list[str]:
        fonts = self.lib.FcConfigGetFonts(self.config, 0)   # FcSetSystem
        if not fonts:
            return []
        return [self._file_of(fonts.contents.fonts[i]) for i in range(fonts.contents.nfont)]


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]
