"""Accounts over HTTP: load -> one service call -> dump."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import invitations, passwords, schemas, service, sign_up, verification, vetting
from backend.accounts import personas as p
from backend.auth.routes import login_rate
from backend.auth.service import current_sign_in
from backend.core import rates
from backend.core.auth import current_user, public
from backend.core.gate import only
from backend.core.pagination import page
from backend.core.statuses import created_or_existing, creates
from backend.extensions import limiter
from backend.notifications import service as notifications

blp = Blueprint("accounts", __name__, url_prefix="/api/v1", description="Accounts, families and data rights")


def registration_rate() -> str:
    return rates.route_rate("registration")


@blp.route("/accounts")
class Accounts(MethodView):
    decorators = [limiter.limit(registration_rate, methods=["POST"])]

    @public
    @blp.doc(security=[])
    @blp.arguments(schemas.Registration)
    @blp.response(202, schemas.SignUpReceipt)
    def post(self, data: dict[str, Any]) -> Any:
        """Register an adult account (adopter, special guardian, prospective adopter, adult adoptee),
        then sign in. The answer is the same whether or not the email already has an account (its
        owner is told), so it never reveals who is registered."""
        return sign_up.do_sign_up(**data)


@blp.route("/invitations/accept")
class InvitationAcceptance(MethodView):
    decorators = [limiter.limit(registration_rate, methods=["POST"])]

    @public
    @blp.doc(security=[])
    @blp.arguments(schemas.InvitationAcceptance)
    @blp.response(201, schemas.Me)
    def post(self, data: dict[str, Any]) -> Any:
        """A young person accepts their invitation, signed out (a request with a bearer token is
        refused), with the address it was sent to and their own password."""
        signed_in = "Authorization" in request.headers
        return service.profile(invitations.do_accept_invitation(**data, signed_in=signed_in))


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, schemas.Me)
    def get(self) -> Any:
        """The caller's profile: persona, age band, verification and capabilities, and how many
        notifications are unread."""
        me = current_user()
        return {**service.profile(me), "unread_notifications": notifications.unread_count(me.id)}

    @blp.arguments(schemas.ProfileUpdate)
    @blp.response(200, schemas.Me)
    def patch(self, data: dict[str, Any]) -> Any:
        """Change display name or region."""
        return service.profile(service.do_update_profile(current_user(), **data))

    @blp.response(204)
    def delete(self) -> None:
        """Delete my account: sign-in closed, content anonymised, safeguarding records kept."""
        service.do_delete_account(current_user())


@blp.route("/me/password")
class Password(MethodView):
    decorators = [limiter.limit(login_rate, methods=["POST"])]

    @blp.arguments(schemas.PasswordChange)
    @blp.response(204)
    def post(self, data: dict[str, Any]) -> None:
        """Change my password: every other sign-in of mine ends (its tokens and open sockets)."""
        passwords.do_change_password(
            current_user(), current_sign_in(), data["current_password"], data["new_password"]
        )


@blp.route("/me/export")
class Export(MethodView):
    @blp.response(200)
    def get(self) -> Any:
        """Everything stored about me, as JSON."""
        return service.export(current_user())


@blp.route("/me/privacy")
class PrivacySettings(MethodView):
    @blp.response(200, schemas.Privacy)
    def get(self) -> Any:
        """My privacy settings (high privacy by default)."""
        return service.privacy(current_user())

    @blp.arguments(schemas.PrivacyUpdate)
    @blp.response(200, schemas.Privacy)
    def patch(self, data: dict[str, Any]) -> Any:
        """Change privacy settings; anything that lowers privacy needs "confirm": true."""
        confirm = data.pop("confirm", False)
        return service.do_update_privacy(current_user(), data, confirm)


@blp.route("/me/blocks")
class BlockList(MethodView):
    @blp.arguments(schemas.PeopleQuery, location="query")
    @blp.response(200, schemas.PersonListedPage)
    def get(self, args: dict[str, Any]) -> Any:
        """The people I have blocked, by user id."""
        after = args["cursor"][0] if args["cursor"] else None
        rows = service.hidden_page(current_user(), service.BLOCKS, args["limit"], after)
        return page(rows, args["limit"], lambda r: (r.user_id,))


@blp.route("/me/blocks/<int:user_id>")
class Blocks(MethodView):
    @creates(blp, schemas.PersonListedOut)
    def post(self, user_id: int) -> Any:
        """Block someone: neither of you sees or reaches the other anywhere (201; 200 if already blocked)."""
        return created_or_existing(service.do_hide(current_user(), user_id, service.BLOCKS))

    @blp.response(204)
    def delete(self, user_id: int) -> None:
        """Unblock."""
        service.do_unhide(current_user(), user_id, service.BLOCKS)


@blp.route("/me/mutes")
class MuteList(MethodView):
    @blp.arguments(schemas.PeopleQuery, location="query")
    @blp.response(200, schemas.PersonListedPage)
    def get(self, args: dict[str, Any]) -> Any:
        """The people I have muted, by user id."""
        after = args["cursor"][0] if args["cursor"] else None
        rows = service.hidden_page(current_user(), service.MUTES, args["limit"], after)
        return page(rows, args["limit"], lambda r: (r.user_id,))


@blp.route("/me/mutes/<int:user_id>")
class Mutes(MethodView):
    @creates(blp, schemas.PersonListedOut)
    def post(self, user_id: int) -> Any:
        """Mute someone: their content is hidden from me (201; 200 if already muted)."""
        return created_or_existing(service.do_hide(current_user(), user_id, service.MUTES))

    @blp.response(204)
    def delete(self, user_id: int) -> None:
        """Unmute."""
        service.do_unhide(current_user(), user_id, service.MUTES)


@blp.route("/me/family")
class MyFamily(MethodView):
    @blp.response(200, schemas.FamilyOut)
    def get(self) -> Any:
        """My family and its children (carers only)."""
        return service.own_family(current_user())

    @blp.arguments(schemas.FamilyUpdate)
    @blp.response(200, schemas.FamilyOut)
    def patch(self, data: dict[str, Any]) -> Any:
        """Set my family's agency and region."""
        return service.do_update_family(current_user(), agency=data.get("agency"), region=data.get("region"))


