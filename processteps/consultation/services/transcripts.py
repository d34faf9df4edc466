"""Transcripts of interview recordings (Zoom, Microsoft Teams) parsed into passages.

Dependency-free: WebVTT (``.vtt``), SubRip (``.srt``) and plain text (``.txt``) are read into a
list of :class:`Passage` objects (start and end in seconds, speaker, plain text).

The parser is lenient where real exports deviate from the specifications (missing WebVTT header,
``,`` or ``.`` as the millisecond separator, missing blank lines between cues, one-digit minutes)
and strict where a mistake would silently corrupt the result: a time code that does not parse, or
a cue that ends before it starts, is refused with the line number, in Dutch.

Speakers are taken from WebVTT voice tags (``<v Jan de Vries>``) or from a ``Name: text`` prefix.
Such a prefix is only trusted when it looks like a name (at most five words, no sentence
punctuation, capitalised words or Dutch particles such as "de" and "van"), or when most cues of
the file carry a recurring prefix (Zoom writes one on every cue, whatever the name looks like).
"""

from __future__ import annotations

import html
import math
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "Passage",
    "format_timestamp",
    "parse_transcript",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
FORMATS = ("vtt", "srt", "text")


@dataclass(frozen=True)
class Passage:
    """One stretch of speech: a cue of a WebVTT/SRT file, or a paragraph or line of text."""

    index: int  # 0-based order
    start: float | None  # seconds
    end: float | None
    speaker: str  # "" when unknown
    text: str  # plain text, tags stripped, whitespace normalised


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def parse_transcript(
    data: bytes | str,
    filename: str = "",
    *,
    merge_speakers: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> tuple[str, list[Passage]]:
    """Return ``(format, passages)`` with format in {"vtt", "srt", "text"}.

    The format is recognised by content first (a ``WEBVTT`` header; numbered cues with
    ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` time codes), by the extension of ``filename`` second.
    With ``merge_speakers`` consecutive passages of the same (known) speaker become one passage
    from the first start to the last end. ``max_bytes=None`` lifts the size limit.

    Raises a ValidationError (a Dutch message) for an empty, binary, oversized or broken file.
    """
    text = _decode(data, max_bytes)
    fmt = _detect_format(text, filename)
    passages = _parse_text(text) if fmt == "text" else _parse_cues(text, fmt)
    if not passages:
        raise ValidationError(_("Het transcript bevat geen tekst."), code="transcript_no_text")
    if merge_speakers:
        passages = _merge_speakers(passages)
    return fmt, passages


def format_timestamp(seconds: float | None) -> str:
    """``83.4`` → ``"00:01:23"`` for display; ``""`` for None (or a value that is not finite)."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    # A small epsilon so that 82.99999999 (float arithmetic) still shows as 00:01:23.
    total = max(0, math.floor(seconds + 1e-6))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def _binary_error() -> ValidationError:
    return ValidationError(
        _("Dit is geen transcript: upload een WebVTT- (.vtt), SRT- (.srt) of tekstbestand (.txt)."),
        code="transcript_binary",
    )


def _bad_timestamp(line_no: int, value: str) -> ValidationError:
    return ValidationError(
        _("Regel %(line)s: ongeldige tijdcode '%(value)s'.") % {"line": line_no, "value": value},
        code="transcript_timestamp",
    )


def _no_cues(fmt: str) -> ValidationError:
    if fmt == "vtt":
        message = _("Het bestand is geen geldig WebVTT-bestand: geen enkel tijdvak gevonden.")
    else:
        message = _("Het bestand is geen geldig SRT-bestand: geen enkel tijdvak gevonden.")
    return ValidationError(message, code="transcript_no_cues")


# --------------------------------------------------------------------------------------------
# Decoding and format detection
# --------------------------------------------------------------------------------------------

# Files that are certainly not a transcript, recognised by their first bytes.
_BINARY_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # ZIP, docx, xlsx, odt
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE: doc, xls
    b"RIFF",  # WAV, AVI, WebP
    b"OggS",
    b"fLaC",
    b"ID3",  # MP3
    b"\x1a\x45\xdf\xa3",  # Matroska, WebM
    b"\x1f\x8b",  # gzip
)
# C0 control characters that never occur in text (tab, newlines, form feed and the DOS
# end-of-file marker \x1a are tolerated): more than 1% of them means binary data.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
# Dropped from passages: control characters, and invisible ones (zero-width space, direction
# marks &lrm; &rlm; and embeddings, word joiner, byte order mark, soft hyphen).
_STRIP_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def _decode(data: bytes | str, max_bytes: int | None) -> str:
    """Bytes or str → text with ``\\n`` line ends; refuses empty, oversized and binary data."""
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
    elif isinstance(data, bytes):
        size = len(data)
    else:
        raise TypeError(f"parse_transcript() expects bytes or str, not {type(data).__name__}")
    if max_bytes is not None and size > max_bytes:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="transcript_too_large",
        )

    if isinstance(data, bytes):
        if data.startswith(_BINARY_SIGNATURES) or data[4:8] == b"ftyp":  # ftyp: MP4, M4A, MOV
            raise _binary_error()
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Windows "Unicode")
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError:
                raise _binary_error()
        elif b"\x00" in data:
            raise _binary_error()
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError:
                    raise _binary_error()
    else:
        text = data
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    if not text.strip():
        raise ValidationError(_("Het bestand is leeg."), code="transcript_empty")
    if "\x00" in text or len(_CONTROL_RE.findall(text)) > len(text) // 100:
        raise _binary_error()
    return text


_VTT_HEADER_RE = re.compile(r"\A\s*WEBVTT(?=[ \t\n]|\Z)")
# A time code: [hours:]minutes:seconds[.fraction], "," tolerated for ".".
_TIMING_SHAPE = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d+)?"
_SRT_COMMA_TIMING_RE = re.compile(r"^[ \t]*\d+:\d{1,2}:\d{1,2},\d+[ \t]*-->", re.MULTILINE)
_NUMBERED_TIMING_RE = re.compile(
    rf"^[ \t]*\d+[ \t]*\n[ \t]*{_TIMING_SHAPE}[ \t]*-->[ \t]*{_TIMING_SHAPE}", re.MULTILINE
)
_ANY_TIMING_RE = re.compile(rf"^[ \t]*{_TIMING_SHAPE}[ \t]*-->[ \t]*{_TIMING_SHAPE}", re.MULTILINE)


def _detect_format(text: str, filename: str) -> str:
    """Content first (WEBVTT header, SRT time codes), the file's extension second."""
    ext = os.path.splitext(filename or "")[1].lower()
    if _VTT_HEADER_RE.match(text):
        return "vtt"
    if _SRT_COMMA_TIMING_RE.search(text):
        return "srt"  # "," before the milliseconds is SRT's own
    if ext != ".vtt" and _NUMBERED_TIMING_RE.search(text):
        return "srt"  # numbered cues with "." (tolerated), unless the name says WebVTT
    if ext in (".vtt", ".srt"):
        return ext[1:]
    if _ANY_TIMING_RE.search(text):
        return "vtt"  # cues without a header or numbers, whatever the file is called
    return "text"


# --------------------------------------------------------------------------------------------
# Time codes
# --------------------------------------------------------------------------------------------

_TIMESTAMP_RE = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d+))?")


