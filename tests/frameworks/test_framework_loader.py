import copy

import pytest
from django.core.management import CommandError, call_command

from acculture.content.loader import content_load
from acculture.frameworks.models import AlignmentPair, Competence, Framework
from tests.content_bank import FRAMEWORK, write_yaml


def test_frameworks_and_alignments_load_from_their_files(db, bank):
    content_load(root=bank)
    crcn = Framework.objects.get(code="crcn")
    assert crcn.is_default and crcn.name_en == "Test framework"
    assert list(crcn.competences.values_list("code", flat=True)) == ["1.1", "1.2"]
    assert crcn.levels.count() == 8 and crcn.bands.get().max_level == 2
    pairs = AlignmentPair.objects.filter(source__code="1.1", source__framework=crcn)
    assert sorted(pairs.values_list("target__code", flat=True)) == ["1.1", "1.2"]
    assert not Framework.objects.get(code="other").is_default


def test_a_changed_framework_file_updates_its_competences_in_place(db, bank):
    content_load(root=bank)
    pk = Competence.objects.get(framework__code="crcn", code="1.1").pk
    changed = copy.deepcopy(FRAMEWORK)
    changed["domains"][0]["competences"][0]["name"]["en"] = "Searching well"
    write_yaml(bank / "frameworks" / "crcn.yaml", changed)
    report = content_load(root=bank)
    assert report.frameworks.updated == 1 and report.items.unchanged == 4
    assert Competence.objects.get(pk=pk).name_en == "Searching well"


def test_an_organisation_loads_a_framework_of_its_own(db, tmp_path, capsys):
    own = {**copy.deepcopy(FRAMEWORK), "code": "acme-skills", "version": "2026"}
    path = write_yaml(tmp_path / "acme.yaml", own)
    call_command("content", "load", "--framework", str(path))
    call_command("content", "load", "--framework", str(path))
    assert Framework.objects.filter(code="acme-skills").count() == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 change(s).")


def test_a_malformed_framework_file_is_refused_with_the_field_named(db, tmp_path, capsys):
    own = {**copy.deepcopy(FRAMEWORK), "code": "acme-skills"}
    del own["name"]["en"]
    path = write_yaml(tmp_path / "acme.yaml", own)
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("content", "load", "--framework", str(path))
    assert "acme.yaml: acme-skills: name.en: missing English text" in capsys.readouterr().err
    assert not Framework.objects.exists()
