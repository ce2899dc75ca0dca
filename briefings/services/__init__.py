"""Writes about briefings: write, publish, upload files, build and send briefing packs.

Every change goes through a function in this package; the modules, by topic:
`content` (writing a briefing, publishing it and taking it back to draft), `files`
(the uploaded file per language, and the download log), `packs` (building a pack and
sending it, once per send key, again or after failures) and `delivery` (the pack
e-mails: queueing them in batches, and delivering each exactly once; its docstring says
why that holds)."""

from .content import (  # noqa: F401
    CONTENT_FIELDS,
    create_briefing,
    publish_briefing,
    unpublish_briefing,
    update_briefing,
)
from .delivery import (  # noqa: F401
    MESSAGE_REFUSED,
    PACK_BATCH_SIZE,
    BatchOutcome,
    deliver_delivery,
    deliver_pack_batch,
    record_delivery_failure,
    requeue_stalled_deliveries,
)
from .files import (  # noqa: F401
    log_download,
    upload_briefing_file,
)
from .packs import (  # noqa: F401
    PackSend,
    create_pack,
    identical_pack,
    retry_failed,
    send_briefing_pack,
    send_new_pack,
)
