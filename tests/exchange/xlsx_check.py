#!/usr/bin/env python3
"""Reads back the workbooks xlsx_check.sh exported: LibreOffice's OpenDocument conversions for
the cells' types and values, the xlsx files themselves for frozen panes, autofilters and the
absence of any formula. Usage: xlsx_check.py WORK_FOLDER"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
TABLES = ["settings", "products", "patients", "conditions", "consents", "lots", "courses",
          "sessions", "session_areas", "serum_uses", "reactions", "followups", "scores", "photos",
          "audit"]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def attr(element, ns, name):
    return element.get("{%s}%s" % (NS[ns], name))


def cell_of(element):
    """(type, value) as LibreOffice holds it: ('string', text), ('float', '1.25'),
    ('date', '2026-07-01T10:30:00'), or (None, '') for an empty cell."""
    kind = attr(element, "office", "value-type")
    if kind == "string":
        return kind, "\n".join("".join(p.itertext()) for p in element.findall("text:p", NS))
    if kind == "float":
        return kind, attr(element, "office", "value")
    if kind == "date":
        return kind, attr(element, "office", "date-value")
    return kind, ""


def sheets_of(ods):
    """{sheet name: list of rows as dicts column -> (type, value)}, in the file's order."""
    with zipfile.ZipFile(ods) as z:
        content = z.read("content.xml")
    check(b"table:formula" not in content, f"{ods.name}: a cell holds a formula")
    root = ET.fromstring(content)
    sheets = {}
    for table in root.iter("{%s}table" % NS["table"]):
        rows = []
        for row in table.iter("{%s}table-row" % NS["table"]):
            cells = []
            for cell in row.findall("table:table-cell", NS) + row.findall("table:covered-table-cell", NS):
                repeat = int(attr(cell, "table", "number-columns-repeated") or 1)
                cells.extend([cell_of(cell)] * min(repeat, 200))  # trailing blanks repeat a lot
            if all(kind is None for kind, _ in cells):
                continue
            rows.append(cells)
        header = [value for kind, value in rows[0] if kind == "string"]
        records = [dict(zip(header, cells)) for cells in rows[1:]]
        sheets[attr(table, "table", "name")] = {"header": header, "rows": records}
    return sheets


def find(sheet, column, value):
    found = [row for row in sheet["rows"] if row.get(column, (None, ""))[1] == value]
    check(len(found) >= 1, f"no row with {column} = {value!r}")
    return found


def expect(row, column, kind, value, where):
    got = row.get(column, (None, ""))
    check(got == (kind, value), f"{where}.{column}: expected {kind} {value!r}, got {got}")


def check_xlsx(xlsx, names):
    """Frozen header, autofilter over every row, no <f> (formula) in any sheet."""
    with zipfile.ZipFile(xlsx) as z:
        workbook = z.read("xl/workbook.xml").decode()
        sheets = re.findall(r'<sheet name="([^"]+)"', workbook)
        check(sheets == names, f"{xlsx.name}: sheets {sheets} != {names}")
        for i, name in enumerate(names, 1):
            xml = z.read(f"xl/worksheets/sheet{i}.xml").decode()
            check(re.search(r'<pane [^>]*ySplit="1"[^>]*state="frozen"', xml) is not None,
                  f"{xlsx.name}/{name}: header row not frozen")
            rows = len(re.findall(r"<row ", xml))
            last = re.search(r'<autoFilter ref="A1:([A-Z]+)(\d+)"', xml)
            check(last is not None and int(last.group(2)) == rows,
                  f"{xlsx.name}/{name}: no autofilter over its {rows} rows")
            check(re.search(r"<f[ >]", xml) is None, f"{xlsx.name}/{name}: a formula")
            check("_xlnm._FilterDatabase" in workbook, f"{xlsx.name}: no filter database")


