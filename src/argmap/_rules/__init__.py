"""The rules of ``argmap check`` (private; the public API is :mod:`argmap.check`).

Modules: ``registry`` (the :class:`Rule` type, registration, the shared map index),
``config`` (profiles and configuration files) and one module per rule family:
``structure``, ``logic`` and ``substance``.
"""
