"""The practices matrix activity: a board's scene, items, layout and reveal, the view, dialogs
and the consensus view.
"""