def main():
    work = Path(sys.argv[1])
    check_xlsx(work / "all.xlsx", TABLES)
    check_xlsx(work / "rev.xlsx", TABLES)
    check_xlsx(work / "sessions.xlsx", ["sessions"])
    check_xlsx(work / "patients.xlsx", ["patients"])

    # Excel reads '_x0041_' in a cell as 'A' (LibreOffice does not): the '_' must be escaped.
    with zipfile.ZipFile(work / "sessions.xlsx") as z:
        check("a_x005F_x0041_b" in z.read("xl/worksheets/sheet1.xml").decode(),
              "sessions.xlsx: '_x0041_' not escaped, Excel would show 'aAb'")

    for name in ["all", "rev"]:
        sheets = sheets_of(work / "ods" / f"{name}.ods")
        check(list(sheets) == TABLES, f"{name}: sheets {list(sheets)}")
        patients = sheets["patients"]
        # The newest revision; with every revision, the first too.
        patient = find(patients, "code", "007")[-1]
        expect(patient, "code", "string", "007", f"{name} patients")
        expect(patient, "phone", "string", "07700900222", f"{name} patients")
        expect(patient, "note", "string", "=SUM(1,2)", f"{name} patients")
        expect(patient, "birth_date", "date", "1990-02-03", f"{name} patients")
        expect(patient, "voided", "float", "0", f"{name} patients")
        check(patient.get("email") == (None, ""), f"{name}: an empty email is not a blank cell")
        if name == "rev":
            first = find(patients, "code", "007")[0]
            expect(first, "phone", "string", "07700900111", "rev patients (revision 1)")
            expect(first, "revision", "float", "1", "rev patients")
            expect(patient, "revision", "float", "2", "rev patients")
            expect(patient, "reason", "string", "moved", "rev patients")
            expect(patient, "recorded_at", "string", "2026-11-23T15:00:00Z", "rev patients")
            # November: London is on GMT, so the local time is the UTC time.
            expect(patient, "recorded_at_local", "date", "2026-11-23T15:00:00", "rev patients")
        else:
            check("revision" not in patients["header"], "all: revision columns without asking")

        session = find(sheets["sessions"], "performed_at", "2026-07-01T09:30:00Z")[-1]
        expect(session, "performed_at_local", "date", "2026-07-01T10:30:00", f"{name} sessions")
        expect(session, "note", "string", "=SUM(1,2)", f"{name} sessions")
        expect(session, "cartridge_lot", "string", "0456", f"{name} sessions")
        # '_x0041_' is how a cell escapes 'A': typed text is kept as typed.
        expect(session, "aftercare", "string", "a_x0041_b", f"{name} sessions")
        session_id = session["id"][1]
        check(session["id"][0] == "float", f"{name}: session id not a number")
        area = [r for r in sheets["session_areas"]["rows"] if r["session"] == ("float", session_id)]
        check(len(area) >= 1, f"{name}: no area of session {session_id}")
        if area:
            expect(area[0], "depth_mm", "float", "1.25", f"{name} session_areas")
            expect(area[0], "passes", "float", "2", f"{name} session_areas")
        serum = find(sheets["serum_uses"], "lot", "0123")[-1]
        expect(serum, "lot", "string", "0123", f"{name} serum_uses")
        expect(serum, "amount_ml", "float", "1.5", f"{name} serum_uses")
        lot = find(sheets["lots"], "lot", "0123")[-1]
        expect(lot, "expires", "date", "2027-01-31", f"{name} lots")

    sessions = sheets_of(work / "ods" / "sessions.ods")
    check(list(sessions) == ["sessions"], f"sessions.xlsx: sheets {list(sessions)}")
    session = find(sessions["sessions"], "performed_at", "2026-07-01T09:30:00Z")[-1]
    expect(session, "performed_at_local", "date", "2026-07-01T10:30:00", "sessions.xlsx")
    patients = sheets_of(work / "ods" / "patients.ods")["patients"]
    check("recorded_at_local" in patients["header"], "patients.xlsx: no revision columns")
    expect(find(patients, "code", "007")[0], "phone", "string", "07700900111", "patients.xlsx")

    for failure in failures:
        print("FAIL:", failure)
    if failures:
        sys.exit(1)
    print("xlsx check: every workbook typed as expected")


if __name__ == "__main__":
    main()
