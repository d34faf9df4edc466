"""Transcripts of Zoom and Teams recordings: WebVTT, SRT and plain text into passages.

Pure parsing: no database. Fixture files live in data/transcripts/.
"""

import dataclasses
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from processteps.consultation.services.transcripts import (
    DEFAULT_MAX_BYTES,
    Passage,
    format_timestamp,
    parse_transcript,
)

DATA = Path(__file__).parent / "data" / "transcripts"

NOT_A_TRANSCRIPT = (
    "Dit is geen transcript: upload een WebVTT- (.vtt), SRT- (.srt) of tekstbestand (.txt)."
)
NO_VTT_CUES = "Het bestand is geen geldig WebVTT-bestand: geen enkel tijdvak gevonden."
NO_SRT_CUES = "Het bestand is geen geldig SRT-bestand: geen enkel tijdvak gevonden."

# The first bytes of real images: a 1x1 PNG and a JFIF JPEG.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00H\x00H\x00\x00\xff\xdb\x00C\x00\x08\x06"
    b"\x06\x07\x06\x05\x08\x07\x07\x07\t\t\x08\n\x0c\x14\r\x0c\x0b\x0b\x0c\x19\x12\x13\x0f"
)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def speakers(passages):
    return [p.speaker for p in passages]


def texts(passages):
    return [p.text for p in passages]


def refusal(data, filename="", **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_transcript(data, filename, **kwargs)
    return info.value


# --------------------------------------------------------------------------------------------
# Zoom: WebVTT with numeric cue ids and "Name: text" speakers
# --------------------------------------------------------------------------------------------


def test_zoom_vtt_passages():
    fmt, passages = parse_transcript(read("zoom_interview.vtt"), "GMT20240312-140312_Recording.vtt")

    assert fmt == "vtt"
    assert len(passages) == 7
    assert [p.index for p in passages] == list(range(7))
    assert speakers(passages) == [
        "Annelies Bakker",
        "Mohamed El Idrissi",
        "Mohamed El Idrissi",
        "Annelies Bakker",
        "iPhone van Kees",
        "Mohamed El Idrissi",
        "kees",  # lower case, but every cue of a Zoom file carries a speaker
    ]
    assert passages[0] == Passage(
        index=0,
        start=1.25,
        end=6.48,
        speaker="Annelies Bakker",
        text="Goedemiddag, fijn dat u tijd heeft voor dit interview over de buurt.",
    )
    # Two lines joined with a space, &amp; decoded.
    assert passages[2].text == (
        "Wat mij vooral opvalt, is dat de speeltuin al maanden dicht is & niemand weet waarom."
    )
    # Only the first "Name:" of a cue is the speaker.
    assert passages[3].text == "Dus het punt is: niemand informeert de bewoners?"
    assert (passages[5].start, passages[5].end) == (24.3, 62.75)


def test_zoom_vtt_merged_by_speaker():
    _fmt, passages = parse_transcript(read("zoom_interview.vtt"), "zoom.vtt", merge_speakers=True)

    assert len(passages) == 6
    assert [p.index for p in passages] == list(range(6))
    merged = passages[1]
    assert merged.speaker == "Mohamed El Idrissi"
    assert (merged.start, merged.end) == (6.9, 15.03)
    assert merged.text.startswith("Graag gedaan. Ik woon hier nu twaalf jaar. Wat mij vooral")
    assert merged.text.endswith("niemand weet waarom.")


def test_merging_keeps_unknown_speakers_apart():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\neen\n\n00:02.000 --> 00:03.000\ntwee\n"
    _fmt, passages = parse_transcript(data, merge_speakers=True)
    assert texts(passages) == ["een", "twee"]


# --------------------------------------------------------------------------------------------
# Teams: WebVTT with a BOM, CRLF, GUID ids, voice tags, cue settings, NOTE and STYLE blocks
# --------------------------------------------------------------------------------------------


def test_teams_fixture_is_what_teams_writes():
    data = read("teams_interview.vtt")
    assert data.startswith(b"\xef\xbb\xbfWEBVTT\r\n")
    assert b"\r\n" in data and b"\n\n" not in data


def test_teams_vtt_passages():
    fmt, passages = parse_transcript(read("teams_interview.vtt"), "Interview buurthuis.vtt")

    assert fmt == "vtt"
    assert len(passages) == 4
    assert speakers(passages) == [
        "Annelies Bakker",
        "Sanne de Vries-Jansen",
        "Sanne de Vries-Jansen",  # <v.loud …>: the class is not part of the name
        "Annelies Bakker",
    ]
    assert texts(passages) == [
        "Goedemorgen, welkom bij het gesprek.",
        "Dank u. Ik ben erg benieuwd naar de plannen voor het buurthuis.",
        "En de parkeerplaatsen zijn <echt> een probleem!",
        "Dank u wel.",
    ]
    assert [(p.start, p.end) for p in passages] == [
        (3.512, 7.201),
        (7.65, 12.004),
        (12.5, 15.0),
        (3723.1, 3727.9),
    ]
    # NOTE and STYLE blocks leave no trace.
    assert not any("Transcript" in t or "color" in t or "gepauzeerd" in t for t in texts(passages))


def test_teams_vtt_recognised_by_content_whatever_the_name():
    fmt, passages = parse_transcript(read("teams_interview.vtt"), "transcript.txt")
    assert fmt == "vtt"
    assert len(passages) == 4


def test_teams_vtt_as_str_and_with_lone_cr():
    data = read("teams_interview.vtt").decode("utf-8-sig").replace("\r\n", "\r")
    fmt, passages = parse_transcript(data)
    assert fmt == "vtt"
    assert texts(passages)[0] == "Goedemorgen, welkom bij het gesprek."


def test_teams_vtt_merged_by_speaker():
    _fmt, passages = parse_transcript(read("teams_interview.vtt"), merge_speakers=True)
    assert speakers(passages) == ["Annelies Bakker", "Sanne de Vries-Jansen", "Annelies Bakker"]
    assert (passages[1].start, passages[1].end) == (7.65, 15.0)
    assert passages[1].text.endswith("buurthuis. En de parkeerplaatsen zijn <echt> een probleem!")


# --------------------------------------------------------------------------------------------
# WebVTT details
# --------------------------------------------------------------------------------------------


def test_vtt_short_timestamps_settings_and_header_text():
    data = (
        "WEBVTT - Gesprek met de wijkraad\n"
        "Kind: captions\n"
        "Language: nl\n"
        "\n"
        "00:05.230 --> 00:09.100 align:start position:10% line:0\n"
        "Eerste regel\n"
        "\n"
        "intro\n"
        "01:00.000 --> 01:01.500 vertical:rl\n"
        "Tweede regel\n"
    )
    fmt, passages = parse_transcript(data, "wijkraad.vtt")
    assert fmt == "vtt"
    assert [(p.start, p.end, p.text) for p in passages] == [
        (5.23, 9.1, "Eerste regel"),
        (60.0, 61.5, "Tweede regel"),
    ]


def test_vtt_tags_and_entities_are_stripped():
    data = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n"
        "<c.yellow.bg_blue>Dit</c> <b>is</b> <i>heel</i> <u>erg</u> "
        "<lang en>nice</lang> <ruby>漢<rt>kan</rt></ruby> "
        "<00:00:02.500>Tom&nbsp;&amp;&nbsp;Jerry &lt;3 &rlm;&lrm;\n"
    )
    _fmt, passages = parse_transcript(data)
    assert passages[0].text == "Dit is heel erg nice 漢 Tom & Jerry <3"


