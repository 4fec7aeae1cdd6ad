#!/usr/bin/env python3
"""seed_corpus.py - (re)write the hand-made seeds of tests/fuzz/corpus/.

Run from the repository root:  python3 tests/fuzz/seed_corpus.py
Every input below was written for these corpora (none is copied from
../shared): small valid files in each format's usual dialects, files broken
in the ways FORMATS.md section 5 lists, and truncations of the valid ones
(the first 1/8, 2/8, ... 7/8 of the bytes), which is how real downloads
break.  Crash inputs found by libFuzzer are added beside these as
crash-<what>.<ext> by hand, with the fix they belong to.
"""
import gzip
import os

ROOT = os.path.join("tests", "fuzz", "corpus")

PX_HEAD = ('CHARSET="ANSI";\nAXIS-VERSION="2013";\nLANGUAGE="sv";\nMATRIX="T1";\n'
           'SUBJECT-AREA="Befolkning";\nSUBJECT-CODE="BE";\nTITLE="Folkmängd";\n'
           'CONTENTS="Folkmängd";\nUNITS="personer";\nDECIMALS=0;\n')

PX = {
    "valid-cross.px": open("tests/data/px/cross.px", encoding="utf-8").read(),
    "valid-dense.px": PX_HEAD + 'STUB="region","kön";\nHEADING="år";\n'
        'VALUES("region")="00 Riket","01 Stockholm";\nCODES("region")="00","01";\n'
        'VALUES("kön")="män","kvinnor";\nCODES("kön")="1","2";\n'
        'VALUES("år")="2004","2005";\nTIMEVAL("år")=TLIST(A1),"2004","2005";\n'
        'DATA=\n2.385 ".." "-" "..."\n7,"." -3 "......"\n1e3 4 5 6\n0 -0 .5 12;\n',
    "valid-keys.px": PX_HEAD + 'STUB="region","ålder";\nHEADING="år";\n'
        'VALUES("region")="Riket","Stockholm";\nCODES("region")="00","01";\n'
        'VALUES("ålder")="0-4","5-9";\nVALUES("år")="2019","2020";\n'
        'KEYS("region")=CODES;\nKEYS("ålder")=VALUES;\n'
        'DATA=\n"00","0-4",1 2\n"01","5-9",3 ".."\n;\n',
    "valid-languages.px": 'CHARSET="ANSI";\nLANGUAGE="en";\nLANGUAGES="en","sv";\n'
        'MATRIX="T";\nSUBJECT-AREA="Pop";\nSUBJECT-CODE="BE";\nTITLE="Population";\n'
        'TITLE[sv]="Befolkning";\nCONTENTS="Population";\nCONTENTS[sv]="Befolkning";\n'
        'UNITS="persons";\nUNITS[sv]="personer";\nDECIMALS=0;\n'
        'STUB="sex";\nSTUB[sv]="kön";\nHEADING="year";\nHEADING[sv]="år";\n'
        'VALUES("sex")="men","women";\nVALUES[sv]("kön")="män","kvinnor";\n'
        'VALUES("year")="2020";\nVALUES[sv]("år")="2020";\n'
        'NOTE="A note " "split in two";\nDATANOTECELL("men","2020")="p";\n'
        'DATA=\n10\n20;\n',
    "valid-timeval-range.px": PX_HEAD + 'STUB="region";\nHEADING="tid";\n'
        'VALUES("region")="A","B";\nTIMEVAL("tid")=TLIST(A1,"2001"-"2003");\n'
        'CONTVARIABLE="region";\nUNITS("A")="st";\nUNITS("B")="st";\n'
        'DATA=\n1 2 3 4 5 6;\n',
    "valid-no-semicolon.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x","y";\nDATA=\n1 2\n',
    "broken-unterminated-string.px": PX_HEAD + 'STUB="a;\nVALUES("a")="x";\nDATA=\n1;\n',
    "broken-no-data.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x";\n',
    "broken-count.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x","y";\nDATA=\n1 2 3;\n',
    "broken-token.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x","y";\nDATA=\n1 .C;\n',
    "broken-glued-quote.px": PX_HEAD + 'MATRIX="BE01"01F1";\nSTUB="a";\nVALUES("a")="x";\nDATA=\n1;\n',
    "broken-codes.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x","y";\nCODES("a")="1";\nDATA=\n1 2;\n',
    "broken-huge.px": PX_HEAD + 'STUB="a","b","c";\n'
        + 'VALUES("a")=' + ",".join('"%d"' % i for i in range(200)) + ';\n'
        + 'VALUES("b")=' + ",".join('"%d"' % i for i in range(200)) + ';\n'
        + 'VALUES("c")=' + ",".join('"%d"' % i for i in range(200)) + ';\nDATA=\n1;\n',
    "broken-nul.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x\0y";\nDATA=\n1\0;\n',
    "broken-keys-unknown.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x";\nKEYS("a")=VALUES;\nDATA=\n"z",1;\n',
    "broken-keys-duplicate.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x","y";\nKEYS("a")=VALUES;\n'
        'DATA=\n"x",1\n"x",2;\n',
    "broken-language.px": PX_HEAD + 'TITLE[svx]="x";\nSTUB="a";\nVALUES("a")="x";\nDATA=\n1;\n',
    "broken-stub-twice.px": PX_HEAD + 'STUB="a","a";\nVALUES("a")="x";\nDATA=\n1;\n',
    "broken-long-token.px": PX_HEAD + 'STUB="a";\nVALUES("a")="x";\nDATA=\n' + "9" * 1100 + ';\n',
}
PX_LATIN1 = (PX_HEAD.replace("Folkmängd", "Folkm\xe4ngd") + 'CODEPAGE="iso-8859-1";\n'
             'STUB="län";\nVALUES("län")="Jämtland","Skåne";\nDATA=\n1 2;\n').encode("latin-1")