@blp.route("/me/family/children")
class MyChildren(MethodView):
    @blp.arguments(schemas.ChildIn)
    @blp.response(201, schemas.ChildOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Add a child: month and year of birth, placement date, legal route, needs. No names."""
        return service.do_add_child(current_user(), **data)


@blp.route("/me/family/children/<int:child_id>")
class MyChild(MethodView):
    @blp.response(204)
    def delete(self, child_id: int) -> None:
        """Remove a child's record."""
        service.do_remove_child(current_user(), child_id)


@blp.route("/families/<int:family_id>")
class Families(MethodView):
    @blp.response(200, schemas.FamilyOut)
    def get(self, family_id: int) -> Any:
        """A family, for its carers and its agency's workers."""
        return service.access_family(current_user(), family_id)


@blp.route("/families/<int:family_id>/verify")
class FamilyVerification(MethodView):
    @only(*p.AGENCY_STAFF)
    @blp.response(200, schemas.VerifiedOut)
    def post(self, family_id: int) -> Any:
        """A worker of the family's own agency (or an admin) verifies it; the agency never changes."""
        return verification.do_verify_family(current_user(), family_id)


@blp.route("/families/<int:family_id>/agency")
class FamilyTransfer(MethodView):
    @only(p.ADMIN)
    @blp.arguments(schemas.FamilyTransferIn)
    @blp.response(200, schemas.FamilyOut)
    def post(self, data: dict[str, Any], family_id: int) -> Any:
        """Admins move a family to another agency, with a reason (audited on each carer's account)."""
        return verification.do_transfer_family(current_user(), family_id, **data)


@blp.route("/users/<int:user_id>")
class Users(MethodView):
    @blp.response(200, schemas.PublicUser)
    def get(self, user_id: int) -> Any:
        """Another account's public face (display name and persona), within the audience wall."""
        return service.public_profile(service.access_user(current_user(), user_id))


@blp.route("/users/<int:user_id>/verify")
class UserVerification(MethodView):
    @only(*p.AGENCY_STAFF)
    @blp.response(200, schemas.VerifiedOut)
    def post(self, user_id: int) -> Any:
        """A worker of the person's agency (or an admin) verifies an adult adoptee or prospective
        adopter; someone with no agency yet joins the worker's."""
        return verification.do_verify_user(current_user(), user_id)


@blp.route("/users/<int:user_id>/vetting")
class Vetting(MethodView):
    @only(*p.AGENCY_STAFF)
    @blp.arguments(schemas.VettingIn)
    @blp.response(200, schemas.VettingOut)
    def put(self, data: dict[str, Any], user_id: int) -> Any:
        """A worker of the person's agency (or an admin) records their enhanced DBS check, renewal
        (at most 3 years after the check) and training; never their own."""
        return vetting.do_record_vetting(current_user(), user_id, **data)


@blp.route("/invitations")
class Invitations(MethodView):
    @blp.arguments(schemas.InvitationIn)
    @blp.response(201, schemas.InvitationOut)
    def post(self, data: dict[str, Any]) -> Any:
        """A verified carer (for a child their agency confirmed) or a worker of the family's agency
        invites the young person; the invitation goes to the young person's own email only."""
        return invitations.do_create_invitation(current_user(), **data).invitation


@blp.route("/children/<int:child_id>/confirmation")
class ChildConfirmation(MethodView):
    @only(p.AGENCY_WORKER)
    @blp.response(200, schemas.ChildOut)
    def post(self, child_id: int) -> Any:
        """A worker of the family's agency confirms a child's record (needed before a carer invites)."""
        return invitations.do_confirm_child(current_user(), child_id)


@blp.route("/admin/users/<int:user_id>/persona")
class Persona(MethodView):
    @only(p.ADMIN)
    @blp.arguments(schemas.PersonaIn)
    @blp.response(200, schemas.PublicUser)
    def post(self, data: dict[str, Any], user_id: int) -> Any:
        """Admins grant staff personas."""
        return service.public_profile(service.do_grant_persona(current_user(), user_id, data["persona"]))


@blp.route("/admin/users/<int:user_id>/suspension")
class Suspension(MethodView):
    @only(p.ADMIN)
    @blp.arguments(schemas.SuspensionIn)
    @blp.response(200, schemas.PublicUser)
    def post(self, data: dict[str, Any], user_id: int) -> Any:
        """Admins suspend or reinstate an account."""
        user = service.do_admin_set_suspended(current_user(), user_id, data["suspended"], data["reason"])
        return service.public_profile(user)
