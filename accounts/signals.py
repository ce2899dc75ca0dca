"""What accounts tells other apps, so that accounts imports none of them for it.

Both are sent inside `erase_person`'s transaction with `participant` and `by`; a receiver
that raises rolls the whole erasure back.
"""

from django.dispatch import Signal

# Before anything changes: operations notes the erasure in its ledger outside the
# database, so that a restore from an older backup erases the person again.
erasure_begun = Signal()

# After the person's name has left every table: a receiver redoes what the name may still
# be printed in (outcomes renders its stored reports again) and returns {what it did: how
# many}; the counts go into the erasure's audit entry.
person_erased = Signal()
