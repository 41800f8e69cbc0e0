"""The word lists the de-identifier looks words up in, built once and cached as a pickle.

The gazetteers come from the lookup lists that the ``deduce`` package ships (first names and
surnames from the Dutch registers, every residence, municipality, province and region, the
streets of the BAG, health-care institutions and hospitals, common and medical words); ours in
``data/`` add what must stay (public bodies, kinds of help, roles, diagnoses, languages), titles
and kinship words that announce a name, the words that announce an institution, and towns and
countries of origin. Only the raw text lists are read; deduce's own engine is not used.

Reading and normalising the lists takes a few seconds; the result is pickled into a cache
directory (``EDB_DEID_CACHE_DIR``, else ``~/.cache/elkedagbeter``) keyed by the sizes and dates of
every source list, so a new process loads it in well under a second. When the cache directory
cannot be written, the lists are simply built in memory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

VERSION = 4  # raise when the structure below changes
DATA = Path(__file__).parent / "data"


def _deduce_lists() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("deduce")
    assert spec is not None and spec.origin is not None, "the deduce package is needed"
    return Path(spec.origin).parent / "data" / "lookup" / "src"


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return [s for line in handle if (s := line.strip()) and not s.startswith("#")]


def tokens_of(phrase: str) -> tuple[str, ...]:
    """A phrase as the engine's lower-case tokens: 'Bergen op Zoom' -> ('bergen','op','zoom')."""
    from .tokens import WORD

    return tuple(m.group(0).lower() for m in WORD.finditer(phrase))


@dataclass
class Lexicon:
    first_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    interfixes: frozenset[tuple[str, ...]] = frozenset()
    common: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    keep: frozenset[tuple[str, ...]] = frozenset()
    places: frozenset[tuple[str, ...]] = frozenset()
    streets: frozenset[tuple[str, ...]] = frozenset()
    institutions: frozenset[tuple[str, ...]] = frozenset()
    institution_before: frozenset[str] = frozenset()
    institution_after: frozenset[str] = frozenset()
    longest: dict[str, int] = field(default_factory=dict)  # per list, its longest entry in tokens
    # per list: first token -> the length in tokens of its longest entry starting with it
    starts: dict[str, dict[str, int]] = field(default_factory=dict)


def _phrases(items: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(t for item in items if (t := tokens_of(item)))


def build() -> Lexicon:
    src = _deduce_lists()
    names = src / "names"
    locations = src / "locations"
    whitelist = src / "whitelist"
    institutions = src / "institutions"

    def minus_exceptions(folder: Path) -> list[str]:
        exceptions = {e.lower() for e in _lines(folder / "exceptions.txt")}
        return [i for i in _lines(folder / "items.txt") if i.lower() not in exceptions]

    common = {w.lower() for w in _lines(whitelist / "lst_stop_word" / "items.txt")}
    common |= {w.lower() for w in minus_exceptions(whitelist / "lst_common_word")}
    common |= {w.lower() for w in _lines(whitelist / "lst_medical_term" / "items.txt")}
    first = {n.lower() for n in minus_exceptions(names / "lst_first_name")}
    surnames = {n.lower() for n in minus_exceptions(names / "lst_surname")}
    surnames |= {n.lower() for n in minus_exceptions(names / "lst_interfix_surname")}
    interfixes = _phrases([*_lines(names / "lst_interfix" / "items.txt"), "al", "ben", "bin"])
    keep = _phrases(
        _lines(DATA / "keep.txt")
        + _lines(whitelist / "lst_eponymous_disease" / "items.txt")
        + _lines(whitelist / "lst_eponymous_disease" / "lst_eponymous_single" / "items.txt")
    )
    place_lists = ["lst_residence", "lst_municipality", "lst_province", "lst_region"]
    places: list[str] = []
    for name in place_lists:
        places += minus_exceptions(locations / "lst_placename" / name)
    places += _lines(DATA / "foreign_places.txt")
    streets = minus_exceptions(locations / "lst_street")
    streets += _lines(locations / "lst_street" / "streets_bag.txt")
    care = minus_exceptions(institutions / "lst_healthcare_institution")
    care += _lines(institutions / "lst_hospital" / "items.txt")
    care += _lines(institutions / "lst_hospital_abbr" / "items.txt")
    before: list[str] = []
    after: list[str] = []
    target = before
    for word in _lines(DATA / "institution_words.txt"):
        if word.startswith("="):
            target = after
            continue
        target.append(word.lower())
    lexicon = Lexicon(
        first_names=frozenset(first - common),
        surnames=frozenset(surnames - common),
        interfixes=interfixes,
        common=frozenset(common),
        titles=frozenset(w.lower().rstrip(".") for w in _lines(DATA / "titles.txt")),
        keep=keep,
        places=_phrases(places),
        streets=_phrases(streets),
        institutions=_phrases(care),
        institution_before=frozenset(before),
        institution_after=frozenset(after),
    )
    for name in ("interfixes", "keep", "places", "streets", "institutions"):
        phrases: frozenset[tuple[str, ...]] = getattr(lexicon, name)
        lexicon.longest[name] = max((len(p) for p in phrases), default=1)
        lexicon.starts[name] = first_tokens(phrases)
    return lexicon


def first_tokens(phrases: frozenset[tuple[str, ...]]) -> dict[str, int]:
    starts: dict[str, int] = {}
    for phrase in phrases:
        starts[phrase[0]] = max(starts.get(phrase[0], 0), len(phrase))
    return starts


def _sources() -> list[Path]:
    return sorted(p for p in _deduce_lists().rglob("*.txt")) + sorted(DATA.glob("*.txt"))


def _fingerprint() -> str:
    digest = hashlib.sha256(f"v{VERSION}".encode())
    for path in _sources():
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    tokens = Path(__file__).parent / "tokens.py"
    digest.update(tokens.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    configured = os.environ.get("EDB_DEID_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "elkedagbeter"


@cache
def lexicon() -> Lexicon:
    """The lists, from the cache when it is there and current, else built (and cached)."""
    path = cache_dir() / f"deid-lexicon-{_fingerprint()}.pickle"
    try:
        with open(path, "rb") as handle:
            loaded = pickle.load(handle)  # noqa: S301 - our own cache file, written below
        if isinstance(loaded, Lexicon):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
    except OSError:
        pass
    return built
