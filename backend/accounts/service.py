"""Accounts: the facade other features and the routes import (``__all__`` is the contract).

The feature is split by role (ARCHITECTURE.md section 4): ``hooks`` (the account events other features
react to), ``authentication`` (passwords and tokens), ``people`` (registration, the wall between young
people and adults, profiles), ``families``, ``privacy``, ``visibility`` (blocks and mutes),
``sanctions`` (personas, suspension, posting mutes, warnings) and ``data_rights`` (turning 18, export,
deletion). Rules of one role that were already apart: ``display_names``, ``vetting``,
``verification``, ``invitations``, ``sign_up``, ``passwords``.

``access_*`` fetches what a caller may see (404 otherwise), ``check_*`` validates, ``do_*`` writes.
Every public function that writes commits exactly once.
"""

from __future__ import annotations

from backend.accounts.authentication import (
    Principal,
    authenticate_access_token,
    authenticate_password,
    authenticate_principal,
    check_password_policy,
    hash_password,
    normalise_email,
    password_matches,
)
from backend.accounts.data_rights import (
    do_delete_account,
    do_turning_18,
    export,
    turning_18_candidates,
)
from backend.accounts.families import (
    access_child,
    access_family,
    do_add_child,
    do_remove_child,
    do_update_family,
    own_family,
)
from backend.accounts.hooks import (
    Hook,
    on_account_closed,
    on_account_deleted,
    on_profile_text,
    on_rights_changed,
    on_turned_18,
    register_exporter,
    registered_exporters,
    registered_hooks,
)
from backend.accounts.people import (
    REMOVED_NAME,
    access_user,
    account_age_days,
    capabilities,
    do_register_adult,
    do_update_profile,
    get_user,
    is_verified,
    is_youth,
    linked_family_id,
    may_work_with_young_people,
    profile,
    public_profile,
    register_adult,
    same_side_of_the_wall,
    staff_record,
    today,
)
from backend.accounts.privacy import (
    do_update_privacy,
    privacy,
)
from backend.accounts.sanctions import (
    check_can_post,
    do_admin_set_suspended,
    do_grant_persona,
    do_mute_posting,
    do_record_warning,
    do_set_suspended,
)
from backend.accounts.visibility import (
    blocks_and_mutes,
    do_block,
    do_mute,
    do_unblock,
    do_unmute,
    hidden_user_ids,
    is_blocked,
    people_hiding,
)

__all__ = [
    "REMOVED_NAME",
    "Hook",
    "Principal",
    "access_child",
    "access_family",
    "access_user",
    "account_age_days",
    "authenticate_access_token",
    "authenticate_password",
    "authenticate_principal",
    "blocks_and_mutes",
    "capabilities",
    "check_can_post",
    "check_password_policy",
    "do_add_child",
    "do_admin_set_suspended",
    "do_block",
    "do_delete_account",
    "do_grant_persona",
    "do_mute",
    "do_mute_posting",
    "do_record_warning",
    "do_register_adult",
    "do_remove_child",
    "do_set_suspended",
    "do_turning_18",
    "do_unblock",
    "do_unmute",
    "do_update_family",
    "do_update_privacy",
    "do_update_profile",
    "export",
    "get_user",
    "hash_password",
    "hidden_user_ids",
    "is_blocked",
    "is_verified",
    "is_youth",
    "linked_family_id",
    "may_work_with_young_people",
    "normalise_email",
    "on_account_closed",
    "on_account_deleted",
    "on_profile_text",
    "on_rights_changed",
    "on_turned_18",
    "own_family",
    "password_matches",
    "people_hiding",
    "privacy",
    "profile",
    "public_profile",
    "register_adult",
    "register_exporter",
    "registered_exporters",
    "registered_hooks",
    "same_side_of_the_wall",
    "staff_record",
    "today",
    "turning_18_candidates",
]
