"""Consultations (Adopter Voice, PRODUCT.md 2.6): an agency asks its carers, young people or adult
adoptees a few questions; each member answers once; free text is screened; the agency sees only
aggregates, with the same small-cell rule as the insights (``suppression``)."""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import Family, User
from backend.core.db import db
from backend.core.errors import Conflict, NotFound, Unprocessable
from backend.core.html import screening_text
from backend.groups import service as groups
from backend.groups.models import ADULT_ADOPTEES, CARERS, YOUNG_PEOPLE
from backend.insights import suppression as s
from backend.insights.models import (
    Consultation,
    ConsultationAnswer,
    ConsultationParticipant,
    ConsultationStatus,
    QuestionKind,
)
from backend.insights.waiting_times import safe_cell

AUDIENCES = (CARERS, YOUNG_PEOPLE, ADULT_ADOPTEES)
PUBLISHERS = (p.AGENCY_WORKER,)
Need = Literal["see", "answer", "results"]


def member_agency(user: User) -> str | None:
    """The agency a member belongs to: their family's, a young person's linked family's, an adult
    adoptee's own."""
    if user.persona in p.CARERS:
        return user.family.agency if user.family else None
    if user.persona == p.YOUNG_PERSON:
        family_id = accounts.linked_family_id(user)
        family = db.session.get(Family, family_id) if family_id else None
        return family.agency if family else None
    return user.agency


@dataclass(frozen=True)
class ConsultationStanding:
    member: bool  # in the audience, of the agency: may see and answer
    publisher: bool  # a worker of the agency, or an admin: may see and read results

    def allows(self, need: Need) -> bool:
        return {"see": self.member or self.publisher, "answer": self.member, "results": self.publisher}[need]


def _standing(user: User, consultation: Consultation) -> ConsultationStanding:
    """Pure given its facts. The audience wall is the groups' (``groups.audience_admits``: verified
    members of the audience; young people's audiences never admit adults), staff excluded from
    answering; the agency must be the member's own."""
    if not user.is_active:
        return ConsultationStanding(False, False)
    publisher = user.persona == p.ADMIN or (
        user.persona == p.AGENCY_WORKER and bool(user.agency) and user.agency == consultation.agency
    )
    member = (
        user.persona not in p.STAFF
        and groups.audience_admits(user, consultation.audience)
        and member_agency(user) == consultation.agency
    )
    return ConsultationStanding(member=member, publisher=publisher)


def access_consultation(user: User, consultation_id: int, need: Need = "see") -> Consultation:
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None or not _standing(user, consultation).allows(need):
        raise NotFound()
    return consultation


def _view(consultation: Consultation, user: User) -> dict[str, Any]:
    answered = (
        db.session.scalar(
            select(ConsultationParticipant.id).where(
                ConsultationParticipant.consultation_id == consultation.id,
                ConsultationParticipant.user_id == user.id,
            )
        )
        is not None
    )
    return {
        "id": consultation.id,
        "agency": consultation.agency,
        "audience": consultation.audience,
        "title": consultation.title,
        "introduction": consultation.introduction,
        "questions": consultation.questions,
        "status": consultation.status,
        "created_at": consultation.created_at,
        "answered": answered,
    }


def list_consultations(user: User) -> list[dict[str, Any]]:
    query = select(Consultation)
    if user.persona == p.AGENCY_WORKER:
        query = query.where(Consultation.agency == (user.agency or "\x00"))
    elif user.persona != p.ADMIN:
        agency = member_agency(user)
        query = query.where(
            Consultation.agency == (agency or "\x00"), Consultation.status == ConsultationStatus.OPEN
        )
    return [_view(c, user) for c in db.session.scalars(query) if _standing(user, c).allows("see")]


