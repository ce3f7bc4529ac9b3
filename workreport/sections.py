"""The draft PDF of the whole report as sections: each typeset on its own, cached, merged with pypdf.

A draft is cut (split_sections) at forced page breaks into sections: cover and contents, I, II,
III in runs of at most PROGRAMMES_PER_SECTION programme pages, IV. Each section is typeset by
WeasyPrint on its own, with its first page number given (`@page :first { counter-reset: page N }`),
so its footers read as they do in one pass; its PDF is cached (django.core.cache, the shared
cache) under the release fingerprint, a digest of the section's own HTML and its first page
number. An edit of one programme page changes the HTML of one run of III only: that run is
typeset again, and the cover and contents (2 pages) only when a page number they print moved.

The contents print the page numbers of their targets; those are known once the other sections
are laid out, so the cover and contents are typeset last, with the numbers written into their
stylesheet; the bookmarks (the contents' entries) and the contents' links are set after the
merge. Missing sections are typeset in parallel forked processes (forked from the calling thread),
one section per process, so each process's memory goes back when it ends. First page numbers are first taken from the page
counts the cache remembers (for the same HTML, else for the same section last time); a section
that lands on another page than assumed is typeset once more.

Published editions are not sectioned: publishing renders one pass (tagged, PDF/A), and so does
`build_report --no-cache`. A merged draft is not tagged (pypdf does not merge structure trees).
docs/print.md says how, docs/performance.md what it costs.
"""
import hashlib
import html
import io
import os
import pickle
import re
import selectors
import traceback
from dataclasses import dataclass

from django.core.cache import cache
from pypdf import PdfReader, PdfWriter
from weasyprint.pdf import _w3c_date_to_pdf
from pypdf.generic import ArrayObject, NameObject

from reports import release as releases
from workreport import rendering

SECTION_CACHE_SECONDS = 24 * 60 * 60
# Where each section after the cover and contents begins in report.html (its divider).
SECTION_MARKERS = ('<div class="divider" id="part-1">', '<div class="divider" id="part-2">',
                   '<div class="divider" id="programmes">', '<div class="divider" id="part-4">')
BODY = re.compile(r"(<body\b[^>]*>)(.*)(</body>)", re.S)
DEFAULT_COUNT = 2


@dataclass(frozen=True)
class Job:
    """One section to typeset: its complete HTML and the page number its first page carries."""

    index: int
    html: str
    start: int


def split_sections(html: str) -> tuple[str, list[str], str]:
    """(head up to <body …>, the body's sections in order, the tail from </body>).

    The sections: cover and contents, I, II, III cut into runs of at most PROGRAMMES_PER_SECTION
    programme pages (a 정책사업's cover starts a run; each run after the first carries III's running
    header), IV. Every cut is at a forced page break, so the pages are those of one pass."""
    match = BODY.search(html)
    head, body, tail = html[:match.start(2)], match.group(2), html[match.end(2):]
    cuts = [0] + [body.index(marker) for marker in SECTION_MARKERS] + [len(body)]
    main = [body[a:b] for a, b in zip(cuts, cuts[1:])]
    return head, main[:3] + split_programmes(main[3]) + main[4:], tail


def split_programmes(part: str) -> list[str]:
    """Section III in runs of programme pages: a new run at each 정책사업 after the first, and after
    every PROGRAMMES_PER_SECTION pages of one 정책사업."""
    header = RUNNING_HEADER.search(part).group()
    first_policy = part.find('<div class="policy-divider"')
    cuts, in_policy = [0], 0
    for found in PROGRAMME_STARTS.finditer(part):
        if found.group(1):  # a 정책사업's cover
            if found.start() > first_policy:
                cuts.append(found.start())
            in_policy = 0
        else:
            if in_policy and in_policy % PROGRAMMES_PER_SECTION == 0:
                cuts.append(found.start())
            in_policy += 1
    cuts.append(len(part))
    runs = [part[a:b] for a, b in zip(cuts, cuts[1:])]
    return runs[:1] + [header + run for run in runs[1:]]


PROGRAMMES_PER_SECTION = 5
PROGRAMME_STARTS = re.compile(r'<div class="(policy-divider)"|<article class="programme"')
RUNNING_HEADER = re.compile(r'<div class="running-header">.*?</div>', re.S)


