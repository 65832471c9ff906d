"""PATH_OPTIONS (the options given as a path, whose pathlib.Path is kept as its str) is kept
by hand: the declared types cannot tell a model path from other text (``str | None`` both),
so this pins the set to options that exist, as text, and a rename that leaves it stale fails."""

from __future__ import annotations

import typing

from summarizer.summarizers import PATH_OPTIONS, available_methods, option_types


def test_every_path_option_is_a_text_option_some_method_declares():
    declared: dict[str, list] = {}
    for method in available_methods():
        for name, hint in option_types(method).items():
            declared.setdefault(name, []).append(hint)
    for name in PATH_OPTIONS:
        assert name in declared, name
        assert all(hint is str or str in typing.get_args(hint) for hint in declared[name]), name