CSV = {
    "valid-cross.csv": open("tests/data/csv/cross.csv", encoding="utf-8").read(),
    "valid-pxweb-title.csv": '"Folkmängd efter region och år"\n\n"region","kön","2014","2015"\n'
        '"01 Stockholms län","män",195,..\n"03 Uppsala län","kvinnor",14,-\n',
    "valid-kolada.csv": '\ufeffRegion;Kon;Varde\n00 Riket;Kvinnor;40,306\n'
        '0114 Upplands Väsby;Män;1 234,5\n0114 Upplands Väsby;Totalt;..C\n',
    "valid-long-pair.csv": '"Befolkning"\nregion_code,region,sex,year,population\n'
        '10,Blekinge,women,2015,76780\n10,Blekinge,men,2015,79473\n',
    "valid-combined-heading.csv": '"region","2006 Kvinnor","2006 Män","2007 Kvinnor","2007 Män"\n'
        '"01 Stockholm",1,2,3,4\n"03 Uppsala",5,6,7,x\n',
    "valid-tab.csv": 'region\tage\tvalue\r\n01\t0-4\t3.5\r\n01\t100+\t:\r\n',
    "broken-ragged.csv": 'region,sex,value\n01,women,3\n01,men\n',
    "broken-quote.csv": 'region,sex,value\n01,women,3\n"01,men,4\n',
    "broken-text.csv": 'region,sex,value\n01,women,3\n01,men,12a\n',
    "broken-duplicate.csv": 'region,sex,value\n01,women,3\n01,women,4\n',
    "broken-sexcode.csv": 'region,sex,value\n01,women,3\n01,X,4\n',
    "broken-header-only.csv": '"region","2015"\n',
    "broken-one-column.csv": 'value\n1\n2\n',
    "broken-empty-field.csv": 'region,value\n,3\n',
}
CSV_LATIN1 = '"region","2015"\r\n"23 J\xe4mtland",14\r\n'.encode("latin-1")

