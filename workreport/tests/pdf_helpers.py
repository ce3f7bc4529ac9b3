"""Reading a report PDF as its reader does: the text of each page, the bookmarks and their pages."""
import subprocess


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext -layout), in order."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8").split("\f")[:-1]


def outline_of(reader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark of a pypdf reader, in order."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found
