"""Tiny random-weight models, built here and saved to a temporary folder.

Each model gets a byte-level BPE tokenizer trained on the seed article, so
nothing is downloaded. The tests load the models back by path through the
same code users call (``load_model`` / ``AbstractiveSummarizer(model=path)``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from abstractive_helpers import save

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def train_tokenizer(text: str, specials: list[str], template: str | None, vocab: int = 600):
    """A byte-level BPE tokenizer trained on ``text`` (ids of ``specials`` come first)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab, special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
    )
    tok.train_from_iterator([text] * 3, trainer=trainer)
    if template:
        pieces = template.split()
        tok.post_processor = processors.TemplateProcessing(
            single=template,
            special_tokens=[(p, tok.token_to_id(p)) for p in pieces if p != "$A"],
        )
    return tok


def wrap(tok, max_length: int, **special):
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=max_length, **special)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny models run ~10x faster on one thread on a shared, busy CPU (no
    OpenMP spin-waiting); the setting is restored after each module."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory, seed_text) -> dict[str, Path]:
    """Paths of a tiny BART, T5, LED (PRIMERA-style) and Llama-style chat model."""
    import torch
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        LEDConfig,
        LEDForConditionalGeneration,
        LlamaConfig,
        LlamaForCausalLM,
        T5Config,
        T5ForConditionalGeneration,
    )

    torch.manual_seed(0)
    root = tmp_path_factory.mktemp("tiny-models")
    paths: dict[str, Path] = {}
    text = seed_text

    # BART: <s>=0 <pad>=1 </s>=2 <unk>=3, input "<s> text </s>", 256 positions.
    raw = train_tokenizer(text, ["<s>", "<pad>", "</s>", "<unk>", "<mask>"], "<s> $A </s>")
    tok = wrap(raw, 256, bos_token="<s>", pad_token="<pad>", eos_token="</s>",
               unk_token="<unk>", mask_token="<mask>")
    cfg = BartConfig(vocab_size=raw.get_vocab_size(), d_model=32, encoder_layers=1,
                     decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
                     encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=256,
                     pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2)
    paths["bart"] = root / "tiny-bart"
    save(BartForConditionalGeneration(cfg), tok, paths["bart"])

    # T5: <pad>=0 </s>=1 <unk>=2, input "text </s>", relative positions; the
    # tokenizer's model_max_length (128) is the only limit.
    raw = train_tokenizer(text, ["<pad>", "</s>", "<unk>"], "$A </s>")
    tok = wrap(raw, 128, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    cfg = T5Config(vocab_size=raw.get_vocab_size(), d_model=32, d_kv=16, d_ff=64, num_layers=1,
                   num_decoder_layers=1, num_heads=2, pad_token_id=0, eos_token_id=1,
                   decoder_start_token_id=0)
    paths["t5"] = root / "tiny-t5"
    save(T5ForConditionalGeneration(cfg), tok, paths["t5"])

    # LED named like PRIMERA, with <doc-sep> in the vocabulary.
    raw = train_tokenizer(text, ["<s>", "<pad>", "</s>", "<unk>", "<mask>", "<doc-sep>"],
                          "<s> $A </s>")
    tok = wrap(raw, 512, bos_token="<s>", pad_token="<pad>", eos_token="</s>",
               unk_token="<unk>", mask_token="<mask>", additional_special_tokens=["<doc-sep>"])
    cfg = LEDConfig(vocab_size=raw.get_vocab_size(), d_model=32, encoder_layers=1,
                    decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
                    encoder_ffn_dim=64, decoder_ffn_dim=64, max_encoder_position_embeddings=512,
                    max_decoder_position_embeddings=128, attention_window=[16],
                    pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2)
    paths["primera"] = root / "tiny-PRIMERA"
    save(LEDForConditionalGeneration(cfg), tok, paths["primera"])

    # Llama-style chat model: <|im_end|> ends a turn, 384 positions.
    raw = train_tokenizer(text, ["<unk>", "<|im_start|>", "<|im_end|>"], None)
    tok = wrap(raw, 384, unk_token="<unk>", bos_token="<|im_start|>", eos_token="<|im_end|>")
    tok.chat_template = CHAT_TEMPLATE
    cfg = LlamaConfig(vocab_size=raw.get_vocab_size(), hidden_size=32, intermediate_size=64,
                      num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2,
                      max_position_embeddings=384, bos_token_id=1, eos_token_id=2,
                      pad_token_id=2, tie_word_embeddings=True)
    paths["llama"] = root / "tiny-llama-chat"
    save(LlamaForCausalLM(cfg), tok, paths["llama"])
    return paths
