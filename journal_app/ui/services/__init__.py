"""The window's one door to the journal.

``JournalService`` owns the unlocked journal and runs its slow work on workers; the
transfer service beside it exports, imports, backs up and restores, and writes PDFs
(``pdf.py``, styled by ``pdf_style.py``). No widget holds a session or a key: they
ask the service, and are told by its signals.
"""
