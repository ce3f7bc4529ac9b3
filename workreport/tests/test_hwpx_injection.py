"""A hostile string in any field of the report is written into the HWPX as text, never as markup;
text HWPX cannot carry (control characters) or that would reorder a line (bidi controls) is cleaned
as for the PDF, and the file stays valid. The strings are the PDF tests' (test_pdf_injection)."""
import re

from django.db import connection
from hwpx.tools.package_validator import validate_package

import workreport.tests.test_pdf_injection as pdf_injection
from budget.models import UnitProgram
from reports.hwpx_writer import printable_text
from staffing.models import Person
from workreport.hwpx import build_report_hwpx
from workreport.tests.hwpx_helpers import hwpx_text, section_xml, squeezed

PORT = 8601  # the payloads name a loopback address; the HWPX writer opens nothing, so nothing listens
MARKUP = ("<img", "<iframe", "<object", "<link", "<style", "<div", "<a ")


def test_markup_in_every_user_field_is_written_as_text(edition):
    payloads = pdf_injection.inject(edition, PORT)
    content = build_report_hwpx(edition)

    assert validate_package(content).ok
    text = squeezed(hwpx_text(content))
    not_written = [label for label, payload in payloads.items() if squeezed(payload) not in text]
    assert not not_written, f"these fields are not in the HWPX as typed: {not_written}"
    xml = section_xml(content)
    for tag in MARKUP:
        assert tag not in xml, f"{tag!r} reached the document's XML as markup"
    assert "&lt;iframe" in xml


def test_control_characters_are_dropped_and_the_file_stays_valid(edition):
    unit = UnitProgram.objects.get(policy__edition=edition, number="1-1")
    # NUL too where the database keeps it (PostgreSQL refuses it in text, so it never reaches the writer)
    nul = "\x00" if connection.vendor == "sqlite" else ""
    Person.objects.filter(edition=edition, name="고설태").update(name=f"고{nul}설\x08태\x1b\x7f")

    content = build_report_hwpx(edition, unit)

    assert validate_package(content).ok
    assert "AI전환팀장:고설태 ☎4642" in hwpx_text(content)


def test_a_right_to_left_override_does_not_reverse_the_contact_line(edition):
    unit = UnitProgram.objects.get(policy__edition=edition, number="1-1")
    Person.objects.filter(edition=edition, name="고설태").update(name="고설태\u202e")

    text = hwpx_text(build_report_hwpx(edition, unit))

    assert "AI전환팀장:고설태 ☎4642" in text
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", text)


def test_printable_text_cleans_as_the_pdf_does():
    assert printable_text("고설태\u202e\u2066 ☎4642\x01\x0b") == "고설태 ☎4642"
    assert printable_text("a\tb\nc") == "a b\nc"
    assert printable_text("</hp:t><hp:t>") == "</hp:t><hp:t>"  # text, escaped when written