def test_vtt_several_voices_in_one_cue():
    data = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.000\n"
        "<v Jan de Vries>Wie is er aan de beurt?\n"
        "<v Fatima>Ik denk ik.</v>\n"
    )
    _fmt, passages = parse_transcript(data)
    assert [(p.speaker, p.text, p.start) for p in passages] == [
        ("Jan de Vries", "Wie is er aan de beurt?", 1.0),
        ("Fatima", "Ik denk ik.", 1.0),
    ]


def test_vtt_cue_with_only_markup_is_left_out():
    data = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n\n00:02.000 --> 00:03.000\n<v Jan>Hallo</v>\n"
    )
    _fmt, passages = parse_transcript(data)
    assert [(p.index, p.speaker, p.text) for p in passages] == [(0, "Jan", "Hallo")]


def test_vtt_without_header_is_accepted_by_extension():
    data = "1\n00:00:01.000 --> 00:00:02.000\nHallo\n"
    assert parse_transcript(data, "opname.vtt")[0] == "vtt"
    assert parse_transcript(data, "opname.VTT")[1][0].text == "Hallo"


def test_vtt_text_after_a_blank_line_stays_with_its_cue():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nJan: Eerste deel\n\nen tweede deel\n"
    _fmt, passages = parse_transcript(data)
    assert [(p.speaker, p.text) for p in passages] == [("Jan", "Eerste deel en tweede deel")]


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("Jan de Vries: Goedemorgen.", "Jan de Vries", "Goedemorgen."),
        ("J. van der Berg: Hallo.", "J. van der Berg", "Hallo."),
        ("Interviewer: Hoe gaat het?", "Interviewer", "Hoe gaat het?"),
        ("Spreker 2: Prima.", "Spreker 2", "Prima."),
        ("Jan de Vries (hij/hem): Ja.", "Jan de Vries (hij/hem)", "Ja."),
        ("Dit is een hele lange zin: nee.", "", "Dit is een hele lange zin: nee."),
        ("Nou, kijk: zo zit het.", "", "Nou, kijk: zo zit het."),
        ("Let op: de tijd loopt.", "", "Let op: de tijd loopt."),
        ("Wat denkt u? Jan: niets.", "", "Wat denkt u? Jan: niets."),
        ("Zie https://example.org voor meer.", "", "Zie https://example.org voor meer."),
        ("hij zei: kom maar.", "", "hij zei: kom maar."),
    ],
)
def test_speaker_prefix_only_when_it_looks_like_a_name(line, speaker, text):
    data = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{line}\n"
    _fmt, passages = parse_transcript(data)
    assert (passages[0].speaker, passages[0].text) == (speaker, text)


