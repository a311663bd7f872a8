"""The data's enum values (a record's kind, a reported status) in the reader's language: the words
every view family shows, in a module of their own so that a view needs no other family for them."""

from fko.i18n import N_, _

#: The statuses a later source or an event reports, as the report would say them (enum values
#: in JSON): shown in the reader's language.
STATUS_WORDS = frozenset(
    (N_("planned"), N_("running"), N_("ended"), N_("open-ended"), N_("unknown"), N_("expected"))
    + (N_("reported"), N_("funded"), N_("held"), N_("announced"))
)


#: What a record is (the values of `kind` and of --kind), as a table or a view names it.
KIND_NAMES = frozenset((N_("measure"), N_("initiative"), N_("recognition"), N_("indicator"), N_("update"), N_("event")))


def kind_name(kind: str) -> str:
    """A record's kind (measure, recognition, …) in the reader's language."""
    return _(kind) if kind in KIND_NAMES else kind


def status_word(value: str) -> str:
    """A status (an enum value: running, held, …) in the reader's language."""
    return _(value) if value in STATUS_WORDS else value
