"""Measuring a spreadsheet before calamine reads it.

calamine holds a sheet as a dense grid from A1 to its last cell, 32 bytes a cell, and copies a
shared string into every cell that uses it. A 5 KB .xlsx with cells at A1 and XFD1048576 asks for
512 GiB; a 100 KB one whose 20,000 cells all use one 30,000-character string, for 1.7 GB. So the
sheet's real extent (its last row and column holding a value, whatever its <dimension> declares)
and the text its cells will hold are measured first, from the file's XML or BIFF records read as
a stream, and refused above IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS and IMPORT_MAX_UNZIPPED_BYTES.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Literal, overload

import olefile
from django.conf import settings

CHUNK = 2**20
MAX_ROWS = 200_000  # twice the 100,000 rows the bench imports
MAX_COLUMNS = 30  # the widest register has 13 columns, 15 with 序号 and 备注


class TooLarge(Exception):
    """The sheet is larger than the import takes; the message says by how much, in Chinese."""


def limits() -> tuple[int, int]:
    return (int(getattr(settings, "IMPORT_MAX_ROWS", MAX_ROWS)),
            int(getattr(settings, "IMPORT_MAX_COLUMNS", MAX_COLUMNS)))


def _text_limit() -> int:
    return int(getattr(settings, "IMPORT_MAX_UNZIPPED_BYTES", 100 * 2**20))


@dataclass
class Extent:
    rows: int = 0  # the last row holding a value (1-based), as Excel numbers it
    columns: int = 0  # the last column holding a value (1-based)
    text: int = 0  # bytes of shared strings the cells will hold once read

    def widen(self, rows: int, columns: int) -> None:
        self.rows, self.columns = max(self.rows, rows), max(self.columns, columns)


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_extent(extent: Extent, what: str = "工作表") -> None:
    max_rows, max_columns = limits()
    if extent.rows > max_rows:
        raise TooLarge(f"{what}的数据延伸到第 {extent.rows:,} 行，超过导入上限 {max_rows:,} 行"
                       f"（IMPORT_MAX_ROWS）：请删除表格下方多余的内容，或拆分后分批导入。")
    if extent.columns > max_columns:
        raise TooLarge(f"{what}的数据延伸到第 {extent.columns:,} 列（{column_letters(extent.columns)} 列），"
                       f"超过导入上限 {max_columns} 列（IMPORT_MAX_COLUMNS）：请删除表格右侧多余的内容后再导入。")
    if extent.text > _text_limit():
        raise TooLarge(f"{what}的单元格文字展开后超过 {_text_limit() / 2**20:.0f} MB"
                       f"（同一段长文字被大量单元格引用），拒绝导入。")


# --- xlsx ---------------------------------------------------------------------------------------

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# a cell that holds something (a self-closing <c .../> holds no value and calamine skips it)
_CELL_OPEN = re.compile(rb"<" + _PREFIX + rb"c(?:\s[^>]*)?(?<!/)>")
_CELL_REF = re.compile(rb"<" + _PREFIX + rb"c\s[^>]*?\br=\"([A-Za-z]{1,4})(\d{1,8})\"[^>]*(?<!/)>")
_SHARED_CELL = re.compile(rb"<" + _PREFIX + rb"c\s[^>]*?\bt=\"s\"[^>]*(?<!/)>(?:(?!</" + _PREFIX + rb"c>).){0,2000}?<"
                          + _PREFIX + rb"v>\s*(\d{1,10})\s*<", re.DOTALL)
_TOKEN = re.compile(rb"<(/?)" + _PREFIX + rb"(row|c)(\s[^>]*?)?(/?)>")
_REF = re.compile(rb"\br=\"([A-Za-z]{0,4})(\d{1,8})\"")
_SI = re.compile(rb"<" + _PREFIX + rb"si[\s/>]")


def _chunks(archive: zipfile.ZipFile, name: str, *marks: bytes) -> Iterator[bytes]:
    """The part in pieces that end after the last of the `marks` (an element's end), so no
    element a regex looks for is split between two pieces."""
    carry = b""
    with archive.open(name) as stream:
        while piece := stream.read(CHUNK):
            data = carry + piece
            end = max(data.rfind(mark) + len(mark) if mark in data else 0 for mark in marks)
            if not end and len(data) > 8 * CHUNK:  # no element ends in 8 MB: text, not cells
                end = len(data)
            carry = data[end:]
            yield data[:end]
    if carry:
        yield carry


def _first_sheet(archive: zipfile.ZipFile) -> list[str]:
    """The part of the workbook's first sheet (what calamine reads); every worksheet part when
    the workbook's relations cannot be followed."""
    names = archive.namelist()
    worksheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
        sheet = re.search(rb"<" + _PREFIX + rb"sheet\s[^>]*>", book)
        rid = re.search(rb"\b(?:[\w.-]+:)?id=\"([^\"]+)\"", sheet.group(0)) if sheet else None
        for relation in re.finditer(rb"<" + _PREFIX + rb"Relationship\s[^>]*>", rels):
            if rid and re.search(rb"\bId=\"" + re.escape(rid.group(1)) + rb"\"", relation.group(0)):
                target = re.search(rb"\bTarget=\"([^\"]+)\"", relation.group(0)).group(1).decode()  # type: ignore[union-attr]  # a missing Target is caught below
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                if path in names:
                    return [path]
    except (KeyError, AttributeError, UnicodeDecodeError):
        pass
    return worksheets


def _shared_string_sizes(archive: zipfile.ZipFile) -> array:
    """The size in bytes of each shared string's XML (its text and markup: an upper bound)."""
    name = next((n for n in archive.namelist() if n.lower() == "xl/sharedstrings.xml"), None)
    starts = array("Q")
    if name is None:
        return array("Q")
    offset = 0
    for data in _chunks(archive, name, b">"):
        if b":si" in data:  # a prefixed <x:si>: the regex
            starts.extend(offset + m.start() for m in _SI.finditer(data))
        else:  # where each <si starts, summed in C
            parts = data.split(b"<si")
            starts.extend(accumulate(chain((offset + len(parts[0]),), map((3).__add__, map(len, parts[1:-1])))))
        offset += len(data)
    starts.append(offset)
    return array("Q", (b - a for a, b in zip(starts, starts[1:], strict=False)))


def check_xlsx(data: bytes) -> None:
    """The first sheet (the one read) within the limits."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    sizes = _shared_string_sizes(archive)
    # the text is first bounded by the longest shared string times the cells using one, which
    # settles an ordinary file at once; only a file that bound cannot clear is summed exactly
    longest = max(sizes, default=0)
    extent = Extent()
    for name in _first_sheet(archive):
        found = _scan(archive, name, sizes, positional=False, longest=longest)
        if found is None:  # some cell does not name its place
            found = _scan(archive, name, sizes, positional=True, longest=longest)
        if found.text > _text_limit():
            found.text = _scan(archive, name, sizes, positional=True, longest=0).text
        extent.widen(found.rows, found.columns)
        extent.text += found.text
        check_extent(extent)


def _fast_cells(data: bytes, extent: Extent, most: tuple[int, int]) -> bool:
    """The cells of a piece written as Excel writes them (<c r="B7" …>, no prefix), looking
    only at the refs that can pass a limit: False when the piece is written otherwise."""
    if data.count(b'<c r="') != data.count(b"<c ") + data.count(b"<c>") or b":c " in data or b":c>" in data:
        return False
    rows = len(str(most[0]))  # a row number with fewer digits is within the limit
    columns = len(column_letters(most[1]))
    for letters, row, far_letters, near_row in _FAR_CELL[rows, columns].findall(data):
        extent.widen(int(row or near_row), column_number(letters or far_letters))
    return True


class _FarCells(dict):
    """The regex of cells whose row has at least n digits or column at least m letters."""

    def __missing__(self, key: tuple[int, int]) -> re.Pattern[bytes]:
        rows, columns = key
        self[key] = pattern = re.compile(
            rb'<c r="(?:([A-Z]{1,4})(\d{%d,9})|([A-Z]{%d,4})(\d{1,9}))"[^>]*?(?<!/)>' % (rows, columns))
        return pattern


_FAR_CELL = _FarCells()
_SHARED_FAST = re.compile(rb't="s"><v>(\d{1,10})</v>')


def _shared_text(data: bytes, sizes: array) -> int:
    """Bytes of shared strings the cells of a piece use (calamine copies one into each cell)."""
    found = _SHARED_FAST.findall(data)
    if len(found) != data.count(b't="s"'):
        found = _SHARED_CELL.findall(data)
    try:
        return sum(map(sizes.__getitem__, map(int, found)))
    except IndexError:  # a cell naming a string the table does not hold (calamine refuses it)
        count = len(sizes)
        return sum(sizes[i] for i in map(int, found) if i < count)


@overload
def _scan(archive: zipfile.ZipFile, name: str, sizes: array, *, positional: Literal[True], longest: int) -> Extent: ...
@overload
def _scan(archive: zipfile.ZipFile, name: str, sizes: array, *, positional: bool, longest: int) -> Extent | None: ...
def _scan(archive: zipfile.ZipFile, name: str, sizes: array, *, positional: bool, longest: int) -> Extent | None:
    """The extent of one sheet part. Cells that name their place (r="B7", as Excel writes them)
    are found by regex alone; without `positional`, a cell that does not name it gives None.
    With it, cells are placed as calamine places them: a row without r is the next row, a cell
    without r the next column. With `longest`, the text is that bound (not checked here),
    else the exact sum."""
    extent = Extent()
    bound = 0
    row = column = 0
    for data in _chunks(archive, name, b"c>", b"/>"):
        if longest:
            bound += data.count(b't="s"') * longest
        elif sizes:
            extent.text += _shared_text(data, sizes)
        if positional:
            for closing, tag, attributes, empty in _TOKEN.findall(data):
                if closing:
                    continue
                ref = _REF.search(attributes or b"")
                if tag == b"row":
                    row, column = (int(ref.group(2)) if ref else row + 1), 0
                    continue
                if ref:
                    row, column = int(ref.group(2)), column_number(ref.group(1)) if ref.group(1) else column + 1
                else:
                    column += 1
                if not empty:
                    extent.widen(row, column)
        elif not _fast_cells(data, extent, limits()):
            refs = _CELL_REF.findall(data)
            if len(refs) != len(_CELL_OPEN.findall(data)):
                return None
            if refs:
                widest = max(len(letters) for letters, _ in refs)
                extent.widen(max(int(row) for _, row in refs),
                             column_number(max(letters.upper() for letters, _ in refs if len(letters) == widest)))
        check_extent(extent)  # a hostile sheet is refused as soon as it shows itself
    extent.text = extent.text or bound
    return extent


# --- xls ----------------------------------------------------------------------------------------

# BIFF8 records that place a value at (row, column): NUMBER, RK, LABELSST, LABEL, FORMULA, BOOLERR, RSTRING
_VALUE_RECORDS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0006, 0x0205, 0x00D6})
_MULRK = 0x00BD
_EOF = 0x000A
_SST, _CONTINUE, _LABELSST = 0x00FC, 0x003C, 0x00FD


def _sst_sizes(view: memoryview, position: int) -> array:
    """The UTF-8 size bound (3 bytes a character) of each string of the SST record at
    `position`, whose strings run on into the CONTINUE records after it."""
    segments: list[memoryview] = []
    while position + 4 <= len(view):
        kind, length = struct.unpack_from("<HH", view, position)
        if segments and kind != _CONTINUE:
            break
        segments.append(view[position + 4:position + 4 + length])
        position += 4 + length
    sizes = array("Q")
    index, offset = 0, 8  # after cstTotal and cstUnique

    def take(n: int) -> bytes:  # header fields and trailing runs run straight across records
        nonlocal index, offset
        out = b""
        while n and index < len(segments):
            piece = segments[index][offset:offset + n]
            out += piece
            n -= len(piece)
            offset += len(piece)
            if offset >= len(segments[index]):
                index, offset = index + 1, 0
        if n:
            raise EOFError
        return out

    (unique,) = struct.unpack_from("<I", segments[0], 4)
    try:
        for _ in range(unique):
            count, flags = struct.unpack("<HB", take(3))
            runs = struct.unpack("<H", take(2))[0] if flags & 0x08 else 0
            extra = struct.unpack("<I", take(4))[0] if flags & 0x04 else 0
            wide, left = flags & 0x01, count
            while left:  # the characters; a record boundary inside them repeats the flags byte
                if index >= len(segments):
                    raise EOFError
                room = (len(segments[index]) - offset) >> wide
                here = min(left, room)
                offset += here << wide
                left -= here
                if left:
                    index, offset = index + 1, 0
                    wide = take(1)[0] & 0x01
            take(4 * runs + extra)
            sizes.append(3 * count)
    except EOFError:
        pass  # a table shorter than it says: what it holds is measured
    return sizes


def check_xls(data: bytes) -> None:
    """Every sheet, each within the limits and all together: calamine reads all of a .xls at once."""
    with olefile.OleFileIO(data) as ole:
        stream_name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if stream_name is None:
            return
        stream = ole.openstream(stream_name).read()
    sheet = Extent()
    cells = eofs = text = 0
    sizes = array("Q")
    view = memoryview(stream)
    position, end = 0, len(stream) - 4
    unpack = struct.Struct("<HH").unpack_from
    while True:
        at_end = position > end
        kind, length = (_EOF, 0) if at_end else unpack(view, position)
        body = position + 4
        if kind in _VALUE_RECORDS and length >= 4:
            row, column = unpack(view, body)
            sheet.widen(row + 1, column + 1)
            if kind == _LABELSST and length >= 10:
                (string,) = struct.unpack_from("<I", view, body + 6)
                text += sizes[string] if string < len(sizes) else 0
        elif kind == _SST and length >= 8:
            sizes = _sst_sizes(view, position)
        elif kind == _MULRK and length >= 6:
            row, _first = unpack(view, body)
            (last,) = struct.unpack_from("<H", view, body + length - 2)
            sheet.widen(row + 1, last + 1)
        elif kind == _EOF:
            eofs += 1  # the first ends the workbook's globals, each next one a sheet
            sheet.text = text  # the strings of every sheet read so far, held at once
            check_extent(sheet, f"第 {max(eofs - 1, 1)} 个工作表")
            cells += sheet.rows * sheet.columns  # calamine holds the grids of all sheets at once
            sheet = Extent()
        if at_end:
            break
        position = body + length
    max_rows, max_columns = limits()
    # the grids of all sheets and a copy of the first one are held at once: half the cells of
    # the largest .xlsx sheet (a .xls sheet has at most 65,536 rows anyway)
    if cells > max_rows * max_columns // 2:
        raise TooLarge(f"该 .xls 文件各工作表合计 {cells:,} 个单元格，超过导入上限 {max_rows * max_columns // 2:,} 个"
                       f"（IMPORT_MAX_ROWS × IMPORT_MAX_COLUMNS ÷ 2）：请只保留要导入的工作表，或另存为 .xlsx。")
