"""The facilitator's controls for activities on the phones, added to an activity's page the
first time it is shown (pages are made on first use): the quiz on phones (its chooser
button and progress bar, quiz_desk.py) and the boards' lock (matrix_desk.py)."""
from __future__ import annotations


def attach(feature, page) -> None:
    if getattr(page, "phones_bar", None) is not None:
        return
    name = page.objectName()
    if name == "QuizPage" and getattr(page, "chooser", None) is not None:
        from lpdesk.ui.live.quiz_desk import QuizPhonesBar
        bar = page.phones_bar = QuizPhonesBar(feature, page)
        page.layout().insertWidget(1, bar)
        page.chooser.phones_requested.connect(bar.open_quiz)
    elif name == "MatrixPage" and not getattr(page, "audience", False):
        from lpdesk.ui.live.matrix_desk import MatrixPhonesBar
        bar = page.phones_bar = MatrixPhonesBar(feature, page)
        page.layout().insertWidget(0, bar)
