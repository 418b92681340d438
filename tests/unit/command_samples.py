"""One sample of every command of every process, for the authorization matrix."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from domain.area import commands as ac
from domain.area.agenda import Action, Dependency, External
from domain.area.events import Contribution
from domain.escalation import commands as es
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import (
    ChangeEscalationLadder,
    ChangeFriction,
    Command,
    MoveDueDate,
    RaiseFriction,
)
from domain.shared.ladder import LadderRung
from domain.shared.models import Agreement, Task

WHEN = datetime(2030, 1, 1, tzinfo=UTC)
DECISION = Decision(kind="schuurpunt beslecht", text="keuze")
LADDER = (LadderRung(level=1, name="BOL", kind="forum", members=("bol",), decision_days=30),)
ACTION = Action(
    id="a", title="a", owner="o", planned_start=date(2030, 1, 1), planned_end=date(2030, 2, 1)
)


def province_commands(party: str, signatory: str) -> dict[str, Command]:
    a = "x"
    return {
        "AddTask": cmd.AddTask(
            actor=a, task=Task(id="t", title="t", programme="p", kind="concreet")
        ),
        "ReclassifyTask": cmd.ReclassifyTask(actor=a, task_id="t", kind="onzeker", reason="r"),
        "SubmitDraft": cmd.SubmitDraft(actor=a, checkpoint=1, document_ref="d", summary="s"),
        "SubmitReview": cmd.SubmitReview(actor=a, checkpoint=1, party=party, outcome="akkoord"),
        "RaiseFriction": RaiseFriction(actor=a, description="d"),
        "ChangeFriction": ChangeFriction(actor=a, friction_id="S1", status="opgelost"),
        "CloseCheckpoint": cmd.CloseCheckpoint(actor=a, checkpoint=1, decision="d", reason="r"),
        "MoveDueDate": MoveDueDate(actor=a, target="voorstel", due=WHEN, reason="r"),
        "SubmitProposal": cmd.SubmitProposal(actor=a, document_ref="d", summary="s"),
        "DeliverPerspective": cmd.DeliverPerspective(actor=a, area="x", document_ref="d"),
        "WaivePerspective": cmd.WaivePerspective(actor=a, area="x", reason="r"),
        "AdoptProposal": cmd.AdoptProposal(actor=a),
        "DraftArrangement": cmd.DraftArrangement(
            actor=a, text="t", agreements=(Agreement(id="A", text="t"),)
        ),
        "SignArrangement": cmd.SignArrangement(actor=a, signatory=signatory, text_hash="0" * 64),
        "RefuseArrangement": cmd.RefuseArrangement(actor=a, signatory=signatory, reason="r"),
        "WithdrawSignature": cmd.WithdrawSignature(actor=a, signatory=signatory, reason="r"),
        "ConcludeProcessAgreement": cmd.ConcludeProcessAgreement(actor=a, text="t", reason="r"),
        "StartAmendment": cmd.StartAmendment(actor=a, reason="r"),
        "ChangeEscalationLadder": ChangeEscalationLadder(actor=a, ladder=LADDER, reason="r"),
    }


def area_commands(party: str, member: str) -> dict[str, Command]:
    a = "x"
    contribution = Contribution(id="c", action_id="a", side="rijk", amount=Decimal(1), fund="f")
    return {
        "DraftPerspective": ac.DraftPerspective(
            actor=a, document_ref="d", summary="s", readiness=1
        ),
        "ReviewPerspective": ac.ReviewPerspective(actor=a, party=party, outcome="akkoord"),
        "AdoptPerspective": ac.AdoptPerspective(actor=a),
        "ReachCheckpoint": ac.ReachCheckpoint(actor=a, checkpoint=1),
        "AddAction": ac.AddAction(actor=a, action=ACTION),
        "RescheduleAction": ac.RescheduleAction(
            actor=a,
            action_id="a",
            planned_start=date(2030, 1, 1),
            planned_end=date(2030, 3, 1),
            reason="r",
        ),
        "StartAction": ac.StartAction(actor=a, action_id="a", on=date(2030, 1, 1)),
        "CompleteAction": ac.CompleteAction(actor=a, action_id="a", on=date(2030, 1, 1)),
        "AddDependency": ac.AddDependency(actor=a, dependency=Dependency(before="a", after="b")),
        "RemoveDependency": ac.RemoveDependency(
            actor=a, dependency=Dependency(before="a", after="b")
        ),
        "RecordExternalMilestone": ac.RecordExternalMilestone(
            actor=a, milestone=External(ref="province:GE/voorstel", expected=date(2030, 1, 1))
        ),
        "CompleteExternal": ac.CompleteExternal(
            actor=a, ref="province:GE/voorstel", on=date(2030, 1, 1)
        ),
        "AddContribution": ac.AddContribution(actor=a, contribution=contribution),
        "AgreeProportion": ac.AgreeProportion(actor=a, rijk_share=Decimal("0.5")),
        "DecideInvestment": ac.DecideInvestment(
            actor=a, decision_id="i", action_id="a", description="d"
        ),
        "ProposeAgreement": ac.ProposeAgreement(actor=a, agreement=Agreement(id="U", text="t")),
        "ConfirmAgreement": ac.ConfirmAgreement(actor=a, agreement_id="U", member=member),
        "RaiseFriction": RaiseFriction(actor=a, description="d"),
        "ChangeFriction": ChangeFriction(actor=a, friction_id="S1", status="opgelost"),
        "MoveDueDate": MoveDueDate(actor=a, target="ijkpunt-1", due=WHEN, reason="r"),
        "ChangeEscalationLadder": ChangeEscalationLadder(actor=a, ladder=LADDER, reason="r"),
    }


def escalation_commands(member: str) -> dict[str, Command]:
    return {
        "ProposeDecision": es.ProposeDecision(actor="x", member=member, decision=DECISION),
        "AgreeToProposal": es.AgreeToProposal(actor="x", member=member, proposal_id="P1"),
        "DisagreeWithProposal": es.DisagreeWithProposal(
            actor="x", member=member, proposal_id="P1", reason="r"
        ),
        "RequestExtension": es.RequestExtension(actor="x", member=member, days=7, reason="r"),
    }
