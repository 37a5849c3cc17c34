from __future__ import annotations

from marshmallow import fields, validate

from backend.accounts import personas as p
from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema, record_id, text

LEGAL_ROUTES = ("adoption", "special_guardianship", "kinship", "early_permanence")
NEEDS_TAGS = (
    "disability",
    "sibling_group",
    "fasd",
    "early_permanence",
    "transracial_family",
    "child_to_parent_violence",
    "school_exclusion",
    "birth_family_contact",
    "send",
    "trauma",
    "attachment",
    "adhd",
    "autism",
)


class Registration(LoadSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = text(200, min_length=1, required=True, load_only=True)
    display_name = text(60, required=True)
    date_of_birth = fields.Date(required=True)
    persona = fields.String(required=True, validate=validate.OneOf(p.SELF_SERVICE))
    region = text(80, load_default=None, allow_none=True)


class InvitationAcceptance(LoadSchema):
    token = text(200, required=True)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = text(200, required=True, load_only=True)
    display_name = text(60, required=True)
    date_of_birth = fields.Date(required=True)


class Me(DumpSchema):
    id = fields.Integer()
    email = fields.String()
    display_name = fields.String()
    persona = fields.String()
    age_band = fields.String(allow_none=True)
    region = fields.String(allow_none=True)
    bio_html = fields.String()
    verified = fields.Boolean()
    capabilities = fields.List(fields.String())
    family_id = fields.Integer(allow_none=True)
    linked_family_id = fields.Integer(allow_none=True)
    link_notice = fields.String(allow_none=True)
    created_at = fields.DateTime()
    unread_notifications = fields.Integer(metadata={"description": "GET /me only"})


class ProfileUpdate(LoadSchema):
    display_name = text(60)
    region = text(80, min_length=0, allow_none=True)


class PublicUser(DumpSchema):
    id = fields.Integer()
    display_name = fields.String()
    persona = fields.String()
    role = fields.String(allow_none=True, metadata={"description": "The staff role, set by the server"})
    removed = fields.Boolean()


class Privacy(DumpSchema):
    allow_connection_requests = fields.Boolean()
    youth_dms_enabled = fields.Boolean()
    show_presence = fields.Boolean()
    show_region = fields.Boolean()
    playdate_profile_enabled = fields.Boolean()
    location_enabled = fields.Boolean()
    personalised_suggestions = fields.Boolean()
    nudges_enabled = fields.Boolean()
    digest_cadence = fields.String()


class PrivacyUpdate(LoadSchema):
    allow_connection_requests = fields.Boolean()
    youth_dms_enabled = fields.Boolean()
    show_presence = fields.Boolean()
    show_region = fields.Boolean()
    playdate_profile_enabled = fields.Boolean()
    location_enabled = fields.Boolean()
    personalised_suggestions = fields.Boolean()
    nudges_enabled = fields.Boolean()
    digest_cadence = fields.String(validate=validate.OneOf(("off", "weekly", "monthly")))
    confirm = fields.Boolean(load_default=False)


class PersonListedOut(DumpSchema):
    """Someone I have blocked or muted (``/me/blocks/{user_id}``, ``/me/mutes/{user_id}``)."""

    user_id = fields.Integer()
    created_at = fields.DateTime()


PersonListedPage = page_schema(PersonListedOut, base=DumpSchema)


class PeopleQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)  # the last user id shown


class ChildIn(LoadSchema):
    birth_month = fields.Integer(required=True, validate=validate.Range(1, 12))
    birth_year = fields.Integer(required=True, validate=validate.Range(1990, 2100))
    placement_date = fields.Date(load_default=None, allow_none=True)
    legal_route = fields.String(required=True, validate=validate.OneOf(LEGAL_ROUTES))
    needs = fields.List(
        fields.String(validate=validate.OneOf(NEEDS_TAGS)),
        load_default=list,
        validate=validate.Length(max=20),
    )


class ChildOut(DumpSchema):
    id = fields.Integer()
    birth_month = fields.Integer()
    birth_year = fields.Integer()
    placement_date = fields.Date(allow_none=True)
    legal_route = fields.String()
    needs = fields.List(fields.String())
    confirmed_at = fields.DateTime(allow_none=True)


class FamilyOut(DumpSchema):
    id = fields.Integer()
    agency = fields.String(allow_none=True)
    region = fields.String(allow_none=True)
    verified_at = fields.DateTime(allow_none=True)
    children = fields.List(fields.Nested(ChildOut))


class FamilyUpdate(LoadSchema):
    agency = text(120, allow_none=True)
    region = text(80, allow_none=True)


class FamilyTransferIn(LoadSchema):
    agency = text(120, required=True)
    reason = text(500, required=True)


class InvitationIn(LoadSchema):
    child_id = record_id(required=True)
    email = fields.Email(required=True, validate=validate.Length(max=254))


class InvitationOut(DumpSchema):
    id = fields.Integer()
    child_id = fields.Integer()
    email = fields.String()
    expires_at = fields.DateTime()


class VettingIn(LoadSchema):
    dbs_checked_on = fields.Date(allow_none=True, required=True)
    dbs_renewal_due = fields.Date(allow_none=True, load_default=None)
    training_completed_on = fields.Date(allow_none=True, load_default=None)
    is_mentor = fields.Boolean(load_default=False)


class VettingOut(DumpSchema):
    user_id = fields.Integer()
    dbs_checked_on = fields.Date(allow_none=True)
    dbs_renewal_due = fields.Date(allow_none=True)
    training_completed_on = fields.Date(allow_none=True)
    is_mentor = fields.Boolean()
    may_work_with_young_people = fields.Boolean()


class PersonaIn(LoadSchema):
    persona = fields.String(required=True, validate=validate.OneOf(p.PERSONAS))


class SuspensionIn(LoadSchema):
    suspended = fields.Boolean(required=True)
    reason = text(500, required=True)


class VerifiedOut(DumpSchema):
    id = fields.Integer()
    verified_at = fields.DateTime(allow_none=True)


class SignUpReceipt(DumpSchema):
    """The answer to a sign-up, the same whether or not the email already had an account."""

    status = fields.String(required=True)
    message = fields.String(required=True)


class PasswordChange(LoadSchema):
    current_password = text(200, required=True, load_only=True)
    new_password = text(200, required=True, load_only=True)
