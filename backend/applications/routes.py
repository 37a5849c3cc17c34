"""Applications and workflows over HTTP: load -> one service call -> dump. Missing and not allowed are
the same 404."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.applications import schemas, service
from backend.core.auth import current_user
from backend.core.gate import only
from backend.core.pagination import page_in_memory
from backend.core.statuses import created_or_existing, creates

blp = Blueprint("applications", __name__, url_prefix="/api/v1", description="Application tracking")

# Families follow their own; agency workers work their agency's caseload. Nobody else has any.
PEOPLE = (p.ADOPTER, p.SPECIAL_GUARDIAN, p.PROSPECTIVE_ADOPTER, p.AGENCY_WORKER)
STARTERS = (p.ADOPTER, p.SPECIAL_GUARDIAN, p.AGENCY_WORKER)


@blp.route("/applications")
class Applications(MethodView):
    @only(*PEOPLE)
    @blp.arguments(schemas.ApplicationQuery, location="query", as_kwargs=True)
    @blp.response(200, schemas.ApplicationPage)
    def get(self, limit: int, cursor: Any, **query: Any) -> Any:
        """A family's own applications, or an agency worker's caseload (their agency's), newest first;
        filter by workflow, stage, or overdue."""
        found = service.list_applications(current_user(), **query)
        return page_in_memory(found, limit, cursor, lambda a: (a["id"],), descending=True)

    @only(*STARTERS)
    @blp.arguments(schemas.ApplicationIn)
    @creates(blp, schemas.ApplicationOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Start an application: a verified family asks for support itself, or an agency worker starts
        one for a family of their agency (or a prospective adopter). 200 with the open one when the
        family already has one of that workflow."""
        return created_or_existing(service.do_create(current_user(), data))


@blp.route("/applications/<int:application_id>")
class ApplicationDetail(MethodView):
    @only(*PEOPLE)
    @blp.response(200, schemas.ApplicationOut)
    def get(self, application_id: int) -> Any:
        """One application with its timeline, next step, who is responsible and what is overdue (the
        family or its agency only)."""
        return service.application_detail(current_user(), application_id)


@blp.route("/applications/<int:application_id>/transitions")
class Transitions(MethodView):
    @only(*PEOPLE)
    @blp.arguments(schemas.TransitionIn)
    @blp.response(200, schemas.ApplicationOut)
    def post(self, data: dict[str, Any], application_id: int) -> Any:
        """Move the application to another stage, as its workflow allows (reason codes where required;
        the family is notified). A refused move says why and what is allowed instead."""
        return service.do_transition(current_user(), application_id, data)


@blp.route("/applications/<int:application_id>/review-request")
class ReviewRequest(MethodView):
    @only(*PEOPLE)
    @blp.arguments(schemas.ReviewRequestIn)
    @creates(blp, schemas.ApplicationOut)
    def post(self, data: dict[str, Any], application_id: int) -> Any:
        """The family asks for a review at any time; the coordinator is told. 200 when one was already
        asked for in the last day."""
        return created_or_existing(service.do_request_review(current_user(), application_id, data["note"]))


@blp.route("/workflows")
class Workflows(MethodView):
    @blp.arguments(schemas.WorkflowQuery, location="query")
    @blp.response(200, schemas.WorkflowPage)
    def get(self, query: dict[str, Any]) -> Any:
        """The workflows: stages in plain words, targets, who may make each move, reason codes."""
        return page_in_memory(
            service.list_workflows(), query["limit"], query["cursor"], lambda w: (w["key"],)
        )
