"""The demo's steps 6-8 for "Aanpak Migratievraagstuk" (seed 000: steps 6 and 7 in April,
step 8 in May 2024): two expert meetings (the first, with fourteen invitees, split by theme),
a World Café with three rounds at six tables, and a political meeting with its decisions.

Causes are named by their position among the team analysis's causes (step 5); without a team
analysis the demo leaves them out.
"""

from processteps.models import Domain, Horizon, PartyKind

DECISIONS = {
    "expert_meetings": (
        "Twee expertmeetings in april: de eerste (veertien genodigden) gesplitst naar thema, "
        "zodat elke meeting rond de tien experts blijft."
    ),
    "citizen_dialogues": "Een World Café in april: drie gespreksrondes aan zes tafels.",
}

QUESTIONS = [
    (
        "Welke oorzaken van het migratievraagstuk kunnen gemeenten zelf wegnemen?",
        "Wat ligt binnen het bereik van het lokale bestuur, en wat niet?",
    ),
    (
        "Waar ligt de verantwoordelijkheid van het Rijk, en waar die van de gemeenten?",
        "",
    ),
    (
        "Wat is nodig om het draagvlak in de samenleving te behouden?",
        "",
    ),
]

# Experts typed in (besides the key figures taken over from step 2).
EXPERTS = [
    (
        "Ingrid Verhoef",
        "Centraal Orgaan opvang asielzoekers",
        "Opvanglocaties",
        PartyKind.INSTITUTIONS,
        "Werkt bij de organisatie die de opvang uitvoert.",
    ),
    (
        "Bas Hendriks",
        "Woningcorporatie Ons Huis",
        "Sociale huur",
        PartyKind.CIVIL_SOCIETY,
        "Zijn corporatie bouwt flexwoningen voor statushouders.",
    ),
    ("Fatma Yilmaz", "VluchtelingenWerk", "Begeleiding statushouders", PartyKind.CIVIL_SOCIETY, ""),
    (
        "Gerrit Post",
        "Uitzendbureau Werkt",
        "Arbeidsbemiddeling",
        PartyKind.BUSINESSES,
        "Zijn bureau bemiddelt arbeidsmigranten.",
    ),
    ("Lotte de Graaf", "Universiteit Utrecht", "Migratiesociologie", PartyKind.INSTITUTIONS, ""),
    ("Ahmed Bakri", "Stichting Nieuwe Buren", "Ervaringsdeskundige", PartyKind.NEWCOMERS, ""),
    (
        "Marieke Smit",
        "Gemeente Zwolle",
        "Huisvesting statushouders",
        PartyKind.GOVERNMENTS,
        "Beleidsadviseur van een gemeente met een opvanglocatie.",
    ),
    (
        "Peter Jansen",
        "MKB Nederland",
        "Personeelstekorten",
        PartyKind.BUSINESSES,
        "Vertegenwoordigt werkgevers die arbeidsmigranten zoeken.",
    ),
    ("Sanne Vos", "ROC Midden Nederland", "Inburgering en taal", PartyKind.INSTITUTIONS, ""),
    ("Hans Dekker", "Politie Oost-Nederland", "Veiligheid rond opvang", PartyKind.GOVERNMENTS, ""),
    ("Yara Haddad", "Taalhuis Deventer", "Taalcoaching", PartyKind.CIVIL_SOCIETY, ""),
    (
        "Jeroen Mulder",
        "Sociaal Cultureel Planbureau",
        "Draagvlakonderzoek",
        PartyKind.INSTITUTIONS,
        "",
    ),
]