def _check_questions(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    checked = []
    for i, q in enumerate(questions, start=1):
        kind = q["kind"]
        item: dict[str, Any] = {"key": f"q{i}", "kind": kind, "text": q["text"]}
        if kind == QuestionKind.SINGLE_CHOICE:
            options = q.get("options") or []
            if len(options) < 2 or len(set(options)) != len(options):
                raise Unprocessable(
                    "Bad question", {"questions": [f"Question {i}: give two or more different options."]}
                )
            item["options"] = options
        elif kind == QuestionKind.SCALE:
            low, high = q.get("scale_min", 1), q.get("scale_max", 5)
            if not 0 <= low < high <= 10:
                raise Unprocessable(
                    "Bad question", {"questions": [f"Question {i}: a scale runs from 0-9 up to at most 10."]}
                )
            item["scale_min"], item["scale_max"] = low, high
        elif q.get("options") or q.get("scale_min") is not None or q.get("scale_max") is not None:
            raise Unprocessable("Bad question", {"questions": [f"Question {i}: free text takes no options."]})
        checked.append(item)
    return checked


def do_publish(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Publish a consultation to the worker's agency's members of one audience. Young people's
    consultations need an in-date enhanced DBS check (PRODUCT.md 3); the text is screened."""
    if not user.agency:
        raise NotFound()
    if data["audience"] == YOUNG_PEOPLE and not accounts.may_work_with_young_people(user):
        raise Unprocessable(
            "Young people's consultations need an in-date enhanced DBS check",
            {"audience": ["Ask a colleague with an in-date DBS check to publish this one."]},
        )
    questions = _check_questions(data["questions"])
    consultation = Consultation(
        agency=user.agency,
        audience=data["audience"],
        title=data["title"],
        introduction=data.get("introduction") or "",
        questions=questions,
        status=ConsultationStatus.OPEN,
        created_by_id=user.id,
    )
    db.session.add(consultation)
    db.session.flush()
    text = "\n".join(
        [consultation.title, consultation.introduction]
        + [q["text"] + " " + " ".join(q.get("options", [])) for q in questions]
    )
    verdict = safeguarding.screen(
        safeguarding.subject(
            type="consultation",
            id=consultation.id,
            author=user,
            text=screening_text(plain=text),
            youth_space=consultation.audience == YOUNG_PEOPLE,
            space=f"consultation:{consultation.id}",
        )
    )
    safeguarding.refuse_unless_allowed(
        verdict, "Consultation not allowed", "title", "This can't be published."
    )
    db.session.commit()
    return _view(consultation, user)


def do_respond(user: User, consultation_id: int, answers: list[dict[str, Any]]) -> dict[str, Any]:
    """A member answers once (409 after). Free text is screened before it is stored; anything but
    ``allow`` refuses the answer with the reason (and crisis signposts when screening raised them)."""
    consultation = access_consultation(user, consultation_id, "answer")
    if consultation.status != ConsultationStatus.OPEN:
        raise Conflict("This consultation has closed")
    if db.session.scalar(
        select(ConsultationParticipant.id).where(
            ConsultationParticipant.consultation_id == consultation.id,
            ConsultationParticipant.user_id == user.id,
        )
    ):
        raise Conflict("You have already answered this consultation")
    questions = {q["key"]: q for q in consultation.questions}
    seen: set[str] = set()
    rows: list[ConsultationAnswer] = []
    for answer in answers:
        key = answer["question"]
        q = questions.get(key)
        if q is None or key in seen:
            raise Unprocessable(
                "Bad answer", {"answers": [f"'{key}' is not a question here, or is answered twice."]}
            )
        seen.add(key)
        row = ConsultationAnswer(consultation_id=consultation.id, question_key=key)
        if q["kind"] == QuestionKind.SINGLE_CHOICE:
            if (
                answer.get("choice") not in q["options"]
                or answer.get("value") is not None
                or answer.get("text")
            ):
                raise Unprocessable("Bad answer", {"answers": [f"{key}: choose one of the options."]})
            row.choice = answer["choice"]
        elif q["kind"] == QuestionKind.SCALE:
            value = answer.get("value")
            if (
                value is None
                or not q["scale_min"] <= value <= q["scale_max"]
                or answer.get("choice")
                or answer.get("text")
            ):
                raise Unprocessable(
                    "Bad answer", {"answers": [f"{key}: a number from {q['scale_min']} to {q['scale_max']}."]}
                )
            row.scale_value = value
        else:
            text = answer.get("text")
            if not text or answer.get("choice") or answer.get("value") is not None:
                raise Unprocessable("Bad answer", {"answers": [f"{key}: write an answer."]})
            row.text = text
        rows.append(row)
    if not rows:
        raise Unprocessable("Bad answer", {"answers": ["Answer at least one question."]})
    db.session.add(ConsultationParticipant(consultation_id=consultation.id, user_id=user.id))
    try:
        db.session.flush()
    except IntegrityError as exc:  # answered at the same moment from another device
        db.session.rollback()
        raise Conflict("You have already answered this consultation") from exc
    free_text = "\n".join(r.text for r in rows if r.text)
    if free_text:
        verdict = safeguarding.screen(
            safeguarding.subject(
                type="consultation_answer",
                id=consultation.id,
                author=user,
                text=screening_text(plain=free_text),
                youth_space=consultation.audience == YOUNG_PEOPLE,
                space=f"consultation:{consultation.id}",
            )
        )
        safeguarding.refuse_unless_allowed(
            verdict, "Answer not allowed", "answers", "This answer can't be sent."
        )
    db.session.add_all(rows)
    db.session.commit()
    return _view(consultation, user)


# --- results -------------------------------------------------------------------------------------

ROW = "answers"


def results(user: User, consultation_id: int) -> dict[str, Any]:
    """Per question: counts per option or scale point (hidden below 5, with complementary hiding so
    the total does not give a hidden count away), the scale's median, and free text only when at
    least 5 people wrote some (in alphabetical order, so the order says nothing about who wrote it)."""
    consultation = access_consultation(user, consultation_id, "results")
    respondents = len(
        db.session.scalars(
            select(ConsultationParticipant.id).where(
                ConsultationParticipant.consultation_id == consultation.id
            )
        ).all()
    )
    answers = list(
        db.session.scalars(
            select(ConsultationAnswer).where(ConsultationAnswer.consultation_id == consultation.id)
        )
    )
    out = []
    for q in consultation.questions:
        mine = [a for a in answers if a.question_key == q["key"]]
        item: dict[str, Any] = {
            "key": q["key"],
            "kind": q["kind"],
            "text": q["text"],
            "counts": [],
            "texts": None,
        }
        if q["kind"] == QuestionKind.FREE_TEXT:
            enough = len(mine) >= s.MIN_CELL
            item["answered"] = len(mine) if enough else None
            item["texts"] = sorted(a.text or "" for a in mine) if enough else None
            item["median"] = None
        else:
            labels: list[Any] = (
                list(q["options"])
                if q["kind"] == QuestionKind.SINGLE_CHOICE
                else list(range(q["scale_min"], q["scale_max"] + 1))
            )
            values = [a.choice if q["kind"] == QuestionKind.SINGLE_CHOICE else a.scale_value for a in mine]
            grid = s.with_margins(
                [ROW], labels, {(ROW, label): [v for v in values if v == label] for label in labels}
            )
            hidden = s.suppress([ROW], labels, [s.counts(grid)])
            item["counts"] = [
                {"answer": str(label), "count": None if (ROW, label) in hidden else len(grid[(ROW, label)])}
                for label in labels
            ]
            total_hidden = (ROW, s.ALL) in hidden
            item["answered"] = None if total_hidden else len(values)
            scale = [v for v in values if isinstance(v, int)]
            item["median"] = (
                float(statistics.median(scale))
                if q["kind"] == QuestionKind.SCALE and not total_hidden and scale
                else None
            )
        out.append(item)
    return {
        "id": consultation.id,
        "title": consultation.title,
        "audience": consultation.audience,
        "respondents": respondents if respondents >= s.MIN_CELL else None,
        "min_cell": s.MIN_CELL,
        "questions": out,
    }


def results_csv(user: User, consultation_id: int) -> str:
    found = results(user, consultation_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["question", "kind", "text", "answer", "count"])
    for q in found["questions"]:
        if q["kind"] == QuestionKind.FREE_TEXT:
            for text in q["texts"] or []:
                writer.writerow([q["key"], q["kind"], safe_cell(q["text"]), safe_cell(text), ""])
            if q["texts"] is None:
                writer.writerow([q["key"], q["kind"], safe_cell(q["text"]), "", "suppressed"])
            continue
        for c in q["counts"]:
            writer.writerow(
                [
                    q["key"],
                    q["kind"],
                    safe_cell(q["text"]),
                    safe_cell(c["answer"]),
                    "suppressed" if c["count"] is None else c["count"],
                ]
            )
        writer.writerow(
            [
                q["key"],
                q["kind"],
                safe_cell(q["text"]),
                "all answers",
                "suppressed" if q["answered"] is None else q["answered"],
            ]
        )
    return buffer.getvalue()
