"""Feed watching: fetch over HTTP with our own client, parse with feedparser, yield Stories.

fetch (Fetcher) -> download (one GET: deadline, cap, redirects, validators) -> parse (xmlguard,
feedparser, entries: ids, text, dates) -> outcome + schedule (next check) -> poller (threads).
`briefings.cycle.run_poll_cycle` ties a poll to the pipeline and records feed state last.
"""