# The first expert meeting: fourteen invitees, split by theme; the second: eight.
EXPERT_MEETINGS = [
    {
        "key": "opvang",
        "title": "Expertmeeting opvang, huisvesting en werk",
        "theme": "Opvang en huisvesting",
        "start": "2024-04-09 10:00",
        "end": "2024-04-09 13:00",
        "place": "De Rode Hoed, Keizersgracht 102, Amsterdam",
        "chair": "leader",
        "room": "De Koepelzaal: ruim en rustig, één lange tafel, daglicht.",
        "catering": "Koffie, thee en water doorlopend; versnaperingen; een lunch na afloop.",
        "gifts": "Een boekje 'Samenleving maken' als dank bij het afscheid.",
        "notes": "Naambordjes; de voorzitter meldt bij de opening de gemelde belangen.",
        "invitees": 14,
        "split": {
            "theme": "Arbeid en economie",
            "title": "Expertmeeting arbeid en economie",
            "start": "2024-04-09 14:00",
            "end": "2024-04-09 17:00",
            "count": 6,
        },
        "answers": {
            0: "Gemeenten kunnen de huisvesting van statushouders versnellen door flexwoningen "
            "en door samen te werken met corporaties; de instroom zelf ligt buiten hun bereik.",
            1: "Het Rijk gaat over toelating en de spreiding van opvang; gemeenten over "
            "huisvesting, inburgering en het contact in de wijk.",
        },
    },
    {
        "key": "integratie",
        "title": "Expertmeeting integratie en draagvlak",
        "theme": "Integratie en participatie",
        "start": "2024-04-11 13:30",
        "end": "2024-04-11 16:30",
        "place": "Landgoed Zonheuvel, Doorn",
        "chair": "member",
        "room": "De Oranjerie, met uitzicht op het park.",
        "catering": "Koffie, thee, water en een high tea.",
        "gifts": "Een bos bloemen voor elke expert.",
        "notes": "Parkeren op het landgoed; treinreizigers worden opgehaald in Driebergen.",
        "invitees": 8,
        "answers": {
            2: "Draagvlak groeit waar bewoners vroeg worden betrokken, waar afspraken worden "
            "nagekomen en waar nieuwkomers snel kunnen meedoen: taal en werk vanaf dag één.",
        },
    },
]

AGENDA = [
    ("Opening en gemelde belangen", 15, None, []),
    ("Oorzaken die het vraagstuk in stand houden", 60, "theme", ["causes"]),
    ("De fundamentele vragen", 60, None, ["questions"]),
    ("Afsluiting en vervolg", 15, None, []),
]

MINUTES = (
    "<p>De voorzitter heette de experts welkom en noemde bij de opening de gemelde belangen; "
    "de deelnemers zijn er vanwege hun expertise.</p>"
    "<p>De experts bespraken de oorzaken uit de probleem- en oorzakenanalyse en gaven aan waar "
    "politiek en bestuur kunnen ingrijpen. Er was veel overeenstemming over de rol van "
    "huisvesting en werk; over de spreiding van opvang liepen de meningen uiteen.</p>"
)

# Intervention points on the first causes of the team analysis: (title, arena, who, argument).
POINTS = [
    (
        "Versnel de huisvesting van statushouders",
        "administration",
        "Gemeenten en woningcorporaties",
        "De experts zijn het eens: wie lang in de opvang blijft, kan niet meedoen.",
    ),
    (
        "Werk vanaf de eerste dag",
        "both",
        "Rijk, gemeenten en werkgevers",
        "Werk is de snelste weg naar taal, contact en zelfstandigheid.",
    ),
    (
        "Betrek bewoners vóór een besluit over opvang",
        "politics",
        "Gemeenteraden",
        "Draagvlak ontstaat waar bewoners vroeg meepraten en afspraken worden nagekomen.",
    ),
]

WORLD_CAFE = {
    "title": "World Café: samen leven in Nederland",
    "start": "2024-04-18 19:00",
    "end": "2024-04-18 22:00",
    "place": "Wijkcentrum De Meeuw, Zwolle",
    "room": "Zes ronde tafels met papieren tafelkleden en stiften.",
    "catering": "Koffie, thee, soep en broodjes bij binnenkomst.",
    "gifts": "Een kaartje met de vervolgstappen voor iedereen.",
    "rounds": [
        ("Wat gaat er goed in het samenleven met nieuwkomers?", 30),
        ("Wat moet er anders, en wie moet dat doen?", 30),
        ("Hoe ziet uw buurt er over tien jaar uit?", 30),
    ],
    "tables": [
        ("Henk Bos", 7),
        ("Aisha Rahimi", 7),
        ("Jan de Vries", 7),
        ("Mirjam Koster", 7),
        ("Omar Saleh", 6),
        ("Els Wouters", 6),
    ],
    "citizens": [
        (PartyKind.CITIZENS, 16),
        (PartyKind.NEWCOMERS, 8),
        (PartyKind.CIVIL_SOCIETY, 4),
        (PartyKind.BUSINESSES, 2),
    ],
    "absent": 2,
    "walk_ins": 12,
    "freedom_note": "Iedereen kwam aan het woord; de tafelgastheren bewaakten dat niemand "
    "werd overstemd.",
    "target": 40,
}

