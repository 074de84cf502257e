"""The facilitator's main window and what hangs off it: the pages registry, agenda and notes
panels, quick capture, autosave, crash recovery, the error guard.
"""
