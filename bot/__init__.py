"""Deal Briefings' Slack face: listeners, rendering, delivery, jobs, the CLI and the processes."""
