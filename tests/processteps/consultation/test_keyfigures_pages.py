"""The key-figure register in the browser: list, propose, edit, approve, pipeline, erase,
coverage and angles."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from processteps.consultation.models import Angle, KeyFigure, KeyFigureStatus
from processteps.consultation.services import keyfigures as services
from processteps.models import AuditEntry, Role
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.matrix import built_once
from tests.processteps.helpers import error_messages_of, messages_of

from .test_keyfigures_common import kf_url, make_angles, make_key_figure, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def angles(project):
    return make_angles(project)


def page_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html: str) -> str:
    """The visible text of a page, roughly: tags out, whitespace folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def payload(angles, **changes):
    data = {
        "name": "Nina Nieuw",
        "organisation": "Wijkcentrum De Brug",
        "organisation_type": "maatschappelijke organisatie",
        "function": "opbouwwerker",
        "address": "Dorpsstraat 1",
        "postcode": "1234 AB",
        "city": "Voorbeeld",
        "email": "nina@example.org",
        "phone": "06 12345678",
        "angle": angles["Zorg"].pk,
        "subangle": angles["Thuiszorg"].pk,
        "is_usual_suspect": "False",
        "proposal_reason": "Kent iedereen in de wijk",
        "notes": "",
    }
    data.update(changes)
    return data


# --- the register -----------------------------------------------------------------------------


@pytest.fixture
def register(project, angles):
    """Five key figures in several states, one of them erased."""
    return {
        "jan": make_key_figure(project, actor=project.member, name="Jan Jansen",
                               organisation="Huisartsenpraktijk", angle=angles["Zorg"],
                               subangle=angles["Huisartsen"]),
        "fatima": make_key_figure(project, name="Fatima El Amrani", angle=angles["Wonen"],
                                  is_usual_suspect=False, statuses=["approached", "agreed"]),
        "pieter": make_key_figure(project, name="Pieter de Vries", angle=angles["Onderwijs"],
                                  function="directeur", approve=True),
        "sanne": make_key_figure(project, name="Sanne Bakker", angle=angles["Zorg"],
                                 subangle=angles["Thuiszorg"], is_usual_suspect=False,
                                 statuses=["approached", "agreed", "interviewed"]),
        "wim": make_key_figure(project, name="Wim Wissen", angle=angles["Zorg"]),
    }  # fmt: skip


def names_on(html: str) -> list[str]:
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)
    return [r.strip() for r in rows]


def test_the_register_lists_everyone_with_counts(project, register, client_as):
    services.key_figure_erase(actor=project.leader, key_figure=register["wim"])
    html = page_of(client_as("member").get(url("keyfigure_list", project)))

    assert names_on(html) == [
        "Fatima El Amrani", "Jan Jansen", "Pieter de Vries", "Sanne Bakker", "[gewist]",
    ]  # fmt: skip
    counts = text_of(re.search(r'<ul class="list-inline mb-0" id="counts">.*?</ul>', html,
                               re.S).group(0))  # fmt: skip
    assert "4 sleutelfiguren" in counts
    assert "1 wachten op goedkeuring" in counts
    assert "Toegezegd: 1" in counts and "Geïnterviewd: 1" in counts
    assert "usual: 2" in counts and "unusual: 2" in counts
    assert "gewist: 1" in counts
    assert "5 sleutelfiguren in het register" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        (lambda a: {"angle": a["Zorg"].pk}, ["Jan Jansen", "Sanne Bakker", "[gewist]"]),
        (lambda a: {"angle": a["Huisartsen"].pk}, ["Jan Jansen"]),
        (lambda a: {"status": "agreed"}, ["Fatima El Amrani"]),
        (lambda a: {"status": "pending"}, ["Jan Jansen"]),
        (lambda a: {"kind": "unusual"}, ["Fatima El Amrani", "Sanne Bakker"]),
        (lambda a: {"kind": "usual", "angle": a["Zorg"].pk}, ["Jan Jansen", "[gewist]"]),
        (lambda a: {"q": "directeur"}, ["Pieter de Vries"]),
        (lambda a: {"q": "praktijk"}, ["Jan Jansen"]),
        # A value that is no choice is left out; the other filters still apply.
        (lambda a: {"status": "bestaat-niet", "kind": "unusual"},
         ["Fatima El Amrani", "Sanne Bakker"]),
        (lambda a: {"angle": "999999"}, ["Fatima El Amrani", "Jan Jansen", "Pieter de Vries",
                                         "Sanne Bakker", "[gewist]"]),
    ],
)  # fmt: skip
def test_the_register_filters(project, angles, register, client_as, query, expected):
    services.key_figure_erase(actor=project.leader, key_figure=register["wim"])
    html = page_of(client_as("leader").get(url("keyfigure_list", project), query(angles)))
    assert names_on(html) == expected


