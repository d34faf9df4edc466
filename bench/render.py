"""Benchmark: the app's document path against bare WeasyPrint on the same HTML.

    .venv/bin/python bench/render.py [--pages 300] [--repeat 1] [--tracemalloc] [--keep DIR]

1. Generates a realistic document (chapters of Dutch-ish text from a seeded random, h2/h3
   headings, lists, quotes, tables with header rows, links) of about ``--pages`` A4 pages.
2. **app**: the whole path of the application: sanitising the section texts (as a builder does),
   rendering ``documents/print_base.html`` and ``documents.rendering.render_pdf`` (sealed
   fetcher, PDF/A-3a, tagged).
3. **bare**: the *same HTML string* through ``weasyprint.HTML(string=html, base_url=<static
   dir>).write_pdf()`` with WeasyPrint's defaults (untagged PDF). The template links the
   stylesheet as ``/static/documents/print.css``, a root-relative URL that no file base URL can
   resolve, so the bare run gets the same file as ``stylesheets=[CSS(filename=…)]``: same CSS,
   same fonts, same layout (the page counts are compared). pydyf is used unpatched (see
   ``documents.rendering._memoise_page_references``).
4. **bare-pdfa**: as *bare*, with ``pdf_variant="pdf/a-3a"``: WeasyPrint's own cost of tagging
   and PDF/A, to compare like with like.

The 1.2x target is **app / bare** ("the app's whole path (builder + renderer)" against "the same
HTML through bare WeasyPrint"). **app / bare-pdfa** shows what the app adds on top of WeasyPrint
when both write PDF/A-3a. Both ratios are printed for wall-clock time and for CPU time (the
steadier one on a busy machine). Timings are taken after a warm-up render (fontconfig, Pango,
hyphenation dictionaries, templates); with ``--repeat N`` the three paths run in N interleaved
rounds and each keeps its best time.

Memory: each run happens in a forked child (unless ``--in-process``), so ``peak RSS`` is that
path's own ``ru_maxrss`` (it includes the ~110 MiB of the warmed-up parent, shown first).
``--tracemalloc`` adds, in the first round, an untimed and much slower traced run per path: the
peak of Python allocations (C allocations by Pango/HarfBuzz are not included).
"""

import argparse
import contextlib
import datetime
import gc
import logging
import multiprocessing
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.test")

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from documents.rendering import PDF_VARIANT, count_pages, render  # noqa: E402
from documents.sanitize import clean_html  # noqa: E402

_VOCABULARY = (
    "de het een en van in op te met voor door over bij naar als dat die niet ook maar nog wel "
    "gemeente burgers wijk samenleving beleid bewoners vrijwilligers ervaring gesprek zorg buurt "
    "jongeren ouderen werk school vereniging toekomst vertrouwen afspraak samenwerking probleem "
    "oorzaak oplossing initiatief netwerk ontmoeting verantwoordelijkheid betrokkenheid "
    "sleutelfiguren eenzaamheid gezondheid armoede schuldhulpverlening mantelzorg huisvesting "
    "onderwijs veiligheid leefbaarheid participatie besluitvorming gemeenteraad wethouder "
    "ambtenaren maatschappelijke organisaties woningcorporatie welzijnswerk buurthuis "
    "onzekerheid streefbeeld interventie doelenboom actieboek uitvoeringsplan consultatie "
    "bloemlezing oorzakelijke complexen algemeen belang algemene wil"
)
WORDS = tuple(_VOCABULARY.split())

# Calibrated on this layout (10pt DejaVu Serif, A4): pages per generated chapter.
CHAPTER_PAGES = 11.7


class Lorem:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def sentence(self, low=8, high=22) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice("....?")

    def paragraph(self, low=3, high=8) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self, low=2, high=5) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))
        return text[0].upper() + text[1:]


