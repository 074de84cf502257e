"""The phones' server: participants take part from their own phones over the room's LAN.

`protocol` (what phones may send and what they receive, pure Python), `room` (the devices
that joined and the facilitator's options, pure Python, GUI thread), `server` (aiohttp on
its own thread: it never touches the model) and `network` (which address to show).
Nothing here is imported before the facilitator first starts the feature.
"""
