"""Translation tooling: extract UI strings into the .ts files, list what is untranslated, apply translations.

    python tools/i18n.py update            lupdate over streamdesk/**/*.py → .ts (obsolete entries dropped), then lrelease → .qm
    python tools/i18n.py missing [--lang]  print unfinished entries as TSV lines ready to fill in; exit 1 if there are any
    python tools/i18n.py fill FILE.tsv     apply "context<TAB>source<TAB>translation" lines, then update
    python tools/i18n.py release           lrelease only (.ts → .qm)

TSV fields escape backslash, tab and newline as ``\\\\``, ``\\t`` and ``\\n``. A plural entry (source with ``%n``)
takes one translation column per plural form: one for zh_CN, two (singular, plural) for en.

streamdesk_zh_CN.ts holds every string. streamdesk_en.ts holds only the plural entries (lupdate -pluralonly):
English is the source language, so it needs a translation only to say "1 product" vs "2 products".
Locations are not recorded (-locations none) and messages are sorted, so the .ts changes only when strings do.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "streamdesk"
TRANSLATIONS = PACKAGE / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
PLURAL_ONLY = frozenset({"en"})
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?n|%L?\d+")


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"streamdesk_{language}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"streamdesk_{language}.qm"


def placeholders(text: str) -> list[str]:
    """``{name}``, ``%n`` and ``%1`` markers, sorted, with repeats: a translation must keep exactly these."""
    return sorted(match.replace("%L", "%") for match in PLACEHOLDER.findall(text))


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the running virtualenv, else from PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def source_files() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def lupdate(language: str) -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    files = [str(path.relative_to(ROOT)) for path in source_files()]
    command = [qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", "-sort-messages"]
    command += ["-source-language", "en", "-target-language", language]
    if language in PLURAL_ONLY:
        command.append("-pluralonly")
    command += [*files, "-ts", str(ts_file(language))]
    subprocess.run(command, cwd=ROOT, check=True)


def lrelease_to(ts: Path, qm: Path) -> None:
    """Compile ``ts`` to ``qm``; unfinished entries are left out so Qt falls back to the English source."""
    command = [qt_tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)]
    subprocess.run(command, check=True)


def release() -> None:
    for language in LANGUAGES:
        lrelease_to(ts_file(language), qm_file(language))


def update() -> None:
    for language in LANGUAGES:
        lupdate(language)
    release()
    for language in LANGUAGES:
        count = sum(1 for _ in unfinished(language))
        print(f"{ts_file(language).name}: {count} unfinished")


@dataclass(frozen=True, slots=True)
class Entry:
    context: str
    source: str
    numerus: bool
    forms: tuple[str, ...]
    finished: bool


def _entry(context: str, message: ET.Element) -> Entry:
    source = message.findtext("source") or ""
    translation = message.find("translation")
    numerus = message.get("numerus") == "yes"
    if translation is None:
        return Entry(context, source, numerus, (), False)
    if numerus:
        forms = tuple(form.text or "" for form in translation.findall("numerusform"))
    else:
        forms = (translation.text or "",)
    kind = translation.get("type")
    finished = kind not in ("unfinished", "vanished", "obsolete") and bool(forms) and all(forms)
    return Entry(context, source, numerus, forms, finished)


def entries(language: str) -> Iterator[Entry]:
    """Every message of the language's .ts file (obsolete ones included, marked unfinished)."""
    root = ET.parse(ts_file(language)).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield _entry(name, message)


def unfinished(language: str) -> Iterator[Entry]:
    return (entry for entry in entries(language) if not entry.finished)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), text)


def missing(language: str) -> int:
    count = 0
    for entry in unfinished(language):
        count += 1
        print("\t".join((escape(entry.context), escape(entry.source), *(escape(form) for form in entry.forms))))
    return 1 if count else 0


def _set_translation(message: ET.Element, forms: Sequence[str]) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    translation.attrib.pop("type", None)
    for child in list(translation):
        translation.remove(child)
    if message.get("numerus") == "yes":
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = forms[0]


def _problem(language: str, message: ET.Element, forms: Sequence[str]) -> str | None:
    source = message.findtext("source") or ""
    numerus = message.get("numerus") == "yes"
    wanted = (2 if language == "en" else 1) if numerus else 1
    if len(forms) != wanted or not all(forms):
        return f"needs {wanted} non-empty translation column(s), got {len(forms)}"
    for form in forms:
        if placeholders(form) != placeholders(source):
            return f"placeholders differ: source {placeholders(source)} vs translation {placeholders(form)}"
    return None


def fill_ts(tsv: Path, language: str) -> tuple[int, int]:
    """Apply the TSV's translations to the .ts, marked finished. Returns (applied, errors); errors go to stderr."""
    tree = ET.parse(ts_file(language))
    index: dict[tuple[str, str], ET.Element] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            index[(name, message.findtext("source") or "")] = message
    applied, errors = 0, 0
    for number, line in enumerate(tsv.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [unescape(field) for field in line.split("\t")]
        if len(fields) < 3:
            print(f"{tsv}:{number}: expected context<TAB>source<TAB>translation", file=sys.stderr)
            errors += 1
            continue
        context, source, forms = fields[0], fields[1], fields[2:]
        message = index.get((context, source))
        if message is None:
            print(f"{tsv}:{number}: no message {source!r} in context {context!r} (run update first?)", file=sys.stderr)
            errors += 1
            continue
        problem = _problem(language, message, forms)
        if problem is not None:
            print(f"{tsv}:{number}: {source!r}: {problem}", file=sys.stderr)
            errors += 1
            continue
        _set_translation(message, forms)
        applied += 1
    tree.write(ts_file(language), encoding="utf-8", xml_declaration=True)
    return applied, errors


def fill(tsv: Path, language: str) -> int:
    """fill_ts, then update: lupdate rewrites the .ts in its own layout and lrelease compiles it."""
    applied, errors = fill_ts(tsv, language)
    update()
    print(f"applied {applied} translation(s), {errors} error(s)")
    return 1 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="lupdate then lrelease")
    commands.add_parser("release", help="lrelease only")
    for name in ("missing", "fill"):
        sub = commands.add_parser(name)
        sub.add_argument("--lang", choices=LANGUAGES, default="zh_CN")
        if name == "fill":
            sub.add_argument("tsv", type=Path)
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
        return 0
    if args.command == "release":
        release()
        return 0
    if args.command == "missing":
        return missing(args.lang)
    return fill(args.tsv, args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
