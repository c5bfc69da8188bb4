"""Text normalisation: encoding repair, odd characters, Markdown markup, paragraphs and headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from storylens.model import Span

# Curly quotes carry meaning for quote detection later, so ftfy must not straighten them. No explanations:
# fix_text discards them, and building them cost a third of ftfy's time.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)
_FTFY_NO_HTML = _FTFY._replace(unescape_html=False)  # ftfy's "auto": no entity decoding once a "<" was seen
# ftfy's segments: lines with their "\n" (fix_text cuts them the same way).
_SEGMENT = re.compile(r"[^\n]*\n|[^\n]+")
# A segment of printable ASCII, tabs and no "&" (no entity, no control character, no mojibake) is one that
# ftfy returns unchanged; on news pages most lines are, and skipping them halves ftfy's time.
_NOTHING_FOR_FTFY = re.compile(r"[\t\x20-\x25\x27-\x7e]*\n?")

_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# Spaces ending a line (see fix_characters).
_LINE_END_SPACE = re.compile(r"(?<![ \t])[ \t]+$", re.MULTILINE)  # starts only where a run starts: linear
# Zero-width characters, BOM and soft hyphens: invisible, but they split words for every later stage.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(" {2,}")

# Prefixes kept when a line ends with "word-" (a real compound broken at the line end, not hyphenation).
_COMPOUND_HEADS = frozenset(
    "well self long short non co ex anti pro post pre multi semi mid so half cross all high low "
    "two three four five six seven eight nine ten twenty thirty forty fifty year day week month".split()
)

_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{0,300})\]\([^)\s]{0,500}(?: \"[^\"\n]{0,200}\")?\)")
# No word-boundary check after the closing "**": extractors glue "**Read more:**Next title" together.
_MD_STRONG = re.compile(r"(?<![\w*\\])(\*\*|__)(?=\S)([^*_\n]{1,500}?)(?<=\S)\1(?!\*)")
_MD_EM = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_])([^*_\n]{1,500}?)(?<=[^\s\\])\1(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]{1,300})`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
# A heading says something besides "#"; stray marks after the first ("# # Title") are not part of it.
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(?:#+[ \t]+)*(.*[^#\s].*)$")
_BARE_HEADING_MARK = re.compile(r"#[#\s]*$")
_MD_HEADING_CLOSE = re.compile(r"[ \t]#+$")
_MD_BULLET = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^>\s?")
_MD_RULE = re.compile(r"^[-*_](?: ?[-*_]){2,}$")
_BOLD_LINE = re.compile(r"^(\*\*|__)[^*_\n]{1,100}\1$")

_TERMINAL = ".!?:;…,"
_CLOSERS = "\"'”’»)]*_"


def fix_characters(text: str) -> str:
    """Repair mojibake (keeping curly quotes), unify line ends, drop invisible and odd space characters."""
    # ftfy reads "Â " as a mangled no-break space only when no space follows on its line ("Â Ä " stays,
    # "Â Ä" is fixed); cleaning strips line ends later, so strip them first or a second pass differs.
    # Odd spaces become spaces below anyway; made so before ftfy reads them, "Â\t0" and "\xa0Â¡" are repaired on
    # the first pass as "Â 0" and " Â¡" are, not on the second (found by make fuzz). ftfy reads "Ã " as "à" just
    # as it reads "Ã\xa0", and after it, "Â " repaired to a no-break space becomes a space again.
    text = _LINE_END_SPACE.sub("", _ODD_SPACES.sub(" ", text))
    # To a fixed point: a repair can expose more mojibake ("\x8cÜ" → "ŒÜ" → "Ά"), and so can dropping an
    # invisible character ("\xadÀ§" → "À§" → "ˤ", found by make fuzz). Invisibles go after ftfy, which reads
    # some of them as parts of mojibake ("Ã\xad" is "í").
    for _ in range(4):
        fixed = _INVISIBLE.sub("", _fix_text(text))
        if fixed == text:
            break
        text = fixed
    return _ODD_SPACES.sub(" ", text)


def _fix_text(text: str) -> str:
    """`ftfy.fix_text` with our settings, segment by segment as ftfy does, leaving alone the segments it would."""
    config, out = _FTFY, []
    for segment in _SEGMENT.findall(text):
        if config is _FTFY and "<" in segment:
            config = _FTFY_NO_HTML
        out.append(segment if _NOTHING_FOR_FTFY.fullmatch(segment) else ftfy.fix_text(segment, config))
    return "".join(out)


def strip_inline_markdown(text: str) -> str:
    """Remove Markdown images, links, emphasis, code marks and backslash escapes from one line."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\2", text)
    text = _MD_CODE.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)


