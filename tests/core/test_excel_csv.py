from ere.core import excel_csv


def test_it_writes_values_as_french_excel_reads_them():
    assert excel_csv.cell(None) == ""
    assert excel_csv.cell(True) == "oui"
    assert excel_csv.cell(0.25) == "0,25"
    assert excel_csv.cell(1.0, digits=4) == "1,0000"
    assert excel_csv.cell(12) == 12


def test_a_name_typed_by_someone_is_never_run_as_a_formula():
    for dangerous in ("=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"):
        assert excel_csv.cell(dangerous) == f"'{dangerous}"


def test_the_text_starts_with_a_byte_order_mark_and_uses_semicolons():
    assert excel_csv.text(["outil", "adoption"], [["agenda", 0.5]]) == "\ufeffoutil;adoption\r\nagenda;0,5\r\n"
