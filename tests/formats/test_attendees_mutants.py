"""formats.attendees' lists of attendees, where mutation testing found behaviour unchecked.

Real files in tmp_path, the real zone database and email_validator; each error
is checked for what it says, where and its hint.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from loci_cli.core.errors import InputError, UsageProblem
from loci_cli.formats.attendees import Person, needs_smtputf8, parse_person, read_attendees, smtp_address, unique


def write(tmp_path: Path, text: str, name: str = "people.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_list_with_a_header_in_any_order_and_case(tmp_path: Path) -> None:
    path = write(tmp_path, "Lang,E-Mail,Zone,NAME\nru,ivan@example.org,Europe/Moscow,Ivan\nuk,olena@example.org,,Olena\n")
    people = read_attendees(path)
    assert [(p.email, p.name, p.zone and p.zone.key, p.lang) for p in people] == [
        ("ivan@example.org", "Ivan", "Europe/Moscow", "ru"),
        ("olena@example.org", "Olena", None, "uk"),
    ]


def test_rows_without_a_header_are_name_email_zone_lang(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# a comment\n\nAda,ada@example.org\nBo,bo@example.org,Asia/Almaty\nCy,cy@example.org,UTC+04:00,ru_RU\nplain@example.org\n",
    )
    people = read_attendees(path)
    assert [p.email for p in people] == ["ada@example.org", "bo@example.org", "cy@example.org", "plain@example.org"]
    assert [p.name for p in people] == ["Ada", "Bo", "Cy", None]
    assert people[0].zone is None and people[1].zone is not None and people[1].zone.key == "Asia/Almaty"
    assert people[2].zone is not None and people[2].zone.utcoffset(None).total_seconds() == 4 * 3600
    assert [p.lang for p in people] == [None, None, "ru", None]


def test_a_header_naming_other_columns_is_skipped_and_rows_read_by_position(tmp_path: Path) -> None:
    path = write(tmp_path, "Full name,Email\nAda,ada@example.org\n")
    assert read_attendees(path) == [Person("ada@example.org", "Ada")]


def test_a_name_in_the_address_field_is_kept_when_the_name_column_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, 'email,name\n"Ada Lovelace <ada@example.org>",\n')
    assert read_attendees(path) == [Person("ada@example.org", "Ada Lovelace")]


def test_too_many_fields_are_one_error_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "Ada,ada@example.org\nA,b@example.org,UTC,ru,extra\n")
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert caught.value.message == "expected 'email' or 'name,email[,zone[,lang]]', found 5 fields"
    assert caught.value.where == f"{path}:2"
    assert caught.value.hint == 'quote a name that holds a comma: "Doe, Jane",jane@example.org'


def test_a_row_after_a_multiline_field_is_named_by_its_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, '"Ada\nLovelace",ada@example.org\nBo,not-an-address\n')
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert caught.value.where == f"{path}:3"
    assert caught.value.message.startswith("'not-an-address' is not a valid e-mail address: ")
    assert not caught.value.message.endswith(".")
    assert caught.value.hint == "write it as name@example.org or 'Name <name@example.org>'"


@pytest.mark.parametrize(
    "make, message, hint",
    [
        (lambda tmp: str(tmp / "missing.csv"), "no such file", "check the path of the list of attendees"),
        (lambda tmp: str(tmp), "is a directory, not a list of attendees", "give a file"),
        (
            lambda tmp: (tmp / "latin1.csv").write_bytes(b"Ren\xe9,rene@example.org\n") and str(tmp / "latin1.csv"),
            "not UTF-8 text",
            "save the list as UTF-8",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why(tmp_path: Path, make, message: str, hint: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert (caught.value.message, caught.value.where, caught.value.hint) == (message, path, hint)


def test_a_byte_order_mark_is_not_part_of_the_first_address(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffada@example.org\n".encode())
    assert read_attendees(str(path)) == [Person("ada@example.org")]


def test_an_unknown_zone_and_local_are_errors_naming_the_line(tmp_path: Path) -> None:
    local = write(tmp_path, "Ada,ada@example.org,local\n", "local.csv")
    with pytest.raises(InputError) as caught:
        read_attendees(local)
    assert (caught.value.message, caught.value.where) == ("'local' is not an attendee's zone", f"{local}:1")
    assert caught.value.hint == "name their zone, e.g. Asia/Almaty"
    unknown = write(tmp_path, "Ada,ada@example.org\nBo,bo@example.org,Atlantis/Nowhere\n", "unknown.csv")
    with pytest.raises(InputError) as caught:
        read_attendees(unknown)
    assert caught.value.where == f"{unknown}:2"
    assert caught.value.hint


def test_an_unknown_lang_lists_the_languages(tmp_path: Path) -> None:
    from loci_cli.i18n import LANGUAGES

    path = write(tmp_path, "Ada,ada@example.org,,xx\n")
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert caught.value.message == "no 'xx' translation for invitations"
    assert caught.value.hint == f"the languages are {', '.join(LANGUAGES)}"


def test_unique_keeps_the_first_and_fills_in_what_it_lacked() -> None:
    moscow = ZoneInfo("Europe/Moscow")
    people = [
        Person("Ada@Example.org"),
        Person("bo@example.org", "Bo"),
        Person("ada@example.org", "Ada", moscow, "ru"),
        Person("ADA@example.org", "Another", ZoneInfo("UTC"), "uk"),
    ]
    assert unique(people) == [Person("Ada@Example.org", "Ada", moscow, "ru"), Person("bo@example.org", "Bo")]


def test_parse_person_names_and_quotes() -> None:
    assert parse_person('"Doe, Jane" <jane@example.org>', where="x") == Person("jane@example.org", "Doe, Jane")
    assert parse_person(r'"Say \"hi\"" <a@example.org>', where="x") == Person("a@example.org", 'Say "hi"')
    assert parse_person("  <a@example.org>  ", where="x") == Person("a@example.org")
    with pytest.raises(UsageProblem) as caught:
        parse_person("nobody", where="--attendee")
    assert caught.value.where == "--attendee"
    with pytest.raises(InputError):
        parse_person("nobody", where="f:1", error=InputError)


def test_smtp_address_keeps_ascii_and_what_it_cannot_spell() -> None:
    assert smtp_address("ada@example.org") == "ada@example.org"
    assert smtp_address("no-at-sign") == "no-at-sign"
    assert smtp_address("ada@bücher.example") == "ada@xn--bcher-kva.example"
    assert smtp_address("ада@bücher.example") == "ада@xn--bcher-kva.example"
    assert smtp_address("ada@bü..example") == "ada@bü..example"  # not a domain: left for the server to judge
    assert needs_smtputf8("ада@example.org") and not needs_smtputf8("ada@bücher.example")


def test_a_country_with_several_zones_names_the_first_three_as_the_hint(tmp_path: Path) -> None:
    from loci_cli.core import zonenames

    entry = zonenames.lookup("Russia")
    assert entry is not None and len(entry.zones) > 3
    path = write(tmp_path, "Ivan,ivan@example.org,Russia\n")
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert caught.value.where == f"{path}:1"
    assert caught.value.message.startswith("the country 'Russia' has ")
    assert caught.value.hint == "one of " + ", ".join(entry.zones[:3])


def test_csv_the_reader_cannot_parse_names_its_line_and_says_what_to_do(tmp_path: Path) -> None:
    # A field larger than the csv module's limit (131072 characters), on the list's third line.
    path = write(tmp_path, 'name,email\nAda,ada@example.org\n"' + "x" * 200_000 + '",a@example.org\n')
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert caught.value.message.startswith("not CSV: ")
    assert caught.value.where == f"{path}:3"
    assert caught.value.hint == "quote a field that holds a comma or a quote"


def test_a_path_the_system_cannot_open_says_why(tmp_path: Path) -> None:
    path = str(tmp_path / ("x" * 300))  # longer than any file system's name limit
    with pytest.raises(InputError) as caught:
        read_attendees(path)
    assert caught.value.message == "cannot read: File name too long"
    assert caught.value.where == path
    assert caught.value.hint == "make the file readable"


def test_a_row_shorter_than_its_header_leaves_the_rest_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "name,email,zone,lang\nAda,ada@example.org\nBo,bo@example.org,Asia/Almaty\n")
    people = read_attendees(path)
    assert [(p.email, p.name, p.zone and p.zone.key, p.lang) for p in people] == [
        ("ada@example.org", "Ada", None, None),
        ("bo@example.org", "Bo", "Asia/Almaty", None),
    ]


def test_a_quoted_name_with_an_escaped_line_break_is_unquoted_then_flattened() -> None:
    assert parse_person('"Ada\\\nLovelace" <ada@example.org>', where="x") == Person("ada@example.org", "Ada Lovelace")


def test_an_ascii_domain_is_left_exactly_as_written() -> None:
    # email_validator would lower-case it; the address goes out as the list gives it.
    assert smtp_address("ada@Example.ORG") == "ada@Example.ORG"
