"""Token-aware chunking of sentences for models with a bounded input."""

from summarizer.chunks.packing import (
    Chunk,
    Chunking,
    ChunkStream,
    SplitSentence,
    as_plain_text,
    pack_sentences,
    sentence_token_counts,
    split_on_tokens,
    token_counts,
)

__all__ = ["as_plain_text", "Chunk", "Chunking", "ChunkStream", "SplitSentence", "pack_sentences", "sentence_token_counts", "split_on_tokens", "token_counts"]
