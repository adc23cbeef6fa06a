"""Feed watching: fetch over HTTP with our own client, parse with feedparser, yield Stories."""