def ends_sentence(text: str) -> bool:
    """True if `text` ends with sentence punctuation (closing quotes and brackets ignored)."""
    core = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(core) and core[-1] in _TERMINAL


def heading_text(line: str) -> str | None:
    """Return the text of a Markdown `#` heading line, or None."""
    match = _MD_HEADING.match(line.strip())
    return _MD_HEADING_CLOSE.sub("", match.group(2)).strip() if match else None


def is_bare_heading_mark(line: str) -> bool:
    """True for a line of "#" marks and spaces only: no heading, and dropped (joined to the next line, cleaning
    again would read a heading)."""
    return _BARE_HEADING_MARK.match(line.strip()) is not None


def without_heading_marks(line: str) -> str:
    """A line with any leading "#" heading marks removed ("" for marks alone): for text that ends up opening a
    paragraph, where kept marks would make cleaning it again read a heading."""
    if is_bare_heading_mark(line):
        return ""
    return heading_text(line) or line if heading_level(line) else line


def heading_level(line: str) -> int:
    """Return the `#` count of a Markdown heading line (0 if it is none)."""
    match = _MD_HEADING.match(line.strip())
    return len(match.group(1)) if match else 0


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: undo line-end hyphenation, single spaces, stripped."""
    pieces: list[str] = []  # lines and separators, joined once (no quadratic string building)
    for raw in lines:
        line = _SPACES.sub(" ", raw.strip())
        if not line or is_bare_heading_mark(line):
            continue  # a lone "#" joined to the next line would make it a heading when cleaned again
        if pieces and _ends_with_hyphen(pieces[-1], line):
            # "recon-/struction" was hyphenated by the layout; "well-/known" is a compound split there.
            if not _is_compound(pieces[-1]):
                pieces[-1] = pieces[-1][:-1]
        elif pieces:
            pieces.append(" ")
        pieces.append(line)
    return "".join(pieces)


def _ends_with_hyphen(left: str, right: str) -> bool:
    """True when `left` ends in "letter-" and `right` goes on with a lower-case letter."""
    return len(left) >= 2 and left[-1] == "-" and left[-2].isalpha() and right[0].islower()


def _is_compound(left: str) -> bool:
    """True if the word before the final hyphen is a usual compound head ("well-", "self-")."""
    head = left[:-1].rsplit(" ", 1)[-1].lower()
    return not head.isalpha() or head in _COMPOUND_HEADS


@dataclass
class Paragraph:
    """One output paragraph of the cleaned text; `heading` marks section headings."""

    text: str
    heading: bool = False


def paragraphs_from_lines(lines: list[str], markdown: bool) -> list[Paragraph]:
    """Group lines into paragraphs (blank-line blocks, headings and list items split off)."""
    paras: list[Paragraph] = []
    for block in _blocks(lines):
        for group in _split_block(block, markdown):
            para = _make_paragraph(group, markdown)
            if para.text:
                paras.append(para)
    if not markdown:
        _mark_plain_headings(paras)
    return paras


def _blocks(lines: list[str]) -> list[list[str]]:
    """Split lines into blocks at blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _split_block(block: list[str], markdown: bool) -> list[list[str]]:
    """Split a block where a new paragraph starts without a blank line."""
    per_line = not markdown and _one_paragraph_per_line(block)
    groups: list[list[str]] = []
    for line in block:
        starts_new = per_line or _starts_paragraph(line, markdown)
        if not groups or starts_new or _stands_alone(groups[-1][-1], markdown):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _stands_alone(line: str, markdown: bool) -> bool:
    """True for one-line paragraphs that nothing may continue: headings and rules."""
    stripped = line.strip()
    if heading_level(stripped):
        return True
    return markdown and bool(_MD_RULE.match(stripped) or _BOLD_LINE.match(stripped))


