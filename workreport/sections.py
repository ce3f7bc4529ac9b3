"""The draft PDF of the whole report as sections: each typeset on its own, cached, merged with pypdf.

A draft is cut (split_sections) at forced page breaks into sections: cover and contents, I, II,
III in runs of at most PROGRAMMES_PER_SECTION programme pages, IV. Each section is typeset by
WeasyPrint on its own and cached (django.core.cache, the shared cache) under the release
fingerprint and a digest of its own HTML. Nothing in a section depends on where it lands:

- its footers carry no page number: the numbers are stamped after the merge, each numbered page
  getting the page of a number sheet (NUMBER_SHEET_PAGES pages that print only "- n -" with the
  report's own @page rule, typeset once per release and cached);
- the contents print the page numbers of their targets, which are known once the other sections
  are typeset; so the cover and contents are typeset last, with the numbers written into their
  stylesheet, and the bookmarks (the contents' entries) and the contents' links are set after the
  merge.

So an edit of one programme page typesets one run of III, and the cover and contents (2 pages at
1×) only when a page number they print moved; a section whose page count changes moves the
numbers of the pages after it without typesetting them again. Missing sections are typeset in
parallel forked processes, the longest first, as many at once as cores, one section per process,
so each process's memory goes back when it ends. In `build_report` they are forked by a process
(Typesetter) that the command forks first, which imports WeasyPrint while the draft's queries,
charts and HTML run; the command's own process never imports it.

One programme's PDF (programme_pdf) is its pages cut from the merged draft, as the one-pass
build_report_pdf cuts them from the whole layout. Published editions are not sectioned: publishing
renders one pass (tagged, PDF/A), and so does `build_report --no-cache`. A merged draft is not
tagged (pypdf does not merge structure trees). docs/print.md says how, docs/performance.md what it costs.
"""
import contextlib
import contextvars
import datetime
import gc
import hashlib
import html
import io
import os
import pickle
import re
import selectors
import signal
import traceback
from dataclasses import dataclass

import pikepdf
from django.core.cache import cache

from reports import release as releases
from workreport import rendering

SECTION_CACHE_SECONDS = 24 * 60 * 60
# Where each section after the cover and contents begins in report.html (its divider).
SECTION_MARKERS = ('<div class="divider" id="part-1">', '<div class="divider" id="part-2">',
                   '<div class="divider" id="programmes">', '<div class="divider" id="part-4">')
BODY = re.compile(r"(<body\b[^>]*>)(.*)(</body>)", re.S)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="[^"]+">')
CONTENTS_LINE = re.compile(r'<li class="toc-level-(\d)"><a href="#([^"]+)">(.*?)</a>', re.S)
# A section's pages print no page number; the number sheets do (stamp_page_numbers).
WITHOUT_PAGE_NUMBERS = "@page { @bottom-center { content: none; } }"
NUMBER_SHEET_PAGES = 64
# Entries of the contents to a page, for a first guess of their page count (2024: 25 entries on
# one page; 10× data: 115 on four): a wrong guess costs one more typesetting of the contents.
CONTENTS_ENTRIES_PER_PAGE = 29
NUMBERED = ""  # the name of a page that carries a number: the report's unnamed @page


@dataclass(frozen=True)
class Job:
    """One document to typeset: a section ("section", its index), the contents ("contents", 0) or a
    number sheet ("numbers", its first page number)."""

    kind: str
    key: int
    html: str


