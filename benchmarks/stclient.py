"""A Streamlit session without a browser: the websocket protocol a browser tab speaks
(protobuf ``BackMsg`` up, ``ForwardMsg`` down), for load benchmarks that need many
real sessions on one server without one Chromium renderer per participant competing
with the server for the same CPUs.

It does what the browser does for the widgets it touches: it keeps the values it set
and sends them all with every rerun, a fragment's widgets rerun that fragment only,
buttons send a one-off trigger, and the address's query string follows what the app
sets (``st.query_params``). A rerun is over when the server says the run finished
(including any full rerun the app asked for from inside a fragment).
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import ClientConnection, connect

DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}


@dataclass
class Widget:
    id: str
    kind: str  # the element's proto field: radio, button_group, button, ...
    options: list[str]  # what the browser shows and sends back (formatted options)
    fragment_id: str


@dataclass
class Session:
    """One browser tab's session on ``url`` (``http://host:port``), on ``page`` (the
    page's url path, e.g. ``join``) with ``query`` (the address's query string)."""

    url: str
    page: str
    query: str = ""
    cookie: str = ""
    timeout: float = 120.0
    widgets: dict[str, Widget] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # the markdown of the last run
    _states: dict[str, WidgetState] = field(default_factory=dict)
    _page_hash: str = ""
    _seen: set[str] = field(default_factory=set)  # the widgets drawn in this run
    _ws: ClientConnection | None = None

    def open(self) -> float:
        """Connect and run the page as a browser opening the address does; returns
        the seconds until the run finished."""
        host = urlsplit(self.url).netloc
        headers = {"Origin": self.url}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self._ws = connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
        )
        self._ws.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as browsers do
        return self.rerun()

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None

    def find(self, key_part: str, kind: str | None = None) -> Widget:
        """The widget whose key contains ``key_part`` (keys are ids, never labels)."""
        found = [
            w for w in self.widgets.values()
            if key_part in w.id and (kind is None or w.kind == kind)
        ]  # fmt: skip
        if len(found) != 1:
            raise LookupError(
                f"{len(found)} widgets match {key_part!r}: {list(self.widgets)}; "
                f"the page said: {self.texts}"
            )
        return found[0]

    def choose(self, widget: Widget, option: int) -> float:
        """Pick option number ``option`` of a radio or segmented control."""
        state = WidgetState(id=widget.id)
        if widget.kind == "radio":
            state.string_value = widget.options[option]
        elif widget.kind == "button_group":
            state.string_array_value.data.append(widget.options[option])
        else:
            raise TypeError(f"cannot choose in a {widget.kind}")
        self._states[widget.id] = state
        return self.rerun(widget.fragment_id)

    def press(self, widget: Widget) -> float:
        """Click a button."""
        self._states[widget.id] = WidgetState(id=widget.id, trigger_value=True)
        try:
            return self.rerun(widget.fragment_id)
        finally:
            self._states.pop(widget.id, None)

    def rerun(self, fragment_id: str = "") -> float:
        """Send what a browser sends for a rerun and wait until the run finished."""
        assert self._ws is not None, "open() first"
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_name = self.page
        client.page_script_hash = self._page_hash
        client.fragment_id = fragment_id
        client.widget_states.widgets.extend(self._states.values())
        started = time.perf_counter()
        self._quick_ack()
        self._ws.send(message.SerializeToString())
        while True:
            data = self._ws.recv(timeout=self.timeout)
            self._quick_ack()
            assert isinstance(data, bytes)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.texts = []  # the markdown of this run only
                self._seen = set()
            elif kind == "navigation":  # the page that runs (new_session names app.py)
                self._page_hash = forward.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "delta":
                self._element(forward)
            elif kind == "script_finished" and forward.script_finished in DONE:
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the app failed to compile")
                if forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    # a full run: the browser forgets the widgets it no longer shows
                    self._states = {k: v for k, v in self._states.items() if k in self._seen}
                    self.widgets = {k: v for k, v in self.widgets.items() if k in self._seen}
                return time.perf_counter() - started

    def _quick_ack(self) -> None:
        """Acknowledge what arrived at once. Linux delays an acknowledgement up to 40 ms
        and the server holds its next small message until the last one is acknowledged
        (Nagle): each run's messages after the first came 40 ms late, which a browser
        does not see. (Linux leaves quick-ack mode by itself: set again each time.)"""
        assert self._ws is not None
        if hasattr(socket, "TCP_QUICKACK"):
            self._ws.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)

    def _element(self, forward: ForwardMsg) -> None:
        delta = forward.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind in ("markdown", "alert"):
            self.texts.append(getattr(element, kind).body)
            return
        if kind == "exception":
            raise RuntimeError(f"the app raised: {element.exception.message}")
        if kind not in ("radio", "button_group", "button"):
            return
        proto = getattr(element, kind)
        if kind == "radio":
            options = list(proto.options)
        elif kind == "button_group":
            options = [o.content for o in proto.options]
        else:
            options = []
        self.widgets[proto.id] = Widget(proto.id, kind, options, delta.fragment_id)
        self._seen.add(proto.id)
        if kind != "button" and (proto.id not in self._states or proto.set_value):
            self._register(kind, proto, options)  # what this tab set stands otherwise

    def _register(self, kind: str, proto, options: list[str]) -> None:
        """The value of a drawn widget, as the browser registers it: the one the app
        set, else its default."""
        state = WidgetState(id=proto.id)
        if kind == "radio":
            if proto.set_value and proto.HasField("raw_value"):
                state.string_value = proto.raw_value
            elif proto.HasField("default"):
                state.string_value = options[proto.default]
            else:
                self._states.pop(proto.id, None)
                return
        else:
            chosen = proto.raw_values if proto.set_value else [options[i] for i in proto.default]
            state.string_array_value.data.extend(chosen)
        self._states[proto.id] = state
