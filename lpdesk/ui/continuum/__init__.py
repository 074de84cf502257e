"""The Learner Power continuum activity: the plot, its markers and pointer, the controls and
the room's summary.
"""
