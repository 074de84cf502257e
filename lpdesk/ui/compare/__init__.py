"""File > Compare sessions: the comparison of workshops, read from their files, on screen."""
