"""Find what identifies someone in Dutch free text: shapes first (patterns.py), then words.

Words are judged with the gazetteers (lexicon.py) and their context, in this order:

1. what must stay (public bodies, kinds of help, roles, diagnoses, languages) is protected;
2. an institution: a capitalised name after "basisschool", "stichting", "OBS"... or before
   "College", "Lyceum", "Groep"..., or a name from the list of care institutions;
3. a street: a capitalised word ending in -straat, -laan, -weg, -kade... or from the BAG list,
   with the words before it that belong to it ("Burgemeester de Withstraat") and the house
   number after it;
4. a place from the lists of residences, municipalities, provinces and towns of origin;
5. a person: after a title or kinship word ("mevrouw", "juf", "opa", "mijn zoon"), initials,
   a first name from the list, a name after "heet"/"genaamd" (also in lower case), and any
   other capitalised word inside a sentence (Dutch capitalises little else) — a place when it
   follows "in", "uit", "naar"... Names take along what follows them: more capitalised words,
   tussenvoegsels with a capitalised word, a second part after a hyphen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, first_tokens, lexicon
from .patterns import matches
from .tokens import WORD

_PLACE_CONTEXT = frozenset(
    {"in", "uit", "naar", "te", "vanuit", "richting", "rond", "wijk", "buurt", "dorp", "stad",
     "regio", "omgeving", "gemeente", "provincie", "woont", "wonen", "woonde", "nabij"}
)  # fmt: skip
# Titles after which a tussenvoegsel may come before the capitalised name ("mevrouw de Boer").
_FORMAL = frozenset(
    {"meneer", "mevrouw", "mevr", "mw", "mr", "dhr", "dr", "drs", "prof", "ir", "ing", "juf",
     "juffrouw", "meester", "dokter", "familie", "fam", "heer", "zuster"}
)  # fmt: skip
_PRONOUNS = frozenset({"ik", "we", "wij", "hij", "zij", "ze", "jij", "u", "en"})
_ARTICLES = frozenset({"de", "het", "'t", "den", "der", "sint", "st"})
_STREET_SUFFIX = re.compile(
    r"(?:straat|laan|weg|plein|gracht|singel|kade|dijk|dreef|steeg|pad|plantsoen|boulevard"
    r"|allee|straatweg|wal|markt|ring|baan|hof|erf|park|kanaal|burgwal|dam|haven)$"
)
_HOUSE_NUMBER = re.compile(r"\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:-\d{1,4})?")
_NAMED = re.compile(
    r"\b(?:heet|heette|heten|genaamd|noemen|noemden|noemt|noemde|naam is)\s+"
    r"(?:(?:eigenlijk|gewoon|ook|nu|toen|echt|hem|haar|hij|zij|ze)\s+)?([^\W\d_][\w'-]*)",
    re.I,
)
_SELF = re.compile(
    r"\b(?:ik ben|ik heet|dit is|hoi|hallo|hey|groetjes|groet|liefs)\s+([a-z][\w'-]*)"
)
# A tag put in by an earlier run ("[PERSOON-1]"): left as it is.
TAG = re.compile(r"\[([A-Z]+)-(\d+)\]")
_BOUNDARY_CHARS = frozenset('.!?:;"“”([\n•*')


@dataclass
class Span:
    start: int
    end: int
    kind: str


@dataclass
class _Token:
    start: int
    end: int
    text: str
    lower: str
    cap: bool
    sentence_start: bool
    taken: bool = False  # inside a span found already, or protected


def _tokens(text: str, titles: frozenset[str]) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in WORD.finditer(text):
        start, word = match.start(), match.group(0)
        gap = text[previous_end:start]
        boundary = not tokens or any(c in _BOUNDARY_CHARS for c in gap)
        if boundary and tokens and gap.strip() == ".":
            # "dr. Pronk", "J. de Vries": an abbreviation or initial, not a full stop
            last = tokens[-1]
            if last.lower in titles or (len(last.text) == 1 and last.text.isupper()):
                boundary = False
        tokens.append(_Token(start, match.end(), word, word.lower(), word[0].isupper(), boundary))
        previous_end = match.end()
    return tokens


def _longest(
    text: str,
    tokens: list[_Token],
    i: int,
    phrases: frozenset[tuple[str, ...]],
    starts: dict[str, int],
) -> int:
    """The number of tokens from i on that form the longest phrase in ``phrases`` (0: none);
    ``starts`` gives per first token the length of the longest phrase that starts with it."""
    longest = starts.get(tokens[i].lower, 0)
    for n in range(min(longest, len(tokens) - i), 0, -1):
        window = tokens[i : i + n]
        if any(t.taken for t in window):
            continue
        if tuple(t.lower for t in window) in phrases and _adjacent(text, tokens, i, i + n):
            return n
    return 0


def _adjacent(text: str, tokens: list[_Token], i: int, j: int) -> bool:
    """Whether tokens i..j-1 stand next to each other with only spaces between."""
    return all(not text[tokens[k - 1].end : tokens[k].start].strip(" -") for k in range(i + 1, j))


class _Finder:
    def __init__(self, text: str, lex: Lexicon, places: frozenset[tuple[str, ...]]) -> None:
        self.text = text
        self.lex = lex
        self.places = places
        self.place_starts = first_tokens(places)
        self.tokens = _tokens(text, lex.titles)
        self.spans: list[Span] = []

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.tokens[i - 1].end : self.tokens[i].start]

    def mark(self, i: int, j: int, kind: str, end: int | None = None) -> None:
        for token in self.tokens[i:j]:
            token.taken = True
        self.spans.append(Span(self.tokens[i].start, end or self.tokens[j - 1].end, kind))

    def is_common(self, token: _Token) -> bool:
        return token.lower in self.lex.common or token.lower in self.lex.titles

    def nameable(self, k: int) -> bool:
        """Whether token k may be (part of) a capitalised name inside a sentence."""
        if k >= len(self.tokens):
            return False
        token = self.tokens[k]
        return token.cap and not token.taken and not token.text.isdigit()

    def run(self, taken: list[tuple[int, int]]) -> list[Span]:
        tokens = self.tokens
        covered = bytearray(len(self.text) + 1)
        for s, e in taken:
            covered[s:e] = b"\x01" * (e - s)
        for token in tokens:
            token.taken = bool(covered[token.start] or covered[token.end - 1])
        self.protect()
        self.institutions()
        self.streets()
        self.gazetteers()
        self.names()
        return self.spans

    def protect(self) -> None:
        lex, tokens = self.lex, self.tokens
        i = 0
        while i < len(tokens):
            n = _longest(self.text, tokens, i, lex.keep, lex.starts["keep"])
            head = tokens[i].lower.split("-")[0]
            if not n and "-" in tokens[i].lower and (head,) in lex.keep:
                n = 1  # "TikTok-naam", "Wmo-consulent"
            if n:
                for token in tokens[i : i + n]:
                    token.taken = True
                i += n
            else:
                i += 1

    def cap_run(self, i: int) -> int:
        """The end of the run of capitalised words from i (articles such as "De" included)."""
        j = i
        while j < len(self.tokens) and self.nameable(j):
            if j > i and self.gap(j).strip():
                break
            j += 1
        return j

    def institutions(self) -> None:
        lex, tokens = self.lex, self.tokens
        for i, token in enumerate(tokens):
            if token.taken:
                continue
            if (
                token.lower in lex.institution_before
                and i + 1 < len(tokens)
                and not self.gap(i + 1).strip(" ,")
            ):
                j = self.name_end(i + 2) if self.nameable(i + 1) else i + 1
                if j > i + 1 and not (j == i + 2 and tokens[i + 1].lower in _ARTICLES):
                    # "OBS De Wilgen", "RK Basisschool Sint Jozef", "FC Twente": a kind
                    # written with a capital, as part of the name, goes along with it
                    start = i + 1
                    while start > 0 and tokens[start - 1].lower in lex.institution_before:
                        kind_word = tokens[start - 1]
                        if kind_word.taken or not kind_word.cap or self.gap(start).strip():
                            break
                        start -= 1
                    self.mark(start, j, "instelling")
                    continue
            if token.cap and token.text in lex.institution_after and i > 0:
                start = i
                while start > 0 and self.nameable(start - 1) and not self.gap(start).strip():
                    start -= 1
                    if tokens[start].sentence_start:
                        break
                if start < i and not (
                    start == i - 1
                    and tokens[start].sentence_start
                    and self.is_common(tokens[start])
                ):
                    self.mark(start, i + 1, "instelling")
        for i, token in enumerate(tokens):
            if token.taken or not token.cap:
                continue
            n = _longest(self.text, tokens, i, lex.institutions, lex.starts["institutions"])
            if n and not (n == 1 and (token.sentence_start and self.is_common(token))):
                if n == 1 and (token.lower in lex.common or (token.lower,) in self.places):
                    continue
                if n == 1 and (token.lower,) in lex.places:
                    continue
                self.mark(i, i + n, "instelling")

    def streets(self) -> None:
        lex, tokens = self.lex, self.tokens
        for i, token in enumerate(tokens):
            if token.taken or not token.cap:
                continue
            n = _longest(self.text, tokens, i, lex.streets, lex.starts["streets"])
            suffix = bool(_STREET_SUFFIX.search(token.lower)) and len(token.lower) > 6
            if suffix and not n:
                n = 1
            if not n:
                continue
            end = i + n
            if not (suffix or _STREET_SUFFIX.search(tokens[end - 1].lower)):
                # a listed street without a street-like ending counts only before a number,
                # or after "aan de"/"op de"/"in de"
                number = _HOUSE_NUMBER.match(self.text, tokens[end - 1].end)
                words = self.text[max(0, token.start - 7) : token.start].lower()
                if not number and not re.search(r"\b(?:aan|op|in) de\s+$", words):
                    continue
                if token.sentence_start and self.is_common(token):
                    continue
            if token.sentence_start and self.is_common(token) and n == 1 and not suffix:
                continue
            start = i
            # words before it that belong to the name: "Burgemeester de Withstraat"
            while start > 0 and not tokens[start].sentence_start:
                prev = tokens[start - 1]
                if prev.taken or self.gap(start).strip():
                    break
                if prev.cap and not (prev.sentence_start and self.is_common(prev)):
                    start -= 1
                elif (
                    (prev.lower,) in lex.interfixes
                    and start > 1
                    and tokens[start - 2].cap
                    and (
                        not tokens[start - 2].sentence_start
                        or not self.is_common(tokens[start - 2])
                    )
                ):
                    start -= 2
                else:
                    break
            number = _HOUSE_NUMBER.match(self.text, tokens[end - 1].end)
            stop = number.end() if number else tokens[end - 1].end
            self.mark(start, end, "adres", stop)
            for later in tokens[end:]:
                if later.start < stop:
                    later.taken = True

    def gazetteers(self) -> None:
        lex, tokens = self.lex, self.tokens
        for i, token in enumerate(tokens):
            if token.taken or not token.cap:
                continue
            n = max(
                _longest(self.text, tokens, i, lex.places, lex.starts["places"]),
                _longest(self.text, tokens, i, self.places, self.place_starts),
            )
            if not n:
                head = token.lower.split("-")[0]
                if "-" in token.lower and ((head,) in lex.places or (head,) in self.places):
                    n = 1
            if not n:
                continue
            if n == 1 and token.sentence_start and self.is_common(token):
                continue
            if i and not self.gap(i).strip():
                prev = tokens[i - 1]
                if (prev.lower,) in lex.interfixes or prev.lower in lex.first_names:
                    continue  # "de Vries", "Peter Vries"
            self.mark(i, i + n, "locatie")

    def name_end(self, j: int) -> int:
        """Extend a name that ends before token j over what follows it."""
        lex, tokens = self.lex, self.tokens
        while j < len(tokens):
            gap = self.gap(j)
            initial = len(tokens[j - 1].text) == 1 and tokens[j - 1].text.isupper()
            if gap.strip() and not (initial and gap.strip() == "."):
                break
            if self.nameable(j):
                if tokens[j].lower in _PRONOUNS:
                    break  # "Daan Ik ..." (a new sentence without a full stop)
                j += 1
                continue
            n = _longest(self.text, tokens, j, lex.interfixes, lex.starts["interfixes"])
            if n and self.nameable(j + n) and not self.gap(j + n).strip():
                j += n + 1
                continue
            break
        return j

    def name_from(self, i: int, kind: str = "persoon") -> None:
        self.mark(i, self.name_end(i + 1), kind)

    def names(self) -> None:
        lex, tokens, text = self.lex, self.tokens, self.text
        index = {t.start: k for k, t in enumerate(tokens)}
        # lower-case names announced by context: "ik heet mo", "genaamd noor"
        for pattern in (_NAMED, _SELF):
            for match in pattern.finditer(text):
                k = index.get(match.start(1))
                if k is None or tokens[k].taken:
                    continue
                word = tokens[k].lower
                if pattern is _SELF and word not in lex.first_names:
                    continue
                if word in lex.common and word not in lex.first_names:
                    continue
                self.name_from(k)
        for i, token in enumerate(tokens):
            if token.taken:
                continue
            # after a title or kinship word: "mevrouw de Boer", "juf Annelies", "J. de Vries"
            if (
                token.lower in lex.titles
                and i + 1 < len(tokens)
                and not self.gap(i + 1).strip(". ")
            ):
                nxt = i + 1
                n = _longest(self.text, tokens, nxt, lex.interfixes, lex.starts["interfixes"])
                if token.lower in _FORMAL and n and self.nameable(nxt + n):
                    self.mark(nxt, self.name_end(nxt + n + 1), "persoon")
                    continue
                if self.nameable(nxt) and not tokens[nxt].taken:
                    self.name_from(nxt)
                    continue
            if not token.cap:
                continue
            initials = (
                len(token.text) == 1
                and token.text.isupper()
                and text[token.end : token.end + 1] == "."
            )
            if initials and i + 1 < len(tokens):
                self.name_from(i)
                continue
            first = token.lower in lex.first_names or token.lower.split("-")[0] in lex.first_names
            if token.sentence_start:
                if self.is_common(token) or (token.lower,) in lex.keep:
                    continue
                if first or self.followed_by_name(i):
                    self.name_from(i)
                continue
            if token.text.isupper() and len(token.text) <= 6 and not first:
                continue  # an abbreviation (GGZ, MDO) reads as a word, not a name
            if token.lower in _ARTICLES and not self.nameable(i + 1):
                continue
            if token.lower in _PRONOUNS:
                continue
            before = tokens[i - 1].lower if i else ""
            place = (token.lower,) in lex.places or (token.lower,) in self.places
            kind = "locatie" if before in _PLACE_CONTEXT or (place and not first) else "persoon"
            self.name_from(i, kind)

    def followed_by_name(self, i: int) -> bool:
        """A sentence-initial word that is a name because of what follows: "Xavi, Nayeli en ik",
        "Kerem (2010)", "Mirjam (ambulant hulpverlener)"."""
        after = self.text[self.tokens[i].end : self.tokens[i].end + 30]
        return bool(
            re.match(r"\s*\(", after)
            or re.match(r",\s+[A-Z]\w+(?:,|\s+en\b)", after)
            or re.match(r"\s+en\s+[A-Z]\w+\s", after)
        )


def find(text: str, places: frozenset[tuple[str, ...]] = frozenset()) -> list[Span]:
    """Every identifying span in ``text``, not overlapping, in order."""
    tags = [(m.start(), m.end()) for m in TAG.finditer(text)]
    candidates = [
        Span(s, e, k) for s, e, k in matches(text) if all(e <= ts or te <= s for ts, te in tags)
    ]
    # the longest match wins an overlap; on a tie, the earlier pattern
    order = sorted(enumerate(candidates), key=lambda p: (-(p[1].end - p[1].start), p[0]))
    chosen: list[Span] = []
    for _, span in order:
        if all(span.end <= c.start or c.end <= span.start for c in chosen):
            chosen.append(span)
    finder = _Finder(text, lexicon(), places)
    spans = chosen + finder.run([(c.start, c.end) for c in chosen] + tags)
    return sorted(spans, key=lambda s: s.start)
