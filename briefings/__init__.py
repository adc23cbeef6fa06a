"""Deal Briefings' domain core: feeds, triage, deals, digest content and storage. No Slack here."""

from briefings.native import warn_if_stale

warn_if_stale()  # before briefings.triage is imported: a stale build would run in its place