# --------------------------------------------------------------------------------------------
# SRT
# --------------------------------------------------------------------------------------------


def test_srt_passages():
    fmt, passages = parse_transcript(read("interview.srt"), "interview.srt")

    assert fmt == "srt"
    assert len(passages) == 5
    assert speakers(passages) == ["Interviewer", "Respondent", "Interviewer", "Respondent", ""]
    assert texts(passages) == [
        "Kunt u zich even voorstellen?",
        "Ik ben Henk, ik woon sinds 1998 in de Schilderswijk.",
        "En hoe bevalt dat?",
        "Goed, maar het wordt drukker.",
        "[gelach]",
    ]
    assert [(p.start, p.end) for p in passages] == [
        (1.0, 4.2),
        (4.6, 9.85),
        (10.1, 12.0),
        (12.3, 16.75),
        (17.0, 19.0),
    ]


def test_srt_recognised_by_content_under_any_name():
    for name in ("", "ondertitels.txt", "ondertitels.vtt", "ondertitels"):
        assert parse_transcript(read("interview.srt"), name)[0] == "srt"


def test_srt_with_dots_voice_tags_and_crlf():
    data = (
        b"1\r\n00:00:01.000 --> 00:00:02.500\r\n<v Henk>Hallo</v>\r\n\r\n"
        b"2\r\n00:00:03.000 --> 00:00:04.000\r\n{\\an8}Boven in beeld\r\n"
    )
    fmt, passages = parse_transcript(data, "henk.srt")
    assert fmt == "srt"
    assert [(p.speaker, p.text, p.end) for p in passages] == [
        ("Henk", "Hallo", 2.5),
        ("", "Boven in beeld", 4.0),
    ]


def test_srt_without_blank_lines_between_cues():
    data = (
        "1\n00:00:01,000 --> 00:00:02,000\nEen\n"
        "2\n00:00:02,000 --> 00:00:03,000\nTwee\n"
        "3\n00:00:03,000 --> 00:00:04,000\nDrie"
    )
    _fmt, passages = parse_transcript(data)
    assert [(p.start, p.text) for p in passages] == [(1.0, "Een"), (2.0, "Twee"), (3.0, "Drie")]


def test_cp1252_is_the_fallback_encoding():
    data = "1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé “De Hoek” – gesloten\r\n".encode("cp1252")
    _fmt, passages = parse_transcript(data, "oud.srt")
    assert passages[0].text == "Café “De Hoek” – gesloten"


def test_utf16_with_bom_is_read():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nJan: Hallo\n".encode("utf-16")
    _fmt, passages = parse_transcript(data)
    assert (passages[0].speaker, passages[0].text) == ("Jan", "Hallo")


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------


def test_text_passages():
    fmt, passages = parse_transcript(read("interview.txt"), "interview.txt")

    assert fmt == "text"
    assert [(p.start, p.end, p.speaker, p.text) for p in passages] == [
        (None, None, "", "Interview buurtbewoners Schilderswijk Datum: 12 maart 2024"),
        (5.0, None, "Interviewer", "Welkom. Kunt u vertellen hoe lang u hier woont?"),
        (12.0, None, "Respondent", "Sinds 1998. Daarvoor woonden we in Rotterdam-Zuid."),
        (83.0, None, "Interviewer", "En wat vindt u van de nieuwe plannen?"),
        (90.0, None, "Respondent", "Let op: ik ben niet tegen vernieuwing."),
        (None, None, "", "Opmerking van de interviewer: de respondent wilde anoniem blijven."),
    ]
    assert [p.index for p in passages] == list(range(6))


