"""Benchmark: the app's document path against bare WeasyPrint on the same HTML, like for like.

    .venv/bin/python bench/render.py [--pages 300] [--rounds 3] [--keep DIR]

1. Generates a realistic document (chapters of Dutch-ish text from a seeded random, h2/h3
   headings, lists, quotes, tables with header rows, links) of about ``--pages`` A4 pages.
2. **app**: the whole path of the application: sanitising the section texts (as a builder does),
   rendering ``documents/print_base.html`` and ``documents.rendering.render`` (sealed fetcher,
   PDF/A-3a, tagged, pydyf's page references memoised).
3. **bare**: the *same HTML string* the builder made, through ``weasyprint.HTML(string=html,
   base_url=<static dir>)`` with the **same** ``pdf_variant`` (PDF/A-3a, tagged) and the
   **same** pydyf fix. The template links the stylesheet as ``/static/documents/print.css``, a
   root-relative URL that no file base URL can resolve, so the bare run gets the same file as
   ``stylesheets=[CSS(filename=…)]``: same CSS, same fonts, same layout (page counts compared).

Each render runs in a fresh interpreter of its own, after a warm-up there; the rounds alternate
which side goes first, and the result is the **median of the per-round ratios** app/bare, on
CPU time (the target, steady on a shared machine) and wall-clock time; the target is 1.1x.
See ``bench/renderpair.py``. Peak RSS is each child's ``ru_maxrss`` (it includes Django and the
warm-up, about 110 MiB).
"""

import argparse
import datetime
import os
import random
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.test")

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

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


def main() -> int:
    from renderpair import compare, describe

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="target length (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, alternating the order")
    parser.add_argument("--keep", type=Path, help="write the HTML and both PDFs here")
    args = parser.parse_args()

    raw = make_sections(args.pages)
    html = build_html(raw)
    print(
        f"WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]}, "
        f"{len(raw)} chapters, {len(html) / 1e6:.2f} MB HTML; each render in a fresh process"
    )
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        (args.keep / "document.html").write_text(html)
    result = compare(raw, rounds=max(1, args.rounds), app="build+render", keep=args.keep)
    for line in describe("builder + render vs bare WeasyPrint (PDF/A-3a)", result):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