JSON = {
    "valid-cross.json": open("tests/data/jsonstat/cross.json", encoding="utf-8").read(),
    "valid-sparse.json": '{"version":"2.0","class":"dataset","id":["sex","year"],"size":[2,1],'
        '"dimension":{"sex":{"category":{"index":{"M":1,"F":0}}},'
        '"year":{"category":{"index":["2020"]}}},"value":{"1":7.5},"status":{"0":".."}}',
    "valid-bundle-v1.json": '{"ds":{"dimension":{"id":["g","t"],"size":[1,2],"role":{"time":["t"]},'
        '"g":{"category":{"label":{"SE":"Sweden"}}},"t":{"category":{"index":{"2019":0,"2020":1}}}},'
        '"value":[1,null],"status":["p","."]}}',
    "valid-collection.json": '{"version":"2.0","class":"collection","link":{"item":['
        '{"class":"dataset","id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["x"]}}},"value":[1]},'
        '{"class":"dataset","id":["a"],"size":[1],"dimension":{"a":{"category":{"index":["y"]}}},"value":[2]}]}}',
    "valid-metadata-only.json": '{"version":"2.0","class":"dataset","id":["ContentsCode","Tid"],'
        '"size":["1","3"],"role":{"metric":["ContentsCode"],"time":["Tid"]},"dimension":{'
        '"ContentsCode":{"category":{"index":{"BE0101N1":0},"unit":{"BE0101N1":{"base":"antal","decimals":0}}}},'
        '"Tid":{"category":{"index":["2019","2020","2021"]}}},"value":[],'
        '"note":["a","b"],"extension":{"px":{"decimals":1},"contact":[{"raw":"x"}]}}',
    "valid-string-values.json": '{"class":"dataset","id":["a"],"size":[3],'
        '"dimension":{"a":{"category":{"index":["x","y","z"]}}},"value":["1.5","..",null],'
        '"status":"e"}',
    "broken-error.json": '{"error":[{"status":400,"label":"bad query"}]}',
    "broken-id-size.json": '{"class":"dataset","id":["a","b"],"size":[1],"dimension":{}}',
    "broken-value-len.json": '{"class":"dataset","id":["a"],"size":[2],'
        '"dimension":{"a":{"category":{"index":["x","y"]}}},"value":[1]}',
    "broken-permutation.json": '{"class":"dataset","id":["a"],"size":[2],'
        '"dimension":{"a":{"category":{"index":{"x":0,"y":0}}}},"value":[1,2]}',
    "broken-sparse-key.json": '{"class":"dataset","id":["a"],"size":[1],'
        '"dimension":{"a":{"category":{"index":["x"]}}},"value":{"7":1}}',
    "broken-overflow.json": '{"class":"dataset","id":["a","b","c"],"size":[4294967296,4294967296,16],'
        '"dimension":{"a":{},"b":{},"c":{}},"value":[]}',
    "broken-duplicate-key.json": '{"class":"dataset","class":"dataset"}',
    "broken-not-json.json": '{"class":"dataset",',
    "broken-array.json": '[1,2,3]',
}

TSV = {
    "valid-cross.tsv": open("tests/data/tsv/cross.tsv", encoding="utf-8").read(),
    "valid-legacy.tsv": 'unit,sex,age,geo\\time\t2021 \t2020 \nYR,F,Y_GE65,SE\t84.2 bep\t: c\n'
        'YR,M,Y_GE65,SE\t82.5 b\t79.4 \nYR,T,Y_GE65,SE\t: \t83.4 p\r\n',
    "valid-time-period.tsv": 'freq,unit,geo\\TIME_PERIOD\t2020-Q1 \t2020-Q2 \n'
        'Q,NR,SE\t1 \t: z\nQ,NR,NO\t2 C\t3 \n',
    "broken-no-backslash.tsv": 'geo,time\t2020\nSE\t1\n',
    "broken-cells.tsv": 'geo\\time\t2020 \t2019 \nSE\t1 \n',
    "broken-number.tsv": 'geo\\time\t2020 \nSE\t12x \n',
    "broken-repeated-period.tsv": 'geo\\time\t2020 \t2020 \nSE\t1 \t2 \n',
    "broken-key.tsv": 'sex,geo\\time\t2020 \nF\t1 \n',
    "broken-empty.tsv": '',
}

NUMBERS = ["123", "-0", ".5", "5.", "+7", "0.1", "2.385", "1e3", "1.5E-7", "1e308", "1e400",
           "1.7976931348623157e308", "123456789012345", "1234567890123456",
           "9007199254740993", "0.000000000000000000001", "12345.6789012345678",
           "1.5e", "-", ".", "..", "1,5", "abc", "00000000000000000001"]


def write(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def with_truncations(target, name, data):
    write(target, name, data)
    if isinstance(data, str):
        data = data.encode("utf-8")
    stem, ext = os.path.splitext(name)
    for k in range(1, 8):
        write(target, "%s.trunc%d%s" % (stem.replace("valid-", "cut-"), k, ext),
              data[:len(data) * k // 8])


def main():
    for target, files in (("px", PX), ("csv", CSV), ("jsonstat", JSON), ("tsv", TSV)):
        for name, text in files.items():
            if name.startswith("valid-"):
                with_truncations(target, name, text)
            else:
                write(target, name, text)
    write("px", "valid-latin1.px", PX_LATIN1)
    write("csv", "valid-latin1.csv", CSV_LATIN1)
    gz = gzip.compress(TSV["valid-legacy.tsv"].encode(), mtime=0)
    with_truncations("tsv", "valid-legacy-gzip.tsv", gz)
    for i, n in enumerate(NUMBERS):
        write("px_number", "seed-%02d.txt" % i, n)


if __name__ == "__main__":
    main()
