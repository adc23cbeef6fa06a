"""The Bolt app factory: one app for HTTP mode and Socket Mode, listeners registered per feature."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App

from bot.listeners import app_home, corrections, deal_status, share
from bot.logs import quiet_bolt_start_up, redact_secrets
from bot.services import Services
from bot.slack import make_web_client

FEATURES = (deal_status, share, app_home, corrections)
LISTENER_THREADS = 8
LISTENER_TIMEOUT_S = 5.0
MAX_RATE_LIMIT_WAIT_S = 3.0  # a listener answering a person waits this long for a 429, no more


def build_app(services: Services) -> App:
    """A Bolt app wired to the services; needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.

    Bolt's request verification is off: the web process checks signatures (and the payload's
    shape) before Bolt sees a request (`bot.web`); Socket Mode is authenticated by the app
    token. Acks run on the request thread (`process_before_response`), so they never queue
    behind lookups; the lookups are lazy listeners on a pool sized for concurrent commands.
    Wherever the app runs (HTTP or Socket Mode), log records are scrubbed of its secrets.
    """
    settings = services.settings
    settings.require("slack_bot_token", "slack_signing_secret")
    redact_secrets(settings)
    quiet_bolt_start_up()
    assert settings.slack_signing_secret is not None
    secret = settings.slack_signing_secret.get_secret_value()
    app = App(
        client=make_web_client(settings, timeout=LISTENER_TIMEOUT_S,
                               max_rate_limit_wait=MAX_RATE_LIMIT_WAIT_S),
        process_before_response=True,
        signing_secret=secret,
        token_verification_enabled=False,
        request_verification_enabled=False,
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="listener"),
    )
    for feature in FEATURES:
        feature.register(app, services)
    return app
