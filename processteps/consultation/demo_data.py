"""The demo project's consultation round (steps 2-4): angles, key figures, interviews, reports,
transcripts, themes and fragments for "Aanpak Migratievraagstuk".

Plain data, no Django; loaded by ``processteps.consultation.demo``. Everyone here is
fictional: names, organisations (with fictional place names), e-mail addresses on example.org
and phone numbers. Nothing refers to a real person.

- ``ANGLES``: functional angles, each with its subfunctional ones.
- ``KEY_FIGURES``: thirty key figures over those angles; ``status`` is where they stand in the
  pipeline (``proposed`` ones with ``approved: False`` still wait for the project leader).
  ``proposed_by`` is "leader" or "member".
- ``INTERVIEWS``: twenty interviews, keyed by the key figure's name. ``interviewers`` are
  "leader" and/or "member"; ``report`` holds the report's fields and its ``status`` ("accepted",
  "draft" or "returned" with ``return_comments``); ``transcript`` (optional) is a WebVTT file
  in which ``{leader}`` and ``{member}`` stand for the interviewers' names. ``fragments`` are
  quotes from a report field (``field``) or from the transcript (``field: "transcript"``); each
  text occurs literally in that field or in one passage of the transcript.
- ``THEMES``: six main themes in order, each with its sub-themes.
"""

ANGLES = [
    ("Overheid", ["Rijksoverheid", "Gemeenten", "Uitvoeringsorganisaties"]),
    (
        "Maatschappelijke organisaties",
        ["Vluchtelingenwerk en opvang", "Levensbeschouwelijke organisaties", "Welzijn"],
    ),
    ("Onderwijs en wetenschap", ["Onderzoek", "Onderwijs"]),
    ("Bedrijfsleven", ["Werkgevers", "Uitzendbranche"]),
    ("Burgers en ervaringsdeskundigen", ["Statushouders", "Omwonenden", "Arbeidsmigranten"]),
]

THEMES = [
    (
        "Opvang en huisvesting",
        "Hoe mensen worden opgevangen en waar ze daarna gaan wonen.",
        ["Asielopvang", "Huisvesting statushouders"],
    ),
    (
        "Integratie en participatie",
        "Meedoen in de samenleving: taal, inburgering, onderwijs en contact.",
        ["Taal en inburgering", "Onderwijs"],
    ),
    (
        "Arbeid en economie",
        "Werk als weg naar zelfstandigheid, en de vraag naar arbeid uit het buitenland.",
        ["Toegang tot werk", "Arbeidsmigratie"],
    ),
    (
        "Draagvlak en polarisatie",
        "Hoe de samenleving tegen migratie aankijkt, en hoe het gesprek daarover verloopt.",
        ["Beeldvorming en media"],
    ),
    (
        "Wet- en regelgeving",
        "De regels en procedures, en hoe die in de praktijk uitpakken.",
        ["Asielprocedure"],
    ),
    (
        "Internationale samenwerking",
        "Wat Nederland alleen niet kan: afspraken in Europa en met landen van herkomst.",
        [],
    ),
]


def _kf(name, organisation, organisation_type, function, angle, subangle, usual, status, **extra):
    first = name.lower().replace("prof. dr. ", "").replace("dr. ", "").replace("ds. ", "")
    local = ".".join(first.replace("'", "").split()[:1] + first.split()[-1:])
    return {
        "name": name,
        "organisation": organisation,
        "organisation_type": organisation_type,
        "function": function,
        "email": f"{local}@example.org",
        "angle": angle,
        "subangle": subangle,
        "is_usual_suspect": usual,
        "status": status,
        "approved": extra.pop("approved", True),
        "proposed_by": extra.pop("proposed_by", "leader"),
        **extra,
    }


OV, MO, OW, BL, BU = (a for a, _subs in ANGLES)
USUAL, UNUSUAL = True, False  # usual or unusual suspect