def test_the_register_offers_approval_only_to_the_leader(project, register, client_as):
    approve = kf_url("keyfigure_approve", register["jan"])
    assert approve in page_of(client_as("leader").get(url("keyfigure_list", project)))
    assert approve not in page_of(client_as("member").get(url("keyfigure_list", project)))
    assert kf_url("keyfigure_approve", register["pieter"]) not in page_of(
        client_as("leader").get(url("keyfigure_list", project))
    )


def test_the_register_pages_beyond_a_hundred(project, angles, client_as):
    KeyFigure.objects.bulk_create(
        KeyFigure(project=project, name=f"Persoon {n:03d}") for n in range(105)
    )
    first = page_of(client_as("member").get(url("keyfigure_list", project)))
    second = page_of(client_as("member").get(url("keyfigure_list", project), {"page": 2}))
    assert len(names_on(first)) == 100
    assert names_on(second) == [f"Persoon {n}" for n in range(100, 105)]
    assert "Pagina 2 van 2" in second


# --- proposing and editing --------------------------------------------------------------------


def test_a_member_proposes_a_key_figure(project, angles, client_as):
    response = client_as("member").post(url("keyfigure_add", project), payload(angles))

    nina = KeyFigure.objects.get(name="Nina Nieuw")
    assert response.status_code == 302
    assert response["Location"] == kf_url("keyfigure_detail", nina)
    assert "Nina Nieuw is voorgesteld als sleutelfiguur." in messages_of(response)
    assert (nina.proposed_by, nina.approved_at, nina.status) == (project.member, None, "proposed")
    assert (nina.angle, nina.subangle, nina.is_usual_suspect) == (
        angles["Zorg"],
        angles["Thuiszorg"],
        False,
    )
    assert (nina.email, nina.phone, nina.address, nina.postcode, nina.city) == (
        "nina@example.org", "06 12345678", "Dorpsstraat 1", "1234 AB", "Voorbeeld",
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="keyfigure.proposed", target_id=nina.pk).exists()


