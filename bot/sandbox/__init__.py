"""A loopback emulation of the Slack Web API, for the offline demo and the tests.

`server` holds the HTTP stand-in and its state, `methods` the answers per Web API method,
`limits` the Block Kit and message limits it enforces, `faults` ready-made fault injections,
`response_url` the response URLs of commands and interactions, `modals` the triggers of
`views.open` and the user groups. Each rule follows a page of
Slack's documentation, cited where the rule is written.
"""

from bot.sandbox.response_url import ResponseUrls
from bot.sandbox.server import DELAY_HEADER, Call, Fault, SlackSandbox, SlackState

__all__ = ["DELAY_HEADER", "Call", "Fault", "ResponseUrls", "SlackSandbox", "SlackState"]
