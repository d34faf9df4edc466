"""The version diff and the reader's history, read in documents/selectors.py (the compare page
and the published list only show them)."""

from types import SimpleNamespace

from documents.selectors import compare_sections, version_diff


def section(key, title, body="", compiled=""):
    return {"key": key, "title": title, "body": body, "compiled": compiled}


def test_the_diff_pairs_the_lines_of_each_section_and_marks_what_changed():
    old = [section("doel", "Doel", "<p>Eén.</p><p>Twee.</p>"), section("weg", "Weg", "<p>X</p>")]
    new = [section("doel", "Doel", "<p>Eén.</p><p>Drie &amp; vier.</p>"), section("nieuw", "Nieuw")]
    rows = compare_sections(old, new)
    assert [(r["title"], r["changed"]) for r in rows] == [
        ("Doel", True),
        ("Nieuw", False),
        ("Weg", True),
    ]
    doel = rows[0]["pairs"]
    assert doel[0] == {"tag": "equal", "old": "Eén.", "new": "Eén."}
    assert doel[1] == {"tag": "replace", "old": "Twee.", "new": "Drie & vier."}
    assert rows[2]["pairs"] == [{"tag": "delete", "old": "X", "new": ""}]


def test_version_diff_compares_the_frozen_sections_of_two_versions():
    old = SimpleNamespace(sections=[section("a", "A", "<p>Oud</p>")])
    new = SimpleNamespace(sections=[section("a", "A", "<p>Oud</p>", "<ul><li>Erbij</li></ul>")])
    (row,) = version_diff(old, new)
    assert row["changed"] is True
    assert [p["tag"] for p in row["pairs"]] == ["equal", "insert"]
    assert row["pairs"][1]["new"] == "Erbij"
