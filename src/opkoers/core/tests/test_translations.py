"""The English catalogue is complete, current, and actually used.

The product is Dutch; English is the second language a user can pick in the footer. These
tests keep the two in step: a new Dutch string without an English translation, a fuzzy
guess left behind by makemessages, or a catalogue that no longer matches the source all
fail here, with the fix in the message.

The catalogue is read with a small parser below (polib is not a dependency of the app).
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from opkoers.accounts.models import User

SOURCE_ROOT = Path(settings.BASE_DIR)
CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
# The same patterns as the documented command:
#   cd src/opkoers && python ../../manage.py makemessages -l en --ignore=tests --ignore='*/tests/*'
IGNORE_PATTERNS = ["tests", "*/tests/*"]
FIX = (
    "Run `cd src/opkoers && ../../.venv/bin/python ../../manage.py makemessages -l en "
    "--ignore=tests --ignore='*/tests/*'`, translate every new or fuzzy entry in "
    "locale/en/LC_MESSAGES/django.po, then `make messages`."
)
PLACEHOLDER = re.compile(r"%\([A-Za-z_0-9]+\)[sd]|%[sd]|\{[A-Za-z_0-9]*\}")


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """The entries of a gettext catalogue, without the header and obsolete (#~) entries.

    Enough of the PO format for what makemessages writes: flags, msgctxt, msgid,
    msgid_plural, msgstr and msgstr[n], each possibly continued over several lines."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if target is not None and target[0] == "msgstr":
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if target is not None and target[0] == "msgstr":
                finish()
        elif line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: continuation line outside an entry")
            _append(entry, target, ast.literal_eval(line))
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[7:-1]))
            elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                target = (keyword, 0)
            else:
                raise ValueError(f"{path}:{number}: unexpected line {raw!r}")
            if keyword == "msgid":
                entry.line = number
            _start(entry, target)
            _append(entry, target, ast.literal_eval(rest))
    finish()
    return [e for e in entries if e.msgid or e.msgctxt]


def _start(entry: Entry, target: tuple[str, int]) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] = ""
    else:
        setattr(entry, name, "")


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] += text
    else:
        setattr(entry, name, getattr(entry, name) + text)


def test_the_parser_reads_what_makemessages_writes(tmp_path: Path) -> None:
    sample = tmp_path / "sample.po"
    sample.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        "#: a.py:1\n#, python-format\n"
        'msgctxt "goal outcome"\nmsgid ""\n"Niet "\n"bereikt %(n)s"\n'
        'msgstr "Not achieved %(n)s"\n\n'
        '#, fuzzy\nmsgid "%(n)s dag"\nmsgid_plural "%(n)s dagen"\n'
        'msgstr[0] "%(n)s day"\nmsgstr[1] ""\n\n'
        '#~ msgid "weg"\n#~ msgstr "gone"\n',
        encoding="utf-8",
    )
    first, second = parse_po(sample)
    assert first.key == ("goal outcome", "Niet bereikt %(n)s", None)
    assert first.msgstr == {0: "Not achieved %(n)s"} and "python-format" in first.flags
    assert second.key == (None, "%(n)s dag", "%(n)s dagen")
    assert second.msgstr == {0: "%(n)s day", 1: ""} and "fuzzy" in second.flags


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    entries = parse_po(CATALOGUE)
    assert len(entries) > 500, "the English catalogue looks truncated"
    fuzzy = [e.label() for e in entries if "fuzzy" in e.flags]
    untranslated = [
        e.label()
        for e in entries
        if not e.msgstr
        or any(not text.strip() for text in e.msgstr.values())
        or (e.msgid_plural is not None and sorted(e.msgstr) != [0, 1])
    ]
    assert not fuzzy, f"fuzzy entries (check, fix and remove the flag): {fuzzy}\n{FIX}"
    assert not untranslated, f"untranslated entries: {untranslated}\n{FIX}"


def test_translations_keep_every_placeholder() -> None:
    wrong = []
    for entry in parse_po(CATALOGUE):
        sources = {0: entry.msgid, 1: entry.msgid_plural or entry.msgid}
        for index, text in entry.msgstr.items():
            expected = sorted(PLACEHOLDER.findall(sources.get(index, entry.msgid)))
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append(f"{entry.label()} msgstr[{index}] {text!r}")
    assert not wrong, f"translations that lose or invent a placeholder: {wrong}"


def test_catalogue_matches_the_translatable_strings_in_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extract the strings afresh from a copy of the source and compare the msgids.

    makemessages runs on a copy so that the real catalogue is never touched by a test."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed (make system installs it).")
    copy = tmp_path / "opkoers"
    shutil.copytree(
        SOURCE_ROOT,
        copy,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "*.mo", "*.po"),
    )
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["en"], ignore_patterns=IGNORE_PATTERNS, verbosity=0)
    fresh = {e.key for e in parse_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    current = {e.key for e in parse_po(CATALOGUE)}
    assert fresh, "makemessages found no strings at all; the test setup is broken"
    missing = sorted(fresh - current, key=str)
    stale = sorted(current - fresh, key=str)
    assert not missing, f"strings in the source without an English entry: {missing}\n{FIX}"
    assert not stale, f"entries no longer in the source: {stale}\n{FIX}"


@pytest.mark.django_db
def test_login_page_is_english_with_the_language_cookie() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("accounts:login"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in page
    assert "Log in to Op Koers" in page, (
        "English text missing: is the catalogue compiled? Run `make messages`."
    )
    assert "Inloggen bij Op Koers" not in page


@pytest.mark.django_db
def test_login_page_is_dutch_without_a_cookie() -> None:
    page = Client().get(reverse("accounts:login")).content.decode()
    assert '<html lang="nl"' in page
    assert "Inloggen bij Op Koers" in page


@pytest.mark.django_db
def test_worklist_is_english_for_a_professional_who_chose_english(client_for, member: User) -> None:
    client = client_for(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cases:worklist")).content.decode()
    assert "Worklist" in page
    assert "Werkvoorraad" not in page


@pytest.mark.django_db
def test_the_language_of_one_request_does_not_stay_behind(client_for, member: User) -> None:
    client = client_for(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get(reverse("cases:worklist"))
    assert translation.get_language() == settings.LANGUAGE_CODE
