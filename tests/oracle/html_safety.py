#!/usr/bin/env python3
"""Prove a jamstat report safe with real parsers (issue #10, item 4).

    html_safety.py REPORT.html CHARTS_DIR LITERAL...

The report is parsed with html5lib, which implements the HTML standard's
parsing algorithm (what a browser does with the bytes); every chart SVG
with Python's XML parser.  Checked:

- the report holds only the elements a jamstat report is made of, no
  script, iframe, object, embed, inline svg or math, and one style element;
- no element has an event-handler attribute (on...), and no link or
  image points anywhere but inside the report (#... or charts/...);
- each LITERAL (a hostile label or title from the test's input) is in the
  report's text, as text;
- each SVG is well-formed XML with no script, no on... attribute and no
  link out, and the labels that are in it are text.

Prints one line per failure and exits 1 if any; prints "ok" otherwise.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

import html5lib

ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "nav", "main", "footer",
    "section", "div", "span", "p", "b", "i", "em", "strong", "code", "sup", "sub", "br",
    "h1", "h2", "h3", "h4", "a", "ul", "ol", "li", "dl", "dt", "dd", "figure",
    "figcaption", "picture", "source", "img", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "small",
}
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href"}


def local_url(value):
    v = value.strip()
    if v == "" or v.startswith("#"):  # "": the document itself (libcmark's safe mode empties unsafe links)
        return True
    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*\.(csv|xlsx)", v):  # the run's own tables, beside the report
        return True
    # srcset: "charts/x.svg 1x, charts/x@2.png 2x"
    return all(part.strip().split(" ")[0].startswith("charts/") for part in v.split(","))


def check_html(path, literals, bad):
    with open(path, "rb") as f:
        doc = html5lib.parse(f.read(), treebuilder="etree", namespaceHTMLElements=False)
    n_style = 0
    for el in doc.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            continue  # a comment
        if tag not in ALLOWED:
            bad.append("%s: element <%s> (from %r)" % (path, tag, (el.text or "")[:40]))
        n_style += tag == "style"
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                bad.append("%s: <%s %s=%r>" % (path, tag, name, value))
            if name.lower() in URL_ATTRS and not local_url(value):
                bad.append("%s: <%s %s=%r> points out of the report" % (path, tag, name, value))
    if n_style > 1:
        bad.append("%s: %d style elements, expected one" % (path, n_style))
    text = "".join(doc.itertext())
    for lit in literals:
        if lit not in text:
            bad.append("%s: %r is not in the report's text" % (path, lit))


def check_svg(path, bad):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        bad.append("%s: not well-formed XML: %s" % (path, e))
        return
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag in ("script", "foreignObject", "iframe"):
            bad.append("%s: element <%s>" % (path, tag))
        for name, value in el.attrib.items():
            local = name.split("}")[-1].lower()
            if local.startswith("on"):
                bad.append("%s: <%s %s=%r>" % (path, tag, name, value))
            if local == "href" and not value.startswith("#"):
                bad.append("%s: <%s href=%r> points out of the chart" % (path, tag, value))


def main():
    report, charts, literals = sys.argv[1], sys.argv[2], sys.argv[3:]
    bad = []
    check_html(report, literals, bad)
    svgs = sorted(f for f in os.listdir(charts) if f.endswith(".svg"))
    if not svgs:
        bad.append("%s: no SVG chart to check" % charts)
    for f in svgs:
        check_svg(os.path.join(charts, f), bad)
    for line in bad:
        print(line)
    if not bad:
        print("ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
