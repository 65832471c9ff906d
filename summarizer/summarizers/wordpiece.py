"""BERT word-piece ids as ``tokenizers`` gives them, from a vocabulary that loads fast.

The static encoder needs only the ids of a text's word pieces. ``Tokenizer.from_file`` on
MiniLM's tokenizer.json takes about 15 ms, nearly all of it building the Rust vocabulary
of 30,522 pieces, and importing ``tokenizers`` 5 ms more: together most of what once
separated the default summariser's cold start from ``--method lead``. Here:

* the vocabulary is a plain-text list, kept in the cache and read into a dict in about
  2 ms; the greedy longest-match-first split of each word into pieces runs in Python,
  remembered per word;
* cleaning and splitting the text into words is what tokenizers' normaliser and
  pre-tokeniser do. Both work one character at a time, so what they make of every
  character of the common scripts and punctuation (Latin, Greek, Cyrillic, general
  punctuation, currency; :data:`FAST_RANGES`) is asked of them once, when the cache is
  built, and kept as a ``str.translate`` table: a text made only of those characters is
  cleaned by one ``translate`` and split on spaces, without importing ``tokenizers``. Any
  other text goes through the Rust normaliser and pre-tokeniser themselves.

The ids are the ones ``Tokenizer.from_file(path).encode_batch(texts,
add_special_tokens=False)`` gives with truncation to ``max_tokens`` (tests compare the two
on any text, and on every character of the table). Only tokenizer.json files of the shape
copied here qualify (BERT normaliser, BERT pre-tokeniser, WordPiece, added tokens matched
as written); for any other :func:`load` returns the Rust tokenizer itself, behind the same
interface.

The cache file (``wordpiece-v2-<hash of tokenizer.json>.txt``): the SHA-256 of the rest
of the file; a JSON header line with the tokenizer.json's SHA-256, the installed
``tokenizers`` binary (name, size, mtime) that the character table came from, the settings
and the table; then one piece per line in id order. It is data, never executed; a file
that does not match (a stale, damaged, edited or foreign file, another ``tokenizers``) is
rebuilt, atomically.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.atomic import write_atomic
from summarizer.errors import warn
from summarizer.runtime import cache_root

FORMAT = 2
# Characters whose cleaning is looked up in a table built from tokenizers' own normaliser
# (see the module docstring); texts with any other character use the normaliser itself.
FAST_RANGES = ((0x0000, 0x02FF), (0x0370, 0x052F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
               (0x20A0, 0x20CF), (0x2100, 0x218F), (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD))
_MEMO_LIMIT = 200_000  # words remembered per tokenizer: bounded memory on any input


class WordPieces:
    """Text -> word-piece ids: words from the character table (or, for other characters,
    the Rust normaliser and pre-tokeniser), word pieces here."""

    def __init__(self, vocab: Sequence[str], spec: dict[str, Any], max_tokens: int,
                 chars: dict[str, str] | None = None) -> None:
        self.vocab = dict(zip(vocab, range(len(vocab)), strict=True))
        if len(self.vocab) != len(vocab):
            raise ValueError("the vocabulary repeats a piece")
        self.size = len(vocab)
        self.unk = self.vocab[spec["unk"]]
        self.prefix = spec["prefix"]
        self.max_chars = spec["max_chars"]
        self.max_tokens = max_tokens
        self._normalizer_flags = spec["normalizer"]
        self._rust: tuple[Any, Any] | None = None  # normaliser, pre-tokeniser: on first need
        # ``chars``: what the normaliser and pre-tokeniser make of each character alone
        # (spaces around a character they split off, a space for one they split at)
        self._clean = {ord(c): out for c, out in (chars or {}).items()}
        self._known = dict.fromkeys(self._clean)  # translate() deletes these
        self._specials = {text: ident for text, ident in spec["specials"]}
        # Added tokens are found in the raw text, longest first where two start together,
        # as tokenizers' matcher does; the text between them is normalised on its own.
        self._split = re.compile("|".join(
            re.escape(t) for t in sorted(self._specials, key=len, reverse=True))
        ) if self._specials else None
        self._memo: dict[str, tuple[int, ...]] = {}

    def token_to_id(self, piece: str) -> int | None:
        return self.vocab.get(piece)

    def get_vocab_size(self) -> int:
        return self.size

    def ids(self, text: str) -> list[int]:
        """The word-piece ids of ``text`` (no [CLS]/[SEP]), at most ``max_tokens``."""
        out: list[int] = []
        pos = 0
        if self._split is not None:
            for match in self._split.finditer(text):
                self._words(text[pos:match.start()], out)
                out.append(self._specials[match.group()])
                pos = match.end()
                if len(out) >= self.max_tokens:
                    return out[: self.max_tokens]
        self._words(text[pos:], out)
        return out[: self.max_tokens]

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        return [self.ids(t) for t in texts]

    def split(self, text: str) -> list[str]:
        """The words of ``text`` as the normaliser and pre-tokeniser give them."""
        if self._clean and not text.translate(self._known):  # only tabled characters
            return [w for w in text.translate(self._clean).split(" ") if w]
        if self._rust is None:
            from tokenizers import normalizers, pre_tokenizers

            self._rust = (normalizers.BertNormalizer(**self._normalizer_flags),
                          pre_tokenizers.BertPreTokenizer())
        normalizer, pre = self._rust
        return [w for w, _ in pre.pre_tokenize_str(normalizer.normalize_str(text))]

    def _words(self, text: str, out: list[int]) -> None:
        if not text:
            return
        memo = self._memo
        for word in self.split(text):
            pieces = memo.get(word)
            if pieces is None:
                pieces = self._pieces(word)
                # a word over max_chars is one unknown token, found without a look-up: not
                # kept (2,000 such words of 10,000 characters held 19 MiB between calls)
                if len(word) <= self.max_chars:
                    if len(memo) >= _MEMO_LIMIT:
                        memo.clear()
                    memo[word] = pieces
            out.extend(pieces)
            if len(out) >= self.max_tokens:
                return

    def _pieces(self, word: str) -> tuple[int, ...]:
        """Greedy longest match first; a word with any part not in the vocabulary, or
        longer than ``max_chars`` characters, is one unknown token (WordPiece's rule)."""
        if len(word) > self.max_chars:
            return (self.unk,)
        vocab = self.vocab
        pieces = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                ident = vocab.get(piece)
                if ident is not None:
                    pieces.append(ident)
                    break
                end -= 1
            else:
                return (self.unk,)
            start = end
        return tuple(pieces)


class RustWordPieces:
    """The reference: ``tokenizers``' own Tokenizer behind the same interface."""

    def __init__(self, tokenizer_file: str, max_tokens: int) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(tokenizer_file)
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)

    def token_to_id(self, piece: str) -> int | None:
        return self.tokenizer.token_to_id(piece)

    def get_vocab_size(self) -> int:
        return self.tokenizer.get_vocab_size()

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]


