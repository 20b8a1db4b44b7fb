"""Hook lists: how a lower layer lets the layers above it react without importing them.

A lower app declares a hook and calls it where something happens; an app above fills
it in its ``AppConfig.ready()``. Receivers run in registration order, synchronously,
inside the caller's transaction: a receiver that raises undoes the whole action, so a
victim is never added without the contact plan a feature books for them.
"""

from collections.abc import Callable
from typing import Any


class Hook:
    """A named, ordered list of receivers called with the same keyword arguments."""

    def __init__(self, name: str, *, arguments: tuple[str, ...]) -> None:
        self.name = name
        self.arguments = arguments
        self._receivers: list[Callable[..., Any]] = []

    def connect(self, receiver: Callable[..., Any]) -> Callable[..., Any]:
        """Add ``receiver`` once (a reloaded module is harmless); usable as a decorator."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)
        return receiver

    def __call__(self, **arguments: Any) -> list[Any]:
        if set(arguments) != set(self.arguments):
            raise TypeError(f"{self.name} is called with {', '.join(self.arguments)}.")
        return [receiver(**arguments) for receiver in self._receivers]

    @property
    def receivers(self) -> tuple[Callable[..., Any], ...]:
        return tuple(self._receivers)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._receivers)} receivers>"
