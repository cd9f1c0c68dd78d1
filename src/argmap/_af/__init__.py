"""The abstract argumentation engine behind :mod:`argmap.af` (private).

Modules: ``framework`` (the :class:`Framework` type, semantics and status names),
``formats`` (ICCMA readers and writers), ``grounded`` (the linear-time grounded
labelling), ``solve`` (complete, preferred and stable semantics with an incremental SAT
solver, bounded and timed), ``evaluation`` (the status of every argument, explained)
and ``strategies`` (hypothesis strategies, for tests; it imports hypothesis).
"""
