"""formats.attendees: names flat on one line, quoted names unquoted, bad addresses and CSV named by line."""

from __future__ import annotations

import pytest

from loci_cli.core.errors import InputError, UsageProblem
from loci_cli.formats.attendees import flat_name, parse_person, read_attendees


@pytest.mark.parametrize(
    ("name", "flat"),
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ("Ada\r\nLovelace", "Ada Lovelace"),
        ("  Ada \t\t Lovelace  ", "Ada Lovelace"),
        ("Ada\x00\x07\x1b[1m Lovelace\x7f\x9b", "Ada[1m Lovelace"),
        ("\u202eAda\u202c \u2067Lovelace\u2069\u200f", "Ada Lovelace"),
        ("Ada\u2028Lovelace\u2029\x85x", "Ada Lovelace x"),
        ("Айгерим Сейткали", "Айгерим Сейткали"),
        ("\r\n\x00", None),
        ("", None),
        (None, None),
    ],
)
def test_flat_name(name, flat):
    assert flat_name(name) == flat


@pytest.mark.parametrize(
    ("text", "name", "email"),
    [
        ('"Doe, Jane" <jane@example.org>', "Doe, Jane", "jane@example.org"),
        ('Jane "JJ" Doe <jane@example.org>', 'Jane "JJ" Doe', "jane@example.org"),
        ('"Jane \\"JJ\\" Doe" <jane@example.org>', 'Jane "JJ" Doe', "jane@example.org"),
        ("Jane\nDoe <jane@example.org>", "Jane Doe", "jane@example.org"),
        ("<jane@example.org>", None, "jane@example.org"),
        ("jane@bücher.example", None, "jane@bücher.example"),
    ],
)
def test_parse_person(text, name, email):
    person = parse_person(text, where="--attendee")
    assert (person.name, person.email) == (name, email)


@pytest.mark.parametrize("text", ["a@exa\rmple.org", "a@example.org\nBcc: b@example.org", "Ann <a\x00@example.org>"])
def test_control_characters_in_an_address_are_refused(text):
    with pytest.raises(UsageProblem, match="is not a valid e-mail address"):
        parse_person(text, where="--attendee")


def test_a_csv_name_is_flattened_and_errors_name_the_first_line_of_their_row(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text('name,email\n"Ann\nMarie",ann@example.org\n"Bo\nb",bad address\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_attendees(str(path))
    assert caught.value.where == f"{path}:4"
    path.write_text('name,email\n"Ann\nMarie\x1b",ann@example.org\n', encoding="utf-8")
    (ann,) = read_attendees(str(path))
    assert ann.name == "Ann Marie"


def test_csv_the_reader_cannot_parse_is_one_error(tmp_path):
    path = tmp_path / "people.csv"
    # A field larger than the csv module's limit (131072 characters).
    path.write_text('name,email\n"' + "x" * 200_000 + '",a@example.org\n', encoding="utf-8")
    with pytest.raises(InputError, match="not CSV"):
        read_attendees(str(path))


@pytest.mark.parametrize(
    ("address", "wire", "utf8"),
    [
        ("jan@example.nl", "jan@example.nl", False),
        ("u@bücher.example", "u@xn--bcher-kva.example", False),
        # IDNA 2008 (RFC 5890) keeps ß, where IDNA 2003 made it 'ss'.
        ("post@straße.de", "post@xn--strae-oqa.de", False),
        ("иван@пример.рф", "иван@xn--e1afmkfd.xn--p1ai", True),
    ],
)
def test_an_address_on_the_wire(address, wire, utf8):
    from loci_cli.formats.attendees import needs_smtputf8, smtp_address

    assert (smtp_address(address), needs_smtputf8(address)) == (wire, utf8)