# (table, round, text, domains, cause index or None, point index or None)
HARVEST = [
    (
        1,
        1,
        "Buren helpen nieuwkomers op weg met formulieren en de weg in de wijk.",
        [Domain.INTEGRATION],
        None,
        None,
    ),
    (1, 2, "Statushouders wachten te lang in de opvang op een woning.", [Domain.HOUSING], 0, 0),
    (
        1,
        3,
        "Over tien jaar zijn er flexwoningen voor starters én statushouders door elkaar.",
        [Domain.HOUSING],
        0,
        0,
    ),
    (2, 1, "De taalcafés in de bibliotheek lopen goed.", [Domain.DEVELOPMENT], None, None),
    (
        2,
        2,
        "Laat mensen meteen werken of vrijwilligerswerk doen, ook tijdens de procedure.",
        [Domain.WORK, Domain.DAYTIME],
        1,
        1,
    ),
    (2, 3, "Iedere nieuwkomer heeft een maatje uit de buurt.", [Domain.INTEGRATION], None, None),
    (3, 1, "Sportclubs nemen kinderen van nieuwkomers gratis op.", [Domain.WELLBEING], None, None),
    (
        3,
        2,
        "Bewoners horen pas van een opvanglocatie als het besluit al genomen is.",
        [Domain.SAFETY],
        2,
        2,
    ),
    (
        3,
        3,
        "Over tien jaar praat de buurt mee vóór er iets wordt besloten.",
        [Domain.SAFETY, Domain.INTEGRATION],
        2,
        2,
    ),
    (
        4,
        1,
        "Werkgevers in de regio zoeken mensen en willen graag nieuwkomers opleiden.",
        [Domain.WORK],
        1,
        1,
    ),
    (
        4,
        2,
        "Diploma's van nieuwkomers worden te langzaam erkend.",
        [Domain.DEVELOPMENT, Domain.WORK],
        1,
        1,
    ),
    (4, 3, "Elke nieuwkomer heeft binnen een jaar werk of een opleiding.", [Domain.WORK], 1, 1),
    (
        5,
        1,
        "Er zijn te weinig plekken voor dagbesteding in de opvang.",
        [Domain.DAYTIME],
        None,
        None,
    ),
    (
        5,
        2,
        "De politie moet zichtbaar zijn rond opvanglocaties, ook als het rustig is.",
        [Domain.SAFETY],
        None,
        None,
    ),
    (
        5,
        3,
        "Over tien jaar is de opvang kleinschalig en verspreid over alle gemeenten.",
        [Domain.HOUSING, Domain.SAFETY],
        0,
        None,
    ),
    (
        6,
        1,
        "Moskee, kerk en buurthuis organiseren samen een jaarlijkse maaltijd.",
        [Domain.INTEGRATION, Domain.WELLBEING],
        None,
        None,
    ),
    (
        6,
        2,
        "Stop met het steeds verhuizen van gezinnen tussen opvanglocaties.",
        [Domain.HOUSING, Domain.WELLBEING],
        0,
        0,
    ),
    (
        6,
        3,
        "Kinderen van nieuwkomers gaan naar dezelfde scholen als de buurtkinderen.",
        [Domain.DEVELOPMENT],
        None,
        None,
    ),
    (3, 2, "Zet de grenzen dicht; er is hier geen plek meer.", [Domain.SAFETY], None, None),
    (
        5,
        1,
        "Mensen in de opvang hebben te weinig te doen en vervelen zich.",
        [Domain.DAYTIME],
        None,
        None,
    ),
]