def test_propose_and_another_returns_to_an_empty_form(project, angles, client_as):
    response = client_as("member").post(url("keyfigure_add", project), payload(angles, another="1"))
    assert response["Location"] == url("keyfigure_add", project)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": "  "}, "Dit veld is verplicht."),
        ({"email": "jan@"}, "Voer een geldig e-mailadres in."),
        ({"postcode": "1234567890123"}, "Zorg dat deze waarde niet meer dan 12 tekens bevat"),
        # A subfunctional angle under another functional angle than the one chosen.
        ({"subangle": "basisonderwijs"},
         "Deze subfunctionele invalshoek valt niet onder de gekozen."),
        ({"angle": "huisartsen"}, "Selecteer een geldige keuze"),
        ({"is_usual_suspect": "misschien"}, "Selecteer een geldige keuze"),
    ],
)  # fmt: skip
def test_a_bad_proposal_is_refused_and_nothing_saved(project, angles, client_as, changes, message):
    data = payload(angles, **changes)
    for key in ("angle", "subangle"):
        if isinstance(data[key], str) and data[key].isalpha():
            data[key] = {a.lower(): v.pk for a, v in angles.items()}[data[key]]
    before = AuditEntry.objects.count()

    response = client_as("member").post(url("keyfigure_add", project), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not KeyFigure.objects.exists()
    assert AuditEntry.objects.count() == before


def test_the_subangles_offered_are_those_under_the_chosen_angle(project, angles, client_as):
    browser = client_as("member")
    everything = page_of(browser.get(url("keyfigure_add", project)))
    subangle_select = re.search(r'<select name="subangle".*?</select>', everything, re.S).group(0)
    assert '<optgroup label="Zorg">' in subangle_select
    assert "Basisonderwijs" in subangle_select

    # htmx asks for the form again with the chosen angle and takes the subangle field.
    chosen = page_of(browser.get(url("keyfigure_add", project), {"angle": angles["Zorg"].pk}))
    subangle_select = re.search(r'<select name="subangle".*?</select>', chosen, re.S).group(0)
    assert "Huisartsen" in subangle_select and "Thuiszorg" in subangle_select
    assert "Basisonderwijs" not in subangle_select
    assert 'hx-select="#div_id_subangle"' in chosen
    assert 'id="div_id_subangle"' in chosen


def test_a_member_edits_a_key_figure(project, angles, register, client_as):
    jan = register["jan"]
    response = client_as("member").post(
        kf_url("keyfigure_edit", jan),
        payload(angles, name="Jan Jansen", phone="06 99999999", angle=angles["Wonen"].pk,
                subangle=""),
    )  # fmt: skip
    assert response.status_code == 302
    jan.refresh_from_db()
    assert (jan.phone, jan.angle, jan.subangle) == ("06 99999999", angles["Wonen"], None)
    entry = AuditEntry.objects.filter(action="keyfigure.changed", target_id=jan.pk).get()
    assert "phone" in entry.data["fields"]


def test_the_edit_form_shows_the_current_values(project, register, client_as):
    html = page_of(client_as("member").get(kf_url("keyfigure_edit", register["jan"])))
    assert 'value="Jan Jansen"' in html
    assert 'value="Huisartsenpraktijk"' in html


# --- approval and the pipeline ----------------------------------------------------------------


def test_the_leader_approves_a_proposal(project, register, client_as):
    jan = register["jan"]
    response = client_as("leader").post(kf_url("keyfigure_approve", jan))
    assert response.status_code == 302
    assert "Jan Jansen is goedgekeurd als sleutelfiguur." in messages_of(response)
    jan.refresh_from_db()
    assert jan.approved_by == project.leader and jan.approved_at is not None


def test_approving_from_the_register_returns_there(project, register, client_as):
    back = url("keyfigure_list", project) + "?status=pending"
    response = client_as("leader").post(kf_url("keyfigure_approve", register["jan"]),
                                        {"next": back})  # fmt: skip
    assert response["Location"] == back


def test_approval_never_redirects_to_another_site(project, register, client_as):
    response = client_as("leader").post(
        kf_url("keyfigure_approve", register["jan"]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == kf_url("keyfigure_detail", register["jan"])


def test_approving_twice_says_so(project, register, client_as):
    response = client_as("leader").post(kf_url("keyfigure_approve", register["pieter"]))
    assert "Deze sleutelfiguur was al goedgekeurd." in messages_of(response)
    assert (
        AuditEntry.objects.filter(
            action="keyfigure.approved", target_id=register["pieter"].pk
        ).count()
        == 1
    )


def set_status(browser, key_figure, status):
    return browser.post(kf_url("keyfigure_status", key_figure), {"status": status})


def test_a_member_moves_an_approved_key_figure_along_the_pipeline(project, register, client_as):
    pieter, browser = register["pieter"], client_as("member")
    for status in ("approached", "declined", "approached", "agreed", "interviewed"):
        response = set_status(browser, pieter, status)
        assert response.status_code == 302
        assert error_messages_of(response) == []
        pieter.refresh_from_db()
        assert pieter.status == status
    assert "De status van Pieter de Vries is nu 'Geïnterviewd'." in messages_of(response)
    assert AuditEntry.objects.filter(action="keyfigure.status", target_id=pieter.pk).count() == 5


@pytest.mark.parametrize(
    "who, status, message",
    [
        ("jan", "approached", "De projectleider keurt een voorgestelde sleutelfiguur eerst goed."),
        ("pieter", "agreed", "Van 'Voorgesteld' kan een sleutelfiguur niet naar 'Toegezegd'."),
        ("pieter", "interviewed",
         "Van 'Voorgesteld' kan een sleutelfiguur niet naar 'Geïnterviewd'."),
        ("sanne", "declined", "Van 'Geïnterviewd' kan een sleutelfiguur niet naar 'Afgezegd'."),
        ("fatima", "proposed", "Van 'Toegezegd' kan een sleutelfiguur niet naar 'Voorgesteld'."),
        ("pieter", "gepensioneerd", "Kies een geldige status."),
    ],
)  # fmt: skip
def test_a_status_change_off_the_pipeline_is_refused(register, client_as, who, status, message):
    key_figure = register[who]
    before = key_figure.status
    response = set_status(client_as("leader"), key_figure, status)
    assert response.status_code == 302
    assert error_messages_of(response) == [message]
    key_figure.refresh_from_db()
    assert key_figure.status == before


def test_the_detail_page_offers_only_the_next_statuses(project, register, client_as):
    html = page_of(client_as("member").get(kf_url("keyfigure_detail", register["fatima"])))
    select = re.search(r'<select id="id_status".*?</select>', html, re.S).group(0)
    assert re.findall(r'value="(\w+)"', select) == ["declined", "interviewed"]
    pending = page_of(client_as("member").get(kf_url("keyfigure_detail", register["jan"])))
    assert 'id="id_status"' not in pending
    assert "keurt hem heeft goedgekeurd" not in pending
    assert "pas benaderd nadat de projectleider hem heeft goedgekeurd" in pending
    assert kf_url("keyfigure_approve", register["jan"]) not in pending, "members do not approve"


# --- erasure ----------------------------------------------------------------------------------


def test_the_erase_page_explains_what_is_kept(project, register, client_as):
    html = text_of(page_of(client_as("leader").get(kf_url("keyfigure_erase", register["jan"]))))
    assert "Wat wordt gewist" in html and "Wat blijft bewaard" in html
    assert "alleen geanonimiseerd" in html
    assert "de soort organisatie en de invalshoeken" in html
    assert "kan niet ongedaan worden gemaakt" in html


def test_erasure_removes_the_personal_data_from_the_database(project, angles, client_as):
    jan = make_key_figure(
        project, name="Jan Jansen", organisation="Huisartsenpraktijk De Linde",
        organisation_type="zorgaanbieder", email="jan@example.org", phone="06 12345678",
        address="Lindelaan 1", postcode="1234 AB", city="Voorbeeld", angle=angles["Zorg"],
        subangle=angles["Huisartsen"], proposal_reason="Kent de wijk", notes="Belt liever",
        approve=True, statuses=["approached", "agreed"],
    )  # fmt: skip

    response = client_as("leader").post(kf_url("keyfigure_erase", jan))

    assert response.status_code == 302
    assert response["Location"] == kf_url("keyfigure_detail", jan)
    jan.refresh_from_db()
    assert jan.erased_at is not None
    for field in ("name", "email", "phone", "address", "postcode", "city", "notes",
                  "organisation", "proposal_reason"):  # fmt: skip
        assert getattr(jan, field) == "", field
    # What is kept: no personal data, and the analysis stays right.
    assert (jan.organisation_type, jan.angle, jan.subangle, jan.status) == (
        "zorgaanbieder", angles["Zorg"], angles["Huisartsen"], KeyFigureStatus.AGREED,
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="keyfigure.erased", target_id=jan.pk).exists()


def test_an_erased_key_figure_shows_no_personal_data_on_any_page(project, angles, client_as):
    jan = make_key_figure(
        project, actor=project.member, name="Jan Jansen", organisation="Huisartsenpraktijk",
        organisation_type="zorgaanbieder", email="jan@example.org", phone="06 12345678",
        address="Lindelaan 1", city="Voorbeeld", angle=angles["Zorg"], approve=True,
    )  # fmt: skip
    services.key_figure_update(actor=project.leader, key_figure=jan, phone="06 87654321")
    browser = client_as("leader")
    browser.post(kf_url("keyfigure_erase", jan))

    pages = [
        url("keyfigure_list", project),
        kf_url("keyfigure_detail", jan),
        kf_url("keyfigure_erase", jan),
        url("keyfigure_coverage", project),
        url("angle_list", project),
    ]
    for page in pages:
        html = page_of(browser.get(page))
        for secret in ("Jansen", "jan@example.org", "06 12345678", "06 87654321", "Lindelaan",
                       "Huisartsenpraktijk"):  # fmt: skip
            assert secret not in html, (page, secret)
    detail = page_of(browser.get(kf_url("keyfigure_detail", jan)))
    assert "[gewist]" in detail
    assert "Persoonsgegevens gewist" in detail
    assert "zorgaanbieder" in detail  # organisation type is kept
    # The history still tells what happened, without the name it had then.
    assert "stelde sleutelfiguur [gewist] voor" in detail


def test_an_erased_key_figure_can_no_longer_be_edited_approved_or_moved(
    project, register, client_as
):
    jan = register["jan"]
    services.key_figure_erase(actor=project.leader, key_figure=jan)
    browser = client_as("leader")

    edit = browser.get(kf_url("keyfigure_edit", jan))
    assert edit.status_code == 302
    assert error_messages_of(edit) == ["De gegevens van deze sleutelfiguur zijn gewist."]
    browser.post(kf_url("keyfigure_edit", jan), {"name": "Jan Terug", "is_usual_suspect": "True"})
    browser.post(kf_url("keyfigure_approve", jan))
    set_status(browser, jan, "approached")
    again = browser.post(kf_url("keyfigure_erase", jan))
    assert "De persoonsgegevens waren al gewist." in messages_of(again)

    jan.refresh_from_db()
    assert (jan.name, jan.approved_at, jan.status) == ("", None, "proposed")
    detail = page_of(browser.get(kf_url("keyfigure_detail", jan)))
    assert kf_url("keyfigure_edit", jan) not in detail
    assert 'id="id_status"' not in detail


# --- coverage ---------------------------------------------------------------------------------


def coverage_rows(html: str) -> dict:
    """Angle name -> (proposed, agreed, interviewed, usual, unusual, signals)."""
    body = re.search(r'<table class="table table-sm align-middle" id="coverage">.*?<tbody>(.*?)'
                     r"</tbody>", html, re.S).group(1)  # fmt: skip
    rows = {}
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        cells = [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        name = cells[0].replace("subfunctioneel:", "").replace("↳", "").strip()
        rows[name] = (*(int(c) for c in cells[1:6]), cells[6])
    return rows


def test_coverage_counts_per_angle_and_names_the_gaps(project, angles, register, client_as):
    services.key_figure_erase(actor=project.leader, key_figure=register["wim"])
    make_key_figure(project, name="Zonder Hoek")
    html = page_of(client_as("member").get(url("keyfigure_coverage", project)))
    rows = coverage_rows(html)

    assert rows["Zorg"][:5] == (2, 1, 1, 1, 1)  # Jan and Sanne; Wim is erased and not counted
    assert rows["Huisartsen"][:5] == (1, 0, 0, 1, 0)
    assert rows["Thuiszorg"][:5] == (1, 1, 1, 0, 1)
    assert rows["Onderwijs"][:5] == (1, 0, 0, 1, 0)
    assert rows["Wonen"][:5] == (1, 1, 0, 0, 1)
    assert rows["Veiligheid"][:5] == (0, 0, 0, 0, 0)
    assert rows["Zonder invalshoek"][:5] == (1, 0, 0, 1, 0)
    # Gaps are said in words, not only by colour.
    assert rows["Zorg"][5] == "–"
    assert rows["Onderwijs"][5] == "⚠ Let op: geen toezeggingen ⚠ Let op: geen unusual suspects"
    assert rows["Wonen"][5] == "–"
    assert "geen toezeggingen" in rows["Veiligheid"][5]
    assert "geen unusual suspects" in rows["Huisartsen"][5]
    summary = text_of(re.search(r'id="coverage-summary">(.*?)</div>', html, re.S).group(1))
    assert "2 functionele invalshoeken hebben nog geen toezegging." in summary
    assert "2 functionele invalshoeken hebben geen unusual suspect." in summary
    totals = text_of(re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1))
    assert totals == "Totaal 5 2 1 3 2"


def test_coverage_without_gaps_says_so(project, angles, client_as):
    for name in ("Zorg", "Onderwijs", "Wonen", "Veiligheid"):
        make_key_figure(project, name=f"Iemand {name}", angle=angles[name],
                        is_usual_suspect=False, statuses=["approached", "agreed"])  # fmt: skip
    html = page_of(client_as("leader").get(url("keyfigure_coverage", project)))
    assert "Elke functionele invalshoek heeft een toezegging en een unusual suspect." in html


# --- angles -----------------------------------------------------------------------------------


def test_the_leader_adds_functional_and_subfunctional_angles(project, client_as):
    browser = client_as("leader")
    response = browser.post(url("angle_add", project), {"name": "  Economie ", "parent": ""})
    assert "De invalshoek 'Economie' is toegevoegd." in messages_of(response)
    economy = Angle.objects.get(project=project, name="Economie")
    browser.post(url("angle_add", project), {"name": "Winkeliers", "parent": economy.pk})
    assert Angle.objects.get(name="Winkeliers").parent == economy

    html = page_of(browser.get(url("angle_list", project)))
    assert "Economie" in html and "Winkeliers" in html
    assert url("angle_remove", project, angle=economy.pk) in html


def test_a_doubled_angle_name_is_refused(project, angles, client_as):
    response = client_as("leader").post(url("angle_add", project), {"name": "zorg", "parent": ""})
    assert error_messages_of(response) == ["Naam: Die invalshoek bestaat hier al."]
    assert project.angles.filter(name__iexact="zorg").count() == 1


def test_a_subangle_under_a_subangle_is_refused(project, angles, client_as):
    response = client_as("leader").post(
        url("angle_add", project), {"name": "Te diep", "parent": angles["Huisartsen"].pk}
    )
    assert error_messages_of(response)
    assert not Angle.objects.filter(name="Te diep").exists()


def test_an_angle_in_use_is_removed_only_when_confirmed(project, angles, register, client_as):
    browser = client_as("leader")
    zorg = angles["Zorg"]
    refused = browser.post(url("angle_remove", project, angle=zorg.pk))
    assert error_messages_of(refused) == [
        "De invalshoek 'Zorg' is in gebruik (3 sleutelfiguren, 2 subfunctionele "
        "invalshoeken). Vink aan dat u hem toch wilt verwijderen."
    ]
    assert Angle.objects.filter(pk=zorg.pk).exists()

    browser.post(url("angle_remove", project, angle=zorg.pk), {"confirm": "1"})
    assert not Angle.objects.filter(name__in=["Zorg", "Huisartsen", "Thuiszorg"]).exists()
    register["jan"].refresh_from_db()
    assert (register["jan"].angle, register["jan"].subangle) == (None, None)
    assert register["jan"].name == "Jan Jansen", "the key figure stays"


def test_an_unused_angle_is_removed_at_once(project, angles, client_as):
    response = client_as("leader").post(url("angle_remove", project, angle=angles["Veiligheid"].pk))
    assert "De invalshoek 'Veiligheid' is verwijderd." in messages_of(response)
    assert not Angle.objects.filter(name="Veiligheid").exists()


def test_a_member_sees_the_angles_but_no_controls(project, angles, client_as):
    html = page_of(client_as("member").get(url("angle_list", project)))
    assert "Huisartsen" in html
    assert url("angle_add", project) not in html
    assert "/remove/" not in html


# --- query counts -----------------------------------------------------------------------------


def build(leader, member, name, size):
    project = ProjectFactory(leader=leader, name=name)
    project.leader = leader
    MembershipFactory(project=project, user=member, role=Role.MEMBER)
    angles = make_angles(project)
    proposers = [leader, member] + [
        MembershipFactory(project=project, role=Role.MEMBER).user for _ in range(size // 10)
    ]
    names = list(angles)
    for n in range(size):
        kf = make_key_figure(
            project,
            actor=proposers[n % len(proposers)],
            name=f"Persoon {n}",
            email=f"p{n}@example.org",
            angle=angles["Zorg"]
            if n % 3
            else angles[names[n % len(names)]].parent or angles[names[n % len(names)]],
            is_usual_suspect=bool(n % 2),
            approve=bool(n % 4),
        )
        if n % 5 == 0:
            services.key_figure_erase(actor=leader, key_figure=kf)
    return project


def count_queries(browser, address):
    with CaptureQueriesContext(connection) as ctx:
        response = browser.get(address)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture(scope="class")
def small_and_large(django_db_setup, django_db_blocker):
    """A register of 3 and one of 60 key figures, built once for the class that uses them
    (its tests only read them)."""
    with built_once(django_db_blocker):
        leader = UserFactory(username="leider")
        member = UserFactory(username="teamlid")
        yield (
            leader,
            member,
            build(leader, member, "Klein", 3),
            build(leader, member, "Groot", 60),
        )


class TestQueryCounts:
    @pytest.mark.parametrize(
        "view",
        [
            "keyfigure_list",
            # Regression: coverage() once deferred project_id, one query per key figure.
            "keyfigure_coverage",
            "angle_list",
            "keyfigure_export_csv",
            "keyfigure_export_xlsx",
        ],
    )
    @pytest.mark.parametrize("who", ["leader", "member"])
    def test_the_register_costs_the_same_queries_for_3_and_for_60_key_figures(
        self, small_and_large, client, view, who
    ):
        leader, member, small, large = small_and_large
        client.force_login(leader if who == "leader" else member)
        small_count = count_queries(client, url(view, small))
        large_count = count_queries(client, url(view, large))
        assert large_count == small_count
        assert large_count <= 12

    def test_filters_do_not_add_queries_per_row(self, small_and_large, client):
        leader, _member, small, large = small_and_large
        client.force_login(leader)
        query = "?status=pending&kind=usual&q=Persoon"
        assert count_queries(client, url("keyfigure_list", large) + query) == count_queries(
            client, url("keyfigure_list", small) + query
        )
