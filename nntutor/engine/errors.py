"""The one exception the engine raises for settings a person got wrong."""


class EngineError(ValueError):
    """A bad setting (unknown activation, wrong shape, a limit exceeded).

    The message is written for the person who chose the setting; callers show
    it as it is, never with a traceback.
    """
