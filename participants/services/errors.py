"""What the participant services refuse; each message is for the person who asked."""

from __future__ import annotations

from ..importing import ParsedFile


class ParticipantError(Exception):
    """A change the rules do not allow; the message is for the person who asked."""


class AccountExistsError(ParticipantError):
    """The participant has an account already: a repeated "create account" sends nothing."""


class ImportRejectedError(Exception):
    """The file has at least one bad row; nothing was imported."""

    def __init__(self, parsed: ParsedFile):
        super().__init__("import rejected")
        self.parsed = parsed


class DuplicatesNotAcceptedError(Exception):
    """Rows look like people already listed (or like rows above them) and staff have not
    said they are different people; nothing was imported."""

    def __init__(self, parsed: ParsedFile):
        super().__init__("likely duplicates not accepted")
        self.parsed = parsed