def chapter_body(lorem: Lorem) -> str:
    """About ten pages of what a team writes: the untrusted rich text of one section."""
    parts = []
    for _ in range(4):
        parts.append(f"<h2>{lorem.title()}</h2>")
        for _ in range(lorem.rng.randint(5, 8)):
            parts.append(f"<p>{lorem.paragraph()}</p>")
        parts.append(f"<h3>{lorem.title()}</h3>")
        parts.append(f"<p>{lorem.paragraph()} <strong>{lorem.sentence(3, 6)}</strong></p>")
        parts.append(
            f'<blockquote><p>{lorem.paragraph(1, 3)}</p><p lang="nl">— {lorem.title(2, 3)}'
            "</p></blockquote>"
        )
        parts.append(
            "<ul>" + "".join(f"<li>{lorem.sentence(4, 12)}</li>" for _ in range(5)) + "</ul>"
        )
        rows = "".join(
            f"<tr><td>{i}</td><td>{lorem.title(1, 3)}</td><td>{lorem.sentence(4, 10)}</td>"
            f"<td>{lorem.rng.randint(1, 1000)}</td></tr>"
            for i in range(1, lorem.rng.randint(8, 30))
        )
        parts.append(
            "<table><thead><tr><th>#</th><th>Thema</th><th>Toelichting</th><th>Aantal</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
        parts.append(
            f'<p>{lorem.paragraph()} Zie <a href="https://example.org/{lorem.rng.randint(1, 99)}">'
            f"de bron</a>.</p>"
        )
    return "".join(parts)


def make_sections(pages: int, seed: int = 2025) -> list[dict]:
    lorem = Lorem(seed)
    count = max(1, round(pages / CHAPTER_PAGES))
    return [
        {"key": f"h{i}", "title": f"{i}. {lorem.title()}", "raw": chapter_body(lorem)}
        for i in range(1, count + 1)
    ]


def build_html(raw_sections: list[dict]) -> str:
    """What a builder does: sanitise the texts, fill the print template."""
    sections = [
        {
            "anchor": f"s{i}-{s['key']}",
            "title": s["title"],
            "body": clean_html(s["raw"]),
            "compiled": "",
        }
        for i, s in enumerate(raw_sections, start=1)
    ]
    return render_to_string(
        "documents/print_base.html",
        {
            "document_title": "Probleem- en oorzakenanalyse",
            "project_name": "Samen tegen eenzaamheid",
            "step": {"number": 5, "name": "Ontwerpen oorzakelijke complexen"},
            "version_label": "Versie 4",
            "date": datetime.date(2025, 6, 1),
            "client": "Gemeente Voorbeeldstad",
            "toc": [{"id": s["anchor"], "title": s["title"], "level": 1} for s in sections],
            "sections": sections,
        },
    )


def print_css() -> str:
    return finders.find("documents/print.css")


def app_path(raw_sections):
    html = build_html(raw_sections)
    result = render(html)
    return result.data, result.pages


@contextlib.contextmanager
def bare_pydyf():
    """Undo documents.rendering's memo of pydyf's page references: bare means bare."""
    import pydyf

    memoised = pydyf.PDF.page_references
    original = getattr(memoised.fget, "original", None)
    if original:
        pydyf.PDF.page_references = property(original)
    try:
        yield
    finally:
        pydyf.PDF.page_references = memoised


def bare_path(html, variant=None):
    with bare_pydyf():
        return _bare_path(html, variant)


def _bare_path(html, variant=None):
    static_dir = Path(settings.BASE_DIR) / "static"
    options = {"pdf_variant": variant} if variant else {}
    document = weasyprint.HTML(string=html, base_url=str(static_dir))
    pdf = document.write_pdf(stylesheets=[weasyprint.CSS(filename=print_css())], **options)
    return pdf, count_pages(pdf)


def rss_mib() -> float:
    """Current resident set size (Linux), MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def maxrss_mib() -> float:
    # Linux reports kilobytes, macOS bytes.
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def measure(function, trace: bool) -> tuple[dict, bytes]:
    """Run one path once: wall-clock time, pages, size, peak RSS; optionally trace it."""
    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    pdf, pages = function()
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    result = {
        "seconds": seconds,
        "cpu": cpu,
        "pages": pages,
        "bytes": len(pdf),
        "maxrss": maxrss_mib(),
    }
    if trace:
        gc.collect()
        tracemalloc.start()
        try:
            function()
            result["traced_peak"] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return result, pdf


def run_isolated(function, trace: bool) -> tuple[dict, bytes]:
    """Run a path in a forked child, so its peak RSS is its own (Linux/macOS only)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child():
        sender.send(measure(function, trace))

    process = context.Process(target=child)
    process.start()
    result = receiver.recv()
    process.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="target length (default 300)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds of the three paths (interleaved), best kept"
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also trace Python allocations per path (an extra, much slower, untimed run)",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the paths one after the other in this process instead of forked children",
    )
    parser.add_argument("--keep", type=Path, help="write the HTML and PDFs to this directory")
    args = parser.parse_args()

    # The bare run cannot load the template's root-relative <link> (it gets the stylesheet
    # through ``stylesheets=``); WeasyPrint logs that failure. Keep the output readable.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)

    raw = make_sections(args.pages)
    html = build_html(raw)
    print(
        f"WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]}, "
        f"{len(raw)} chapters, {len(html) / 1e6:.2f} MB HTML"
    )
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        (args.keep / "document.html").write_text(html)

    # Warm-up: fontconfig, Pango, hyphenation dictionaries, template loading.
    render(build_html(make_sections(5, seed=1)))
    bare_path(build_html(make_sections(5, seed=1)))
    gc.collect()
    baseline = rss_mib()
    isolated = not args.in_process and hasattr(os, "fork")
    print(
        f"after warm-up: RSS {baseline:.0f} MiB; each path runs "
        + ("in a forked child (own peak RSS)" if isolated else "in this process")
    )

    paths = [
        ("app", "builder + print template + render_pdf, PDF/A-3a", lambda: app_path(raw)),
        ("bare", "bare WeasyPrint, same HTML, default PDF", lambda: bare_path(html)),
        (
            "bare-pdfa",
            f"bare WeasyPrint, same HTML, pdf_variant={PDF_VARIANT!r}",
            lambda: bare_path(html, PDF_VARIANT),
        ),
    ]
    # Rounds interleave the paths, so a noisy neighbour on the machine hits them alike;
    # each path keeps its best time (and its highest peak memory).
    results = {}
    for round_number in range(1, args.repeat + 1):
        for name, _label, function in paths:
            trace = args.tracemalloc and round_number == 1
            if isolated:
                result, pdf = run_isolated(function, trace)
            else:
                result, pdf = measure(function, trace)
            if args.keep and round_number == 1:
                (args.keep / f"{name}.pdf").write_bytes(pdf)
            if args.repeat > 1:
                print(
                    f"  round {round_number} {name:>9}: {result['seconds']:7.2f} s wall "
                    f"{result['cpu']:7.2f} s CPU"
                )
            best = results.setdefault(name, result)
            for key in ("seconds", "cpu"):
                best[key] = min(best[key], result[key])
            best["maxrss"] = max(best["maxrss"], result["maxrss"])

    for name, label, _function in paths:
        result = results[name]
        line = (
            f"{name:>9}: {result['pages']:4d} pages  {result['seconds']:6.2f} s wall "
            f"({result['cpu']:6.2f} s CPU)  {result['pages'] / result['seconds']:5.1f} pages/s  "
            f"PDF {result['bytes'] / 1e6:5.2f} MB  peak RSS {result['maxrss']:5.0f} MiB"
        )
        if "traced_peak" in result:
            line += f"  tracemalloc peak {result['traced_peak'] / 2**20:6.1f} MiB"
        print(f"{line}  [{label}]")

    if len({r["pages"] for r in results.values()}) != 1:
        print("WARNING: page counts differ: the layouts are not the same", file=sys.stderr)

    for key, clock in (("seconds", "wall-clock"), ("cpu", "CPU time")):
        app, bare, bare_pdfa = (results[n][key] for n in ("app", "bare", "bare-pdfa"))
        verdict = "met" if app / bare <= 1.2 else "NOT met"
        print(
            f"{clock:>10}: app/bare = {app / bare:.3f} <- the 1.2x target ({verdict});  "
            f"app/bare-pdfa = {app / bare_pdfa:.3f} (like for like);  "
            f"PDF/A-3a + tags cost bare WeasyPrint x{bare_pdfa / bare:.3f}"
        )
    if not isolated:
        print(f"ru_maxrss of this process: {maxrss_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
