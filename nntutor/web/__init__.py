"""`nntutor serve`: the tutor in web browsers, one process per visitor, each under a learner name.

Only `command` is imported by the command line; `server` needs the web extra
(textual-serve), installed with ``pip install 'nntutor[web]'``.
"""
