"""QUndoCommand subclasses: the ONLY way the UI changes a session.

One module per activity (session, continuum, quiz, matrix, agenda, room). Each command
keeps the model and the delta, and calls one model method in redo/undo.
"""
