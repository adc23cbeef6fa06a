"""Deal Briefings' domain core: feeds, triage, deals, digest content and storage. No Slack here."""
