"""Reports, appeals and protected terms over HTTP: load -> one service call -> dump."""

from __future__ import annotations

from typing import Any

from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from backend.core import rates
from backend.core.auth import current_user
from backend.core.pagination import page_in_memory
from backend.core.statuses import created_or_existing, creates
from backend.extensions import limiter
from backend.reports import schemas, service

blp = Blueprint("reports", __name__, url_prefix="/api/v1", description="Reports, appeals and protected names")


def report_rate() -> str:
    return rates.route_rate("reports")


def _per_user() -> str:
    user = g.get("user")
    return f"user:{user.id}" if user is not None else request.remote_addr or ""


@blp.route("/reports")
class Reports(MethodView):
    decorators = [limiter.limit(report_rate, key_func=_per_user, methods=["POST"])]

    @blp.arguments(schemas.ReportCreate)
    @creates(blp, schemas.ReportOut)
    @blp.doc(
        parameters=[
            {"in": "header", "name": "Idempotency-Key", "required": True, "schema": {"type": "string"}}
        ]
    )
    def post(self, data: dict[str, Any]) -> Any:
        """Report content or a person. Answered 201 only once the report is stored; a repeat with the
        same Idempotency-Key answers 200 with the same report."""
        key = request.headers.get("Idempotency-Key")
        return created_or_existing(service.do_report(current_user(), key=key, **data))


@blp.route("/reports/mine")
class MyReports(MethodView):
    @blp.arguments(schemas.NewestFirstQuery, location="query")
    @blp.response(200, schemas.ReportPage)
    def get(self, args: dict[str, Any]) -> Any:
        """My reports, newest first: under review, action taken, or no action needed."""
        return service.my_reports(current_user(), **args)


@blp.route("/appeals")
class Appeals(MethodView):
    @blp.arguments(schemas.AppealCreate)
    @blp.response(201, schemas.AppealOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Appeal the removal of my content, once; a different moderator decides."""
        return service.do_appeal(current_user(), **data)


@blp.route("/appeals/mine")
class MyAppeals(MethodView):
    @blp.arguments(schemas.NewestFirstQuery, location="query")
    @blp.response(200, schemas.AppealPage)
    def get(self, args: dict[str, Any]) -> Any:
        """My appeals, newest first: under review, upheld or overturned."""
        return service.my_appeals(current_user(), **args)


@blp.route("/me/family/protected-terms")
class ProtectedTerms(MethodView):
    @blp.arguments(schemas.ProtectedTermsQuery, location="query")
    @blp.response(200, schemas.ProtectedTermPage)
    def get(self, args: dict[str, Any]) -> Any:
        """Carers: my family's protected names, in order, kept only in the moderation database."""
        terms = service.protected_terms(current_user())
        return page_in_memory(terms, args["limit"], args["cursor"], lambda t: (t["term"],))

    @blp.arguments(schemas.ProtectedTerms)
    @blp.response(200, schemas.ProtectedTermPage)
    def put(self, data: dict[str, Any]) -> Any:
        """Carers: replace my family's protected names (a child's birth name, birth relatives'
        names); content that mentions them is held before anyone sees it. The answer is the whole
        new list (at most 50 names: one page)."""
        terms = service.do_set_protected_terms(current_user(), data["terms"])
        return page_in_memory(terms, len(terms), None, lambda t: (t["term"],))
