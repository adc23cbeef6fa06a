"""Pure rendering to Slack Block Kit (slack_sdk.models). All escaping of untrusted text is here."""