KEY_FIGURES = [
    # -- Overheid ---------------------------------------------------------------------------
    _kf(
        "Annelies Verhoeven",
        "Gemeente Weststad",
        "gemeente",
        "Wethouder wonen en integratie",
        OV,
        "Gemeenten",
        USUAL,
        "interviewed",
        phone="06-21436587",
        proposal_reason="Verantwoordelijk voor de huisvesting van statushouders in een grote stad.",
    ),
    _kf(
        "Ruud Hoogendoorn",
        "Gemeente Rijnhoven",
        "gemeente",
        "Beleidsadviseur asiel",
        OV,
        "Gemeenten",
        USUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Kent de uitvoering van de opvang in een middelgrote gemeente.",
    ),
    _kf(
        "Karin Dekkers",
        "Rijksdienst Opvang Lagelanden",
        "uitvoeringsorganisatie",
        "Regiomanager opvang",
        OV,
        "Uitvoeringsorganisaties",
        USUAL,
        "interviewed",
        phone="06-31425364",
        proposal_reason="Ziet dagelijks de druk op de opvanglocaties.",
    ),
    _kf(
        "Thijs van Leeuwen",
        "Rijksoverheid, directie Migratiebeleid",
        "rijksoverheid",
        "Senior beleidsmedewerker",
        OV,
        "Rijksoverheid",
        USUAL,
        "interviewed",
        proposal_reason="Schrijft mee aan wetgeving; kent de afwegingen van het Rijk.",
    ),
    _kf(
        "Femke Brouwer",
        "Gemeente Oosterdal",
        "gemeente",
        "Burgemeester",
        OV,
        "Gemeenten",
        USUAL,
        "declined",
        proposal_reason="Haar gemeente kreeg een nieuw azc; veel maatschappelijke onrust.",
    ),
    _kf(
        "Jasper Kuipers",
        "Veiligheidsregio Midden-Lagelanden",
        "uitvoeringsorganisatie",
        "Crisiscoördinator",
        OV,
        "Uitvoeringsorganisaties",
        USUAL,
        "agreed",
        proposal_reason="Regelde de noodopvang in sporthallen.",
    ),
    _kf(
        "Ingrid Schouten",
        "Provincie Noorderkwartier",
        "provincie",
        "Gedeputeerde",
        OV,
        None,
        USUAL,
        "proposed",
        proposed_by="member",
        proposal_reason="Provincies spelen een rol bij de spreiding.",
    ),
    # -- Maatschappelijke organisaties ---------------------------------------------------------
    _kf(
        "Youssef El Amrani",
        "Stichting Nieuw Thuis",
        "maatschappelijke organisatie",
        "Directeur",
        MO,
        "Vluchtelingenwerk en opvang",
        USUAL,
        "interviewed",
        phone="06-41526374",
        address="Havenstraat 12",
        postcode="3011 AB",
        city="Weststad",
        proposal_reason="Begeleidt jaarlijks honderden statushouders.",
    ),
    _kf(
        "Marloes Timmermans",
        "Vluchtelingensteun Weststad",
        "vrijwilligersorganisatie",
        "Coördinator vrijwilligers",
        MO,
        "Vluchtelingenwerk en opvang",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Weet hoe het er op de werkvloer aan toegaat.",
    ),
    _kf(
        "Hendrik Post",
        "Protestantse Gemeente De Brug",
        "religieuze organisatie",
        "Predikant",
        MO,
        "Levensbeschouwelijke organisaties",
        UNUSUAL,
        "interviewed",
        proposal_reason="Zijn kerk biedt opvang aan mensen zonder verblijfsvergunning.",
    ),
    _kf(
        "Fatima Ouali",
        "Moskeevereniging Al Amal Rijnhoven",
        "religieuze organisatie",
        "Voorzitter",
        MO,
        "Levensbeschouwelijke organisaties",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Brug tussen nieuwkomers en de wijk.",
    ),
    _kf(
        "Willem de Graaf",
        "Buurtcentrum De Kapel",
        "welzijnsorganisatie",
        "Opbouwwerker",
        MO,
        "Welzijn",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Werkt in de wijk waar veel statushouders gaan wonen.",
    ),
    _kf(
        "Esther Mulder",
        "Stichting Samen Verder",
        "maatschappelijke organisatie",
        "Projectleider maatjesprogramma",
        MO,
        "Welzijn",
        USUAL,
        "approached",
        proposal_reason="Koppelt nieuwkomers aan buurtgenoten.",
    ),
    _kf(
        "Bram Vos",
        "Voedselbank Oosterdal",
        "vrijwilligersorganisatie",
        "Coördinator",
        MO,
        "Welzijn",
        UNUSUAL,
        "declined",
        proposed_by="member",
        proposal_reason="Ziet de armoede onder nieuwkomers en oudere buurtbewoners.",
    ),
    # -- Onderwijs en wetenschap ---------------------------------------------------------------
    _kf(
        "Lotte Hermans",
        "Universiteit van Lagelanden",
        "kennisinstelling",
        "Hoogleraar migratierecht",
        OW,
        "Onderzoek",
        USUAL,
        "interviewed",
        proposal_reason="Onderzoekt de werking van het asielrecht.",
    ),
    _kf(
        "Ahmet Yilmaz",
        "Hogeschool Rijnhoven",
        "kennisinstelling",
        "Lector diversiteit",
        OW,
        "Onderzoek",
        USUAL,
        "interviewed",
        proposal_reason="Onderzoek naar arbeidsmarktdiscriminatie.",
    ),
    _kf(
        "Monique van den Berg",
        "Internationale Schakelklas Weststad",
        "school",
        "Docent Nederlands als tweede taal",
        OW,
        "Onderwijs",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Leert kinderen van nieuwkomers Nederlands.",
    ),
    _kf(
        "Gerard Smeets",
        "ROC Zuiderveen",
        "school",
        "Teamleider inburgering",
        OW,
        "Onderwijs",
        USUAL,
        "agreed",
        proposal_reason="Verantwoordelijk voor de inburgeringstrajecten van het ROC.",
    ),
    _kf(
        "Nadia Bakkali",
        "Universiteit van Lagelanden",
        "kennisinstelling",
        "Promovenda",
        OW,
        "Onderzoek",
        UNUSUAL,
        "approached",
        proposed_by="member",
        proposal_reason="Promoveert op de beeldvorming over migratie in de media.",
    ),
    # -- Bedrijfsleven -------------------------------------------------------------------------
    _kf(
        "Erik Janssens",
        "Janssens Bouw",
        "bedrijf",
        "Eigenaar",
        BL,
        "Werkgevers",
        UNUSUAL,
        "interviewed",
        phone="06-51627384",
        proposal_reason="Neemt statushouders in dienst in de bouw.",
    ),
    _kf(
        "Sandra Peeters",
        "Werkgeversvereniging Regio Oost",
        "brancheorganisatie",
        "Beleidsmedewerker arbeidsmarkt",
        BL,
        "Werkgevers",
        USUAL,
        "interviewed",
        proposal_reason="Vertegenwoordigt werkgevers die personeel zoeken.",
    ),
    _kf(
        "Mark de Wit",
        "FlexWerk Uitzendbureau",
        "uitzendbureau",
        "Vestigingsmanager",
        BL,
        "Uitzendbranche",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Bemiddelt arbeidsmigranten uit Midden- en Oost-Europa.",
    ),
    _kf(
        "Joost van Dam",
        "Van Dam Kassen",
        "bedrijf",
        "Directeur",
        BL,
        "Werkgevers",
        USUAL,
        "interviewed",
        proposal_reason="Tuinbouwbedrijf dat draait op arbeidsmigranten.",
    ),
    _kf(
        "Linda Verbeek",
        "Zorggroep Zuiderveen",
        "bedrijf",
        "Directeur HR",
        BL,
        "Werkgevers",
        USUAL,
        "declined",
        proposal_reason="De zorg heeft grote personeelstekorten.",
    ),
    _kf(
        "Pieter Kramer",
        "Horecavereniging Weststad",
        "brancheorganisatie",
        "Voorzitter",
        BL,
        "Werkgevers",
        UNUSUAL,
        "agreed",
        proposed_by="member",
        proposal_reason="Horeca als eerste werkplek voor veel nieuwkomers.",
    ),
    # -- Burgers en ervaringsdeskundigen -------------------------------------------------------
    _kf(
        "Samira Haddad",
        "",
        "burger",
        "Verpleegkundige, statushouder sinds 2016",
        BU,
        "Statushouders",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Kwam als vluchteling en werkt nu in de zorg.",
    ),
    _kf(
        "Tesfay Gebremedhin",
        "",
        "burger",
        "Vrijwilliger, statushouder",
        BU,
        "Statushouders",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Kent de asielprocedure van binnenuit.",
    ),
    _kf(
        "Gerda Lammers",
        "Klankbordgroep azc Oosterdal",
        "burger",
        "Bewoner",
        BU,
        "Omwonenden",
        UNUSUAL,
        "interviewed",
        proposal_reason="Woont naast het nieuwe azc; lid van de klankbordgroep.",
    ),
    _kf(
        "Henk Brinkman",
        "",
        "burger",
        "Bewoner",
        BU,
        "Omwonenden",
        UNUSUAL,
        "interviewed",
        proposed_by="member",
        proposal_reason="Organiseerde bewonersavonden tegen het azc.",
    ),
    _kf(
        "Olga Kowalczyk",
        "",
        "burger",
        "Orderpicker in de logistiek",
        BU,
        "Arbeidsmigranten",
        UNUSUAL,
        "proposed",
        approved=False,
        proposed_by="member",
        proposal_reason="Werkt sinds 2019 via een uitzendbureau in Nederland.",
    ),
]

