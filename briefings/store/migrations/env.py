"""Alembic environment: runs on the connection handed in by `briefings.store.database.migrate`."""

from alembic import context
from sqlalchemy import create_engine

from briefings.store.tables import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # `alembic` CLI use: take the URL from -x url=... for autogenerate.
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///data/alembic.db")
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
