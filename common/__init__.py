"""What every app of the platform shares: the form base and its one field template, the
modeltranslation column helper, the e-mail composition service and template filters for a
convening's dates and place. Nothing here knows a domain; domain apps import from here,
never the other way round."""