def read_spec(config: dict[str, Any]) -> tuple[list[str], dict[str, Any]] | None:
    """The vocabulary (by id) and settings of a tokenizer.json that :class:`WordPieces`
    reproduces exactly, or None for any other shape."""
    norm, pre, model = config.get("normalizer"), config.get("pre_tokenizer"), config.get("model")
    if not (isinstance(norm, dict) and norm.get("type") == "BertNormalizer"
            and pre == {"type": "BertPreTokenizer"}
            and isinstance(model, dict) and model.get("type") == "WordPiece"):
        return None
    flags = {k: norm.get(k) for k in ("clean_text", "handle_chinese_chars", "strip_accents",
                                      "lowercase")}
    if set(norm) - set(flags) - {"type"}:
        return None
    vocab = model.get("vocab")
    if not isinstance(vocab, dict) or sorted(vocab.values()) != list(range(len(vocab))):
        return None
    pieces = sorted(vocab, key=vocab.__getitem__)
    if any("\n" in p or "\r" in p for p in pieces) or model.get("unk_token") not in vocab:
        return None
    specials = []
    for token in config.get("added_tokens") or []:
        plain = all(token.get(k) is False for k in ("normalized", "single_word", "lstrip",
                                                     "rstrip"))
        if not plain or not token.get("content") or not isinstance(token.get("id"), int):
            return None  # matched in a way not copied here
        specials.append([token["content"], int(token["id"])])
    spec = {"unk": model["unk_token"], "prefix": model.get("continuing_subword_prefix", "##"),
            "max_chars": int(model.get("max_input_chars_per_word", 100)),
            "normalizer": flags, "specials": specials}
    return pieces, spec