_VTT_TIMMERMANS = """WEBVTT

NOTE Opname via Zoom, 24 januari 2024. Toestemming voor opname gegeven.

00:00:02.000 --> 00:00:09.500 align:start position:10%
<v {member}>Fijn dat je tijd hebt. Wat zie jij als vrijwilligerscoördinator gebeuren?

00:00:10.000 --> 00:00:27.400
<v Marloes Timmermans>Wat ik vooral zie, is dat mensen maanden niets mogen en niets kunnen.
Ze zitten in een sporthal te wachten en raken hun veerkracht kwijt.

00:00:28.000 --> 00:00:35.000
<v {member}>En de vrijwilligers, hoe houden die het vol?

00:00:35.500 --> 00:00:58.000
<v Marloes Timmermans>Onze vrijwilligers draaien op liefde, maar ze zijn moe.
Elke keer dat een locatie sluit, beginnen we opnieuw met een nieuwe groep en een nieuwe
gemeente.

00:00:58.500 --> 00:01:20.000 line:85%
<v Marloes Timmermans>Geef mensen vanaf de eerste week iets te doen: taalles,
vrijwilligerswerk, sport. Wachten is het slechtste wat je iemand kunt aandoen.
"""

_VTT_VAN_DEN_BERG = """WEBVTT

00:00:01.000 --> 00:00:06.000
<v {leader}>Hoe komen de kinderen bij u in de klas terecht?

00:00:06.500 --> 00:00:24.000
<v Monique van den Berg>Ze komen binnen met een rugzak vol ervaringen die je niet ziet.
Sommigen hebben twee jaar geen school gehad.

00:00:24.500 --> 00:00:44.000
<v Monique van den Berg>Kinderen leren de taal verbazend snel, als ze maar op één plek mogen
blijven. Elke verhuizing van azc naar azc zet ze maanden terug.

00:00:44.500 --> 00:00:52.000
<v {leader}>Wat zou u willen veranderen?

00:00:52.500 --> 00:01:10.000
<v Monique van den Berg>Laat gezinnen met schoolgaande kinderen niet meer verhuizen tijdens het
schooljaar. Dat kost bijna niets en het scheelt enorm.
"""

_VTT_HADDAD = """WEBVTT

00:00:01.500 --> 00:00:08.000
<v {member}>Je kwam in 2015 naar Nederland. Hoe was het begin?

00:00:08.500 --> 00:00:30.000
<v Samira Haddad>Het eerste jaar was het zwaarst.
Ik was verpleegkundige in Aleppo, maar hier mocht ik niets met mijn diploma.

00:00:30.500 --> 00:00:52.000
<v Samira Haddad>Het heeft vijf jaar geduurd voordat ik weer aan een bed stond.
Vijf jaar waarin het ziekenhuis om de hoek iedereen zocht die ik had kunnen zijn.

00:00:52.500 --> 00:01:00.000
<v {member}>Wat heeft je geholpen?

00:01:00.500 --> 00:01:18.000
<v Samira Haddad>Een buurvrouw die elke dinsdag met me koffie dronk en mijn brieven las.
Eén mens die in je gelooft, maakt het verschil.
"""


def _report(problem, causes, solutions, values, free_text="", status="accepted", **extra):
    return {
        "problem": problem,
        "causes": causes,
        "solutions": solutions,
        "values": values,
        "free_text": free_text,
        "status": status,
        **extra,
    }


def _f(field, text, themes, dimension):
    return {"field": field, "text": text, "themes": themes, "dimension": dimension}


T, W, S = "truth", "wisdom", "sincerity"

