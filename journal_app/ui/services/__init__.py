"""The window's one door to the journal.

``JournalService`` owns the unlocked journal, and the parts it is made of: a
``TaskRunner`` that runs its slow work on workers (and says when it is busy), the
transfer service (``service.transfer``) that exports, imports, backs up and
restores, and writes PDFs (``pdf.py``, styled by ``pdf_style.py``), a ``FileWatch``
that notices another program changing the file, and ``KeptCopies`` of a file
replaced underneath. No widget holds a session or a key: they ask the service, and
are told by its signals.
"""
