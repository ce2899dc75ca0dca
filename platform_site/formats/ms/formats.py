# The platform's one date style (see platform_site/formats/__init__.py).
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