def section_html(head: str, body: str, tail: str, start: int, numbers: dict | None = None) -> str:
    """One section as a document: the report's head, its first page number and, for the
    contents, the page number of each entry's target (instead of target-counter)."""
    rules = [f"@page :first {{ counter-reset: page {start}; }}"]
    for anchor, number in (numbers or {}).items():
        rules.append(f'.contents a[href="#{anchor}"]::after {{ content: leader(".") "{number}"; }}')
    return head.replace("</head>", "<style>" + "\n".join(rules) + "</style></head>", 1) + body + tail


def render_section(job: Job) -> tuple[int, bytes, int, dict]:
    """(index, PDF, page count, {anchor: page offset}) of one section, typeset by WeasyPrint."""
    document = rendering.render_document(job.html)
    for page in document.pages:
        # the contents link to anchors of the other sections: kept as '#anchor' URIs, which
        # merge() turns into destinations in the merged file
        page.links = [("external", f"#{target}", *rest) if kind == "internal" else (kind, target, *rest)
                      for kind, target, *rest in page.links]
    anchors = {}
    for offset, page in enumerate(document.pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, offset)
    return job.index, document.write_pdf(), len(document.pages), anchors


def render_sections(jobs: list[Job]) -> list[tuple]:
    """Typeset the jobs in forked processes, as many at once as cores, one job per process (so
    the layout's memory, hundreds of MB for a big section at 10×, goes back when it ends).

    Every child is forked from the calling thread and leaves with os._exit: it never closes
    or finalizes the database connection it inherits. (With multiprocessing.Pool and
    maxtasksperchild, which forks replacement workers from a helper thread, the benchmark's SQLite
    database read "malformed" inside its open transaction at 10×; the suspected cause is the
    calling thread's objects, its connection among them, being freed in such a child.)"""
    if WORKERS <= 1:
        return [render_section(job) for job in jobs]
    pending, results = list(jobs), []
    selector = selectors.DefaultSelector()
    try:
        while pending or selector.get_map():
            while pending and len(selector.get_map()) < WORKERS:
                job = pending.pop(0)
                read, write = os.pipe()
                pid = os.fork()
                if pid == 0:  # the child: typeset, send the result, leave without cleaning up
                    code = 1
                    try:
                        os.close(read)
                        payload = pickle.dumps((True, render_section(job)))
                        code = 0
                    except BaseException:  # noqa: BLE001 - reported to the parent
                        payload = pickle.dumps((False, traceback.format_exc()))
                    finally:
                        with os.fdopen(write, "wb") as out:
                            out.write(payload)
                        os._exit(code)
                os.close(write)
                selector.register(read, selectors.EVENT_READ, (pid, bytearray()))
            for key, _ in selector.select():
                pid, buffer = key.data
                chunk = os.read(key.fd, 1 << 20)
                if chunk:
                    buffer += chunk
                    continue
                selector.unregister(key.fd)
                os.close(key.fd)
                os.waitpid(pid, 0)
                ok, value = pickle.loads(bytes(buffer)) if buffer else (False, "no result")
                if not ok:
                    raise RuntimeError(f"a section could not be typeset:\n{value}")
                results.append(value)
    finally:
        selector.close()
    return sorted(results, key=lambda result: result[0])


