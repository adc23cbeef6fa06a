"""Feed watching: fetch over HTTP (our own client), parse with feedparser, turn entries into Stories."""