def _parse_timestamp(value: str, line_no: int) -> float:
    """``"01:02:03.450"``, ``"02:03.450"``, ``"01:02:03,450"`` → seconds, or a ValidationError."""
    match = _TIMESTAMP_RE.fullmatch(value)
    if not match:
        raise _bad_timestamp(line_no, value)
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        raise _bad_timestamp(line_no, value)
    whole = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if not fraction:
        return float(whole)
    scale = 10 ** len(fraction)
    # Integer arithmetic, so that "00:00:05.230" gives exactly 5.23.
    return (whole * scale + int(fraction)) / scale


# "start --> end [settings]"; a line only counts as a timing line when its start looks like a
# time code (a digit and a colon), so that "2019 --> 2020" in a subtitle stays text.
_ARROW_RE = re.compile(r"^\s*(?P<start>\S+?)\s*-->\s*(?P<rest>.*)$")


def _is_timing_line(line: str) -> bool:
    match = _ARROW_RE.match(line)
    return bool(match) and ":" in match["start"] and any(ch.isdigit() for ch in match["start"])


def _parse_timing_line(line: str, line_no: int) -> tuple[float, float]:
    match = _ARROW_RE.match(line)
    assert match  # callers check _is_timing_line() first
    rest = match["rest"].split()
    if not rest:
        raise _bad_timestamp(line_no, line.strip())
    start_text, end_text = match["start"], rest[0]  # rest[1:]: cue settings, SRT coordinates
    start = _parse_timestamp(start_text, line_no)
    end = _parse_timestamp(end_text, line_no)
    if end < start:
        raise ValidationError(
            _("Regel %(line)s: de eindtijd '%(end)s' ligt vóór de begintijd '%(start)s'.")
            % {"line": line_no, "end": end_text, "start": start_text},
            code="transcript_end_before_start",
        )
    return start, end