def char_table(normalizer_flags: dict[str, Any]) -> dict[str, str]:
    """What tokenizers' BERT normaliser and pre-tokeniser make of each character of
    :data:`FAST_RANGES`, as a ``str.translate`` target: its normalised form, with a space
    for each character the pre-tokeniser splits at and spaces around each it splits off.

    Both work one character at a time (the normaliser's decomposition and accent removal
    too, for a character that starts with a base character), so a text of these characters
    is cleaned and split as the table says. Characters that are combining marks
    themselves, or whose pieces behave in any other way, are left out: texts with them use
    the normaliser itself."""
    import unicodedata

    from tokenizers import normalizers, pre_tokenizers

    normalizer = normalizers.BertNormalizer(**normalizer_flags)
    pre = pre_tokenizers.BertPreTokenizer()

    def piece(x: str) -> str | None:  # one normalised character, between two letters
        words = [w for w, _ in pre.pre_tokenize_str(f"a{x}b")]
        if words == ["a", "b"]:
            return " "
        if words == ["a", x, "b"]:
            return f" {x} "
        return x if words == [f"a{x}b"] else None

    table = {}
    for low, high in FAST_RANGES:
        for code in range(low, high + 1):
            c = chr(code)
            if unicodedata.combining(c) or any(
                    unicodedata.combining(d) and unicodedata.category(d) != "Mn"
                    for d in unicodedata.normalize("NFD", c)):
                continue  # may reorder with its neighbours' marks: not one at a time
            parts = [piece(x) for x in normalizer.normalize_str(c)]
            kept = [p for p in parts if p is not None]
            if len(kept) == len(parts):
                table[c] = "".join(kept)
    return table


def tokenizers_binary() -> list[Any] | None:
    """The installed ``tokenizers`` extension (name, size, mtime), without importing it:
    the character table is rebuilt when it changes."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("tokenizers")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = []
    for folder in spec.submodule_search_locations:
        with os.scandir(folder) as entries:
            for e in entries:
                if e.name.endswith((".so", ".pyd")):
                    found.append([e.name, e.stat().st_size, e.stat().st_mtime_ns])
    return sorted(found) or None


def cache_path(source_hash: str) -> Path:
    return cache_root() / "encoders" / f"wordpiece-v{FORMAT}-{source_hash[:16]}.txt"


def _read_cache(path: Path, source_hash: str, binary: list[Any] | None
                ) -> tuple[list[str], dict[str, Any], dict[str, str]] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    digest, _, rest = raw.partition(b"\n")
    if digest != hashlib.sha256(rest).hexdigest().encode():
        return None  # damaged or edited
    head, _, body = rest.partition(b"\n")
    try:
        header = json.loads(head)
        if not (isinstance(header, dict) and header.get("format") == FORMAT
                and header.get("source_sha256") == source_hash
                and header.get("tokenizers") == binary):
            return None
        vocab = body.decode("utf-8").split("\n")
        chars = header["chars"]
        if len(vocab) != header["size"] or not (
                isinstance(chars, dict)
                and all(isinstance(k, str) and len(k) == 1 and isinstance(v, str)
                        for k, v in chars.items())):
            return None
        return vocab, header["spec"], chars
    except (ValueError, KeyError, TypeError):
        return None


def load(tokenizer_file: str, max_tokens: int) -> WordPieces | RustWordPieces:
    """The word pieces of ``tokenizer_file``: from the cache when it matches the file,
    else read from the file and cached; the Rust tokenizer for a shape not copied here."""
    raw = Path(tokenizer_file).read_bytes()
    source_hash = hashlib.sha256(raw).hexdigest()
    path = cache_path(source_hash)
    binary = tokenizers_binary()
    cached = _read_cache(path, source_hash, binary)
    if cached is None:
        found = read_spec(json.loads(raw))
        if found is None:
            return RustWordPieces(tokenizer_file, max_tokens)
        chars = char_table(found[1]["normalizer"])
        body = "\n".join(found[0]).encode("utf-8")
        header = {"format": FORMAT, "source_sha256": source_hash, "tokenizers": binary,
                  "size": len(found[0]), "spec": found[1], "chars": chars}
        rest = json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n" + body
        cached = (found[0], found[1], chars)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest)
        except OSError as exc:  # a read-only home: the same ids, read from the file again
            warn(f"cannot keep the word-piece vocabulary in {path.parent} "
                 f"({exc.strerror or exc}); set SUMMARIZER_CACHE to a writable "
                 "folder")
    return WordPieces(cached[0], cached[1], max_tokens, cached[2])
