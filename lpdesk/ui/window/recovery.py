"""Crash recovery at start-up, the offer: right after the first paint, the recovery folder
is scanned for the autosaved work of lpdesk instances that died; only if there is some is
the dialog that offers it (`recovery_dialog.py`, with Qt's dialog classes) loaded, so the
usual start does not pay for it. Why a recovered session keeps its file name: see
`recovery_dialog.py`."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lpdesk.document import SessionDocument
from lpdesk.storage.errors import SessionFileError
from lpdesk.storage.recovery import Claim, claim_orphans


def _recover_into(window, claim: Claim) -> bool:
    """Show the claimed session in `window`; our own autosave takes over before the dead
    instance's file is deleted, so there is never a moment with no copy on disk."""
    session = claim.read()
    if not window.maybe_save():
        return False
    doc = SessionDocument(session, claim.info.original, claim.info.original_stamp)
    doc.undo_stack.resetClean()  # unsaved work: the title shows it, closing asks
    window.set_document(doc)
    autosaver = getattr(window, "autosaver", None)
    if autosaver is not None:
        autosaver.save_now()
        autosaver.wait()
        if autosaver.last_error:
            claim.release()  # our copy failed: keep theirs for the next start
            return True
    claim.discard()
    return True


def offer_recovery(window, folder: Path | None = None, ask=None) -> bool:
    """At start-up: offer the sessions of dead instances found in `folder` (default: the
    autosave folder) and restore the one chosen into `window`. True if one was restored."""
    if folder is None:
        from lpdesk.ui.window.autosave import recovery_folder
        folder = recovery_folder()
    claims = claim_orphans(folder)
    if not claims:  # the usual start: the dialog's code is not even loaded
        return False
    from lpdesk.ui.window import recovery_dialog
    ask = ask or recovery_dialog.ask_recovery
    recovered = False
    try:
        while claims and not recovered:
            action, index = ask(window, [c.info for c in claims])
            if action == "later" or not 0 <= index < len(claims):
                break
            claim = claims[index]
            if action == "discard":
                claims.pop(index).discard()
                continue
            if claim.info.problem:  # nothing to recover: keep it for a later decision
                claims.pop(index).release()
                continue
            try:
                recovered = _recover_into(window, claim)
            except SessionFileError as exc:
                window.show_error(recovery_dialog.tr("Cannot recover session"), str(exc))
                claim.info = replace(claim.info, problem=exc.problem)  # offer discard only
                continue
            if not recovered:
                break
            claims.pop(index)
            saved_at = claim.info.saved_at
            window.statusBar().showMessage(
                recovery_dialog.tr("Recovered the work autosaved %s. Save it to keep it.")
                % recovery_dialog.when_text(saved_at), 15000)
    finally:
        for claim in claims:
            claim.release()
    return recovered
