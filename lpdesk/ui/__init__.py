"""Everything on screen. Views render the model and push commands; they never edit it.

One package per part of the screen (see docs/architecture.md):
- `style`: theme, frame style, `binding.listen`, plain-text helpers (the shared look;
  imports no other ui package)
- `window`: the main window, the pages registry, agenda and notes panels, capture, running
  the room, the start page and Help, autosave, crash recovery, the error guard,
  after-first-paint work
- `setup`, `continuum`, `quiz`, `matrix`, `summary`: one package per activity (each uses
  only `style` of the others)
- `room`: presentation mode and its facilitator bar, the audience window, the room's view,
  slides, the timer
- `export`: the export dialog and its worker thread
- `compare`: File > Compare Sessions, the comparison window
- `live`: the phones on screen (join panel and slide, devices), over `lpdesk/live`
"""
