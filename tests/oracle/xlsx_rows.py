#!/usr/bin/python3
"""Print the rows of one sheet of an xlsx file, read with zipfile alone.

    xlsx_rows.py FILE.xlsx [SHEET]

SHEET is a sheet's name (default: the first).  One line per row, the
cells joined by "|", in column order (an empty cell between two others
stays an empty field); a text cell (shared or inline string) as its text,
a number cell as "#" followed by the number as stored (so that a code
kept as text, "01", can be told from the number 1).  Exits 1 when the
sheet does not exist.
"""
import html
import re
import sys
import zipfile


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def main():
    z = zipfile.ZipFile(sys.argv[1])
    names = re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())
    names = [html.unescape(n) for n in names]
    want = sys.argv[2] if len(sys.argv) > 2 else names[0]
    if want not in names:
        print("no sheet %r; sheets: %s" % (want, ", ".join(names)), file=sys.stderr)
        return 1
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        sst = z.read("xl/sharedStrings.xml").decode()
        shared = [html.unescape(re.sub(r"<[^>]+>", "", si)) for si in re.findall(r"<si>(.*?)</si>", sst, re.S)]
    xml = z.read("xl/worksheets/sheet%d.xml" % (names.index(want) + 1)).decode()
    for row in re.findall(r"<row [^>]*>(.*?)</row>", xml, re.S):
        cells = {}
        for attrs, body in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row, re.S):
            i = col_index(re.search(r'r="([A-Z]+)', attrs).group(1))
            v = re.search(r"<v>(.*?)</v>", body or "")
            t = re.search(r"<t[^>]*>(.*?)</t>", body or "", re.S)
            if 't="s"' in attrs and v:
                cells[i] = shared[int(v.group(1))]
            elif t:
                cells[i] = html.unescape(t.group(1))
            elif v:
                cells[i] = "#" + v.group(1)
        if cells:
            print("|".join(cells.get(i, "") for i in range(max(cells) + 1)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # a reader that wanted only the first rows (head -1)
        sys.exit(0)
