"""The app's renderer against bare WeasyPrint on the same HTML, like for like, for the benches.

    from renderpair import compare      # bench/*.py (bench/ is on sys.path when run as a script)
    result = compare(html, rounds=3)    # or: compare(raw_sections, rounds=3, app="build+render")

Like for like means: the same HTML string, the same stylesheet and fonts, the same PDF/A-3a
options (``documents.rendering.PDF_VARIANT``) and the same pydyf fix
(``documents.rendering._memoise_page_references``, applied in both), so the ratio shows what the
app adds around WeasyPrint (its sealed URL fetcher, dropping attachments, and for
``app="build+render"`` the builder's sanitising and the print template) and nothing else.

Each render runs in a **fresh interpreter of its own** (``python bench/renderpair.py --child``):
no path inherits the other's heap, caches or fragmentation, and the bench's own data (a large
project in the ORM) cannot slow the one that happens to run later. The child warms up
(fontconfig, Pango, hyphenation, templates) on a small document before it takes the time, and
reports wall-clock and CPU time (``time.process_time``, the steadier figure on a shared machine),
pages and its peak RSS. Rounds alternate the order (app first, then bare first, …) and the
result is the **median of the per-round ratios** app/bare: a noisy neighbour hits one round's
pair alike, and one bad round cannot carry the result.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
TARGET = 1.1  # issue 11 and 12: the app's render at most 1.1x bare WeasyPrint


def _setup_django():
    sys.path.insert(0, str(BASE_DIR))
    sys.path.insert(0, str(BENCH_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.test")
    import django

    django.setup()
    import logging

    # The bare run cannot load the template's root-relative <link> (it gets the stylesheet
    # through ``stylesheets=``); WeasyPrint logs that failure. Keep the output readable.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)


def _bare(html: str):
    """Bare WeasyPrint: the same HTML, the stylesheet by file, PDF/A-3a, pydyf memoised."""
    import weasyprint
    from django.conf import settings
    from django.contrib.staticfiles import finders

    from documents.rendering import PDF_VARIANT, _memoise_page_references

    _memoise_page_references()
    document = weasyprint.HTML(string=html, base_url=str(Path(settings.BASE_DIR) / "static"))
    rendered = document.render(
        stylesheets=[weasyprint.CSS(filename=finders.find("documents/print.css"))],
        pdf_variant=PDF_VARIANT,
    )
    return rendered.write_pdf(pdf_variant=PDF_VARIANT), len(rendered.pages)


def _app(html: str):
    from documents.rendering import render

    result = render(html)
    return result.data, result.pages


def _build_and_app(raw_sections: list[dict]):
    from render import build_html  # bench/render.py: what a builder does

    return _app(build_html(raw_sections))


def _child(path: str, source: Path, out: Path | None) -> dict:
    _setup_django()
    payload = source.read_text()
    warm = "<!doctype html><html lang='nl'><body><h1>Warm</h1><p>op</p></body></html>"
    if path == "build+render":
        raw = json.loads(payload)
        function = _build_and_app
        _build_and_app(raw[:1])
    else:
        raw = payload
        function = _app if path == "app" else _bare
        function(warm)
    import gc

    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    pdf, pages = function(raw)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    if out:
        out.write_bytes(pdf)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall": wall, "cpu": cpu, "pages": pages, "bytes": len(pdf), "maxrss": maxrss}


def run_child(path: str, source: Path, out: Path | None = None) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", path, str(source)]
    if out:
        command += ["--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"render child {path} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(source, rounds: int = 3, app: str = "app", keep: Path | None = None) -> dict:
    """Render ``source`` (HTML; or raw sections for ``app="build+render"``, whose bare side gets
    the HTML the builder makes of them) ``rounds`` times each way; returns the rounds and the
    medians of the per-round ratios ("wall" and "cpu")."""
    with tempfile.TemporaryDirectory(prefix="renderpair-") as tmp:
        tmp = Path(tmp)
        app_source = tmp / "app.input"
        bare_source = tmp / "bare.html"
        if app == "build+render":
            _setup_django()
            from render import build_html

            app_source.write_text(json.dumps(source))
            bare_source.write_text(build_html(source))
        else:
            app_source.write_text(source)
            bare_source.write_text(source)
        results = []
        for number in range(rounds):
            order = ("app", "bare") if number % 2 == 0 else ("bare", "app")
            pair = {}
            for side in order:
                out = keep / f"{side}.pdf" if keep and number == 0 else None
                if side == "app":
                    pair[side] = run_child(app, app_source, out)
                else:
                    pair[side] = run_child("bare", bare_source, out)
            pair["ratio"] = {k: pair["app"][k] / pair["bare"][k] for k in ("wall", "cpu")}
            pair["order"] = order
            results.append(pair)
    return {
        "rounds": results,
        "ratio": {k: statistics.median(r["ratio"][k] for r in results) for k in ("wall", "cpu")},
        "pages": {r[side]["pages"] for r in results for side in ("app", "bare")},
    }


def describe(name: str, result: dict, target: float = TARGET) -> list[str]:
    """Lines for a bench's output: each round, then the medians against the target."""
    lines = []
    for number, pair in enumerate(result["rounds"], start=1):
        app, bare = pair["app"], pair["bare"]
        lines.append(
            f"  {name} round {number} ({' first, '.join(pair['order'])} second): "
            f"app {app['wall']:.2f} s wall {app['cpu']:.2f} s CPU, "
            f"bare {bare['wall']:.2f} s wall {bare['cpu']:.2f} s CPU; "
            f"app/bare {pair['ratio']['wall']:.3f} wall {pair['ratio']['cpu']:.3f} CPU; "
            f"{app['pages']} pages, peak RSS app {app['maxrss']:.0f} / bare "
            f"{bare['maxrss']:.0f} MiB"
        )
    cpu, wall = result["ratio"]["cpu"], result["ratio"]["wall"]
    verdict = "met" if cpu <= target else "NOT met"
    pages = "/".join(str(p) for p in sorted(result["pages"]))
    lines.append(
        f"{name}: {pages} pages; median of per-round app/bare = {cpu:.3f} CPU, {wall:.3f} wall "
        f"<- the {target}x target on CPU time ({verdict})"
    )
    if len(result["pages"]) != 1:
        lines.append(f"WARNING: {name}: page counts differ, the layouts are not the same")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", choices=("app", "bare", "build+render"), required=True)
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    print(json.dumps(_child(args.child, args.source, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
