"""A model's chat template, rendered in Jinja's sandbox with a bound on its work.

The sandbox keeps a template from running Python of its own, and bounds ``range()``, but
not what loops nested in each other, recursion or growing strings cost: ``{% for a in
range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}`` hung the load's probe
(and would have hung every prompt). Here every pass of a loop, every call and every
arithmetic operation costs a unit of work, and every value made a unit more for each
:data:`CHARS_A_UNIT` characters it holds; a render that passes :data:`MOST_WORK` units, or
makes a value or an output longer than :data:`MOST_CHARS`, stops with
TemplateBudgetError (a Jinja TemplateError). The environment is transformers' own (its filters, globals and
``generation`` tag, taken from the template it compiles), in a subclass of the same sandbox.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from summarizer.errors import ModelNotFoundError, first_line

# A chat prompt is the input text and a few lines around it: the longest input the package
# takes (131,072 tokens) is about 1 MB of text
MOST_CHARS = 32 * 2**20
# Loop passes, calls and operations of one render (and a unit per CHARS_A_UNIT characters
# of each value made): real templates take a few hundred to a few thousand
MOST_WORK = 1_000_000
CHARS_A_UNIT = 1024
# ** of integers: at most this many bits in the result (10 ** 10 ** 10 computed for ever)
_MOST_POWER_BITS = 64 * 1024

_spent: ContextVar[list[int] | None] = ContextVar("chat_template_work", default=None)


@lru_cache(maxsize=1)
def _error_class() -> type[Exception]:
    from jinja2.exceptions import TemplateRuntimeError

    class TemplateBudgetError(TemplateRuntimeError):
        """A render that passed the bounds of its work (a Jinja TemplateError)."""

    return TemplateBudgetError


def _error(why: str) -> Exception:
    return _error_class()(why)


def _charge(units: int = 1) -> None:
    spent = _spent.get()
    if spent is None:
        return  # compiled here but rendered elsewhere: unbounded as transformers' own
    spent[0] += units
    if spent[0] > MOST_WORK:
        raise _error(f"the template takes more than {MOST_WORK:,} steps (nested loops, "
                     "recursion or long strings)")


def _sized(value: Any) -> Any:
    """``value``, charged for its length; refused past :data:`MOST_CHARS`."""
    if isinstance(value, str | list | tuple | dict):
        if len(value) > MOST_CHARS:
            raise _error(f"the template makes a value of {len(value):,} characters or items, "
                         f"more than {MOST_CHARS:,}")
        _charge(1 + len(value) // CHARS_A_UNIT)
    return value


def _counted(items: Any) -> Iterator[Any]:
    """``items`` as a loop takes them, a unit of work each."""
    for item in items:
        _charge()
        yield item


def _joined(parts: Iterable[Any]) -> str:
    """The environment's ``concat``: every output and block is joined by it."""
    parts = list(parts)
    if sum(len(part) for part in parts) > MOST_CHARS:
        raise _error(f"the template writes more than {MOST_CHARS:,} characters")
    return _sized("".join(parts))


