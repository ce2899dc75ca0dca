"""Moved to `common.forms` (issue 18). These names stay importable until the branches of the
current wave are merged, so their new forms keep working; new code imports `common.forms`."""

from common.forms import LINE_BREAKS, SingleLineTextMixin, is_single_line, single_line

__all__ = ["LINE_BREAKS", "SingleLineTextMixin", "is_single_line", "single_line"]