# --------------------------------------------------------------------------------------------
# Cleaning cue text
# --------------------------------------------------------------------------------------------

# <rt> holds the annotation of a <ruby> base: dropped with its content.
_RUBY_TEXT_RE = re.compile(r"<rt(?:[\s.][^<>]*)?>.*?(?:</rt\s*>|(?=</ruby)|$)", re.I | re.S)
# The voice of a WebVTT span: <v Jan de Vries>, <v.loud Jan>, <v>.
_VOICE_RE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+(?P<name>[^<>\n]*))?>", re.I)
_LINE_BREAK_TAG_RE = re.compile(r"<br\s*/?>", re.I)
# Formatting tags of WebVTT and SRT (named ones only, so "<Jan>" or "a < b" survive).
_TAG_RE = re.compile(
    r"</?(?:b|i|u|s|c|v|lang|ruby|rt|font|span|em|strong|sub|sup|small|big|mark)"
    r"(?=[\s./>])[^<>]*>",
    re.I,
)
_TIMESTAMP_TAG_RE = re.compile(r"<\d+:[\d:.]*>")  # karaoke time stamps <00:00:01.000>
_ASS_TAG_RE = re.compile(r"\{\\[^{}]*\}")  # SRT position overrides such as {\an8}


def _normalise(text: str) -> str:
    """Drop invisible and control characters, collapse whitespace."""
    if text.isascii() and text.isprintable():  # the common case, quickly
        return " ".join(text.split())
    text = _INVISIBLE_RE.sub("", text)
    text = _STRIP_CONTROL_RE.sub(" ", text)
    return " ".join(text.split())


def _clean_markup(text: str) -> str:
    """Cue text → plain text: tags stripped, entities (&amp; &lt; &nbsp; &lrm; …) decoded."""
    text = _LINE_BREAK_TAG_RE.sub(" ", text)
    text = _TAG_RE.sub("", text)
    text = _TIMESTAMP_TAG_RE.sub("", text)
    text = _ASS_TAG_RE.sub("", text)
    return _normalise(html.unescape(text))


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------

# "Name: text" (also "Name:" alone on a line); the name is everything up to the first colon.
_LABEL_RE = re.compile(r"(?P<name>[^:\n]{1,80}?)\s*:(?:\s+(?P<rest>.*)|$)", re.S)
_PARENTHESES_RE = re.compile(r"\([^()]*\)")
_INITIALS_RE = re.compile(r"(?:\w{1,3}\.)+\w*")  # J. / J.P. / dr. / drs.
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_PUNCTUATION = set('?!;"“”„«»…:[]{}<>=+*#|\\')
# Particles of (Dutch and other) names, written in lower case inside a name.
_PARTICLES = {
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "'s", "la", "le",
    "du", "da", "di", "dos", "das", "do", "del", "della", "von", "vom", "zu", "y", "e", "bin",
    "ibn", "al", "el", "ben", "bint", "st.",
}  # fmt: skip
# First words of a sentence or of a heading that are not a speaker: "Let op:", "Datum:".
_NOT_A_SPEAKER = {
    "let", "kijk", "zie", "stel", "ook", "dus", "nou", "maar", "en", "of", "want", "dan", "toen",
    "ja", "nee", "oké", "oke", "ok", "okay", "goed", "kortom", "oftewel", "namelijk",
    "bijvoorbeeld", "bijv.", "bv.", "zoals", "noot", "opmerking", "tip", "conclusie",
    "samenvatting", "datum", "tijd", "locatie", "plaats", "onderwerp", "titel", "duur",
    "deelnemers", "aanwezig", "aanwezigen", "afwezig", "agenda", "actie", "actiepunt",
    "actiepunten", "besluit", "dit", "dat", "die", "deze", "wat", "wie", "waar", "waarom",
    "hoe", "wanneer", "welke", "hier", "daar", "er", "zo", "eerst", "daarna", "vervolgens",
    "tot", "om", "met", "voor", "na", "bij", "uit", "over", "so", "but", "and", "well", "yes",
    "no", "note", "example", "date", "time", "subject", "title", "re", "fw", "http", "https",
    "mailto", "ps", "p.s.",
}  # fmt: skip