VISION = (
    "<p>Nederland is een samenleving waarin nieuwkomers en bewoners samen leven en samen werken. "
    "Wie hier mag blijven, doet vanaf het begin mee: met een woning, met werk of een opleiding, "
    "en met buren die helpen. Bewoners praten mee voordat er over hun buurt wordt besloten.</p>"
)
VISION_ADOPTED = (
    "<p>Nederland is een samenleving waarin nieuwkomers en bewoners samen leven en samen werken. "
    "Wie hier mag blijven, doet vanaf het begin mee. Gemeenten zorgen met corporaties voor "
    "huisvesting, het Rijk voor een voorspelbare spreiding, en bewoners praten mee voordat er "
    "over hun buurt wordt besloten.</p>"
)

# Target images: (key, domain, horizon, title, text, harvest indexes).
IMAGES = [
    (
        "wonen_kort",
        Domain.HOUSING,
        Horizon.SHORT,
        "Binnen drie maanden een woning",
        "Statushouders wonen binnen drie maanden na hun vergunning in een gemeente.",
        [1, 16],
    ),
    (
        "wonen_lang",
        Domain.HOUSING,
        Horizon.LONG,
        "Gemengd wonen in elke wijk",
        "Flexwoningen en sociale huur voor starters en statushouders, door elkaar.",
        [2, 14],
    ),
    (
        "werken_kort",
        Domain.WORK,
        Horizon.SHORT,
        "Werk vanaf de eerste dag",
        "Nieuwkomers mogen tijdens de procedure werken of vrijwilligerswerk doen.",
        [4, 9],
    ),
    (
        "werken_lang",
        Domain.WORK,
        Horizon.LONG,
        "Binnen een jaar werk of opleiding",
        "Elke nieuwkomer heeft binnen een jaar werk of volgt een opleiding; diploma's worden snel "
        "erkend.",
        [10, 11],
    ),
    (
        "integreren",
        Domain.INTEGRATION,
        Horizon.LONG,
        "Een maatje voor elke nieuwkomer",
        "Iedere nieuwkomer heeft een maatje uit de buurt; buurthuis, kerk en moskee werken samen.",
        [0, 5, 15],
    ),
    (
        "veiligheid",
        Domain.SAFETY,
        Horizon.SHORT,
        "Bewoners praten mee vóór het besluit",
        "Geen opvanglocatie zonder dat de buurt vooraf is gehoord.",
        [7, 8],
    ),
    (
        "dagbesteding",
        Domain.DAYTIME,
        Horizon.SHORT,
        "Zinvolle dagbesteding in de opvang",
        "Elke opvanglocatie biedt taal, sport en vrijwilligerswerk.",
        [12, 19],
    ),
    (
        "ontwikkelen",
        Domain.DEVELOPMENT,
        Horizon.SHORT,
        "Samen naar school",
        "Kinderen van nieuwkomers gaan naar dezelfde scholen als de buurtkinderen.",
        [17],
    ),
]

# Harvest that no target image takes up, and why not.
NOT_TAKEN_UP = {
    3: "Gaat goed en vraagt geen nieuw beleid; genoemd als voorbeeld in de visie.",
    6: "Een goed voorbeeld van wat er al gebeurt; geen taak voor de overheid.",
    13: "Een zaak van de politie zelf; doorgegeven aan de korpsleiding.",
    18: "Valt buiten dit vraagstuk: toelating is geen onderwerp van dit advies, en de dialoog "
    "liet zien dat de meeste deelnemers het anders zien.",
}

POLITICAL = {
    "title": "Politieke bijeenkomst met Kamerleden",
    "start": "2024-05-16 14:00",
    "end": "2024-05-16 17:00",
    "place": "Nieuwspoort, Lange Poten 10, Den Haag",
    "external_chair": "Dagvoorzitter: oud-Kamerlid A. de Wit",
    "room": "De grote zaal, openbaar toegankelijk; tribune voor publiek.",
    "catering": "Koffie en thee; borrel na afloop.",
    "gifts": "De concept-visie in druk voor elke deelnemer.",
    "politicians": [
        ("K. Bakker", "Tweede Kamer"),
        ("M. El Idrissi", "Tweede Kamer"),
        ("J. van Dam", "Tweede Kamer"),
        ("R. Hoekstra", "Gemeenteraad Zwolle"),
    ],
    "review": "2025-05-16",
}

