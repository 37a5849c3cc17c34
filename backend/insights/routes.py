"""Insights and consultations over HTTP: load -> one service call -> dump."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.core.auth import current_user
from backend.core.gate import only
from backend.core.pagination import page_in_memory
from backend.insights import schemas, service

blp = Blueprint("insights", __name__, url_prefix="/api/v1", description="Insights and consultations")

READERS = (p.AGENCY_WORKER, p.ADMIN)
# The people a consultation may be put to, and those who publish and read them.
CONSULTED = (p.ADOPTER, p.SPECIAL_GUARDIAN, p.YOUNG_PERSON, p.ADULT_ADOPTEE, p.AGENCY_WORKER, p.ADMIN)
CSV_DOC = {
    "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
}


def _csv(body: str, name: str) -> Response:
    return Response(
        body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'}
    )


@blp.route("/insights/waiting-times")
class WaitingTimes(MethodView):
    @only(*READERS)
    @blp.arguments(schemas.WaitingTimesQuery, location="query", as_kwargs=True)
    @blp.response(200, schemas.WaitingTimesOut)
    def get(self, **query: Any) -> Any:
        """Waiting times (median and 90th percentile), share within target per stage and reasons not
        progressed, by region and legal route, for the caller's agency (admins: every agency).
        Aggregates only: cells of fewer than 5 families are suppressed."""
        return service.waiting_times(current_user(), **query)


@blp.route("/insights/waiting-times.csv")
class WaitingTimesCsv(MethodView):
    @only(*READERS)
    @blp.arguments(schemas.WaitingTimesQuery, location="query", as_kwargs=True)
    @blp.doc(**CSV_DOC)
    def get(self, **query: Any) -> Any:
        """The waiting-times report as CSV, for boards; suppressed figures read "suppressed"."""
        return _csv(service.waiting_times_csv(current_user(), **query), "waiting-times")


@blp.route("/consultations")
class Consultations(MethodView):
    @only(*CONSULTED)
    @blp.arguments(schemas.ConsultationQuery, location="query")
    @blp.response(200, schemas.ConsultationPage)
    def get(self, query: dict[str, Any]) -> Any:
        """Open consultations put to the caller (their agency, their audience); an agency worker's
        agency's consultations; every consultation for admins. Newest first."""
        found = service.list_consultations(current_user())
        return page_in_memory(found, query["limit"], query["cursor"], lambda c: (c["id"],), descending=True)

    @only(p.AGENCY_WORKER)
    @blp.arguments(schemas.ConsultationIn)
    @blp.response(201, schemas.ConsultationOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Publish a consultation (single choice, scale and free text questions) to the agency's
        carers, young people or adult adoptees. Screened before anyone sees it."""
        return service.do_publish(current_user(), data)


@blp.route("/consultations/<int:consultation_id>/responses")
class Responses(MethodView):
    @only(*CONSULTED)
    @blp.arguments(schemas.ResponseIn)
    @blp.response(201, schemas.ConsultationOut)
    def post(self, data: dict[str, Any], consultation_id: int) -> Any:
        """Answer a consultation put to you, once (409 after). Free text is screened."""
        return service.do_respond(current_user(), consultation_id, data["answers"])


@blp.route("/consultations/<int:consultation_id>/results")
class Results(MethodView):
    @only(*READERS)
    @blp.response(200, schemas.ResultsOut)
    def get(self, consultation_id: int) -> Any:
        """Aggregated answers for the publishing agency's workers and admins; small cells suppressed."""
        return service.results(current_user(), consultation_id)


@blp.route("/consultations/<int:consultation_id>/results.csv")
class ResultsCsv(MethodView):
    @only(*READERS)
    @blp.doc(**CSV_DOC)
    def get(self, consultation_id: int) -> Any:
        """The aggregated answers as CSV, for boards."""
        return _csv(service.results_csv(current_user(), consultation_id), f"consultation-{consultation_id}")
