"""Export and import of an analysis: one table (CSV or XLSX) of factors and links, JSON in the
shape Kumu reads (``elements`` and ``connections``), and GraphML (yEd, Gephi).

Every export imports again into an analysis (round trip). An import is all or nothing: every
row is checked first and each problem is reported in Dutch with its row (or its element);
only a file without problems is written, in one transaction. At most ``FACTOR_IMPORT_MAX``
factors per file.

Quotes: an export names the fragments a factor cites (their numbers, so the import can cite
them again) and carries the quotes only as their consent allows — a fragment without consent
to quote is named, never quoted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record
from processteps.tabular import (
    TableFormat,
    parse_yes_no,
    raise_problems,
    read_table,
    write_csv,
    write_xlsx,
)

from ..models import (
    CausalAnalysis,
    CausalComplex,
    CausalFactor,
    CausalLink,
    Confidence,
    Evidence,
    FactorKind,
    Polarity,
)
from ..selectors import AnalysisData
from .analyses import lock_analysis, require_editable, sync_if_team
from .factors import clean_statement

FACTOR_IMPORT_MAX = 2000
LINK_IMPORT_MAX = 10000
FACTOR, LINK = "factor", "verband"

TABLE = TableFormat(
    headers=("regel", "sleutel", "stelling", "soort", "toelichting", "complex", "oorzaak",
             "gevolg", "richting", "zekerheid", "onderbouwing", "lus", "fragmenten"),
    required=("regel",),
    aliases={"type": "regel", "id": "sleutel", "statement": "stelling", "kind": "soort",
             "from": "oorzaak", "to": "gevolg", "bron": "oorzaak", "doel": "gevolg"},
    ignored=frozenset({"bewijs"}),
    noun="factoren of verbanden",
    max_rows=FACTOR_IMPORT_MAX + LINK_IMPORT_MAX,
)  # fmt: skip
EXPORT_HEADERS = (*TABLE.headers, "bewijs")

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
JSON_FORMAT = "samenleving-oorzakelijk-complex"


def _labels(choices) -> dict:
    """Codes, Dutch labels and English labels of a TextChoices, each to the code."""
    from django.utils import translation

    result = {}
    for code, label in choices.choices:
        result[code.casefold()] = code
        result[str(label).casefold()] = code
        with translation.override("en"):
            result[str(label).casefold()] = code
        with translation.override("nl"):
            result[str(label).casefold()] = code
    return result


KINDS = _labels(FactorKind) | {"grondoorzaken": FactorKind.ROOT_CAUSE, "root cause": "root_cause"}
POLARITIES = _labels(Polarity) | {"+": Polarity.STRENGTHENS, "-": Polarity.WEAKENS, "": None}
CONFIDENCES = _labels(Confidence) | {"": None}


# -- export ------------------------------------------------------------------------------------


def _citations(factor_or_link) -> tuple[str, str]:
    """(fragment numbers, quotes as consent allows) of a factor or link."""
    numbers = ", ".join(str(e.fragment_id) for e in factor_or_link.evidence_list)
    quotes = " | ".join(
        f"“{e.fragment.text}” ({e.attribution})"
        if e.publishable
        else str(_("[fragment %(number)s: niet citeerbaar]") % {"number": e.fragment_id})
        for e in factor_or_link.evidence_list
    )
    return numbers, quotes


def _key(factor) -> str:
    return f"F{factor.pk}"


def table_rows(analysis: CausalAnalysis) -> list[list[str]]:
    data = AnalysisData(analysis, evidence=True)
    rows = []
    for factor in data.factors:
        numbers, quotes = _citations(factor)
        rows.append(
            [FACTOR, _key(factor), factor.statement, factor.get_kind_display().lower(),
             factor.description, factor.complex.name if factor.complex else "", "", "", "", "",
             "", "", numbers, quotes]
        )  # fmt: skip
    for link in data.links:
        numbers, quotes = _citations(link)
        rows.append(
            [LINK, "", "", "", "", "", _key(link.source), _key(link.target),
             link.get_polarity_display(), link.get_confidence_display(), link.rationale,
             "ja" if link.is_reinforcing_loop else "nee", numbers, quotes]
        )  # fmt: skip
    return rows


def export_csv(analysis) -> bytes:
    return write_csv(EXPORT_HEADERS, table_rows(analysis))


def export_xlsx(analysis) -> bytes:
    return write_xlsx([(_("Oorzakelijk complex"), EXPORT_HEADERS, table_rows(analysis))])


def export_json(analysis) -> bytes:
    """The model as JSON that Kumu imports (``elements``, ``connections``), with the fields
    this app needs to import it again."""
    data = AnalysisData(analysis, evidence=True)

    def evidence(item):
        entries = []
        for e in item.evidence_list:
            entry = {"fragment": e.fragment_id, "note": e.note}
            if e.publishable:
                entry.update(quote=e.fragment.text, attribution=e.attribution)
            entries.append(entry)
        return entries

    payload = {
        "format": JSON_FORMAT,
        "version": 1,
        "problem_statement": analysis.problem_statement,
        "complexes": [{"name": c.name, "description": c.description} for c in data.complexes],
        "elements": [
            {
                "id": _key(f),
                "label": f.statement,
                "type": f.get_kind_display(),
                "kind": f.kind,
                "description": f.description,
                "complex": f.complex.name if f.complex else "",
                "evidence": evidence(f),
            }
            for f in data.factors
        ],
        "connections": [
            {
                "from": _key(link.source),
                "to": _key(link.target),
                "direction": "directed",
                "type": link.get_polarity_display(),
                "polarity": link.polarity,
                "confidence": link.confidence,
                "rationale": link.rationale,
                "reinforcing_loop": link.is_reinforcing_loop,
                "evidence": evidence(link),
            }
            for link in data.links
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode()


def export_graphml(analysis) -> bytes:
    data = AnalysisData(analysis, evidence=True)
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    keys = [
        ("label", "node"), ("kind", "node"), ("description", "node"), ("complex", "node"),
        ("fragments", "node"), ("evidence", "node"), ("polarity", "edge"),
        ("confidence", "edge"), ("rationale", "edge"), ("loop", "edge"), ("fragments", "edge"),
    ]  # fmt: skip
    for name, scope in keys:
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": "string"},
        )
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "G", "edgedefault": "directed"})

    def put(parent, key, value):
        if value:
            ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": key}).text = str(value)

    for factor in data.factors:
        node = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": _key(factor)})
        numbers, quotes = _citations(factor)
        put(node, "node_label", factor.statement)
        put(node, "node_kind", factor.kind)
        put(node, "node_description", factor.description)
        put(node, "node_complex", factor.complex.name if factor.complex else "")
        put(node, "node_fragments", numbers)
        put(node, "node_evidence", quotes)
    for link in data.links:
        edge = ET.SubElement(
            graph,
            f"{{{GRAPHML_NS}}}edge",
            {"id": f"L{link.pk}", "source": _key(link.source), "target": _key(link.target)},
        )
        put(edge, "edge_polarity", link.polarity)
        put(edge, "edge_confidence", link.confidence)
        put(edge, "edge_rationale", link.rationale)
        put(edge, "edge_loop", "ja" if link.is_reinforcing_loop else "")
        put(edge, "edge_fragments", _citations(link)[0])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# -- import ------------------------------------------------------------------------------------


@dataclass
class Parsed:
    """A file read into plain records, each with where it came from (for the messages)."""

    factors: list = field(default_factory=list)  # (where, key, fields, fragment ids)
    links: list = field(default_factory=list)  # (where, source key, target key, fields, ids)
    complexes: dict = field(default_factory=dict)  # name → description


def _fragment_ids(text: str) -> list[str]:
    return [part.strip().lstrip("#") for part in str(text or "").replace(";", ",").split(",")
            if part.strip()]  # fmt: skip


def _parse_table(upload) -> Parsed:
    _headers, rows = read_table(upload, TABLE)
    parsed = Parsed()
    problems = []
    for number, row in rows:
        where = _("Rij %(row)s") % {"row": number}
        kind = row.get("regel", "").strip().casefold()
        if kind in (FACTOR, "factoren"):
            parsed.factors.append(
                (where, row.get("sleutel", "").strip() or f"rij-{number}", {
                    "statement": row.get("stelling", ""),
                    "kind": row.get("soort", ""),
                    "description": row.get("toelichting", ""),
                    "complex": row.get("complex", "").strip(),
                }, _fragment_ids(row.get("fragmenten", "")))
            )  # fmt: skip
        elif kind in (LINK, "verbanden", "link", "relatie"):
            parsed.links.append(
                (where, row.get("oorzaak", "").strip(), row.get("gevolg", "").strip(), {
                    "polarity": row.get("richting", ""),
                    "confidence": row.get("zekerheid", ""),
                    "rationale": row.get("onderbouwing", ""),
                    "loop": row.get("lus", ""),
                }, _fragment_ids(row.get("fragmenten", "")))
            )  # fmt: skip
        else:
            problems.append(
                _("%(where)s: regel '%(value)s' is geen ‘factor’ of ‘verband’")
                % {"where": where, "value": row.get("regel", "")}
            )
    raise_problems(problems)
    return parsed


def _parse_json(upload) -> Parsed:
    upload.seek(0)
    try:
        payload = json.loads(upload.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(
            _("Het JSON-bestand kan niet worden gelezen: %(error)s") % {"error": exc}
        ) from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("elements"), list):
        raise ValidationError(
            _("Dit JSON-bestand heeft geen lijst ‘elements’ (de factoren); is het een export?")
        )
    connections = payload.get("connections") or []
    if not isinstance(connections, list):
        raise ValidationError(_("‘connections’ (de verbanden) moet een lijst zijn."))
    parsed = Parsed()

    def attribute(element, *names):
        """A field of an element or connection: at its top (our export) or under
        ``attributes`` (Kumu's own export, e.g. "element type")."""
        nested = element.get("attributes") if isinstance(element.get("attributes"), dict) else {}
        for name in names:
            for source in (element, nested):
                value = source.get(name)
                if value not in (None, ""):
                    return value
        return ""

    for complex_ in payload.get("complexes") or []:
        if isinstance(complex_, dict) and str(complex_.get("name", "")).strip():
            parsed.complexes[str(complex_["name"]).strip()] = str(complex_.get("description", ""))
    problems = []
    for number, element in enumerate(payload["elements"], start=1):
        where = _("Element %(number)s") % {"number": number}
        if not isinstance(element, dict):
            problems.append(_("%(where)s is geen object") % {"where": where})
            continue
        parsed.factors.append(
            (where, str(attribute(element, "id", "_id", "label") or f"e{number}"), {
                "statement": str(attribute(element, "label")),
                "kind": str(attribute(element, "kind", "type", "element type")),
                "description": str(attribute(element, "description")),
                "complex": str(attribute(element, "complex")).strip(),
            }, [str(e.get("fragment")) for e in element.get("evidence") or []
                if isinstance(e, dict) and e.get("fragment") is not None])
        )  # fmt: skip
    for number, connection in enumerate(connections, start=1):
        where = _("Verband %(number)s") % {"number": number}
        if not isinstance(connection, dict):
            problems.append(_("%(where)s is geen object") % {"where": where})
            continue
        parsed.links.append(
            (where, str(connection.get("from", "")), str(connection.get("to", "")), {
                "polarity": str(attribute(connection, "polarity", "type", "connection type")),
                "confidence": str(attribute(connection, "confidence")),
                "rationale": str(attribute(connection, "rationale", "description")),
                "loop": "ja" if connection.get("reinforcing_loop") else "",
            }, [str(e.get("fragment")) for e in connection.get("evidence") or []
                if isinstance(e, dict) and e.get("fragment") is not None])
        )  # fmt: skip
    raise_problems(problems)
    return parsed


def _parse_graphml(upload) -> Parsed:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    upload.seek(0)
    try:
        root = fromstring(upload.read())
    except (ET.ParseError, DefusedXmlException, ValueError) as exc:
        raise ValidationError(
            _("Het GraphML-bestand kan niet worden gelezen: %(error)s") % {"error": exc}
        ) from exc
    ns = {"g": GRAPHML_NS}
    names = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    if graph is None:
        raise ValidationError(_("Dit GraphML-bestand bevat geen graaf."))

    def values(element):
        return {names.get(d.get("key"), d.get("key")): (d.text or "") for d in
                element.findall("g:data", ns)}  # fmt: skip

    def node_label(node, data) -> str:
        """Our ``label`` data, else the text of a yEd ``NodeLabel`` (yEd's own files)."""
        if data.get("label", "").strip():
            return data["label"]
        texts = [e.text or "" for e in node.iter() if e.tag.endswith("NodeLabel")]
        return " ".join(t.strip() for t in texts if t.strip())

    parsed = Parsed()
    for number, node in enumerate(graph.findall("g:node", ns), start=1):
        data = values(node)
        parsed.factors.append(
            (_("Knoop %(number)s") % {"number": number}, node.get("id", f"n{number}"), {
                "statement": node_label(node, data),
                "kind": data.get("kind", ""),
                "description": data.get("description", ""),
                "complex": data.get("complex", "").strip(),
            }, _fragment_ids(data.get("fragments", "")))
        )  # fmt: skip
    for number, edge in enumerate(graph.findall("g:edge", ns), start=1):
        data = values(edge)
        parsed.links.append(
            (_("Verband %(number)s") % {"number": number}, edge.get("source", ""),
             edge.get("target", ""), {
                "polarity": data.get("polarity", ""),
                "confidence": data.get("confidence", ""),
                "rationale": data.get("rationale", ""),
                "loop": data.get("loop", ""),
            }, _fragment_ids(data.get("fragments", "")))
        )  # fmt: skip
    return parsed


def parse_upload(upload) -> Parsed:
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    name = (upload.name or "").lower()
    if name.endswith((".json", ".graphml", ".xml")) and upload.size > settings.UPLOAD_MAX_SIZE:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.UPLOAD_MAX_SIZE),
            },
            code="file_too_large",
        )
    if name.endswith(".json"):
        return _parse_json(upload)
    if name.endswith((".graphml", ".xml")):
        return _parse_graphml(upload)
    return _parse_table(upload)