def _split_label(line: str) -> tuple[str, str] | None:
    """``"Jan de Vries: Goedemorgen"`` → ``("Jan de Vries", "Goedemorgen")`` when name-shaped."""
    match = _LABEL_RE.match(line)
    if not match:
        return None
    name = " ".join(match["name"].split())
    if not _name_shaped(name):
        return None
    return name, (match["rest"] or "").strip()


def _name_shaped(name: str) -> bool:
    """Up to five words, no sentence punctuation, at least one letter, not a discourse word."""
    if not name or len(name) > 60 or name[0] in "-–—(":
        return False
    bare = _PARENTHESES_RE.sub(" ", name)  # "Jan de Vries (hij/hem)": anything in parentheses
    words = bare.split()
    if not 1 <= len(words) <= 5 or "(" in bare or ")" in bare:
        return False
    if any(ch in _NAME_PUNCTUATION for ch in bare) or bare.count(",") > 1:
        return False
    if not any(ch.isalpha() for ch in bare):
        return False
    if words[0].lower().rstrip(",") in _NOT_A_SPEAKER:
        return False
    for word in words:
        word = word.rstrip(",")
        if "." in word and not (_INITIALS_RE.fullmatch(word) or _EMAIL_RE.fullmatch(word)):
            return False
    if "," in bare:  # "Vries, Jan de" only when it is clearly a name
        return _name_like(name)
    return True


def _name_like(name: str) -> bool:
    """Capitalised words (or particles, numbers, initials): "Jan de Vries", "Spreker 2", "R"."""
    words = [w.rstrip(",") for w in _PARENTHESES_RE.sub(" ", name).split()]
    capitalised = 0
    for word in words:
        if any(ch.isupper() for ch in word) or _EMAIL_RE.fullmatch(word):
            capitalised += 1
        elif word.lower() not in _PARTICLES and not word.lstrip("#").isdigit():
            return False
    return capitalised > 0


class _SpeakerPolicy:
    """Decides which name-shaped prefixes of a file are speakers.

    A prefix that looks like a name ("Jan de Vries", "Interviewer") always counts. Any other
    name-shaped prefix ("jan", "iemand anders") counts only when at least half of the units
    (cues, lines) of the file start with a recurring prefix: the file is then labelled
    throughout, as Zoom's transcripts are.
    """

    def __init__(self, first_labels: Iterable[str | None], all_labels: Iterable[str]):
        counts = Counter(all_labels)
        firsts = list(first_labels)
        recurring = sum(1 for name in firsts if name is not None and counts[name] >= 2)
        self.labelled_file = recurring >= 2 and recurring * 2 >= len(firsts)

    def accepts(self, name: str) -> bool:
        return self.labelled_file or _name_like(name)


# --------------------------------------------------------------------------------------------
# WebVTT and SRT
# --------------------------------------------------------------------------------------------