def _starts_paragraph(line: str, markdown: bool) -> bool:
    """True for lines that open a new paragraph even without a blank line before them."""
    return _stands_alone(line, markdown) or bool(_MD_BULLET.match(line.strip()))


def _one_paragraph_per_line(block: list[str]) -> bool:
    """Guess whether a plain-text block holds one paragraph per line rather than hard-wrapped text.

    Hard wrapping never makes lines longer than ~100 characters and rarely breaks exactly at a
    sentence end, so long lines, or three or more lines that all end sentences, mean line = paragraph.
    """
    if len(block) < 2:
        return False
    if max(len(line.strip()) for line in block) > 120:
        return True
    return len(block) >= 3 and all(ends_sentence(line) for line in block[:-1])


def _make_paragraph(group: list[str], markdown: bool) -> Paragraph:
    """Turn one group of lines into a Paragraph, removing Markdown markup where the input is Markdown."""
    first = group[0].strip()
    if len(group) == 1 and heading_level(first):
        text = heading_text(first) or ""
        return Paragraph(_clean_inline(text, markdown), heading=True)
    if markdown:
        if _MD_RULE.match(first):
            return Paragraph("")
        if len(group) == 1 and _BOLD_LINE.match(first):
            return Paragraph(_clean_inline(first, True), heading=True)
        group = [_MD_BULLET.sub("", _MD_QUOTE.sub("", line.strip())) for line in group]
        if heading_level(group[0]):  # "* # Title", "> ## Title": a heading inside a list item or a quote
            if len(group) == 1:
                return Paragraph(_clean_inline(heading_text(group[0]) or "", True), heading=True)
            # Wrapped over lines it is text, but its marks must go: kept, cleaning again reads a heading.
            group = [heading_text(group[0]) or "", *group[1:]]
    text = join_lines(group)
    if text != group[0]:  # joining or trimming lines can complete mojibake ("Â" + "\n" + ..., " Â The" → "Â The")
        text = fix_characters(text)
    return Paragraph(_clean_inline(text, markdown))


def _clean_inline(text: str, markdown: bool) -> str:
    """Strip inline Markdown (Markdown input only) and collapse spaces, repairing what that exposes."""
    if markdown:
        stripped = strip_inline_markdown(text)
        text = fix_characters(stripped) if stripped != text else stripped
    # Removing marks or spaces can expose mojibake ftfy read otherwise in its old surroundings ("` Ā`¬" → "Ā¬";
    # " Â The" → "Â The", repaired only at a line start; found by make fuzz): repaired now, to a fixed point,
    # or cleaning the result again repairs it.
    for _ in range(3):
        tidy = _SPACES.sub(" ", text).strip()
        if tidy == text:
            break
        text = fix_characters(tidy)
    return _SPACES.sub(" ", text).strip()


def _mark_plain_headings(paras: list[Paragraph]) -> None:
    """Mark short, unpunctuated, capitalised lines followed by prose as headings (plain text has no markup)."""
    for idx in range(len(paras) - 1):
        para, nxt = paras[idx], paras[idx + 1]
        if para.heading or nxt.heading:
            continue
        text = para.text
        if len(text) > 80 or len(text.split()) > 12 or ends_sentence(text):
            continue
        if (text[0].isupper() or text[0].isdigit()) and ends_sentence(nxt.text) and len(nxt.text) > len(text) * 2:
            para.heading = True


def join_paragraphs(paras: list[Paragraph]) -> tuple[str, list[Span]]:
    """Join paragraphs with blank lines and return the text with the heading spans."""
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for para in paras:
        if not para.text:
            continue  # emptied after it was made (a dateline and what it opened taken off)
        if parts:
            offset += 2
        if para.heading:
            spans.append(Span(offset, offset + len(para.text), "heading"))
        parts.append(para.text)
        offset += len(para.text)
    return "\n\n".join(parts), spans