@dataclass
class Imported:
    factors: int = 0
    links: int = 0


def analysis_import(*, actor, analysis: CausalAnalysis, upload) -> Imported:
    """Import a file into ``analysis``: all of it, or (with a list of Dutch problems) nothing."""
    parsed = parse_upload(upload)
    if len(parsed.factors) > FACTOR_IMPORT_MAX:
        raise ValidationError(
            _(
                "Het bestand heeft %(count)s factoren; er kunnen er hoogstens %(max)s per keer "
                "worden geïmporteerd. Splits het bestand."
            )
            % {"count": len(parsed.factors), "max": FACTOR_IMPORT_MAX},
            code="too_many",
        )
    if len(parsed.links) > LINK_IMPORT_MAX:
        raise ValidationError(
            _("Het bestand heeft %(count)s verbanden; hoogstens %(max)s per keer.")
            % {"count": len(parsed.links), "max": LINK_IMPORT_MAX},
            code="too_many",
        )
    if not parsed.factors and not parsed.links:
        raise ValidationError(_("Het bestand bevat geen factoren."), code="empty")
    from processteps.consultation.models import Fragment

    with transaction.atomic():
        analysis = lock_analysis(analysis)
        require_editable(analysis)
        project = analysis.project
        fragment_ids = set(Fragment.objects.filter(project=project).values_list("pk", flat=True))
        problems = []

        def fragments_of(where, ids):
            good = []
            for value in ids:
                if value.isdigit() and int(value) in fragment_ids:
                    good.append(int(value))
                else:
                    problems.append(
                        _("%(where)s: fragment '%(value)s' bestaat niet in dit project")
                        % {"where": where, "value": value}
                    )
            return list(dict.fromkeys(good))

        factors, by_key, complex_names = [], {}, {}
        for where, key, fields, ids in parsed.factors:
            try:
                statement = clean_statement(fields["statement"])
            except ValidationError as exc:
                problems.append(f"{where}: {exc.message_dict['statement'][0]}")
                statement = None
            kind = KINDS.get(fields["kind"].strip().casefold())
            if kind is None:
                problems.append(
                    _("%(where)s: soort '%(value)s' is geen symptoom, oorzaak of grondoorzaak")
                    % {"where": where, "value": fields["kind"]}
                )
            if key in by_key:
                problems.append(
                    _("%(where)s: de sleutel '%(key)s' staat er al eerder in")
                    % {"where": where, "key": key}
                )
            name = " ".join(fields["complex"].split())[:200]
            if name:
                complex_names.setdefault(name.casefold(), name)
            record = (
                statement,
                kind,
                fields["description"].strip(),
                name,
                fragments_of(where, ids),
            )
            by_key[key] = len(factors)
            factors.append(record)
        links, seen = [], set()
        for where, source, target, fields, ids in parsed.links:
            a, b = by_key.get(source), by_key.get(target)
            for end, index in ((source, a), (target, b)):
                if index is None:
                    problems.append(
                        _("%(where)s: de factor '%(key)s' staat niet in het bestand")
                        % {"where": where, "key": end}
                    )
            polarity = POLARITIES.get(fields["polarity"].strip().casefold(), "bad")
            confidence = CONFIDENCES.get(fields["confidence"].strip().casefold(), "bad")
            if polarity == "bad":
                problems.append(
                    _("%(where)s: richting '%(value)s' is niet ‘versterkt’ of ‘verzwakt’")
                    % {"where": where, "value": fields["polarity"]}
                )
            if confidence == "bad":
                problems.append(
                    _("%(where)s: zekerheid '%(value)s' is niet ‘laag’, ‘middel’ of ‘hoog’")
                    % {"where": where, "value": fields["confidence"]}
                )
            loop = parse_yes_no(fields["loop"], default=False)
            if loop is None:
                problems.append(
                    _("%(where)s: lus '%(value)s' is geen ja of nee")
                    % {"where": where, "value": fields["loop"]}
                )
            if a is not None and a == b:
                problems.append(
                    _("%(where)s: een factor kan niet naar zichzelf leiden") % {"where": where}
                )
            elif a is not None and b is not None:
                if (a, b) in seen:
                    problems.append(
                        _("%(where)s: dit verband staat er al eerder in") % {"where": where}
                    )
                seen.add((a, b))
            links.append(
                (a, b, polarity or Polarity.STRENGTHENS, confidence or Confidence.MEDIUM,
                 fields["rationale"].strip(), bool(loop), fragments_of(where, ids))
            )  # fmt: skip
        raise_problems(problems)

        complexes = {c.name.casefold(): c for c in analysis.complexes.all()}
        last = analysis.complexes.aggregate(m=Max("position"))["m"] or 0
        for folded, name in complex_names.items():
            if folded not in complexes:
                last += 1
                complexes[folded] = CausalComplex.objects.create(
                    analysis=analysis,
                    name=name,
                    description=parsed.complexes.get(name, ""),
                    position=last,
                )
        position = analysis.factors.aggregate(m=Max("position"))["m"] or 0
        made = CausalFactor.objects.bulk_create(
            CausalFactor(
                analysis=analysis,
                statement=statement,
                kind=kind,
                description=description,
                complex=complexes[name.casefold()] if name else None,
                position=position + index,
                created_by=actor,
            )
            for index, (statement, kind, description, name, _ids) in enumerate(factors, start=1)
        )
        made_links = CausalLink.objects.bulk_create(
            CausalLink(
                analysis=analysis,
                source=made[a],
                target=made[b],
                polarity=polarity,
                confidence=confidence,
                rationale=rationale,
                is_reinforcing_loop=loop,
                created_by=actor,
            )
            for a, b, polarity, confidence, rationale, loop, _ids in links
        )
        Evidence.objects.bulk_create(
            [
                Evidence(factor=factor, fragment_id=pk, added_by=actor)
                for factor, record in zip(made, factors, strict=True)
                for pk in record[4]
            ]
            + [
                Evidence(link=link, fragment_id=pk, added_by=actor)
                for link, record in zip(made_links, links, strict=True)
                for pk in record[6]
            ]
        )
        result = Imported(factors=len(made), links=len(made_links))
        audit_record(
            actor=actor,
            project=project,
            action="causalanalysis.imported",
            target=analysis,
            data={"factors": result.factors, "links": result.links},
        )
        sync_if_team(analysis)
    return result
