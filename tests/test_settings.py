from pathlib import Path

from footui.config.settings import Settings, load_settings, save_settings


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert save_settings(Settings(theme="nord", muted=True), path) == ""
    assert load_settings(path) == Settings(theme="nord", muted=True)
    assert (path.stat().st_mode & 0o777) in (0o600, 0o644, 0o640)


def test_a_bad_settings_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for text in ("not json", "[1, 2]", '{"muted": "yes", "theme": 3, "unknown": 1}'):
        path.write_text(text)
        assert load_settings(path) == Settings()


def test_an_unwritable_config_dir_gives_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    problem = save_settings(Settings(), blocker / "settings.json")
    assert problem.startswith("cannot save settings") and "\n" not in problem