@lru_cache(maxsize=8)
def _compiled(source: str) -> Any:
    """``source`` compiled in the bounded sandbox."""
    from jinja2 import nodes
    from jinja2.runtime import LoopContext
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from jinja2.visitor import NodeTransformer

    try:  # transformers' filters and globals (private: another version may lack it)
        from transformers.utils.chat_template_utils import _compile_jinja_template

        # from an empty template: compiling the model's there folds its constants unbounded
        # ({{ 'x' * 10**10 }} took 10 GB before any render)
        base = _compile_jinja_template("").environment
    except ImportError:
        base = ImmutableSandboxedEnvironment(extensions=["jinja2.ext.loopcontrols"])

    class Bounded(NodeTransformer):
        def visit_For(self, node: nodes.For) -> nodes.Node:
            self.generic_visit(node)
            node.iter = nodes.Filter(node.iter, "_counted", [], [], None, None,
                                     lineno=node.lineno)
            return node

        def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # ~ of strings
            self.generic_visit(node)
            return nodes.Filter(node, "_sized", [], [], None, None, lineno=node.lineno)

        def visit_Filter(self, node: nodes.Filter) -> nodes.Node:  # |join, |replace ...
            self.generic_visit(node)
            return nodes.Filter(node, "_sized", [], [], None, None, lineno=node.lineno)

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"+", "*", "**", "%", "//", "/", "-"})

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            tree = Bounded().visit(super()._parse(source, name, filename))
            tree.set_environment(self)
            return tree

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _charge()
            if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
                args = (_counted(args[0]), *args[1:])
            subject = getattr(__obj, "__self__", None)
            if isinstance(subject, str):  # "x".center(n), sep.join(items), s.replace(a, b)
                _refuse_growth(getattr(__obj, "__name__", ""), subject, args, kwargs)
            return _sized(super().call(__context, __obj, *args, **kwargs))

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _charge()
            _refuse_large(operator, left, right)
            return _sized(super().call_binop(context, operator, left, right))

        def wrap_str_format(self, value: Any) -> Any:
            formats = super().wrap_str_format(value)
            if formats is None:
                return None
            fmt = value.__self__

            def bounded(*args: Any, **kwargs: Any) -> Any:
                _refuse_wide_fields(_format_widths(fmt), args, kwargs)
                return formats(*args, **kwargs)

            return bounded

    env = Sandbox(trim_blocks=True, lstrip_blocks=True,
                  extensions=[type(ext) for ext in base.extensions.values()])
    env.filters.update({name: _bounded_filter(name, f) for name, f in base.filters.items()})
    # lipsum(3000000) ran for minutes at gigabytes before any value was measured: no chat
    # template writes placeholder text
    env.globals.update(base.globals)
    env.globals.pop("lipsum", None)
    env.filters.update(_counted=_counted, _sized=_sized)
    env.concat = _joined  # type: ignore[method-assign]
    return env.from_string(source)


# tojson's indent: real templates give 2 or 4; each level of nesting repeats it a line
_MOST_INDENT = 64
# str methods and filters whose output is at most the text's length times a width given
_WIDENING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "indent"})


def _largest_int(values: Iterable[Any]) -> int:
    return max((v for v in values if isinstance(v, int) and not isinstance(v, bool)), default=0)


def _refuse_growth(name: str, subject: str, args: tuple[Any, ...], kwargs: dict[str, Any]
                   ) -> None:
    """Refuse, before it is made, a string a str method or filter would make past
    :data:`MOST_CHARS`: a width (``center``, ``ljust``, ``zfill``, ``indent``, ``expandtabs``
    make at most the text's length times it), a ``replace`` that grows each match, a
    ``join`` of long parts. Measured after, the value had already taken the memory
    (``'x'|center(999999999)``: 3.9 GB)."""
    if name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        grows = (len(new) - len(old)) * (subject.count(old) if old else len(subject) + 1)
        if len(subject) + grows > MOST_CHARS:
            raise _error(f"the template's replace makes more than {MOST_CHARS:,} characters")
        return
    if name == "join" and args and isinstance(args[0], list | tuple):
        parts = args[0]
        size = len(subject) * max(len(parts) - 1, 0) + sum(
            len(p) if isinstance(p, str) else 1 for p in parts)
        if size > MOST_CHARS:
            raise _error(f"the template's join makes more than {MOST_CHARS:,} characters")
        return
    width = _largest_int((*args, *kwargs.values())) if name in _WIDENING else 0
    if width > 0 and (len(subject) + 1) * width > MOST_CHARS:
        raise _error(f"the template asks for a width of {width:,} on a text of "
                     f"{len(subject):,} characters (more than {MOST_CHARS:,} in all)")


