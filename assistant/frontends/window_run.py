"""Running a session in the window: one queue, polled by Tk on the main thread.

The listener, the model loading and the speech run on their own threads and only ever put
events on the queue (or set the announcer's `speaking` flag). Tk calls `tick` every
TICK_MS with `after()`, which handles the waiting events in order through the same
`InteractiveLoop` as the terminal, then shows whether the assistant is speaking.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import sys
import threading
import tkinter as tk
from collections.abc import Callable

from assistant.events import Event, InputClosed, Notice
from assistant.frontends.interactive import InteractiveLoop
from assistant.frontends.session import Session
from assistant.frontends.window import Window
from assistant.frontends.window_theme import right_third
from assistant.settings import RunSettings
from assistant.speaking.announcer import Announcer

log = logging.getLogger(__name__)
TICK_MS = 50
EVENTS_PER_TICK = 50
"""A burst is handled over several ticks, so the window keeps redrawing."""


class WindowUnavailable(Exception):
    """No display, or Tk is missing: the terminal is used instead."""


def open_root() -> tk.Tk:
    """The Tk root, or WindowUnavailable (no DISPLAY, no Tk, display refused)."""
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        raise WindowUnavailable("pas d'écran graphique (DISPLAY)")
    try:
        root = tk.Tk(className="memo-vocal")
    except tk.TclError as error:
        raise WindowUnavailable(str(error)) from error
    root.title("Mémo vocal")
    return root


class WindowSession:
    """The window, its loop and its queue; `errors` keeps any exception Tk reported."""

    def __init__(
        self,
        root: tk.Tk,
        session: Session,
        events: queue.SimpleQueue[Event],
        *,
        listening: bool,
    ) -> None:
        """Builds and shows the window with the welcome; `attach` then gives it a voice."""
        self.root = root
        self.session = session
        self.events = events
        self.listening = listening
        self.errors: list[BaseException] = []
        self.on_end: Callable[[], None] = root.destroy
        root.report_callback_exception = self._report
        place = right_third(root.winfo_screenwidth(), root.winfo_screenheight())
        root.geometry(place.geometry())
        self.window = Window(root, session, events.put, listening=listening)
        self.window.show_turn(session.welcome)
        root.protocol("WM_DELETE_WINDOW", lambda: events.put(InputClosed()))
        self.ended = False

    def attach(self, announcer: Announcer) -> None:
        self.announcer = announcer
        self.loop = InteractiveLoop(
            self.session, announcer, self.window, self.events, listening=self.listening
        )

    def _report(self, kind: type[BaseException], error: BaseException, trace: object) -> None:
        log.error("Tk callback failed", exc_info=(kind, error, trace))  # type: ignore[arg-type]
        self.errors.append(error)

    def start(self) -> None:
        self.loop.start()
        self.root.after(TICK_MS, self.tick)

    def tick(self) -> None:
        for _ in range(EVENTS_PER_TICK):
            if self.events.empty():
                self.loop.poll(0)  # only the silence reminder, no event waits
                break
            if not self.loop.poll(0):
                self.end()
                return
        self.window.set_speaking(self.announcer.speaking.is_set())
        self.root.after(TICK_MS, self.tick)

    def end(self) -> None:
        if self.ended:
            return
        self.ended = True
        self.loop.finish()
        self.on_end()


def run_window(
    root: tk.Tk,
    session: Session,
    settings: RunSettings,
    open_announcer: Callable[[], Announcer],
    notices: list[str],
) -> int:
    """`open_announcer` may add to `notices` (no voice): they are told once it has run."""
    events: queue.SimpleQueue[Event] = queue.SimpleQueue()
    running = WindowSession(root, session, events, listening=not settings.keyboard_only)
    root.update()  # the first screen is up while the voice and the model get ready
    announcer = open_announcer()
    for notice in notices:
        events.put(Notice(notice))
    running.attach(announcer)
    listener = None
    if not settings.keyboard_only:
        from assistant.frontends.voice_setup import start_listener

        listener = start_listener(session, settings.listening(), announcer, events)
    if threading.current_thread() is threading.main_thread():
        # A signal only posts an event: raising inside Tk's loop would be swallowed by Tk.
        for number in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None:
                signal.signal(number, lambda *_: events.put(InputClosed()))
    running.start()
    try:
        root.mainloop()
    finally:
        if listener is not None:
            listener.stop()
        announcer.close()
    return 0
