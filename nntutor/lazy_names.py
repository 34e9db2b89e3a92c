"""A package's public names, each imported from its module when first used.

The engine and curriculum packages name many things, and importing all of
their modules up front loads numpy; with this, ``from nntutor.engine import
EngineError`` loads only the module that defines EngineError.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import Any


class _LazyPackage(ModuleType):
    _homes: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        """A public name not used yet: from its module, imported now if it was not yet."""
        home = self._homes.get(name)
        if home is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f".{home}", self.__name__), name)
        setattr(self, name, value)  # found directly from now on
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        # Importing a submodule binds it to the package's attribute of its name. Where a public
        # name is also its module's name (engine.backprop, the function in backprop.py), the
        # package keeps the public name, as eager imports in __init__ left it.
        if isinstance(value, ModuleType) and self._homes.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


def lazy_names(package: str, homes: dict[str, str]) -> None:
    """Make `package` (being initialised) import its public names when first used.

    `homes` maps each public name to the module of the package that defines it."""
    module = sys.modules[package]
    module.__dict__["_homes"] = homes
    module.__class__ = _LazyPackage
