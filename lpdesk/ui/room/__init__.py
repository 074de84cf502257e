"""The room's screen: presentation mode, the audience window, slides and the timer."""
