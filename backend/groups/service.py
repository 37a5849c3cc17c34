"""Peer groups: the facade other features and the routes import (``__all__`` is the contract).

The feature is split by role (ARCHITECTURE.md section 4): ``walls`` (who may see and do what: one pure
``_standing``), ``membership``, ``directory`` (groups themselves), ``proposals``, ``threads`` (reading
through the wall), ``thread_page`` (the thread page's fast path), ``posting`` (writing), ``views``,
``live`` (realtime), ``moderation`` (report subjects and moderators' decisions) and ``data_rights``.
Everything it installs in other features is listed in ``backend/groups/__init__.py``'s ``register``.

``access_*`` fetches what a caller may see (the same 404 otherwise), ``check_*`` validates, ``do_*``
writes. Every public function that writes commits exactly once; realtime events are queued on the
session and sent only after that commit.
"""

from __future__ import annotations

from backend.groups.data_rights import (
    anonymise,
    end_youth_memberships,
    export,
)
from backend.groups.directory import (
    do_create_group,
    do_update_group,
    group_detail,
    list_groups,
)
from backend.groups.live import (
    group_room,
)
from backend.groups.membership import (
    MEMBER_ROLE_ORDER,
    MembershipHook,
    do_approve,
    do_assign_staff,
    do_invite,
    do_join,
    do_leave,
    do_remove_member,
    do_set_role,
    do_unassign_staff,
    list_members,
    member_order,
    membership_hooks,
    on_membership_ended,
    on_membership_started,
)
from backend.groups.models import AUDIENCES
from backend.groups.moderation import (
    on_hide,
    on_redact,
    on_release,
    on_remove,
    subject_for_post,
    subject_for_thread,
)
from backend.groups.posting import (
    do_delete_post,
    do_edit_post,
    do_edit_thread,
    do_react,
    do_reply,
    do_start_thread,
)
from backend.groups.proposals import (
    do_decide_proposal,
    do_propose_group,
    list_proposals,
)
from backend.groups.thread_page import (
    AUTHOR_FIELDS,
    POST_FIELDS,
    REACTION_FIELDS,
    PagePost,
    list_posts,
    read_post_page,
)
from backend.groups.threads import (
    access_post,
    access_thread,
    list_threads,
    thread_detail,
)
from backend.groups.views import (
    post_view,
    thread_view,
)
from backend.groups.walls import (
    AUDIENCE_PERSONAS,
    GROUP_CREATORS,
    GUEST_READERS,
    PROPOSABLE,
    PROPOSAL_DECIDERS,
    Need,
    PersonFacts,
    Standing,
    access_group,
    audience_admits,
    audience_is_youth,
    get_group,
    group_standing,
    is_member,
    live_group_ids,
    may_staff,
    member_ids,
    share_a_group,
    standing,
    standing_of,
)

__all__ = [
    "AUDIENCES",
    "AUDIENCE_PERSONAS",
    "AUTHOR_FIELDS",
    "GROUP_CREATORS",
    "GUEST_READERS",
    "MEMBER_ROLE_ORDER",
    "POST_FIELDS",
    "PROPOSABLE",
    "PROPOSAL_DECIDERS",
    "REACTION_FIELDS",
    "MembershipHook",
    "Need",
    "PagePost",
    "PersonFacts",
    "Standing",
    "access_group",
    "access_post",
    "access_thread",
    "anonymise",
    "audience_admits",
    "audience_is_youth",
    "do_approve",
    "do_assign_staff",
    "do_create_group",
    "do_decide_proposal",
    "do_delete_post",
    "do_edit_post",
    "do_edit_thread",
    "do_invite",
    "do_join",
    "do_leave",
    "do_propose_group",
    "do_react",
    "do_remove_member",
    "do_reply",
    "do_set_role",
    "do_start_thread",
    "do_unassign_staff",
    "do_update_group",
    "end_youth_memberships",
    "export",
    "get_group",
    "group_detail",
    "group_room",
    "group_standing",
    "is_member",
    "list_groups",
    "list_members",
    "list_posts",
    "list_proposals",
    "list_threads",
    "live_group_ids",
    "may_staff",
    "member_ids",
    "member_order",
    "membership_hooks",
    "on_hide",
    "on_membership_ended",
    "on_membership_started",
    "on_redact",
    "on_release",
    "on_remove",
    "post_view",
    "read_post_page",
    "share_a_group",
    "standing",
    "standing_of",
    "subject_for_post",
    "subject_for_thread",
    "thread_detail",
    "thread_view",
]
