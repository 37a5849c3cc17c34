"""Accounts over HTTP: load -> one service call -> dump."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.accounts import schemas, service
from backend.core.auth import current_user, public
from backend.core.gate import only
from backend.extensions import limiter

blp = Blueprint("accounts", __name__, url_prefix="/api/v1", description="Accounts, families and data rights")


def registration_rate() -> str:
    return str(current_app.config.get("RATE_LIMIT_REGISTRATION", "10/hour"))


@blp.route("/accounts")
class Accounts(MethodView):
    decorators = [limiter.limit(registration_rate, methods=["POST"])]

    @public
    @blp.doc(security=[])
    @blp.arguments(schemas.Registration)
    @blp.response(201, schemas.Me)
    def post(self, data: dict[str, Any]) -> Any:
        """Register an adult account (adopter, special guardian, prospective adopter, adult adoptee)."""
        return service.profile(service.do_register_adult(**data))


@blp.route("/invitations/accept")
class InvitationAcceptance(MethodView):
    decorators = [limiter.limit(registration_rate, methods=["POST"])]

    @public
    @blp.doc(security=[])
    @blp.arguments(schemas.InvitationAcceptance)
    @blp.response(201, schemas.Me)
    def post(self, data: dict[str, Any]) -> Any:
        """A young person accepts their invitation with their own email and password."""
        return service.profile(service.do_accept_invitation(**data))


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, schemas.Me)
    def get(self) -> Any:
        """The caller's profile: persona, age band, verification and capabilities."""
        return service.profile(current_user())

    @blp.arguments(schemas.ProfileUpdate)
    @blp.response(200, schemas.Me)
    def patch(self, data: dict[str, Any]) -> Any:
        """Change display name or region."""
        return service.profile(service.do_update_profile(current_user(), **data))

    @blp.response(204)
    def delete(self) -> None:
        """Delete my account: sign-in closed, content anonymised, safeguarding records kept."""
        service.do_delete_account(current_user())


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
    @blp.response(200, schemas.BlocksOut)
    def get(self) -> Any:
        """The people I have blocked or muted."""
        return service.blocks_and_mutes(current_user())


@blp.route("/me/blocks/<int:user_id>")
class Blocks(MethodView):
    @blp.response(204)
    def post(self, user_id: int) -> None:
        """Block someone: neither of you sees or reaches the other anywhere."""
        service.do_block(current_user(), user_id)

    @blp.response(204)
    def delete(self, user_id: int) -> None:
        """Unblock."""
        service.do_unblock(current_user(), user_id)


@blp.route("/me/mutes/<int:user_id>")
class Mutes(MethodView):
    @blp.response(204)
    def post(self, user_id: int) -> None:
        """Mute someone: their content is hidden from me."""
        service.do_mute(current_user(), user_id)

    @blp.response(204)
    def delete(self, user_id: int) -> None:
        """Unmute."""
        service.do_unmute(current_user(), user_id)


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
        """An agency worker verifies a family for their agency."""
        return service.do_verify_family(current_user(), family_id)


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
        """An agency worker verifies an adult adoptee or prospective adopter."""
        return service.do_verify_user(current_user(), user_id)


@blp.route("/users/<int:user_id>/vetting")
class Vetting(MethodView):
    @only(*p.AGENCY_STAFF)
    @blp.arguments(schemas.VettingIn)
    @blp.response(200, schemas.VettingOut)
    def put(self, data: dict[str, Any], user_id: int) -> Any:
        """Record enhanced DBS check, renewal and training for a staff member or mentor."""
        return service.do_record_vetting(current_user(), user_id, **data)


@blp.route("/invitations")
class Invitations(MethodView):
    @blp.arguments(schemas.InvitationIn)
    @blp.response(201, schemas.InvitationOut)
    def post(self, data: dict[str, Any]) -> Any:
        """A verified carer or agency worker invites the young person linked to a child."""
        new = service.do_create_invitation(current_user(), data["child_id"])
        return {
            "id": new.invitation.id,
            "token": new.token,
            "child_id": new.invitation.child_id,
            "expires_at": new.invitation.expires_at,
        }


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
