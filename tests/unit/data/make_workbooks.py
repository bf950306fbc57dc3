#!/usr/bin/python3
"""Writes the workbooks test_sheet.c reads, with real spreadsheet writers (openpyxl for
.xlsx, xlwt for .xls) plus the broken files an office will one day hand over.

    /usr/bin/python3 tests/unit/data/make_workbooks.py tests/unit/data

The outputs are checked in next to this script; run it again only to change them (the
unit tests state what each file holds, so keep them in step)."""
import datetime
import io
import os
import struct
import sys
import zipfile

import openpyxl
from openpyxl.comments import Comment
import xlwt

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
HEADER = ["姓名", "身份证号", "手机号", "楼栋", "房间", "身份", "入住日期", "党员"]
FIXED = datetime.datetime(2026, 1, 1, 0, 0, 0)


def path(name):
    return os.path.join(OUT, name)


def rows():
    """The data rows (after a title row, a notes row and the header)."""
    return [
        # shared strings, an int, a float that is integral, a date serial
        ["张三", "110101199003078515", "13812345678", 127, 302.0,
         "租客", datetime.date(2024, 3, 5), True],
        None,  # an empty row
        # trailing spaces, full-width digits, a float with a fraction, date as text
        ["李四  ", "１１０１０１１９９００３０７８５１５", "13912345678 ", "１２７", "301",
         "业主", "2024/3/6", False],
        # an ID typed as a number: Excel keeps 15 digits
        ["王五", 110101199003078515, 13712345678, 127, 1.5, "租客",
         datetime.date(2023, 12, 31), None],
    ]


def write_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "住户"
    ws["A1"] = "杜巷小区住户表"
    ws.merge_cells("A1:H1")
    ws["A2"] = "说明：身份证号一列请设为文本"
    ws.append(HEADER)
    ws["B3"].comment = Comment("18 位身份证号", "xiangli")
    r = 4
    for row in rows():
        if row is not None:
            for c, v in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, datetime.date):
                    cell.number_format = "yyyy-mm-dd" if r == 4 else "mm-dd-yy"
        r += 1
    # a building number merged down over two rooms (rows 9-10)
    ws.cell(row=9, column=1, value="赵六")
    ws.cell(row=9, column=4, value=215)
    ws.cell(row=9, column=5, value="101")
    ws.cell(row=10, column=1, value="钱七")
    ws.cell(row=10, column=5, value="102")
    ws.merge_cells("D9:D10")
    other = wb.create_sheet("楼栋")
    other.append(["楼栋", "弄", "层数"])
    other.append([127, "1弄", 3])
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path("sheet_basic.xlsx"))


def write_xls():
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("住户")
    ws.write_merge(0, 0, 0, 7, "杜巷小区住户表")
    ws.write(1, 0, "说明：身份证号一列请设为文本")
    for c, h in enumerate(HEADER):
        ws.write(2, c, h)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    r = 3
    for row in rows():
        if row is not None:
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, datetime.date):
                    ws.write(r, c, datetime.datetime(v.year, v.month, v.day), date_style)
                else:
                    ws.write(r, c, v)
        r += 1
    wb.add_sheet("楼栋").write(0, 0, "楼栋")
    wb.save(path("sheet_basic.xls"))


def write_inline():
    """A workbook as some exporters write it: inline strings, booleans, a namespace
    prefix, the 1904 date system, no shared strings, no styles part."""
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": f'<?xml version="1.0"?><x:workbook {ns} {rel}><x:workbookPr date1904="1"/>'
                           '<x:sheets><x:sheet name="房间" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
        "xl/worksheets/data.xml": f'<?xml version="1.0"?><x:worksheet {ns}><x:sheetData>'
                                  '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>楼栋</x:t></x:is></x:c>'
                                  '<x:c r="B1" t="inlineStr"><x:is><x:r><x:t>房</x:t></x:r><x:r><x:t>间</x:t></x:r></x:is></x:c>'
                                  '<x:c r="C1" t="inlineStr"><x:is><x:t>有人</x:t></x:is></x:c></x:row>'
                                  '<x:row r="2"><x:c r="A2"><x:v>127.0</x:v></x:c><x:c r="B2" t="str"><x:v>302</x:v></x:c>'
                                  '<x:c r="C2" t="b"><x:v>1</x:v></x:c><x:c r="D2" t="e"><x:v>#N/A</x:v></x:c></x:row>'
                                  '</x:sheetData></x:worksheet>',
    }
    with zipfile.ZipFile(path("sheet_inline.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)


def write_broken():
    with open(path("sheet_basic.xlsx"), "rb") as f:
        data = f.read()
    with open(path("sheet_damaged.xlsx"), "wb") as f:  # cut in the middle
        f.write(data[: len(data) // 2])
    with zipfile.ZipFile(path("sheet_notbook.xlsx"), "w") as z:  # a zip, not a workbook
        z.writestr(zipfile.ZipInfo("readme.txt", date_time=(2026, 1, 1, 0, 0, 0)), "hello")
    with open(path("sheet_text.xlsx"), "w", encoding="utf-8") as f:  # not even a zip
        f.write("姓名,楼栋\n张三,127\n")
    with open(path("sheet_encrypted.xlsx"), "wb") as f:
        f.write(cfb({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 4092,
                     "EncryptedPackage": b"\x00" * 4096}))
    with open(path("sheet_word.xls"), "wb") as f:
        f.write(cfb({"WordDocument": b"\xec\xa5" + b"\x00" * 4094}))


def cfb(streams):
    """A minimal OLE compound file (version 3, 512-byte sectors): sector 0 the FAT,
    sector 1 the directory, then each stream (at least 4096 bytes, so no mini stream)."""
    names = list(streams)
    data = b""
    starts = []
    sector = 2
    for n in names:
        body = streams[n]
        body += b"\x00" * (-len(body) % 512)
        starts.append(sector)
        sector += len(body) // 512
        data += body
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # FAT sector, directory (one sector, end of chain)
    for n, s in zip(names, starts):
        count = (len(streams[n]) + 511) // 512
        fat += [s + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108
    entries = [direntry("Root Entry", 5, 0xFFFFFFFE, 0, 1 if names else 0xFFFFFFFF)]
    for i, (n, s) in enumerate(zip(names, starts)):
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        entries.append(direntry(n, 2, s, len(streams[n]), 0xFFFFFFFF, right))
    directory = b"".join(entries)
    directory += b"\x00" * (512 - len(directory))
    return header + struct.pack("<128I", *fat) + directory + data


def direntry(name, kind, start, size, child=0xFFFFFFFF, right=0xFFFFFFFF):
    u = name.encode("utf-16-le") + b"\x00\x00"
    e = u + b"\x00" * (64 - len(u))
    e += struct.pack("<HBB", len(u), kind, 1)
    e += struct.pack("<III", 0xFFFFFFFF, right, child)
    e += b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
    e += struct.pack("<IQ", start, size)
    return e


if __name__ == "__main__":
    write_xlsx()
    write_xls()
    write_inline()
    write_broken()