WORKERS = os.cpu_count() or 1


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def sectioned_pdf(edition, *, stamp=None) -> bytes:
    """The draft PDF of the whole report, merged from sections typeset apart (module docstring)."""
    stamp = stamp or rendering.PrintStamp.draft()
    head, bodies, tail = split_sections(rendering.render_report_html(edition, for_print=True, stamp=stamp))
    # The stamp's moment is left out of the keys: a cached section keeps the mark it was made with.
    neutral = digest(head.replace(stamp.css_mark, "").replace(stamp.mark, "").replace(stamp.moment_iso, ""))
    release = releases.current_release()
    content = [digest(neutral, body.replace(stamp.mark, "")) for body in bodies]

    def key(index, start, extra=""):
        return f"report-section:{release}:{index}:{content[index]}:{start}:{extra}"

    def count_hint(index):
        return (cache.get(f"report-section-count:{content[index]}")
                or cache.get(f"report-section-count:{edition.pk}:{index}") or DEFAULT_COUNT)

    results = {}  # index → (pdf, count, anchors, start)

    def remember(index, start, pdf, count, anchors, extra=""):
        results[index] = (pdf, count, anchors, start)
        cache.set(key(index, start, extra), (pdf, count, anchors), SECTION_CACHE_SECONDS)
        # page counts are only a guess of where the next section starts (checked after typesetting),
        # so they outlive a release: a cold build after a deploy typesets each section once
        cache.set(f"report-section-count:{content[index]}", count, SECTION_CACHE_SECONDS)
        cache.set(f"report-section-count:{edition.pk}:{index}", count, SECTION_CACHE_SECONDS)

    counts = {index: count_hint(index) for index in range(len(bodies))}
    while True:
        # sections I … IV at the first pages the counts so far give them
        for _ in range(len(bodies) + 1):
            starts, jobs, page = {}, [], 1 + counts[0]
            for index in range(1, len(bodies)):
                starts[index] = page
                found = results.get(index)
                if found is None or found[3] != page:
                    hit = cache.get(key(index, page))
                    found = results[index] = (*hit, page) if hit is not None else None
                if found is not None:
                    page += found[1]
                else:
                    results.pop(index, None)
                    jobs.append(Job(index, section_html(head, bodies[index], tail, page), page))
                    page += counts[index]
            if not jobs:
                break
            for index, pdf, count, anchors in render_sections(jobs):
                remember(index, starts[index], pdf, count, anchors)
                counts[index] = count
        # the cover and contents, with the page numbers the sections landed on
        numbers = {anchor: results[index][3] + offset
                   for index in range(1, len(bodies)) for anchor, offset in results[index][2].items()}
        numbers_key = digest(repr(sorted(numbers.items())))
        hit = cache.get(key(0, 1, numbers_key))
        if hit is not None:
            results[0] = (*hit, 1)
        else:
            [(_, pdf, count, anchors)] = render_sections([Job(0, section_html(head, bodies[0], tail, 1, numbers), 1)])
            remember(0, 1, pdf, count, anchors, numbers_key)
        if results[0][1] == counts[0]:
            break
        counts[0] = results[0][1]  # the contents took another number of pages: every section moves
    outline = [(int(level), anchor, html.unescape(label)) for level, anchor, label in CONTENTS_LINE.findall(bodies[0])]
    return merge([results[index][0] for index in range(len(bodies))], numbers, outline,
                 modified=_w3c_date_to_pdf(stamp.moment_iso, "modified"))


CONTENTS_LINE = re.compile(r'<li class="toc-level-(\d)"><a href="#([^"]+)">(.*?)</a>', re.S)


def merge(pdfs: list[bytes], numbers: dict, outline: list, *, modified: str | None = None) -> bytes:
    """The sections as one PDF: their pages in order; the bookmarks, which are the contents
    (level, anchor, label), at the pages numbers gives; the first one's metadata and /Lang; and
    the links of the contents ('#anchor') pointing at those pages."""
    writer = PdfWriter()
    first = PdfReader(io.BytesIO(pdfs[0]))
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    parents = {}
    for level, anchor, label in outline:
        if anchor in numbers:
            parents[level] = writer.add_outline_item(label, numbers[anchor] - 1, parent=parents.get(level - 1))
    for page in writer.pages[:len(first.pages)]:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            uri = str((annotation.get("/A") or {}).get("/URI", ""))
            if uri.startswith("#") and uri[1:] in numbers:
                del annotation["/A"]
                target = writer.pages[numbers[uri[1:]] - 1].indirect_reference
                annotation[NameObject("/Dest")] = ArrayObject([target, NameObject("/Fit")])
    metadata = {name: value for name, value in (first.metadata or {}).items()}
    if modified:
        metadata["/ModDate"] = modified  # this draft's moment, whenever the cover was typeset
    writer.add_metadata(metadata)
    language = first.trailer["/Root"].get("/Lang")
    if language is not None:
        writer._root_object[NameObject("/Lang")] = language
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
