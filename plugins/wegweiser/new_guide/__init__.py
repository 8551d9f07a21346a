"""``wegweiser init``: a new guide's repository from a few answers (see :mod:`.create`)."""