def test_text_merged_by_speaker():
    data = "Jan: Een.\nJan: Twee.\nPiet: Drie.\n"
    _fmt, passages = parse_transcript(data, "x.txt", merge_speakers=True)
    assert [(p.index, p.speaker, p.text) for p in passages] == [
        (0, "Jan", "Een. Twee."),
        (1, "Piet", "Drie."),
    ]


@pytest.mark.parametrize(
    ("line", "start", "speaker", "text"),
    [
        ("00:01:23 Jan: Hallo", 83.0, "Jan", "Hallo"),
        ("(01:23) - Jan: Hallo", 83.0, "Jan", "Hallo"),
        ("[1:02:03.5] Hallo", 3723.5, "", "Hallo"),
        ("01:23 Jan: Hallo", 83.0, "Jan", "Hallo"),
        ("10:30 uur begon de vergadering.", None, "", "10:30 uur begon de vergadering."),
    ],
)
def test_text_timestamps(line, start, speaker, text):
    _fmt, passages = parse_transcript(line, "x.txt")
    assert [(p.start, p.speaker, p.text) for p in passages] == [(start, speaker, text)]


def test_text_without_labels_by_paragraph_or_by_line():
    paragraphs = "Eerste alinea,\nover twee regels.\n\nTweede alinea.\n"
    assert texts(parse_transcript(paragraphs, "x.txt")[1]) == [
        "Eerste alinea, over twee regels.",
        "Tweede alinea.",
    ]
    lines = "Eerste regel.\nTweede regel.\n"
    assert texts(parse_transcript(lines, "x.txt")[1]) == ["Eerste regel.", "Tweede regel."]


def test_text_speaker_headings():
    # Teams' Word transcript saved as text: a heading "Name   M:SS" above each turn.
    data = (
        "Interview buurthuis-20240312_140312-Opname van vergadering\n\n"
        "Annelies Bakker   0:03\nGoedemorgen.\n\n"
        "Sanne de Vries   1:10\nDank u.\nIk ben benieuwd.\n\n"
        "Nog een alinea van Sanne.\n\n"
        "Interviewer:\nLaatste vraag.\n"
    )
    _fmt, passages = parse_transcript(data, "transcript.txt")
    assert [(p.start, p.speaker, p.text) for p in passages] == [
        (None, "", "Interview buurthuis-20240312_140312-Opname van vergadering"),
        (3.0, "Annelies Bakker", "Goedemorgen."),
        (70.0, "Sanne de Vries", "Dank u. Ik ben benieuwd."),
        (None, "Sanne de Vries", "Nog een alinea van Sanne."),
        (None, "Interviewer", "Laatste vraag."),
    ]


def test_format_by_extension_and_content():
    cues = "00:00:01.000 --> 00:00:02.000\nHallo\n"
    assert parse_transcript(cues, "x.vtt")[0] == "vtt"
    assert parse_transcript(cues, "")[0] == "vtt"  # cues without header, no extension
    assert parse_transcript(cues, "x.txt")[0] == "vtt"  # cues in a .txt are still cues
    assert parse_transcript("1\n" + cues, "x.txt")[0] == "srt"  # numbered cues
    assert parse_transcript("Gewoon tekst.", "")[0] == "text"


# --------------------------------------------------------------------------------------------
# Refusals, in Dutch
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", "", b"\xef\xbb\xbf", b" \r\n\r\n\t", "\ufeff\n"])
def test_empty_file(data):
    error = refusal(data, "leeg.vtt")
    assert error.messages == ["Het bestand is leeg."]
    assert error.code == "transcript_empty"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (PNG, "foto.png"),
        (PNG, "transcript.vtt"),
        (JPEG, "transcript.txt"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "opname.mp4"),
        (b"Hallo\x00wereld", "x.txt"),
        (b"\x81\x8d\x8f\x90\x9d niet te lezen", "x.srt"),
        ("tekst\x01\x02\x03\x04", "x.txt"),
    ],
)
def test_binary_data_is_not_a_transcript(data, filename):
    error = refusal(data, filename)
    assert error.messages == [NOT_A_TRANSCRIPT]
    assert error.code == "transcript_binary"


def test_vtt_without_cues():
    for data, filename in [
        ("WEBVTT\n\nNOTE alleen een notitie\n\nHallo zonder tijd.\n", "x.txt"),
        ("Dit is gewone tekst.\n", "interview.vtt"),
        ("WEBVTT\n", ""),
    ]:
        error = refusal(data, filename)
        assert error.messages == [NO_VTT_CUES]
        assert error.code == "transcript_no_cues"