def _bounded_filter(name: str, f: Any) -> Any:
    """Filter ``f``, its arguments checked before it runs (:func:`_refuse_growth`)."""
    from functools import wraps

    @wraps(f)  # keeps jinja_pass_arg: the context or environment comes first then
    def bounded(*args: Any, **kwargs: Any) -> Any:
        at = 1 if getattr(f, "jinja_pass_arg", None) else 0
        value, rest = (args[at], args[at + 1:]) if len(args) > at else (None, ())
        if name == "tojson" and _largest_int((*rest, kwargs.get("indent"))) > _MOST_INDENT:
            raise _error(f"the template's tojson indents more than {_MOST_INDENT} spaces")
        if name == "format" and isinstance(value, str):
            _refuse_wide_fields(_percent_widths(value), rest, kwargs)
        elif name == "join" and isinstance(value, list | tuple):
            sep = rest[0] if rest and isinstance(rest[0], str) else kwargs.get("d", "")
            _refuse_growth("join", sep if isinstance(sep, str) else "", (value,), {})
        elif isinstance(value, str):
            _refuse_growth(name, value, rest, kwargs)
        return f(*args, **kwargs)

    return bounded


def _format_widths(fmt: str) -> int:
    """The widths and precisions of a ``str.format`` string's fields, added up."""
    import string

    try:
        return sum(int(n) for _, _, spec, _ in string.Formatter().parse(fmt) if spec
                   for n in re.findall(r"\d+", spec))
    except ValueError:  # a malformed format: str.format says so itself
        return 0


def _percent_widths(fmt: str) -> int:
    """The widths and precisions of a ``%`` format string's conversions, added up."""
    return sum(int(n) for spec in re.findall(r"%[-#0 +]*[\d*]*(?:\.[\d*]*)?", fmt)
               for n in re.findall(r"\d+", spec))


def _refuse_wide_fields(widths: int, args: Any, kwargs: dict[str, Any]) -> None:
    """Refuse a formatting whose widths (the string's own, and any ``*`` or nested width
    given as an argument) would make more than :data:`MOST_CHARS` characters."""
    given = args if isinstance(args, tuple | list) else (args,)
    if widths + _largest_int((*given, *kwargs.values())) > MOST_CHARS:
        raise _error(f"the template formats fields wider than {MOST_CHARS:,} characters")


def _refuse_large(operator: str, left: Any, right: Any) -> None:
    """Refuse, before it is made, a repeated string or list (``*``) longer than
    :data:`MOST_CHARS`, or an integer power (``**``) of more than :data:`_MOST_POWER_BITS`."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(times, int) and (
                    len(seq) * times > MOST_CHARS):
                raise _error(f"the template repeats a value {times:,} times, more than "
                             f"{MOST_CHARS:,} characters or items")
    if operator == "%" and isinstance(left, str):  # '%0999999999d' % 1
        _refuse_wide_fields(_percent_widths(left), right, {})
    if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        bits = right * math.log2(abs(left)) if abs(left) > 1 else 0
        if bits > _MOST_POWER_BITS:
            raise _error(f"the template raises {left} to the power {right:,}")


def render_chat(tokenizer: Any, content: str, model: str) -> str:
    """``tokenizer``'s chat template rendered for one user message ``content`` and the
    assistant's turn, as ``apply_chat_template(tokenize=False, add_generation_prompt=True)``
    renders it, within the bounds of its work. A template that fails (a syntax error, an
    unsafe attribute, its raise_exception, an undefined name, past the bounds) is a
    :class:`ModelNotFoundError` that begins with ``model`` (what names the model)."""
    from jinja2 import TemplateError

    token = _spent.set([0])
    try:
        template = _compiled(tokenizer.get_chat_template())
        return str(template.render(messages=[{"role": "user", "content": content}],
                                   tools=None, documents=None, add_generation_prompt=True,
                                   **tokenizer.special_tokens_map))
    except RecursionError as exc:  # a macro or recursive loop calling itself for ever
        raise ModelNotFoundError(f"{model}: its chat template fails (it recurses deeper than "
                                 "Python's limit)") from exc
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError,
            MemoryError) as exc:
        raise ModelNotFoundError(f"{model}: its chat template fails ({type(exc).__name__}: "
                                 f"{first_line(exc)})") from exc
    finally:
        _spent.reset(token)