@dataclass
class _Cue:
    start: float
    end: float
    lines: list[str] = field(default_factory=list)  # raw text lines, markup included


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Lines grouped into blocks separated by blank lines, each line with its 1-based number."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped and (stripped.isascii() or _normalise(stripped)):
            current.append((line_no, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_vtt_meta_block(block: list[tuple[int, str]]) -> bool:
    """NOTE, STYLE and REGION blocks (unless the keyword is the identifier of a cue)."""
    first = block[0][1].strip()
    keyword = first.split(maxsplit=1)[0]
    if not (keyword == "NOTE" or first in ("STYLE", "REGION")):
        return False
    return not (len(block) > 1 and _is_timing_line(block[1][1]))


def _read_cues(text: str, fmt: str) -> list[_Cue]:
    cues: list[_Cue] = []
    for block in _blocks(text):
        if fmt == "vtt" and _is_vtt_meta_block(block):
            continue
        timings = [i for i, (_n, line) in enumerate(block) if _is_timing_line(line)]
        if not timings:
            # Text after a blank line inside a cue belongs to that cue; before the first cue it
            # is the header (or junk), a lone number is the identifier of a cue that never came.
            if cues and not (len(block) == 1 and block[0][1].strip().isdigit()):
                cues[-1].lines.extend(line for _n, line in block)
            continue
        # Lines before the first timing line: the header, the cue identifier (Zoom: "1",
        # Teams: "3b5e…/12-0", SRT: the cue number); not part of any text. Several timing
        # lines in one block: cues without blank lines between them.
        for k, t in enumerate(timings):
            line_no, line = block[t]
            start, end = _parse_timing_line(line, line_no)
            stop = timings[k + 1] if k + 1 < len(timings) else len(block)
            if stop < len(block) and stop - 1 > t and block[stop - 1][1].strip().isdigit():
                stop -= 1  # the number of the next cue
            cues.append(_Cue(start, end, [raw for _n, raw in block[t + 1 : stop]]))
    return cues


# One cue split by voice: (voice or None, cleaned lines).
_Voiced = tuple[str | None, list[str]]


def _voices(raw_lines: list[str]) -> list[_Voiced]:
    """A cue's text split at its voice tags; each part's lines cleaned of markup."""
    raw = _RUBY_TEXT_RE.sub("", "\n".join(raw_lines))
    parts: list[_Voiced] = []
    voice: str | None = None
    pos = 0
    for match in _VOICE_RE.finditer(raw):
        parts.append((voice, raw[pos : match.start()].split("\n")))
        voice = _normalise(html.unescape(match["name"] or ""))
        pos = match.end()
    parts.append((voice, raw[pos:].split("\n")))
    cleaned = []
    for voice, lines in parts:
        lines = [clean for clean in map(_clean_markup, lines) if clean]
        if lines:
            cleaned.append((voice, lines))
    return cleaned


def _segments(parts: list[_Voiced], policy: _SpeakerPolicy) -> list[tuple[str, list[str]]]:
    """(speaker, texts) of one cue: its voices, and "Name: text" labels on unvoiced lines."""
    segments: list[tuple[str | None, list[str]]] = []
    for voice, lines in parts:
        if voice is not None:
            segments.append((voice, list(lines)))
            continue
        for line in lines:
            label = _split_label(line)
            # Zoom labels the first line of a cue; further down only a real name counts.
            accepts = policy.accepts if not segments else _name_like
            if label and accepts(label[0]):
                segments.append((label[0], [label[1]] if label[1] else []))
            elif segments:
                segments[-1][1].append(line)  # continues the speaker before it in this cue
            else:
                segments.append((None, [line]))
    merged: list[tuple[str, list[str]]] = []
    for speaker, texts in segments:
        speaker = speaker or ""
        if merged and merged[-1][0] == speaker:
            merged[-1][1].extend(texts)
        else:
            merged.append((speaker, list(texts)))
    return [(speaker, texts) for speaker, texts in merged if any(texts)]


def _parse_cues(text: str, fmt: str) -> list[Passage]:
    cues = _read_cues(text, fmt)
    if not cues:
        raise _no_cues(fmt)
    voiced = [(cue, _voices(cue.lines)) for cue in cues]

    first_labels: list[str | None] = []
    all_labels: list[str] = []
    for _cue, parts in voiced:
        unvoiced = [line for voice, lines in parts if voice is None for line in lines]
        labels = [label[0] for label in map(_split_label, unvoiced) if label]
        all_labels.extend(labels)
        if unvoiced:
            first = _split_label(unvoiced[0])
            first_labels.append(first[0] if first else None)
    policy = _SpeakerPolicy(first_labels, all_labels)

    passages: list[Passage] = []
    for cue, parts in voiced:
        for speaker, texts in _segments(parts, policy):
            passages.append(
                Passage(len(passages), cue.start, cue.end, speaker, " ".join(t for t in texts if t))
            )
    return passages


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------

# "[00:01:23]" or "(01:23)" at the start of a line, perhaps followed by "-", "|" or ":".
_BRACKETED_TS_RE = re.compile(r"[\[(](?P<ts>\d+(?::\d+){1,2}(?:[.,]\d+)?)[\])]\s*[-–—|:]?\s*")
# "00:01:23" at the start of a line, followed by a space, " - ", " | " or the end of the line.
_BARE_TS_RE = re.compile(r"(?P<ts>\d+(?::\d+){1,2}(?:[.,]\d+)?)(?:\s*[-–—|]\s+|\s+|$)")
# A heading "Jan de Vries   0:03" (Teams' Word transcript saved as text).
_HEADING_RE = re.compile(r"(?P<name>\S.*?)\s+(?P<ts>\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?)")


@dataclass
class _Line:
    start: float | None
    speaker: str | None  # None: no speaker on this line
    text: str  # "" for a heading such as "Jan de Vries:" or "Jan de Vries   0:03"


def _read_line(line_no: int, raw: str, accepts) -> _Line:
    """Split a line of a text transcript into its time stamp, speaker and text.

    ``accepts(name)`` tells whether a name-shaped label is a speaker in this file.
    """
    line = _normalise(raw)
    if ":" not in line:  # no time stamp, label or heading: most lines of a transcript
        return _Line(None, None, line)
    heading = _HEADING_RE.fullmatch(line)
    if heading and _name_shaped(heading["name"]) and accepts(heading["name"]):
        try:
            return _Line(_parse_timestamp(heading["ts"], line_no), heading["name"], "")
        except ValidationError:
            pass  # "Afspraak om 10:75": text after all
    start = None
    match = _BRACKETED_TS_RE.match(line)
    if match:
        start = _parse_timestamp(match["ts"], line_no)
        line = line[match.end() :]
    else:
        match = _BARE_TS_RE.match(line)
        # A bare time stamp counts when it is a full "00:01:23" or a speaker follows it:
        # "10:30 uur begon de vergadering" is text.
        if match and (match["ts"].count(":") == 2 or _split_label(line[match.end() :])):
            start = _parse_timestamp(match["ts"], line_no)
            line = line[match.end() :]
    label = _split_label(line)
    if label and accepts(label[0]):
        return _Line(start, label[0], label[1])
    return _Line(start, None, line)


def _parse_text(text: str) -> list[Passage]:
    blocks = _blocks(text)
    # First read every line accepting any name-shaped label, to learn whether the file is
    # labelled throughout; then read it again with that knowledge.
    drafts = [[_read_line(n, raw, lambda _name: True) for n, raw in block] for block in blocks]
    labels = [line.speaker for paragraph in drafts for line in paragraph]
    policy = _SpeakerPolicy(labels, filter(None, labels))
    # Only a line with a label can read differently the second time.
    paragraphs = [
        [
            draft if draft.speaker is None else _read_line(n, raw, policy.accepts)
            for draft, (n, raw) in zip(paragraph, block, strict=True)
        ]
        for paragraph, block in zip(drafts, blocks, strict=True)
    ]
    lines = [line for paragraph in paragraphs for line in paragraph]

    if all(line.start is None and line.speaker is None for line in lines):
        # No time stamps or speakers: a passage per paragraph, or per line when the file has
        # no blank lines at all.
        groups = [[line] for line in paragraphs[0]] if len(paragraphs) == 1 else paragraphs
        texts = [" ".join(line.text for line in group if line.text) for group in groups]
        return [Passage(i, None, None, "", text) for i, text in enumerate(filter(None, texts))]

    # Each time stamp or speaker starts a passage; other lines continue it, a blank line ends
    # it. A label alone on its line is a heading for the text below it; a speaker heading
    # holds until the next speaker ("Respondent:" above several paragraphs).
    passages: list[Passage] = []
    start: float | None = None  # of the passage being read, or of a heading above it
    speaker: str | None = None
    texts: list[str] = []
    heading_speaker: str | None = None

    def flush() -> None:
        nonlocal start, speaker, texts
        if texts:
            passages.append(Passage(len(passages), start, None, speaker or "", " ".join(texts)))
            start, speaker, texts = None, None, []

    for paragraph in paragraphs:
        for line in paragraph:
            labelled = line.start is not None or line.speaker is not None
            if labelled:
                flush()
                if line.start is not None:
                    start = line.start
                if line.speaker is not None:
                    heading_speaker = line.speaker if not line.text else None
                    speaker = line.speaker
            if not line.text:
                continue
            if not texts and speaker is None:
                speaker = heading_speaker
            texts.append(line.text)
        flush()
    return passages


# --------------------------------------------------------------------------------------------
# Merging
# --------------------------------------------------------------------------------------------


def _merge_speakers(passages: list[Passage]) -> list[Passage]:
    """Consecutive passages of the same known speaker → one (unknown speakers stay apart)."""
    merged: list[Passage] = []
    for passage in passages:
        previous = merged[-1] if merged else None
        if previous and passage.speaker and passage.speaker == previous.speaker:
            merged[-1] = replace(
                previous,
                start=previous.start if previous.start is not None else passage.start,
                end=passage.end if passage.end is not None else previous.end,
                text=f"{previous.text} {passage.text}",
            )
        else:
            merged.append(replace(passage, index=len(merged)))
    return merged
