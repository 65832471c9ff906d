"""A model's chat template is rendered in Jinja's sandbox with its work bounded
(chat_template.render_chat): loops nested in loops hung the load's probe, a constant of
10 GB was folded as the template compiled, and endless recursion was a RecursionError
(exit 70); each is a one-line ModelNotFoundError now, and the prompts of sound templates are
those apply_chat_template renders."""

from __future__ import annotations

import shutil
import time

import pytest
from helpers import error_line, run_cli

from summarizer.errors import ModelNotFoundError
from summarizer.summarizers.abstractive import load_model

NESTED = "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}"


def with_template(tiny_models, folder, template: str):
    folder = shutil.copytree(tiny_models["llama"], folder)
    (folder / "chat_template.jinja").write_text(template)
    return folder


@pytest.mark.parametrize("template, said", [
    (NESTED, "takes more than 1,000,000 steps"),
    (NESTED.replace("x", "") + "{{ messages[0]['content'] }}", "takes more than 1,000,000"),
    ("{{ 'x' * 10**10 }}{{ messages[0]['content'] }}", "repeats a value 10,000,000,000 times"),
    ("{% set ns = namespace(s='xy') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ messages[0]['content'] }}", "makes a value of 67,108,864 characters"),
    ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
     "takes more than 1,000,000 steps"),
    ("{% for x in range(9) recursive %}{{ loop(range(9)) }}{% endfor %}",
     "recurses deeper than Python's limit"),
    ("{% set s = 'x' * 30000000 %}{% macro m() %}{% for i in range(9) %}{{ s }}{% endfor %}"
     "{% endmacro %}{{ m() }}", "writes more than 33,554,432 characters"),
    # each made its value before it was measured: minutes, or gigabytes, first
    ("{% set x = lipsum(3000000, false, 100, 101) %}{{ messages[0]['content'] }}",
     "'lipsum' is undefined"),
    ("{{ '%0999999999d' % 1 }}", "formats fields wider than 33,554,432"),
    ("{{ '%*d' % (999999999, 1) }}", "formats fields wider than 33,554,432"),
    ("{{ '{:>999999999}'.format(1) }}", "formats fields wider than 33,554,432"),
    ("{{ 'x'|center(999999999) }}", "asks for a width of 999,999,999"),
    ("{{ 'x'.ljust(999999999) }}", "asks for a width of 999,999,999"),
    ("{{ ('\n' * 1000000)|indent(100) }}", "asks for a width of 100 on a text of 1,000,000"),
    ("{{ ({'a': 1})|tojson(indent=999999999) }}", "tojson indents more than 64 spaces"),
    ("{{ ('a' * 1000000)|replace('a', 'b' * 100) }}", "replace makes more than 33,554,432"),
    ("{{ (['x' * 30000000] * 30)|join }}", "join makes more than 33,554,432"),
    ("{{ ('x' * 30000000).join(['a', 'b', 'c']) }}", "join makes more than 33,554,432"),
])
def test_a_chat_template_past_the_bounds_of_its_work_is_refused_at_load(tiny_models, tmp_path,
                                                                        template, said):
    folder = with_template(tiny_models, tmp_path / "llama", template)
    start = time.monotonic()
    with pytest.raises(ModelNotFoundError, match="its chat template fails") as caught:
        load_model(str(folder), "cpu", "auto")
    assert said in str(caught.value) and time.monotonic() - start < 20
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the budget.", encoding="utf-8")
    code, _, err = run_cli(["summarize", str(article), "--words", "10", "--method",
                            "abstractive", "--model", str(folder), "--device", "cpu"])
    assert code == 2 and said in error_line(err)


def test_a_template_whose_work_grows_with_the_text_is_refused_at_generation(tiny_models,
                                                                           tmp_path):
    # the probe's short message passes (31 ** 3 steps); a prompt's cube of its characters
    # does not
    each = "{% for c in messages[0]['content'] %}"
    cube = each * 3 + "{% endfor %}" * 3 + "{{ messages[0]['content'] }}"
    folder = with_template(tiny_models, tmp_path / "llama", cube)
    load_model(str(folder), "cpu", "auto")
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the budget. " * 30)
    code, out, err = run_cli(["summarize", str(article), "--words", "10", "--method",
                              "abstractive", "--model", str(folder), "--device", "cpu"])
    assert code == 2 and out == ""
    assert "its chat template fails" in error_line(err) and "1,000,000 steps" in err


@pytest.mark.parametrize("template", [
    None,  # the tiny model's own
    "{% for m in messages %}{% if loop.first and m['role'] != 'system' %}<|im_start|>system\n"
    "You are helpful.<|im_end|>\n{% endif %}{{ '<|im_start|>' + m['role'] + '\n' + "
    "m['content'] | trim + '<|im_end|>' + '\n' }}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|im_start|>assistant\n' }}{% endif %}",
    "{{ bos_token }}{% for m in messages %}{% filter upper %}{{ m.role }}{% endfilter %}: "
    "{{ m.content ~ eos_token }}{% endfor %}{{ messages | tojson }}",
    "{%- set ns = namespace(n=0) %}{% for m in messages recursive %}{% set ns.n = ns.n + 1 %}"
    "[{{ ns.n }}/{{ loop.length }}] {{ m['content'] }}{% endfor %}",
    # widths, indents, formats, replace and join as templates use them
    "{{ 'x'|center(9) }}{{ {'a': [1, 2]}|tojson(indent=2) }}{{ '{:>4}'.format(1) }}"
    "{{ '%05d' % 3 }}{{ messages|map(attribute='role')|join(', ') }}{% for m in messages %}"
    "{{ m['content']|replace('a', 'A')|indent(2) }}{{ m['content'].rjust(3) }}{% endfor %}",
])
def test_a_sound_template_renders_as_apply_chat_template_does(tiny_models, tmp_path, template):
    from summarizer.summarizers.abstractive.chat_template import render_chat

    folder = with_template(tiny_models, tmp_path / "llama", template) if template else (
        tiny_models["llama"])
    tok = load_model(str(folder), "cpu", "auto").tokenizer
    for content in ("The meeting was held in Panama.", "x" * 5000, ""):
        assert render_chat(tok, content, "model") == tok.apply_chat_template(
            [{"role": "user", "content": content}], tokenize=False, add_generation_prompt=True)
