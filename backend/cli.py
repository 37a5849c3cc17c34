"""``flask --app backend ...`` commands: migrations, demo data, bootstrapping a production deployment."""

from __future__ import annotations

from typing import Any

import click
from flask import Flask, current_app

from backend.core import migrate


def register(app: Flask) -> None:
    @app.cli.command("db-upgrade")
    def db_upgrade() -> None:
        """Upgrade both databases (app and moderation) to the newest revision."""
        migrate.upgrade(current_app)
        click.echo("app and moderation databases upgraded")

    @app.cli.command("db-downgrade")
    @click.option("--database", type=click.Choice(migrate.DATABASES), required=True)
    @click.option("--revision", default="base", show_default=True)
    def db_downgrade(database: str, revision: str) -> None:
        """Downgrade one database."""
        migrate.downgrade(current_app, database, revision)
        click.echo(f"{database} database downgraded to {revision}")

    @app.cli.command("demo-data")
    def demo_data() -> None:
        """Load the demo client, accounts and community (idempotent; refused in production)."""
        from backend import demo

        try:
            demo.load()
        except demo.DemoRefused as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo("demo data loaded")

    @app.cli.command("create-admin")
    @click.option("--email", required=True)
    @click.option("--name", "display_name", default="Operator", show_default=True)
    @click.option(
        "--password-file",
        type=click.File("r"),
        help="read the password from this file (first line) instead of asking for it",
    )
    def create_admin(email: str, display_name: str, password_file: Any) -> None:
        """Create an admin account: the first person who can sign in to a new deployment."""
        from backend import production

        if password_file is not None:
            password = password_file.readline().rstrip("\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        try:
            user = production.create_admin(email, display_name, password)
        except production.BootstrapError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"admin {user.email} created (account {user.id})")

    @app.cli.command("register-client")
    @click.option("--client-id", required=True)
    @click.option("--name", required=True, help="shown to people when they sign in")
    @click.option("--redirect-uri", "redirect_uris", multiple=True, required=True, help="repeat for each")
    def register_client(client_id: str, name: str, redirect_uris: tuple[str, ...]) -> None:
        """Register (or update) a public OAuth client that signs people in with PKCE."""
        from backend import production

        try:
            production.register_client(client_id, name, list(redirect_uris))
        except production.BootstrapError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"client {client_id} registered with {len(redirect_uris)} redirect URI(s)")

    @app.cli.command("turning-18")
    def turning_18() -> None:
        """Run the daily turning-18 job now."""
        from backend.accounts import service

        moved = service.do_turning_18()
        click.echo(f"{len(moved)} account(s) moved to adult_adoptee")

    @app.cli.command("moderation-outbox")
    @click.option("--sweep", is_flag=True, help="First look for held content with no queue item.")
    def moderation_outbox(sweep: bool) -> None:
        """Hand held content that moderation could not queue at the time to moderation now."""
        from backend.moderation_link import outbox
        from backend.moderation_link import sweep as held

        if sweep:
            click.echo(f"{held.sweep()} held piece(s) of content with no queue item found")
        click.echo(f"{outbox.deliver_due()} intake record(s) delivered to moderation")

    @app.cli.command("db-revision")
    @click.option("--database", type=click.Choice(migrate.DATABASES), required=True)
    @click.option("-m", "--message", required=True)
    def db_revision(database: str, message: str) -> None:
        """Autogenerate a new revision from the models (read it before committing)."""
        migrate.revision(current_app, database, message)
