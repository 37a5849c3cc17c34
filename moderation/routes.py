"""Moderation over HTTP, mounted by the backend at /api/v1/moderation: load -> one service call -> dump.

Every route names who it is for; anyone else gets the same 404 as for a route that does not exist
(``moderation.access``).
"""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint

from moderation import access, audit, cases, decisions, intake, notifications, paging, queue, rules
from moderation import schemas as s

blp = Blueprint("moderation", __name__, description="Safeguarding moderation: queue, rules, cases, audit")


def moderator() -> Any:
    return access.require_moderator(access.current_actor())


def lead() -> Any:
    return access.require_lead(access.current_actor())


@blp.route("/screen")
class Screen(MethodView):
    @access.only(*access.MODERATORS)
    @blp.arguments(s.ScreenTest)
    @blp.response(200, s.ScreenOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Moderators: run a text through the rules, storing nothing (the rule tester)."""
        moderator()
        return intake.dry_run(data["text"], data["audience"])


@blp.route("/rules")
class Rules(MethodView):
    @access.only(*access.MODERATORS)
    @blp.arguments(s.RulesQuery, location="query")
    @blp.response(200, s.RulePage)
    def get(self, args: dict[str, Any]) -> Any:
        """Moderators: the live watched terms and patterns, oldest first."""
        moderator()
        return paging.page_in_memory(rules.list_rules(), args["limit"], args["cursor"], lambda r: (r["id"],))

    @access.only(*access.MODERATORS)
    @blp.arguments(s.RuleCreate)
    @blp.response(201, s.RuleOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Moderators: add a watched term or RE2 pattern (a pattern RE2 refuses is a 422)."""
        return rules.do_add_rule(moderator(), **data)


@blp.route("/rules/<int:rule_id>")
class Rule(MethodView):
    @access.only(*access.MODERATORS)
    @blp.response(204)
    def delete(self, rule_id: int) -> None:
        """Moderators: retire a rule (kept in the history and the audit log)."""
        rules.do_retire_rule(moderator(), rule_id)


@blp.route("/queue")
class Queue(MethodView):
    @access.only(*access.MODERATORS)
    @blp.arguments(s.QueueQuery, location="query")
    @blp.response(200, s.QueuePage)
    def get(self, args: dict[str, Any]) -> Any:
        """Moderators: live items by priority then deadline; young people's items only with an
        in-date DBS check. Pass ``next_cursor`` back as ``cursor`` for the next page."""
        # The moderators' hot read (QUALITY.md B8): the page is built as JSON values by the service
        # and sent as is; the schema above documents it.
        return jsonify(queue.list_queue(moderator(), **args))


@blp.route("/queue/<int:item_id>")
class Item(MethodView):
    @access.only(*access.MODERATORS)
    @blp.response(200, s.ItemDetail)
    def get(self, item_id: int) -> Any:
        """Moderators: one item with its evidence, reports and decisions."""
        return queue.item_detail(moderator(), item_id)


@blp.route("/queue/<int:item_id>/claim")
class Claim(MethodView):
    @access.only(*access.MODERATORS)
    @blp.response(200, s.ItemOut)
    def post(self, item_id: int) -> Any:
        """Moderators: take a lease on an item (409 while someone else's lease is live)."""
        return queue.do_claim(moderator(), item_id)


@blp.route("/queue/<int:item_id>/decision")
class DecisionRoute(MethodView):
    @access.only(*access.MODERATORS)
    @blp.arguments(s.DecisionIn)
    @blp.response(200, s.ItemDetail)
    def post(self, data: dict[str, Any], item_id: int) -> Any:
        """Moderators: decide (release, remove, redact, warn, mute, suspend, escalate, dismiss) with
        a reason. A suspension is confirmed by a second moderator with ``"confirm": true``."""
        return decisions.decide(moderator(), item_id, **data)


@blp.route("/notifications")
class Notifications(MethodView):
    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.NewestFirstQuery, location="query")
    @blp.response(200, s.NotificationPage)
    def get(self, args: dict[str, Any]) -> Any:
        """Safeguarding lead: missed deadlines and escalations, newest first."""
        return notifications.recent(lead(), **args)


@blp.route("/cases")
class Cases(MethodView):
    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.CaseQuery, location="query")
    @blp.response(200, s.CasePage)
    def get(self, args: dict[str, Any]) -> Any:
        """Safeguarding lead: cases, newest first (the listing is logged)."""
        return cases.list_cases(access.current_actor(), **args)

    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.CaseCreate)
    @blp.response(201, s.CaseDetail)
    def post(self, data: dict[str, Any]) -> Any:
        """Safeguarding lead: open a case, directly or from a queue item."""
        return cases.do_open_case(access.current_actor(), **data)


@blp.route("/cases/<int:case_id>")
class CaseRoute(MethodView):
    @access.only(access.SAFEGUARDING_LEAD)
    @blp.response(200, s.CaseDetail)
    def get(self, case_id: int) -> Any:
        """Safeguarding lead: one case with its chronology, actions and items (the read is logged)."""
        return cases.read_case(access.current_actor(), case_id)

    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.CaseUpdate)
    @blp.response(200, s.CaseDetail)
    def patch(self, data: dict[str, Any], case_id: int) -> Any:
        """Safeguarding lead: change the risk rating, or close or reopen the case."""
        return cases.do_update_case(access.current_actor(), case_id, **data)


@blp.route("/cases/<int:case_id>/chronology")
class Chronology(MethodView):
    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.EntryCreate)
    @blp.response(201, s.CaseDetail)
    def post(self, data: dict[str, Any], case_id: int) -> Any:
        """Safeguarding lead: add a dated, factual chronology entry (entries are never edited)."""
        return cases.do_add_entry(access.current_actor(), case_id, **data)


@blp.route("/cases/<int:case_id>/actions")
class CaseActions(MethodView):
    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.ActionCreate)
    @blp.response(201, s.CaseDetail)
    def post(self, data: dict[str, Any], case_id: int) -> Any:
        """Safeguarding lead: record an action or a referral (children's services, LADO, police,
        the family's agency)."""
        return cases.do_add_action(access.current_actor(), case_id, **data)


@blp.route("/cases/<int:case_id>/actions/<int:action_id>/outcome")
class CaseOutcome(MethodView):
    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.OutcomeIn)
    @blp.response(200, s.CaseDetail)
    def post(self, data: dict[str, Any], case_id: int, action_id: int) -> Any:
        """Safeguarding lead: record the outcome of an action or referral (once)."""
        return cases.do_record_outcome(access.current_actor(), case_id, action_id, **data)


@blp.route("/cases/<int:case_id>/items")
class CaseItems(MethodView):
    @access.only(access.SAFEGUARDING_LEAD)
    @blp.arguments(s.LinkItem)
    @blp.response(201, s.CaseDetail)
    def post(self, data: dict[str, Any], case_id: int) -> Any:
        """Safeguarding lead: link a queue item to the case."""
        return cases.do_link_item(access.current_actor(), case_id, data["item_id"])


@blp.route("/audit/verify")
class AuditVerify(MethodView):
    @access.only(*access.AUDIT_CHECKERS)
    @blp.response(200, s.AuditVerification)
    def get(self) -> Any:
        """Moderators, the safeguarding lead and admins: check the audit chain; names the first
        broken row."""
        access.require_audit_checker(access.current_actor())
        return audit.verify().as_dict()
