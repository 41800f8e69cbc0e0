"""The subject export (AVG art. 15): every record linked to the youth, nothing of another youth,
third parties minimised, the BSN nowhere, and the export in the access log."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import World
from elkedagbeter.audit.models import AccessLogEntry, EventCode
from elkedagbeter.cases.pseudonyms import pseudonym_for
from elkedagbeter.ijw.models import CareEpisode
from elkedagbeter.reviews.models import Dossier
from elkedagbeter.reviews.tests.factories import new_round

from .factories import OTHER_BSN, YOUTH_BSN, FullCase, full_case


@pytest.fixture
def cases(world: World) -> dict[str, FullCase]:
    user = world.user("professional")
    today = timezone.localdate()
    found = {
        "north": full_case(world.team_a, user, opened=today, closed=None),
        # The same youth in another region, under that region's pseudonym.
        "south": full_case(world.team_d, user, opened=today, closed=None),
        "other": full_case(world.team_a, user, bsn=OTHER_BSN, opened=today, closed=None),
    }
    expert = world.user("expert")
    round_ = new_round(expert, world.expert_team, [expert])
    Dossier.objects.create(round=round_, number=3, case=found["north"].case)
    return found


def _export(tmp_path: Path, *args: str) -> tuple[dict, str, str]:
    out = StringIO()
    target, summary = tmp_path / "inzage.json", tmp_path / "inzage.txt"
    call_command(
        "export_subject", *args, "--output", str(target), "--summary", str(summary), stdout=out
    )
    text = target.read_text(encoding="utf-8")
    return json.loads(text), text + summary.read_text(encoding="utf-8"), out.getvalue()


def test_the_export_holds_every_linked_record_and_nothing_of_another_youth(
    cases: dict[str, FullCase], tmp_path: Path
) -> None:
    data, text, _out = _export(tmp_path, "--bsn", YOUTH_BSN)

    references = [record["case"]["reference"] for record in data["cases"]]
    assert sorted(references) == sorted(
        [cases["north"].case.reference, cases["south"].case.reference]
    )
    assert cases["other"].case.reference not in text
    assert pseudonym_for(OTHER_BSN, "noord") not in text
    north = next(
        r for r in data["cases"] if r["case"]["reference"] == cases["north"].case.reference
    )
    for key, value in north.items():
        assert value, f"{key} is empty"
    assert north["review_dossiers"][0]["dossier"] == "D-03"
    assert north["access_log"][0]["user_display"] == "professional"
    assert "client_address" not in north["access_log"][0]
    # Third parties: the parent only by role and age band, not their event or change history.
    assert north["household"]["youth"][0]["birth_year"] == 2010
    assert north["household"]["other_members"] == [{"role": "ouder", "age_band": ""}]
    assert [e["kind"] for e in north["events"]] == ["uithuisplaatsing"]
    assert "Crisis ouder" not in text
    assert len(north["change_history"]) == 1
    assert "Gezinsleden" in text or "gezinsleden" in text  # the Dutch summary was written


def test_the_bsn_is_never_written_and_the_export_is_logged(
    cases: dict[str, FullCase], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bsn_file = tmp_path / "bsn.txt"
    bsn_file.write_text(YOUTH_BSN + "\n")
    _data, text, out = _export(
        tmp_path, "--bsn-file", str(bsn_file), "--operator", "fg", "--reason", "verzoek 12"
    )

    entries = AccessLogEntry.objects.filter(event_code=EventCode.CASE_EXPORT)
    logged = {(entry.object_type, entry.object_ref) for entry in entries}
    assert logged == {
        ("casus", cases["north"].case.reference),
        ("casus", cases["south"].case.reference),
        *(("jeugdige", pseudonym_for(YOUTH_BSN, code)) for code in ("noord", "zuid")),
    }
    assert all(e.user_display == "fg" and "verzoek 12" in e.reason for e in entries)
    every_log_value = json.dumps(list(AccessLogEntry.objects.values()), default=str)
    captured = capsys.readouterr()
    for place in (text, out, every_log_value, captured.out, captured.err):
        assert YOUTH_BSN not in place


def test_a_region_narrows_and_a_pseudonym_works_alone(
    cases: dict[str, FullCase], tmp_path: Path
) -> None:
    by_region, _text, _out = _export(tmp_path, "--bsn", YOUTH_BSN, "--region", "zuid")
    assert [r["case"]["reference"] for r in by_region["cases"]] == [cases["south"].case.reference]

    pseudonym = pseudonym_for(OTHER_BSN, "noord")
    by_pseudonym, _text, _out = _export(tmp_path, "--pseudonym", pseudonym)
    assert [r["case"]["reference"] for r in by_pseudonym["cases"]] == [
        cases["other"].case.reference
    ]


def test_a_wrong_bsn_is_refused_without_repeating_it(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as refused:
        _export(tmp_path, "--bsn", "123456789")
    assert "123456789" not in str(refused.value)
    assert not AccessLogEntry.objects.filter(event_code=EventCode.CASE_EXPORT).exists()
    with pytest.raises(CommandError, match="Unknown region"):
        _export(tmp_path, "--bsn", YOUTH_BSN, "--region", "nergens")


def test_care_from_ijw_messages_is_in_the_export_even_without_a_case(
    world: World, tmp_path: Path
) -> None:
    for bsn, category in ((YOUTH_BSN, "45"), (OTHER_BSN, "54")):
        CareEpisode.objects.create(
            region=world.north,
            pseudonym=pseudonym_for(bsn, "noord"),
            provider_agb="87654321",
            product_category=category,
            started_on=timezone.localdate(),
        )

    data, _text, _out = _export(tmp_path, "--bsn", YOUTH_BSN)

    assert [episode["product_category"] for episode in data["ijw_care_episodes"]] == ["45"]
    assert "pseudonym" not in data["ijw_care_episodes"][0]