INTERVIEWS = [
    {
        "key_figure": "Annelies Verhoeven",
        "interviewers": ["leader"],
        "scheduled_at": "2024-01-08T10:00",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "by_name",
        "report": _report(
            "Weststad moet dit jaar ruim vierhonderd statushouders huisvesten, terwijl de "
            "wachtlijst voor een sociale huurwoning al negen jaar is. Het gevoel van "
            "concurrentie om woningen voedt de onvrede in de wijken.",
            "Er is jarenlang te weinig gebouwd, en de taakstelling komt elk half jaar opnieuw "
            "als een verrassing. Gemeenten kunnen daardoor niet vooruit plannen.",
            "Maak de taakstelling meerjarig, zodat we kunnen bouwen in plaats van brandjes "
            "blussen. Bouw flexwoningen voor iedereen die met spoed een huis nodig heeft, niet "
            "alleen voor statushouders.",
            "Rechtvaardigheid betekent voor mij dat niemand het gevoel heeft dat een ander voor "
            "mag. Dat vraagt om eerlijke regels die we uit kunnen leggen.",
        ),
        "fragments": [
            _f(
                "problem",
                "Het gevoel van concurrentie om woningen voedt de onvrede in de wijken.",
                ["Huisvesting statushouders", "Draagvlak en polarisatie"],
                T,
            ),
            _f(
                "solutions",
                "Maak de taakstelling meerjarig, zodat we kunnen bouwen in plaats van "
                "brandjes blussen.",
                ["Huisvesting statushouders"],
                W,
            ),
            _f(
                "solutions",
                "Bouw flexwoningen voor iedereen die met spoed een huis nodig heeft, "
                "niet alleen voor statushouders.",
                ["Huisvesting statushouders"],
                W,
            ),
            _f(
                "values",
                "Rechtvaardigheid betekent voor mij dat niemand het gevoel heeft dat een "
                "ander voor mag.",
                ["Draagvlak en polarisatie"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Ruud Hoogendoorn",
        "interviewers": ["member"],
        "scheduled_at": "2024-01-10T14:00",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "anonymous",
        "report": _report(
            "Rijnhoven heeft in twee jaar vier keer een noodopvang geopend en weer gesloten. "
            "Elke keer begint het gesprek met de buurt opnieuw.",
            "De instroom schommelt sterk en het Rijk stuurt op de korte termijn. Gemeenten die "
            "wel meewerken, voelen zich gestraft omdat zij steeds opnieuw gevraagd worden.",
            "Vaste, kleinschalige locaties verspreid over alle gemeenten, met afspraken die "
            "langer dan een jaar gelden.",
            "Betrouwbaarheid: als overheid moet je doen wat je zegt, ook tegen de buurt.",
        ),
        "fragments": [
            _f(
                "problem",
                "Rijnhoven heeft in twee jaar vier keer een noodopvang geopend en weer gesloten.",
                ["Asielopvang"],
                T,
            ),
            _f(
                "causes",
                "Gemeenten die wel meewerken, voelen zich gestraft omdat zij steeds "
                "opnieuw gevraagd worden.",
                ["Asielopvang", "Wet- en regelgeving"],
                T,
            ),
            _f(
                "values",
                "Betrouwbaarheid: als overheid moet je doen wat je zegt, ook tegen de buurt.",
                ["Draagvlak en polarisatie"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Karin Dekkers",
        "interviewers": ["leader", "member"],
        "scheduled_at": "2024-01-12T09:30",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "anonymous",
        "report": _report(
            "De opvang zit structureel vol. Mensen die al een verblijfsvergunning hebben, blijven "
            "maanden in het azc omdat er geen woning is, en houden zo een plek bezet.",
            "De doorstroom naar woningen stokt, en de procedures duren lang door achterstanden "
            "bij de beslissers.",
            "Investeer in de voorkant: snellere beslissingen, zodat mensen niet jaren in "
            "onzekerheid zitten. En een vast budget voor opvang dat niet elk jaar opnieuw ter "
            "discussie staat.",
            "Menswaardigheid staat voorop. Niemand hoort op een stoel of in het gras te slapen.",
        ),
        "fragments": [
            _f(
                "problem",
                "Mensen die al een verblijfsvergunning hebben, blijven maanden in het azc "
                "omdat er geen woning is, en houden zo een plek bezet.",
                ["Asielopvang", "Huisvesting statushouders"],
                T,
            ),
            _f(
                "solutions",
                "Investeer in de voorkant: snellere beslissingen, zodat mensen niet "
                "jaren in onzekerheid zitten.",
                ["Asielprocedure"],
                W,
            ),
            _f(
                "values", "Niemand hoort op een stoel of in het gras te slapen.", ["Asielopvang"], S
            ),
        ],
    },
    {
        "key_figure": "Thijs van Leeuwen",
        "interviewers": ["leader"],
        "scheduled_at": "2024-01-15T11:00",
        "form": "online",
        "consent_recording": False,
        "quote_consent": "none",
        "report": _report(
            "De wetgeving is een lappendeken van uitzonderingen geworden. Uitvoerders weten niet "
            "altijd meer welke regel voorgaat.",
            "Elke crisis leidt tot een nieuwe regel, zonder dat de oude wordt opgeruimd.",
            "Een grondige herziening van de Vreemdelingenwet, met de uitvoering aan tafel.",
            "Eenvoud is ook een vorm van rechtvaardigheid.",
        ),
        "fragments": [
            _f(
                "problem",
                "De wetgeving is een lappendeken van uitzonderingen geworden.",
                ["Wet- en regelgeving"],
                T,
            ),
            _f(
                "solutions",
                "Een grondige herziening van de Vreemdelingenwet, met de uitvoering aan tafel.",
                ["Wet- en regelgeving"],
                W,
            ),
        ],
    },
    {
        "key_figure": "Youssef El Amrani",
        "interviewers": ["leader"],
        "scheduled_at": "2024-01-17T13:00",
        "form": "in_person",
        "consent_recording": True,
        "quote_consent": "by_name",
        "report": _report(
            "Statushouders komen in een wijk terecht zonder dat iemand ze daar kent of verwacht. "
            "De eerste maanden bepalen of iemand aansluiting vindt of zich terugtrekt.",
            "De begeleiding is versnipperd over te veel loketten. Een gezin heeft soms zes "
            "verschillende contactpersonen.",
            "Eén vaste begeleider per huishouden, vanaf de dag van aankomst in de gemeente. En "
            "betrek de buren voordat het gezin er woont, niet erna.",
            "Gastvrijheid is geen naïviteit, het is een investering in een veilige buurt.",
        ),
        "fragments": [
            _f(
                "problem",
                "De eerste maanden bepalen of iemand aansluiting vindt of zich terugtrekt.",
                ["Integratie en participatie"],
                T,
            ),
            _f(
                "causes",
                "Een gezin heeft soms zes verschillende contactpersonen.",
                ["Taal en inburgering"],
                T,
            ),
            _f(
                "solutions",
                "Eén vaste begeleider per huishouden, vanaf de dag van aankomst in de gemeente.",
                ["Taal en inburgering"],
                W,
            ),
            _f(
                "values",
                "Gastvrijheid is geen naïviteit, het is een investering in een veilige buurt.",
                ["Draagvlak en polarisatie"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Marloes Timmermans",
        "interviewers": ["member"],
        "scheduled_at": "2024-01-24T19:30",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "by_name",
        "transcript": _VTT_TIMMERMANS,
        "report": _report(
            "Asielzoekers zitten maanden in noodopvang zonder dagbesteding. Vrijwilligers vangen "
            "veel op, maar raken uitgeput.",
            "Locaties openen en sluiten in hoog tempo; er is geen continuïteit in begeleiding.",
            "Dagbesteding vanaf de eerste week en een vaste plek voor vrijwilligersorganisaties "
            "in het overleg over opvang.",
            "Medemenselijkheid, en respect voor de inzet van vrijwilligers.",
            free_text="Zie transcript: opname van het gesprek via Zoom.",
        ),
        "fragments": [
            _f(
                "transcript",
                "Ze zitten in een sporthal te wachten en raken hun veerkracht kwijt.",
                ["Asielopvang"],
                T,
            ),
            _f(
                "transcript",
                "Onze vrijwilligers draaien op liefde, maar ze zijn moe.",
                ["Asielopvang", "Draagvlak en polarisatie"],
                S,
            ),
            _f(
                "transcript",
                "Wachten is het slechtste wat je iemand kunt aandoen.",
                ["Integratie en participatie"],
                W,
            ),
        ],
    },
    {
        "key_figure": "Hendrik Post",
        "interviewers": ["leader"],
        "scheduled_at": "2024-01-19T10:00",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "by_name",
        "report": _report(
            "Er is een groep mensen die niet terug kan en hier niet mag blijven. Zij belanden op "
            "straat of bij ons in de kerk.",
            "Het terugkeerbeleid werkt niet als het land van herkomst niet meewerkt.",
            "Bed, bad en brood als ondergrens, overal. En eerlijke gesprekken over terugkeer, "
            "zonder dat mensen op straat hoeven te slapen.",
            "Een samenleving wordt beoordeeld op hoe zij omgaat met wie niets heeft.",
        ),
        "fragments": [
            _f(
                "problem",
                "Er is een groep mensen die niet terug kan en hier niet mag blijven.",
                ["Wet- en regelgeving"],
                T,
            ),
            _f(
                "causes",
                "Het terugkeerbeleid werkt niet als het land van herkomst niet meewerkt.",
                ["Internationale samenwerking"],
                T,
            ),
            _f(
                "values",
                "Een samenleving wordt beoordeeld op hoe zij omgaat met wie niets heeft.",
                ["Draagvlak en polarisatie"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Fatima Ouali",
        "interviewers": ["member"],
        "scheduled_at": "2024-01-22T20:00",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "anonymous",
        "report": _report(
            "Nieuwkomers vinden makkelijk de weg naar de moskee, maar moeilijk naar de rest van "
            "de buurt. Daardoor ontstaan gescheiden werelden.",
            "Er zijn weinig plekken waar mensen elkaar vanzelf ontmoeten; buurthuizen zijn "
            "wegbezuinigd.",
            "Gebruik de plekken die er al zijn: moskeeën, kerken en sportclubs als "
            "ontmoetingsplaats voor iedereen.",
            "Erbij horen begint met gezien worden.",
        ),
        "fragments": [
            _f(
                "problem",
                "Nieuwkomers vinden makkelijk de weg naar de moskee, maar moeilijk naar "
                "de rest van de buurt.",
                ["Integratie en participatie"],
                T,
            ),
            _f(
                "solutions",
                "Gebruik de plekken die er al zijn: moskeeën, kerken en sportclubs "
                "als ontmoetingsplaats voor iedereen.",
                ["Integratie en participatie"],
                W,
            ),
            _f(
                "values", "Erbij horen begint met gezien worden.", ["Integratie en participatie"], S
            ),
        ],
    },
    {
        "key_figure": "Willem de Graaf",
        "interviewers": ["member"],
        "scheduled_at": "2024-02-05T15:00",
        "form": "phone",
        "consent_recording": False,
        "quote_consent": "anonymous",
        "report": _report(
            "In de wijk speelt veel tegelijk: armoede, eenzaamheid en nu ook nieuwe bewoners.",
            "",
            "",
            "",
            status="returned",
            return_comments="Kun je de oorzaken en oplossingen die hij noemde nog aanvullen?",
        ),
        "fragments": [],
    },
    {
        "key_figure": "Lotte Hermans",
        "interviewers": ["leader"],
        "scheduled_at": "2024-01-25T11:00",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "by_name",
        "report": _report(
            "Het debat gaat over aantallen, terwijl het recht gaat over individuele mensen met "
            "individuele verhalen. Die twee praten langs elkaar heen.",
            "Nederland kan het asielrecht niet alleen veranderen: het ligt grotendeels vast in "
            "Europese richtlijnen en internationale verdragen.",
            "Werk Europees samen aan snelle, zorgvuldige procedures aan de buitengrens, met "
            "eerlijke verdeling van wie er daarna wordt opgevangen.",
            "Zorgvuldigheid en snelheid zijn geen tegenpolen; traagheid is zelf onrecht.",
        ),
        "fragments": [
            _f(
                "problem",
                "Het debat gaat over aantallen, terwijl het recht gaat over individuele "
                "mensen met individuele verhalen.",
                ["Beeldvorming en media"],
                T,
            ),
            _f(
                "causes",
                "Nederland kan het asielrecht niet alleen veranderen: het ligt "
                "grotendeels vast in Europese richtlijnen en internationale verdragen.",
                ["Wet- en regelgeving", "Internationale samenwerking"],
                T,
            ),
            _f(
                "solutions",
                "Werk Europees samen aan snelle, zorgvuldige procedures aan de "
                "buitengrens, met eerlijke verdeling van wie er daarna wordt opgevangen.",
                ["Internationale samenwerking"],
                W,
            ),
            _f(
                "values",
                "Zorgvuldigheid en snelheid zijn geen tegenpolen; traagheid is zelf onrecht.",
                ["Asielprocedure"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Ahmet Yilmaz",
        "interviewers": ["leader", "member"],
        "scheduled_at": "2024-01-29T13:30",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "anonymous",
        "report": _report(
            "Mensen met een migratieachtergrond worden bij gelijke diploma's minder vaak "
            "uitgenodigd voor een sollicitatiegesprek.",
            "Onbewuste vooroordelen bij werkgevers, en netwerken die vooral binnen de eigen "
            "groep werken.",
            "Anoniem solliciteren in de eerste ronde, en mentorprogramma's die nieuwkomers "
            "toegang geven tot het netwerk van een werkgever.",
            "Gelijke kansen zijn pas echt als ze in de praktijk gelden, niet alleen op papier.",
        ),
        "fragments": [
            _f(
                "problem",
                "Mensen met een migratieachtergrond worden bij gelijke diploma's minder "
                "vaak uitgenodigd voor een sollicitatiegesprek.",
                ["Toegang tot werk"],
                T,
            ),
            _f(
                "solutions",
                "Anoniem solliciteren in de eerste ronde, en mentorprogramma's die "
                "nieuwkomers toegang geven tot het netwerk van een werkgever.",
                ["Toegang tot werk"],
                W,
            ),
            _f(
                "values",
                "Gelijke kansen zijn pas echt als ze in de praktijk gelden, niet alleen op papier.",
                ["Integratie en participatie"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Monique van den Berg",
        "interviewers": ["leader"],
        "scheduled_at": "2024-01-31T15:30",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "by_name",
        "transcript": _VTT_VAN_DEN_BERG,
        "report": _report(
            "Kinderen van asielzoekers verhuizen vaak van locatie naar locatie en moeten telkens "
            "opnieuw beginnen op een nieuwe school.",
            "Verplaatsingen tussen opvanglocaties houden geen rekening met het schooljaar.",
            "Geen verhuizingen meer tijdens het schooljaar voor gezinnen met schoolgaande "
            "kinderen.",
            "Elk kind heeft recht op een ononderbroken schooltijd.",
            free_text="Transcript van de opname toegevoegd.",
        ),
        "fragments": [
            _f(
                "transcript",
                "Ze komen binnen met een rugzak vol ervaringen die je niet ziet.",
                ["Onderwijs"],
                T,
            ),
            _f(
                "transcript",
                "Elke verhuizing van azc naar azc zet ze maanden terug.",
                ["Onderwijs", "Asielopvang"],
                T,
            ),
            _f(
                "transcript",
                "Laat gezinnen met schoolgaande kinderen niet meer verhuizen tijdens "
                "het schooljaar.",
                ["Onderwijs"],
                W,
            ),
        ],
    },
    {
        "key_figure": "Erik Janssens",
        "interviewers": ["member"],
        "scheduled_at": "2024-02-01T07:30",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "by_name",
        "report": _report(
            "Ik heb vacatures die al een jaar openstaan, en tegelijk zitten er mannen in het azc "
            "die in hun land bouwvakker waren en hier niet mogen werken.",
            "De regels rond werken tijdens de asielprocedure zijn ingewikkeld, en de papierwinkel "
            "schrikt kleine werkgevers af.",
            "Laat asielzoekers na een paar maanden gewoon werken, met een eenvoudige regeling "
            "voor de werkgever. Taal leren ze op de bouwplaats sneller dan in de klas.",
            "Iedereen wil zijn eigen brood verdienen. Dat moet je mensen niet afnemen.",
        ),
        "fragments": [
            _f(
                "problem",
                "Ik heb vacatures die al een jaar openstaan, en tegelijk zitten er "
                "mannen in het azc die in hun land bouwvakker waren en hier niet mogen werken.",
                ["Toegang tot werk"],
                T,
            ),
            _f(
                "causes",
                "De regels rond werken tijdens de asielprocedure zijn ingewikkeld, en de "
                "papierwinkel schrikt kleine werkgevers af.",
                ["Toegang tot werk", "Wet- en regelgeving"],
                T,
            ),
            _f(
                "solutions",
                "Taal leren ze op de bouwplaats sneller dan in de klas.",
                ["Taal en inburgering"],
                W,
            ),
            _f("values", "Iedereen wil zijn eigen brood verdienen.", ["Arbeid en economie"], S),
        ],
    },
    {
        "key_figure": "Sandra Peeters",
        "interviewers": ["leader"],
        "scheduled_at": "2024-02-06T10:00",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "anonymous",
        "report": _report(
            "Onze leden zijn voor hun voortbestaan afhankelijk van arbeidsmigranten, maar de "
            "huisvesting van die werknemers is vaak slecht geregeld.",
            "Werkgevers en gemeenten schuiven de verantwoordelijkheid voor huisvesting naar "
            "elkaar door.",
            "Maak werkgevers medeverantwoordelijk voor fatsoenlijke huisvesting, en maak "
            "afspraken per regio over hoeveel arbeidsmigranten er nodig zijn.",
            "Wie hier werkt, hoort hier fatsoenlijk te kunnen wonen.",
        ),
        "fragments": [
            _f(
                "problem",
                "Onze leden zijn voor hun voortbestaan afhankelijk van "
                "arbeidsmigranten, maar de huisvesting van die werknemers is vaak slecht "
                "geregeld.",
                ["Arbeidsmigratie"],
                T,
            ),
            _f(
                "solutions",
                "Maak werkgevers medeverantwoordelijk voor fatsoenlijke huisvesting, "
                "en maak afspraken per regio over hoeveel arbeidsmigranten er nodig zijn.",
                ["Arbeidsmigratie"],
                W,
            ),
            _f(
                "values",
                "Wie hier werkt, hoort hier fatsoenlijk te kunnen wonen.",
                ["Arbeidsmigratie", "Huisvesting statushouders"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Mark de Wit",
        "interviewers": ["member"],
        "scheduled_at": "2024-02-08T16:00",
        "form": "phone",
        "consent_recording": False,
        "quote_consent": "none",
        "report": _report(
            "Zonder arbeidsmigranten liggen de distributiecentra binnen een week stil.",
            "Nederlanders willen dit werk niet meer doen tegen deze lonen.",
            "Een eerlijk minimumloon en strengere controle op malafide bureaus.",
            "Eerlijk werk voor eerlijk loon.",
        ),
        "fragments": [
            _f(
                "problem",
                "Zonder arbeidsmigranten liggen de distributiecentra binnen een week stil.",
                ["Arbeidsmigratie"],
                T,
            ),
            _f(
                "causes",
                "Nederlanders willen dit werk niet meer doen tegen deze lonen.",
                ["Arbeidsmigratie"],
                T,
            ),
        ],
    },
    {
        "key_figure": "Joost van Dam",
        "interviewers": ["leader"],
        "scheduled_at": "2024-02-13T08:00",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "by_name",
        "report": _report(
            "In de kassen werken bij ons vooral mensen uit Polen en Roemenië.",
            "",
            "",
            "",
            status="draft",
        ),
        "fragments": [],
    },
    {
        "key_figure": "Samira Haddad",
        "interviewers": ["member"],
        "scheduled_at": "2024-02-02T19:00",
        "form": "online",
        "consent_recording": True,
        "quote_consent": "by_name",
        "transcript": _VTT_HADDAD,
        "report": _report(
            "Diploma's uit het land van herkomst worden nauwelijks erkend. Hoogopgeleide "
            "nieuwkomers werken jarenlang ver onder hun niveau.",
            "De erkenningsprocedures zijn traag en duur, en er is geen begeleiding naar het eigen "
            "vak.",
            "Snellere erkenning van diploma's, gecombineerd met een traject op de werkvloer.",
            "Vertrouwen: één mens die in je gelooft, maakt het verschil.",
            free_text="Transcript van de opname toegevoegd.",
        ),
        "fragments": [
            _f(
                "transcript",
                "Ik was verpleegkundige in Aleppo, maar hier mocht ik niets met mijn diploma.",
                ["Toegang tot werk"],
                T,
            ),
            _f(
                "transcript",
                "Vijf jaar waarin het ziekenhuis om de hoek iedereen zocht die ik had kunnen zijn.",
                ["Toegang tot werk"],
                T,
            ),
            _f(
                "solutions",
                "Snellere erkenning van diploma's, gecombineerd met een traject op de werkvloer.",
                ["Toegang tot werk"],
                W,
            ),
            _f(
                "transcript",
                "Eén mens die in je gelooft, maakt het verschil.",
                ["Integratie en participatie"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Tesfay Gebremedhin",
        "interviewers": ["leader", "member"],
        "scheduled_at": "2024-02-09T14:00",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "anonymous",
        "report": _report(
            "De asielprocedure duurde voor mij bijna twee jaar. Al die tijd wist ik niet of mijn "
            "vrouw en kinderen mochten komen.",
            "Gezinshereniging wacht op de eigen procedure, en die wacht op de achterstanden.",
            "Behandel gezinshereniging met voorrang, zodat mensen hun hoofd vrij hebben om de "
            "taal te leren en te werken.",
            "Familie is alles. Wie zijn gezin mist, kan niet beginnen aan een nieuw leven.",
        ),
        "fragments": [
            _f(
                "problem",
                "Al die tijd wist ik niet of mijn vrouw en kinderen mochten komen.",
                ["Asielprocedure"],
                T,
            ),
            _f(
                "solutions",
                "Behandel gezinshereniging met voorrang, zodat mensen hun hoofd vrij "
                "hebben om de taal te leren en te werken.",
                ["Asielprocedure", "Taal en inburgering"],
                W,
            ),
            _f(
                "values",
                "Wie zijn gezin mist, kan niet beginnen aan een nieuw leven.",
                ["Integratie en participatie"],
                S,
            ),
        ],
    },
    {
        "key_figure": "Gerda Lammers",
        "interviewers": ["leader"],
        "scheduled_at": "2024-02-14T19:30",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "none",
        "report": _report(
            "De buurt hoorde via de krant dat er een azc kwam. Dat heeft veel kapotgemaakt.",
            "Besluiten worden genomen voordat bewoners iets kunnen zeggen.",
            "Betrek omwonenden vanaf het begin, met een klankbordgroep die echt invloed heeft.",
            "Serieus genomen worden.",
        ),
        "fragments": [
            _f(
                "problem",
                "De buurt hoorde via de krant dat er een azc kwam.",
                ["Draagvlak en polarisatie"],
                T,
            ),
            _f(
                "solutions",
                "Betrek omwonenden vanaf het begin, met een klankbordgroep die echt invloed heeft.",
                ["Draagvlak en polarisatie"],
                W,
            ),
        ],
    },
    {
        "key_figure": "Henk Brinkman",
        "interviewers": ["member"],
        "scheduled_at": "2024-02-16T20:00",
        "form": "in_person",
        "consent_recording": False,
        "quote_consent": "anonymous",
        "report": _report(
            "Mensen in mijn dorp voelen zich niet gehoord. Ze zijn niet tegen vluchtelingen, "
            "maar tegen de manier waarop het gaat.",
            "Het beeld in de media is zwart-wit: je bent voor of je bent tegen. Daartussen is "
            "geen ruimte.",
            "Organiseer het gesprek in het dorp zelf, met de mensen die er wonen, en laat zien "
            "wat er met hun zorgen gebeurt.",
            "Eerlijkheid: zeg wat je gaat doen, en doe wat je zegt.",
        ),
        "fragments": [
            _f(
                "problem",
                "Ze zijn niet tegen vluchtelingen, maar tegen de manier waarop het gaat.",
                ["Draagvlak en polarisatie"],
                T,
            ),
            _f(
                "causes",
                "Het beeld in de media is zwart-wit: je bent voor of je bent tegen.",
                ["Beeldvorming en media"],
                T,
            ),
            _f(
                "solutions",
                "Organiseer het gesprek in het dorp zelf, met de mensen die er wonen, "
                "en laat zien wat er met hun zorgen gebeurt.",
                ["Draagvlak en polarisatie"],
                W,
            ),
        ],
    },
]

BRIEFING = (
    "<p>Welkom bij de consultatieronde. We halen <strong>waarheid, wijsheid en "
    "waarachtigheid</strong> op uit de samenleving: wat is volgens de sleutelfiguur het "
    "probleem, wat zijn de oorzaken, welke oplossingen ziet hij of zij, en welke waarden zijn "
    "daarbij belangrijk?</p>"
    "<ul><li>Vraag aan het begin toestemming voor de opname en of we mogen citeren: met naam, "
    "anoniem of niet.</li><li>Luister vooral; het is geen debat.</li><li>Lever het verslag "
    "binnen een week in, met het transcript als er is opgenomen.</li></ul>"
)

BLOEMLEZING_INTRODUCTION = (
    "<p>Deze bloemlezing bundelt wat twintig sleutelfiguren ons vertelden over het "
    "migratievraagstuk: bestuurders en uitvoerders, maatschappelijke organisaties, onderzoekers "
    "en docenten, werkgevers, en mensen die het vraagstuk zelf aan den lijve ondervinden. In "
    "januari en februari 2024 hebben leden van het projectteam hen geïnterviewd.</p>"
    "<p>We hebben de gesprekken niet samengevat of gewogen. Wat hier staat, zijn hun eigen "
    "woorden, geordend naar de thema's die in de gesprekken steeds terugkwamen. Zo wordt de "
    "<em>waarheid, wijsheid en waarachtigheid</em> uit de samenleving integraal ontsloten, als "
    "basis voor de probleem- en oorzakenanalyse in de volgende stap.</p>"
)

BLOEMLEZING_THEMES_TEXT = (
    "<p>De thema's zijn door het team vastgesteld na het lezen van alle verslagen en "
    "transcripten. Een citaat kan bij meer dan één thema horen.</p>"
)

# -- the process documents of steps 2 and 3 (Omgevingsanalyse, Oogst consultatieronde) -------
# Written without names: key figures are people in the data, and these documents are published.

OMGEVINGSANALYSE_SECTIONS = {
    "inleiding": (
        "<p>Wie moeten we spreken om het migratievraagstuk in zijn volle breedte te leren "
        "kennen? Deze omgevingsanalyse legt vast langs welke invalshoeken het team naar het "
        "vraagstuk kijkt en hoe de sleutelfiguren zijn gekozen die in de consultatieronde worden "
        "geïnterviewd.</p>"
    ),
    "invalshoeken": (
        "<p>Het team onderscheidt vijf functionele invalshoeken, elk met subfunctionele: "
        "<strong>overheid</strong> (Rijksoverheid, gemeenten, uitvoeringsorganisaties), "
        "<strong>maatschappelijke organisaties</strong> (vluchtelingenwerk en opvang, "
        "levensbeschouwelijke organisaties, welzijn), <strong>onderwijs en wetenschap</strong> "
        "(onderzoek, onderwijs), <strong>bedrijfsleven</strong> (werkgevers, uitzendbranche) en "
        "<strong>burgers en ervaringsdeskundigen</strong> (statushouders, omwonenden, "
        "arbeidsmigranten).</p>"
    ),
    "sleutelfiguren": (
        "<p>Per invalshoek zijn sleutelfiguren voorgedragen door de projectleider en het team: "
        "<em>usual suspects</em>, die het vraagstuk beroepshalve kennen, en <em>unusual "
        "suspects</em>, die het van dichtbij meemaken maar zelden gehoord worden. Ongeveer dertig "
        "sleutelfiguren staan in het register; de projectleider keurt elke voordracht goed. Hun "
        "namen en contactgegevens blijven binnen het team.</p>"
    ),
}

OOGST_SECTIONS = {
    "inleiding": (
        "<p>In januari en februari 2024 hebben de leden van het projectteam twintig "
        "sleutelfiguren geïnterviewd. Dit document verantwoordt hoe dat is gegaan en wat het "
        "heeft opgeleverd; de citaten zelf staan in de Bloemlezing.</p>"
    ),
    "werkwijze": (
        "<p>Elke sleutelfiguur kreeg een uitnodiging met de briefing over het project. De "
        "gesprekken duurden ongeveer een uur, werden door één of twee teamleden gevoerd en, "
        "met toestemming, opgenomen. Van elk gesprek is een verslag gemaakt dat de projectleider "
        "heeft geaccepteerd of met opmerkingen heeft teruggegeven. Per citaat is vastgelegd of en "
        "hoe de geïnterviewde genoemd mag worden.</p>"
    ),
    "oogst": (
        "<p>Uit de verslagen en transcripten zijn fragmenten gemarkeerd en geordend onder zes "
        "hoofdthema's: opvang en huisvesting, integratie en participatie, arbeid en economie, "
        "draagvlak en polarisatie, wet- en regelgeving, en internationale samenwerking. Deze "
        "oogst is de basis van de Bloemlezing en van de probleem- en oorzakenanalyse in stap 5.</p>"
    ),
}
