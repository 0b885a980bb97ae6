"""Saving one routine or exercise into routines.toml: everything the user did not change stays byte for byte."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest

from footui.content import editing
from footui.content.editing import EXERCISE, ROUTINE, CannotSave, FileChanged
from footui.content.routines import load_library

CORPUS = sorted((Path(__file__).parent / "routines_corpus").glob("*.toml"))


def _copy(tmp_path: Path, source: Path) -> Path:
    path = tmp_path / "routines.toml"
    path.write_bytes(source.read_bytes())
    return path


def _items(path: Path) -> list[tuple[str, str]]:
    data = editing.read_snapshot(path).data()
    return [(kind, table["id"]) for kind in (EXERCISE, ROUTINE) for table in data.get(kind, [])]


def _changed_lines(before: bytes, after: bytes) -> list[tuple[list[str], list[str]]]:
    old, new = before.decode().splitlines(keepends=True), after.decode().splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [(old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.name)
def test_the_corpus_loads_without_problems(source: Path, tmp_path: Path) -> None:
    assert load_library(_copy(tmp_path, source)).problems == []


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.name)
def test_saving_an_unchanged_item_keeps_the_file_byte_for_byte(source: Path, tmp_path: Path) -> None:
    path = _copy(tmp_path, source)
    for kind, item_id in _items(path):
        snapshot = editing.read_snapshot(path)
        draft = editing.draft_of(snapshot, kind, item_id)
        assert draft is not None
        editing.save(snapshot, kind, draft, item_id)
        assert path.read_bytes() == source.read_bytes(), f"{kind} {item_id}"


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.name)
def test_renaming_one_item_changes_only_its_name_line(source: Path, tmp_path: Path) -> None:
    path = _copy(tmp_path, source)
    for kind, item_id in _items(path):
        before = path.read_bytes()
        snapshot = editing.read_snapshot(path)
        draft = editing.draft_of(snapshot, kind, item_id)
        assert draft is not None
        editing.save(snapshot, kind, dict(draft, name=f"Renamed {item_id}"), item_id)
        [(old, new)] = _changed_lines(before, path.read_bytes())
        assert len(old) == len(new) == 1, (old, new)
        assert f'"Renamed {item_id}"' in new[0]
        assert old[0].split("=")[1:] != new[0].split("=")[1:]
        # a comment after the value stays
        if "#" in old[0]:
            assert old[0][old[0].index("#") :] == new[0][new[0].index("#") :]
        assert (path.with_name("routines.toml.bak")).read_bytes() == before
    names = {r.name for r in load_library(path).routines.values()}
    assert any(name.startswith("Renamed") for name in names)


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.name)
def test_a_new_routine_is_added_at_the_end_and_the_rest_is_untouched(source: Path, tmp_path: Path) -> None:
    path = _copy(tmp_path, source)
    before = path.read_bytes()
    draft = {
        "id": "added",
        "name": "Added",
        "prepare_s": 4,
        "exercises": ["toe-press", {"id": "toe-walking", "sets": 2}],
    }
    editing.save(editing.read_snapshot(path), ROUTINE, draft, None)
    after = path.read_bytes()
    assert after.startswith(before)
    library = load_library(path)
    assert library.problems == []
    routine = library.routines["added"]
    assert [ex.sets for ex in library.routine_exercises(routine)] == [10, 2]


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.name)
def test_deleting_an_item_removes_only_its_block(source: Path, tmp_path: Path) -> None:
    path = _copy(tmp_path, source)
    routines = [item_id for kind, item_id in _items(path) if kind == ROUTINE]
    before = path.read_bytes()
    editing.save(editing.read_snapshot(path), ROUTINE, None, routines[-1])
    library = load_library(path)
    assert routines[-1] not in library.routines
    assert all(r in library.routines for r in routines[:-1])
    for old, new in _changed_lines(before, path.read_bytes()):
        assert new == [], "deleting only removes lines"
        assert any("[[routine]]" in line for line in old)


def test_a_dosage_change_rewrites_only_the_exercises_line(tmp_path: Path) -> None:
    path = _copy(tmp_path, CORPUS[0].with_name("comments_everywhere.toml"))
    before = path.read_bytes()
    snapshot = editing.read_snapshot(path)
    draft = editing.draft_of(snapshot, ROUTINE, "morning")
    assert draft is not None
    draft["exercises"] = ["heel-raise", {"id": "toe-press", "sets": 12, "hold_s": 5, "rest_s": 3}]
    editing.save(snapshot, ROUTINE, draft, "morning")
    [(old, new)] = _changed_lines(before, path.read_bytes())
    assert old == ['exercises = ["heel-raise", "toe-press"]  # built-in toe press too\n']
    assert new[0].startswith('exercises = ["heel-raise", {id = "toe-press", sets = 12, hold_s = 5, rest_s = 3}]')
    library = load_library(path)
    toe_press = library.routine_exercises(library.routines["morning"])[1]
    assert (toe_press.id, toe_press.sets, toe_press.hold_s, toe_press.rest_s) == ("toe-press", 12, 5, 3)


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path: Path) -> None:
    path = _copy(tmp_path, CORPUS[0])
    snapshot = editing.read_snapshot(path)
    path.write_text(path.read_text() + "\n# added in another editor\n")
    changed = path.read_bytes()
    draft = editing.draft_of(snapshot, ROUTINE, "morning")
    assert draft is not None
    with pytest.raises(FileChanged, match="changed on disk"):
        editing.save(snapshot, ROUTINE, dict(draft, name="Mine"), "morning")
    assert path.read_bytes() == changed
    assert not path.with_name("routines.toml.bak").exists()
    # the way out: save the edit under a new id into the file as it now is
    editing.save(editing.read_snapshot(path), ROUTINE, dict(draft, name="Mine", id="morning-2"), None)
    assert path.read_bytes().startswith(changed)
    assert load_library(path).routines["morning-2"].name == "Mine"


def test_save_keeps_the_mode_and_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = _copy(tmp_path, CORPUS[0])
    os.chmod(path, 0o640)
    before = path.read_bytes()
    snapshot = editing.read_snapshot(path)
    draft = editing.draft_of(snapshot, EXERCISE, "marble")
    assert draft is not None
    editing.save(snapshot, EXERCISE, dict(draft, sets=6), "marble")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    bak = path.with_name("routines.toml.bak")
    assert bak.read_bytes() == before
    assert stat.S_IMODE(bak.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_file_that_does_not_parse_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "routines.toml"
    path.write_text('[[routine]]\nid = "x\n')
    snapshot = editing.read_snapshot(path)
    assert snapshot.syntax_problem.startswith("routines.toml:2:")
    with pytest.raises(CannotSave, match="does not parse"):
        editing.save(snapshot, ROUTINE, {"id": "new", "name": "New", "exercises": ["toe-press"]}, None)
    assert path.read_text() == '[[routine]]\nid = "x\n'


def test_the_first_save_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "routines.toml"
    snapshot = editing.read_snapshot(path)
    assert snapshot.raw is None
    editing.save(snapshot, ROUTINE, {"id": "new", "name": "New", "exercises": ["toe-press"]}, None)
    assert load_library(path).routines["new"].name == "New"
    assert not path.with_name("routines.toml.bak").exists()


def test_drafts_are_checked_by_the_file_checker(tmp_path: Path) -> None:
    library = load_library(_copy(tmp_path, CORPUS[0]))
    problems, routine = editing.check_draft(
        ROUTINE, {"id": "morning", "name": "", "exercises": [{"id": "toe-press", "hold_s": 0}, "nope"]}, library, None
    )
    assert routine is None
    assert "routine name must be 1 to 60 characters (got '')" in problems
    assert any("dosage of 'toe-press': hold_s is out of range" in p for p in problems)
    assert any("unknown exercise id 'nope'" in p for p in problems)
    assert any("'morning' is already used" in p for p in problems)
    problems, routine = editing.check_draft(
        ROUTINE, {"id": "back-relief", "name": "X", "exercises": ["toe-press"]}, library, None
    )
    assert any("built-in routine" in p for p in problems)
    problems, routine = editing.check_draft(ROUTINE, {"id": "ok", "name": "Ok", "exercises": ["marble"]}, library, None)
    assert problems == [] and routine.exercises == ("marble",)


def test_ids_from_names() -> None:
    assert editing.id_from_name("My Morning routine!", set()) == "my-morning-routine"
    assert editing.id_from_name("Füße", {"f"}) == "f-e"
    assert editing.id_from_name("x", {"x", "x-2"}) == "x-3"
    assert editing.id_from_name("", set()) == "my"


@pytest.mark.parametrize(
    "name",
    ['Say "hi"', "back\\slash", "# not a comment", "[[routine]]", "Füße · 足", "it's ''' odd", 'x = "y"  # z'],
)
def test_any_valid_name_survives_the_round_trip(tmp_path: Path, name: str) -> None:
    path = _copy(tmp_path, CORPUS[0])
    before = path.read_bytes()
    snapshot = editing.read_snapshot(path)
    draft = editing.draft_of(snapshot, ROUTINE, "evening")
    assert draft is not None
    editing.save(snapshot, ROUTINE, dict(draft, name=name), "evening")
    assert load_library(path).routines["evening"].name == name
    [(old, new)] = _changed_lines(before, path.read_bytes())
    assert len(old) == len(new) == 1


def test_a_header_lookalike_inside_a_multiline_string_is_never_damaged(tmp_path: Path) -> None:
    text = (
        '[[exercise]]\nid = "tricky"\nname = "Tricky"\nsets = 1\nhold_s = 1\n'
        'why = """\n[[routine]]\nid = "fake"\n"""\n\n'
        '[[routine]]\nid = "real"\nname = "Real"\nexercises = ["tricky"]\n'
    )
    path = tmp_path / "routines.toml"
    path.write_text(text)
    snapshot = editing.read_snapshot(path)
    for kind, item_id in ((EXERCISE, "tricky"), (ROUTINE, "real")):
        draft = editing.draft_of(snapshot, kind, item_id)
        assert draft is not None
        try:
            snapshot = editing.save(snapshot, kind, dict(draft, name="Changed"), item_id)
        except CannotSave as exc:
            assert "cannot be edited safely" in str(exc) or "not written as" in str(exc)
            assert path.read_text() == text
        else:
            assert load_library(path).problems == []
    library = load_library(path)
    assert library.exercises["tricky"].why == '[[routine]]\nid = "fake"\n'


def test_a_symlinked_file_stays_a_link(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "routines.toml"
    real.write_bytes(CORPUS[0].read_bytes())
    link = tmp_path / "cfg" / "routines.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    snapshot = editing.read_snapshot(link)
    draft = editing.draft_of(snapshot, ROUTINE, "morning")
    assert draft is not None
    editing.save(snapshot, ROUTINE, dict(draft, name="Linked"), "morning")
    assert link.is_symlink()
    assert load_library(real).routines["morning"].name == "Linked"
    assert link.with_name("routines.toml.bak").read_bytes() == CORPUS[0].read_bytes()
    assert sorted(p.name for p in dotfiles.iterdir()) == ["routines.toml"]
