"""What participants tells other apps, so that it imports none of them for it.

`report_naming_changed` is sent inside the transaction of the change, with `participant`,
`by` and `named` (whether reports may now print the person's name: a named profile and
consent to be named in reports). outcomes listens: the stored reports that printed the
person, or describe them where they may now be named, are rendered again or marked
outdated.
"""

from django.dispatch import Signal

report_naming_changed = Signal()
