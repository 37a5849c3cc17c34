"""Mentoring over HTTP: profiles, vetting, requests, suggestions, matches, sessions and cohorts."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.core.auth import current_user
from backend.core.gate import only
from backend.core.pagination import page_in_memory
from backend.core.statuses import Saved, created_or_existing, creates
from backend.mentoring import cohorts, matches, profiles, requests, schemas

blp = Blueprint(
    "mentoring", __name__, url_prefix="/api/v1/mentoring", description="Mentoring, consultants and buddying"
)


@blp.route("/profile")
class Profile(MethodView):
    @only(*profiles.PROFILE_PERSONAS)
    @blp.arguments(schemas.MentoringProfileIn)
    @creates(blp, schemas.MentoringProfileOut)
    def put(self, data: dict[str, Any]) -> Any:
        """Create (201) or update (200) the caller's lived-experience profile: what they offer, their
        capacity, a pause; the text is screened before anyone sees it."""
        user = current_user()
        saved = profiles.do_save_profile(user, data)
        return created_or_existing(Saved(profiles.profile_view(user, saved.resource), saved.created))


@blp.route("/profiles/<int:user_id>/vetting")
class Vetting(MethodView):
    @only(*p.AGENCY_STAFF)
    @blp.arguments(schemas.MentorVettingIn)
    @blp.response(200, schemas.MentorVettingOut)
    def post(self, data: dict[str, Any], user_id: int) -> Any:
        """A worker of the person's agency (or an admin) records their DBS check, training and
        approval for schemes; never their own. Young buddies: approval only."""
        return profiles.do_record_vetting(current_user(), user_id, **data)


@blp.route("/requests")
class Requests(MethodView):
    @blp.arguments(schemas.MentoringRequestIn)
    @blp.response(201, schemas.MentoringRequestOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Ask for a mentor, consultant or buddy, with goals and preferences."""
        return requests.request_view(requests.do_create_request(current_user(), **data))


@blp.route("/requests/<int:request_id>/suggestions")
class Suggestions(MethodView):
    @blp.arguments(schemas.SuggestionsQuery, location="query")
    @blp.response(200, schemas.SuggestionPage)
    def get(self, query: dict[str, Any], request_id: int) -> Any:
        """The best mentors for the caller's request, ranked, each with a score and the reasons."""
        ranked = requests.suggestions(current_user(), request_id)
        return page_in_memory(ranked, query["limit"], query["cursor"], lambda r: (r["rank"],))


@blp.route("/requests/<int:request_id>/choose")
class Choose(MethodView):
    @blp.arguments(schemas.ChooseIn)
    @blp.response(201, schemas.MatchOut)
    def post(self, data: dict[str, Any], request_id: int) -> Any:
        """Choose a suggested mentor; they have 7 days to accept or decline."""
        user = current_user()
        return matches.match_view(user, requests.do_choose(user, request_id, data["mentor_id"]))


@blp.route("/matches")
class Matches(MethodView):
    @blp.arguments(schemas.MatchesQuery, location="query")
    @blp.response(200, schemas.MatchPage)
    def get(self, query: dict[str, Any]) -> Any:
        """The caller's matches; agency staff see their agency's (never the pair's notes)."""
        user = current_user()
        rows = [matches.match_view(user, m) for m in matches.matches_for(user)]
        return page_in_memory(rows, query["limit"], query["cursor"], lambda r: (r["id"],))


@blp.route("/matches/<int:match_id>/accept")
class Accept(MethodView):
    @blp.response(200, schemas.MatchOut)
    def post(self, match_id: int) -> Any:
        """The chosen mentor accepts: the match is active and the pair's direct messages open."""
        user = current_user()
        return matches.match_view(user, matches.do_accept(user, match_id))


@blp.route("/matches/<int:match_id>/decline")
class Decline(MethodView):
    @blp.response(200, schemas.MatchOut)
    def post(self, match_id: int) -> Any:
        """The chosen mentor declines; the seeker may choose someone else."""
        user = current_user()
        return matches.match_view(user, matches.do_decline(user, match_id))


@blp.route("/matches/<int:match_id>/close")
class Close(MethodView):
    @blp.arguments(schemas.MatchCloseIn)
    @blp.response(200, schemas.MatchOut)
    def post(self, data: dict[str, Any], match_id: int) -> Any:
        """Either side closes the match with an outcome and feedback (the other adds theirs later);
        ``rematch`` reopens the request."""
        user = current_user()
        return matches.match_view(user, matches.do_close(user, match_id, **data))


@blp.route("/matches/<int:match_id>/sessions")
class Sessions(MethodView):
    @blp.arguments(schemas.MentoringSessionIn)
    @blp.response(201, schemas.SessionLogged)
    def post(self, data: dict[str, Any], match_id: int) -> Any:
        """Log a session (date, length, mode, notes for the pair); a concern goes to moderation."""
        user = current_user()
        session, receipt = matches.do_log_session(user, match_id, **data)
        return {
            "session": matches.session_view(session, True),
            "concern_report_id": receipt["id"] if receipt else None,
        }


@blp.route("/cohorts")
class Cohorts(MethodView):
    @only(*p.AGENCY_STAFF)
    @blp.arguments(schemas.CohortIn)
    @blp.response(201, schemas.CohortOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Propose one optimal assignment for the agency's open requests of a scheme."""
        return cohorts.cohort_view(cohorts.do_propose(current_user(), **data))


@blp.route("/cohorts/<int:cohort_id>/assign")
class Assign(MethodView):
    @only(*p.AGENCY_STAFF)
    @blp.arguments(schemas.AssignIn)
    @blp.response(200, schemas.CohortOut)
    def post(self, data: dict[str, Any], cohort_id: int) -> Any:
        """Apply a proposed cohort: each pair that still holds becomes a chosen match."""
        return cohorts.cohort_view(cohorts.do_apply(current_user(), cohort_id))