@dataclass(frozen=True)
class Typeset:
    """A typeset document: its PDF, each page's @page name ('' for a numbered page, 'cover',
    'divider') and each page's anchors (ids of the elements on it)."""

    pdf: bytes
    names: tuple[str, ...]
    anchors: tuple[tuple[str, ...], ...]

    @property
    def count(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class Draft:
    """The merged draft and, per page, its anchors (where one programme's pages are)."""

    pdf: bytes
    anchors: tuple[tuple[str, ...], ...]
    outline: tuple[tuple[int, str, str], ...]  # (level, anchor, label): the contents' entries
    numbers: dict  # anchor → page number


# ---------------------------------------------------------------- cutting the report

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


def section_html(head: str, body: str, tail: str, numbers: dict | None = None) -> str:
    """One section as a document: the report's head without page numbers and, for the contents,
    the page number of each entry's target (instead of target-counter)."""
    rules = [WITHOUT_PAGE_NUMBERS]
    for anchor, number in (numbers or {}).items():
        rules.append(f'.contents a[href="#{anchor}"]::after {{ content: leader(".") "{number}"; }}')
    return head.replace("</head>", "<style>" + "\n".join(rules) + "</style></head>", 1) + body + tail


def number_sheet_html(head: str, first: int) -> str:
    """NUMBER_SHEET_PAGES pages that print only their number, "- first -" on the first, with the
    report's stylesheet (the same @page box, font and place as in one pass) and nothing else."""
    rules = ("@page { @top-center { content: none; border: none; } @bottom-left { content: none; } }\n"
             f"@page :first {{ counter-reset: page {first}; }}\n.number-sheet {{ break-before: page; }}")
    return ('<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">' + STYLESHEET.search(head).group()
            + f"<style>{rules}</style></head><body>" + '<div class="number-sheet"></div>' * NUMBER_SHEET_PAGES
            + "</body></html>")


# ---------------------------------------------------------------- typesetting, in forked processes

def render_job(job: Job) -> tuple[tuple[str, int], Typeset]:
    """((kind, key), Typeset) of one job, typeset by WeasyPrint."""
    document = rendering.render_document(job.html)
    for page in document.pages:
        # the contents link to anchors of the other sections: kept as '#anchor' URIs, which
        # merge() turns into destinations in the merged file
        page.links = [("external", f"#{target}", *rest) if kind == "internal" else (kind, target, *rest)
                      for kind, target, *rest in page.links]
    return (job.kind, job.key), Typeset(
        pdf=document.write_pdf(),
        names=tuple(page._page_box.page_type.name for page in document.pages),
        anchors=tuple(tuple(page.anchors) for page in document.pages),
    )


def render_jobs(jobs: list[Job]) -> dict:
    """{(kind, key): Typeset} of the jobs, typeset in forked processes, as many at once as cores,
    the longest HTML first, one job per process (so the layout's memory, up to 230 MB for a big
    section at 10×, goes back when it ends): by the draft's Typesetter when one was started
    (sectioned_draft), else forked from this process after it imports WeasyPrint."""
    pending = sorted(jobs, key=lambda job: len(job.html), reverse=True)
    if not pending:
        return {}  # nothing to typeset: WeasyPrint is never imported
    typesetter = TYPESETTER.get()
    if typesetter is not None:
        return typesetter.render(pending)
    rendering.import_weasyprint()  # once, before the forks
    return fork_jobs(pending)


def fork_jobs(pending: list[Job]) -> dict:
    """render_jobs' children, forked from this process, WORKERS at a time, in the order given.

    Every child is forked from the calling thread and leaves with os._exit: it never closes
    or finalizes the database connection it inherits. (With multiprocessing.Pool and
    maxtasksperchild, which forks replacement workers from a helper thread, the benchmark's SQLite
    database read "malformed" inside its open transaction at 10×; the suspected cause is the
    calling thread's objects, its connection among them, being freed in such a child.)"""
    pending = list(pending)
    if WORKERS <= 1:
        return dict(render_job(job) for job in pending)
    results = {}
    selector = selectors.DefaultSelector()
    # The parent's objects go to the permanent generation while children run, and a child never
    # collects: its collector would otherwise walk (and so copy) every page it shares with the
    # parent; 15 % of a section's time at 10×, for 10 MB more per child.
    gc.freeze()
    try:
        while pending or selector.get_map():
            while pending and len(selector.get_map()) < WORKERS:
                job = pending.pop(0)
                read, write = os.pipe()
                pid = os.fork()
                if pid == 0:  # the child: typeset, send the result, leave without cleaning up
                    gc.disable()
                    code = 1
                    try:
                        os.close(read)
                        payload = pickle.dumps((True, render_job(job)))
                        code = 0
                    except BaseException:  # noqa: BLE001 - reported to the parent
                        payload = pickle.dumps((False, traceback.format_exc()))
                    finally:
                        try:  # a parent gone (a broken pipe) must not send this child back into its code
                            with os.fdopen(write, "wb") as out:
                                out.write(payload)
                        finally:
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
                results[value[0]] = value[1]
    finally:
        selector.close()
        gc.unfreeze()
    return results


class Typesetter:
    """A process forked before a draft is made, which imports WeasyPrint (0.45 s) while its parent
    queries, draws the charts and renders the HTML, then forks the children that typeset the
    jobs it is sent (fork_jobs). Without it a fresh process would import WeasyPrint only once it
    knows what to typeset, and wait for it; with nothing to typeset, it is killed unused.

    For a process that makes one draft and ends (`build_report`, with `typesetter()`): a worker
    or web process that makes many imports WeasyPrint once, at its first draft (render_jobs), and
    forks from itself, as a Typesetter would import it again for each draft.

    Like fork_jobs' children, it is forked from the calling thread, never collects its inherited
    objects (gc off) and leaves with os._exit. Jobs and results go through two pipes, pickled."""

    def __init__(self):
        requests_read, requests_write = os.pipe()
        results_read, results_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            gc.disable()
            try:
                os.close(requests_write)
                os.close(results_read)
                serve_jobs(requests_read, results_write)
            finally:
                os._exit(0)
        os.close(requests_read)
        os.close(results_write)
        self.requests = os.fdopen(requests_write, "wb")
        self.results = os.fdopen(results_read, "rb")

    def render(self, jobs: list[Job]) -> dict:
        pickle.dump(jobs, self.requests)
        self.requests.flush()
        try:
            ok, value = pickle.load(self.results)
        except EOFError:
            ok, value = False, "the typesetting process stopped"
        if not ok:
            raise RuntimeError(f"a section could not be typeset:\n{value}")
        return value

    def close(self):
        """Stop it, at once: between two drafts' jobs it waits idle, and unused it may still be
        importing WeasyPrint for nothing."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.requests.close()
        self.results.close()


def serve_jobs(requests_fd: int, results_fd: int):
    """The Typesetter's loop: import WeasyPrint, then for each list of jobs read, fork_jobs' results
    (or the error, the import's if it failed)."""
    try:
        rendering.import_weasyprint()
        failed = None
    except Exception:  # noqa: BLE001 - reported to the parent
        failed = traceback.format_exc()
    with os.fdopen(requests_fd, "rb") as requests, os.fdopen(results_fd, "wb") as results:
        while True:
            try:
                jobs = pickle.load(requests)
            except EOFError:
                return
            try:
                reply = (False, failed) if failed else (True, fork_jobs(jobs))
            except Exception:  # noqa: BLE001 - reported to the parent
                reply = (False, traceback.format_exc())
            pickle.dump(reply, results)
            results.flush()


@contextlib.contextmanager
def typesetter():
    """A Typesetter for the drafts made inside (render_jobs uses it), when there are cores to
    overlap on and WeasyPrint is not imported yet."""
    if WORKERS <= 1 or TYPESETTER.get() is not None or rendering.weasyprint_imported():
        yield
        return
    started = Typesetter()
    token = TYPESETTER.set(started)
    try:
        yield
    finally:
        TYPESETTER.reset(token)
        started.close()


TYPESETTER = contextvars.ContextVar("typesetter", default=None)


WORKERS = os.cpu_count() or 1


def contents_estimate(entries: int) -> int:
    """The pages of the cover (one) and of contents of `entries` lines, as a first guess."""
    return 1 + max(1, -(-entries // CONTENTS_ENTRIES_PER_PAGE))


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


# ---------------------------------------------------------------- the draft

def sectioned_pdf(edition, *, stamp=None) -> bytes:
    """The draft PDF of the whole report, merged from sections typeset apart (module docstring)."""
    return sectioned_draft(edition, stamp=stamp).pdf


def sectioned_draft(edition, *, stamp=None) -> Draft:
    stamp = stamp or rendering.PrintStamp.draft()
    head, bodies, tail = split_sections(rendering.render_report_html(edition, for_print=True, stamp=stamp))
    # The stamp's moment is left out of the keys: a cached section keeps the mark it was made with.
    neutral = digest(head.replace(stamp.css_mark, "").replace(stamp.mark, "").replace(stamp.moment_iso, ""))
    release = releases.current_release()
    content = [digest(neutral, body.replace(stamp.mark, "")) for body in bodies]

    def key(kind, *parts):
        return ":".join(["report-section", release, kind, *map(str, parts)])

    def typeset(keyed_jobs: dict) -> dict:
        """{cache key: Typeset} for the jobs (cache key → Job), from the cache or typeset now."""
        found = {name: cache.get(name) for name in keyed_jobs}
        missing = {(job.kind, job.key): name for name, job in keyed_jobs.items() if found[name] is None}
        done = render_jobs([keyed_jobs[name] for name in missing.values()])
        for job_key, result in done.items():
            found[missing[job_key]] = result
            cache.set(missing[job_key], result, SECTION_CACHE_SECONDS)
        return found

    # I … IV, wherever they land
    names = {index: key("body", content[index]) for index in range(1, len(bodies))}
    found = typeset({name: Job("section", index, section_html(head, bodies[index], tail))
                     for index, name in names.items()})
    parts = [found[names[index]] for index in range(1, len(bodies))]
    # the cover and contents with the page numbers the others land on, and the number sheets
    outline = tuple((int(level), anchor, html.unescape(label)) for level, anchor, label in CONTENTS_LINE.findall(bodies[0]))
    # how many pages they take, as last time (a hint, so kept across releases), or as estimated
    count_key = f"report-section-count:contents:{content[0]}"
    contents_count = cache.get(count_key) or contents_estimate(len(outline))
    while True:
        numbers, page = {}, contents_count + 1
        for part in parts:
            for offset, anchors in enumerate(part.anchors):
                for anchor in anchors:
                    numbers.setdefault(anchor, page + offset)
            page += part.count
        contents_name = key("contents", content[0], digest(repr(sorted(numbers.items()))))
        sheets = {key("numbers", first): Job("numbers", first, number_sheet_html(head, first))
                  for first in range(1, page, NUMBER_SHEET_PAGES)}
        found = typeset({contents_name: Job("contents", 0, section_html(head, bodies[0], tail, numbers)), **sheets})
        contents = found[contents_name]
        if contents.count == contents_count:
            break
        contents_count = contents.count  # the contents took another number of pages: the numbers move
    cache.set(count_key, contents_count, SECTION_CACHE_SECONDS)
    documents = [contents, *parts]
    pdf = merge(documents, [found[name] for name in sheets], numbers, outline,
                modified=pdf_date(stamp.moment_iso))
    return Draft(pdf=pdf, anchors=tuple(anchors for document in documents for anchors in document.anchors),
                 outline=outline, numbers=numbers)


def pdf_date(moment_iso: str) -> str:
    """A W3C moment with its offset as a PDF date, D:YYYYMMDDHHmmSS+HH'mm, as WeasyPrint writes the
    one-pass file's ModDate (merging needs no WeasyPrint)."""
    moment = datetime.datetime.fromisoformat(moment_iso)
    offset = int(moment.utcoffset().total_seconds()) // 60
    hours, minutes = divmod(abs(offset), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{'-' if offset < 0 else '+'}{hours:02d}'{minutes:02d}"


def merge(documents: list[Typeset], sheets: list[Typeset], numbers: dict, outline, *, modified=None) -> bytes:
    """The sections as one PDF (pikepdf, which copies pages without parsing them): their pages in
    order, each numbered page stamped with its number from the sheets; the bookmarks, which are
    the contents (level, anchor, label), at the pages numbers gives; the first one's metadata and
    /Lang; and the links of the contents ('#anchor') pointing at those pages."""
    merged = pikepdf.open(io.BytesIO(documents[0].pdf))
    for document in documents[1:]:
        merged.pages.extend(pikepdf.open(io.BytesIO(document.pdf)).pages)
    stamp_page_numbers(merged, [name for document in documents for name in document.names], sheets)
    set_outline(merged, [(level, label, numbers[anchor] - 1) for level, anchor, label in outline if anchor in numbers])
    for page in merged.pages[:documents[0].count]:
        for annotation in page.obj.get("/Annots", []):
            uri = str(annotation.get("/A", {}).get("/URI", ""))
            if uri.startswith("#") and uri[1:] in numbers:
                del annotation["/A"]
                annotation.Dest = pikepdf.Array([merged.pages[numbers[uri[1:]] - 1].obj, pikepdf.Name.Fit])
    if modified:
        merged.docinfo["/ModDate"] = modified  # this draft's moment, whenever the cover was typeset
    return saved(merged)


def stamp_page_numbers(merged: pikepdf.Pdf, names: list[str], sheets: list[Typeset]):
    """Page n of the merged file, if it is a numbered page, gets page n of the number sheets on top
    (the sheets' pages count from 1 up, NUMBER_SHEET_PAGES to a sheet), as a form XObject."""
    sheet_pdfs = [pikepdf.open(io.BytesIO(sheet.pdf)) for sheet in sheets]
    for index, (page, name) in enumerate(zip(merged.pages, names)):
        if name == NUMBERED:
            sheet, offset = divmod(index, NUMBER_SHEET_PAGES)
            page.add_overlay(sheet_pdfs[sheet].pages[offset])


def set_outline(pdf: pikepdf.Pdf, entries):
    """The bookmarks (level, label, page index), nested by level; an entry whose parent level is
    missing stands at the top."""
    with pdf.open_outline() as outline:
        outline.root.clear()
        parents = {}
        for level, label, page in entries:
            item = pikepdf.OutlineItem(label, page, page_location=pikepdf.PageLocation.Fit)
            parent = parents.get(level - 1)
            (parent.children if parent is not None else outline.root).append(item)
            parents[level] = item


def saved(pdf: pikepdf.Pdf) -> bytes:
    output = io.BytesIO()
    pdf.save(output, deterministic_id=True)
    return output.getvalue()


# ---------------------------------------------------------------- one programme's pages

def programme_pdf(edition, unit, *, stamp=None) -> bytes:
    """One 단위사업's pages cut from the sectioned draft, numbered as in the report ("- 14 -"), with
    its own title and subject and the bookmarks of the contents that point into them: the pages
    build_report_pdf(edition, unit) gives, from the sections' cache."""
    draft = sectioned_draft(edition, stamp=stamp)
    pages = rendering.unit_page_range(draft.anchors, unit)
    if pages is None:  # a 단위사업 the report prints no page of: build_report_pdf says what prints
        return rendering.build_report_pdf(edition, unit, stamp=stamp)
    start, end = pages
    entries = [(level, label, draft.numbers[target] - 1 - start) for level, target, label in draft.outline
               if start < draft.numbers.get(target, 0) <= end]
    top = min((level for level, _, _ in entries), default=1)
    cut = pikepdf.open(io.BytesIO(draft.pdf))
    del cut.pages[end:]
    del cut.pages[:start]
    set_outline(cut, [(level - top + 1, label, page) for level, label, page in entries])
    cut.docinfo["/Title"] = rendering.document_title(edition, unit)
    cut.docinfo["/Subject"] = rendering.document_subject(edition, unit)
    return saved(cut)