# key -> (outcome, argument, changed title, changed text)
OUTCOMES = {
    "wonen_kort": (
        "changed",
        "Drie maanden is niet haalbaar met de huidige woningvoorraad; "
        "zes maanden wel, met flexwoningen.",
        "Binnen zes maanden een woning",
        "Statushouders wonen binnen zes maanden na hun vergunning in een gemeente.",
    ),
    "wonen_lang": ("adopted", "Past bij de woonafspraken met de corporaties.", "", ""),
    "werken_kort": ("adopted", "Breed gedragen door werkgevers en de Kamerleden.", "", ""),
    "werken_lang": ("adopted", "Onderdeel van de nieuwe Wet inburgering.", "", ""),
    "integreren": ("adopted", "Bouwt voort op wat vrijwilligers al doen.", "", ""),
    "veiligheid": ("adopted", "Versterkt het draagvlak dat de dialoog vroeg.", "", ""),
    "dagbesteding": ("adopted", "Voorkomt verveling en onrust in de opvang.", "", ""),
    "ontwikkelen": (
        "rejected",
        "Schoolkeuze is vrij; de overheid kan dit niet afdwingen. Het "
        "blijft een aandachtspunt voor de gemeenten.",
        "",
        "",
    ),
}

JUSTICE = {
    "doability": "partly",
    "doability_explanation": "Nieuwkomers kunnen dit met begeleiding: taalcoaches en een "
    "maatje helpen bij de eerste stappen.",
    "justification": "De overheid is verantwoordelijk voor wie zij toelaat; meedoen voorkomt "
    "hogere kosten later en versterkt de samenhang in de wijk.",
}
# key -> rows (party, domain, burdens, benefits)
JUSTICE_ROWS = {
    "wonen_kort": [
        (
            PartyKind.NEWCOMERS,
            Domain.HOUSING,
            "Minder keuze in woonplaats",
            "Sneller een eigen thuis",
        ),
        (
            PartyKind.CITIZENS,
            Domain.HOUSING,
            "Woningzoekenden delen de schaarste",
            "Flexwoningen ook voor starters",
        ),
    ],
    "wonen_lang": [
        (
            PartyKind.INSTITUTIONS,
            Domain.HOUSING,
            "Corporaties investeren",
            "Gemengde, leefbare wijken",
        )
    ],
    "werken_kort": [
        (
            PartyKind.BUSINESSES,
            Domain.WORK,
            "Begeleiding op de werkvloer",
            "Personeel voor openstaande vacatures",
        )
    ],
    "werken_lang": [
        (
            PartyKind.GOVERNMENTS,
            Domain.DEVELOPMENT,
            "Kosten van diplomawaardering",
            "Minder uitkeringen",
        )
    ],
    "integreren": [
        (
            PartyKind.CIVIL_SOCIETY,
            Domain.INTEGRATION,
            "Meer vrijwilligers nodig",
            "Sterkere buurtnetwerken",
        )
    ],
    "veiligheid": [
        (
            PartyKind.GOVERNMENTS,
            Domain.SAFETY,
            "Langere besluitvorming",
            "Minder weerstand achteraf",
        )
    ],
    "dagbesteding": [
        (
            PartyKind.INSTITUTIONS,
            Domain.DAYTIME,
            "Programma in de opvang",
            "Rust en perspectief voor bewoners",
        )
    ],
}

DOCUMENTS = {
    "expert_meetings": {
        "inleiding": (
            "<p>In april 2024 legden we de probleem- en oorzakenanalyse voor aan experts. Zij "
            "bepaalden waar politiek en bestuur kunnen ingrijpen: de politiek-bestuurlijke "
            "interventiepunten.</p>"
        ),
        "vooruitblik": (
            "<p>De interventiepunten vormen de basis van de burgerdialogen en, na de politieke "
            "bijeenkomst, van de doelenboom.</p>"
        ),
    },
    "citizen_dialogues": {
        "inleiding": (
            "<p>Burgers gaven in een World Café hun visie op het samenleven met nieuwkomers. "
            "Hun opbrengst vormt de visie en de streefbeelden op basis van de Algemene Wil.</p>"
        ),
    },
    "political_meeting": {
        "inleiding": (
            "<p>In een openbare bijeenkomst wogen Kamerleden en raadsleden de visie en de "
            "streefbeelden van de burgers: de visienota op basis van het Algemeen Belang.</p>"
        ),
    },
}
