"""The Bolt app factory: one app for HTTP mode and Socket Mode, listeners registered per feature."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import deal_status
from bot.services import Services
from bot.slack import make_web_client

FEATURES = (deal_status,)


def build_app(services: Services) -> App:
    """A Bolt app wired to the services; needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET."""
    settings = services.settings
    settings.require("slack_bot_token", "slack_signing_secret")
    assert settings.slack_signing_secret is not None
    app = App(
        client=make_web_client(settings),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        token_verification_enabled=False,
    )
    for feature in FEATURES:
        feature.register(app, services)
    return app
