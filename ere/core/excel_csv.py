"""CSV that French Excel opens as it is: UTF-8 with a byte order mark, `;` between cells, decimal commas, and no
cell that Excel would run as a formula. Every CSV export of the project goes through here."""

import csv
import io

BOM = "\ufeff"


def cell(value, digits=None):
    """One value as French Excel reads it: empty for nothing, oui/non, a decimal comma (to `digits` places when
    given), and text starting with = + - @ (a name typed by someone) kept as text rather than run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return (repr(value) if digits is None else f"{value:.{digits}f}").replace(".", ",")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return f"'{value}"
    return value


def write(handle, header, rows, digits=None):
    """Write a header and rows of raw values to an open text handle (the BOM is the caller's, see `text`)."""
    writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows([cell(value, digits) for value in row] for row in rows)


def text(header, rows, digits=None):
    """The whole CSV as a string, BOM included: for an HTTP response."""
    buffer = io.StringIO()
    buffer.write(BOM)
    write(buffer, header, rows, digits)
    return buffer.getvalue()
