"""The one error type fko raises for anything a user can cause or correct."""


class FkoError(Exception):
    """A problem the user can act on: the message names the thing and the fix.

    exit_code 1 is for "not found" and data errors, 2 for usage errors.
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(FkoError):
    """Wrong options or arguments: exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)
