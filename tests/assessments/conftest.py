import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from marsad import rai


@pytest.fixture
def publish_v2(tmp_path: Path, settings) -> Callable[[], None]:
    """Call it to make the questionnaires in use the bundled ones plus an EU AI Act version 2 (a copy of v1
    with its version number changed: enough to tell the versions apart)."""

    def publish() -> None:
        bundled = Path(rai.__file__).parent / "questionnaires"
        for path in bundled.glob("*.yaml"):
            shutil.copy(path, tmp_path / path.name)
        v1 = (bundled / "eu_ai_act_v1.yaml").read_text(encoding="utf-8")
        assert "\nversion: 1\n" in v1
        v2 = v1.replace("\nversion: 1\n", "\nversion: 2\n")
        (tmp_path / "eu_ai_act_v2.yaml").write_text(v2, encoding="utf-8")
        settings.MARSAD_RAI_QUESTIONNAIRES = str(tmp_path)

    return publish