def test_srt_without_cues():
    assert refusal("1\nHallo\n\n2\nWereld\n", "interview.srt").messages == [NO_SRT_CUES]


def test_invalid_timestamp_names_the_line():
    lines = read("teams_interview.vtt").decode("utf-8-sig").split("\r\n")
    line_no = lines.index("00:00:12.500 --> 00:00:15.000") + 1
    lines[line_no - 1] = "00:61:00.000 --> 00:62:00.000"
    error = refusal("\r\n".join(lines).encode(), "teams.vtt")
    assert line_no == 23  # counted from the header, the BOM is no line of its own
    assert error.messages == ["Regel 23: ongeldige tijdcode '00:61:00.000'."]
    assert error.code == "transcript_timestamp"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:60.000\nx\n",
            "Regel 3: ongeldige tijdcode '00:00:60.000'.",
        ),
        ("WEBVTT\n\n00:00:01.000 --> \nx\n", "Regel 3: ongeldige tijdcode '00:00:01.000 -->'."),
        ("WEBVTT\n\n\n\n0a:00:01.000 --> 00:00:02.000\n",
         "Regel 5: ongeldige tijdcode '0a:00:01.000'."),
        ("1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:03,000 --> 00:00:04;000\ny\n",
         "Regel 6: ongeldige tijdcode '00:00:04;000'."),
        ("[00:75:00] Jan: Hallo", "Regel 1: ongeldige tijdcode '00:75:00'."),
    ],
)  # fmt: skip
def test_invalid_timestamps(data, message):
    assert refusal(data).messages == [message]


def test_end_before_start():
    data = read("interview.srt").replace(
        b"00:00:10,100 --> 00:00:12,000", b"00:00:12,000 --> 00:00:10,100"
    )
    error = refusal(data, "interview.srt")
    assert error.messages == [
        "Regel 11: de eindtijd '00:00:10,100' ligt vóór de begintijd '00:00:12,000'."
    ]
    assert error.code == "transcript_end_before_start"


def test_zero_length_cue_is_accepted():
    _fmt, passages = parse_transcript("WEBVTT\n\n00:01.000 --> 00:01.000\nKort\n")
    assert (passages[0].start, passages[0].end) == (1.0, 1.0)


def test_too_large():
    data = read("zoom_interview.vtt")
    error = refusal(data, "zoom.vtt", max_bytes=100)
    assert error.code == "transcript_too_large"
    assert error.messages[0].startswith("Het bestand is te groot (")
    assert error.messages[0].endswith("het maximum is 100\xa0bytes.")
    assert parse_transcript(data, "zoom.vtt", max_bytes=len(data))[0] == "vtt"
    assert parse_transcript(data, "zoom.vtt", max_bytes=None)[0] == "vtt"


def test_default_limit_is_five_megabytes():
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    line = "Jan: " + "bla " * 24 + "\n"  # 101 bytes
    too_big = line * (DEFAULT_MAX_BYTES // len(line) + 1)
    error = refusal(too_big, "x.txt")
    assert error.code == "transcript_too_large"
    assert "het maximum is 5,0\xa0MB" in error.messages[0]
    # Counted in bytes: 'é' is two.
    assert refusal("é" * (DEFAULT_MAX_BYTES // 2 + 1)).code == "transcript_too_large"


def test_a_large_transcript_just_under_the_limit_is_parsed():
    cue = "{n}\n00:{m:02d}:{s:02d}.000 --> 00:{m:02d}:{s:02d}.500\nJan de Vries: " + "bla " * 20
    blocks = []
    size = 0
    n = 0
    while size < DEFAULT_MAX_BYTES - 2_000:
        block = cue.format(n=n, m=(n // 60) % 60, s=n % 60) + "\n\n"
        blocks.append(block)
        size += len(block)
        n += 1
    fmt, passages = parse_transcript("WEBVTT\n\n" + "".join(blocks))
    assert fmt == "vtt"
    assert len(passages) == n


def test_unsupported_type():
    with pytest.raises(TypeError):
        parse_transcript(12345)


# --------------------------------------------------------------------------------------------
# Display and the value object
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (None, ""),
        (0, "00:00:00"),
        (83.0, "00:01:23"),
        (83.999, "00:01:23"),
        (3723.1, "01:02:03"),
        (360_000, "100:00:00"),
        (-1, "00:00:00"),
        (float("nan"), ""),
    ],
)
def test_format_timestamp(seconds, shown):
    assert format_timestamp(seconds) == shown


def test_passage_is_immutable():
    passage = parse_transcript("Jan: Hallo", "x.txt")[1][0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        passage.text = "anders"
