"""The signing step's view-model, without widgets: who may sign, and every refusal that can
be given before any key is touched."""

from __future__ import annotations

from datetime import timedelta

from spie_desktop.domain.plan import Contract, SignerRole
from spie_desktop.domain.strokes import Strokes
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.plan import PlanModel, Refusal, SigningModel
from tests.plan.conftest import squiggle
from tests.services.plan_fixtures import Room


def pads(empty: SignerRole | None = None) -> dict[SignerRole, Strokes]:
    return {role: [] if role is empty else squiggle(i) for i, role in enumerate(SignerRole)}


def test_the_accounts_of_each_field_sign_for_it(signing_model: SigningModel, room: Room) -> None:
    assert [a.name for a in signing_model.candidates(SignerRole.SOCIAL)] == ["Nadia B."]
    assert [a.name for a in signing_model.candidates(SignerRole.EMPLOI)] == ["Julien R."]
    social, emploi = (
        signing_model.default_account(r) for r in (SignerRole.SOCIAL, SignerRole.EMPLOI)
    )
    assert social is not None and social.id == room.nadia.id  # the interview's counsellor
    assert emploi is not None and emploi.id == room.julien.id  # the only one of his field


def test_what_is_missing_is_refused_with_its_place(
    plan_model: PlanModel, signing_model: SigningModel, room: Room
) -> None:
    plan = plan_model.plan
    assert plan is not None
    action = plan_model.add_action(plan.objectives[0].id, "Bourse au permis")
    accounts = {SignerRole.SOCIAL: room.nadia.id, SignerRole.EMPLOI: None}
    refusals = signing_model.check(pads(SignerRole.PERSON), accounts, {SignerRole.SOCIAL: "x"}, " ")
    assert refusals == [
        Refusal("plan", "L'action « Bourse au permis » n'a pas d'échéance."),
        Refusal("person", "La signature de la personne est vide."),
        Refusal(
            "emploi", "Choisissez le compte de la ou le conseiller·ère du volet professionnel."
        ),
        Refusal("place", "Indiquez le lieu de signature."),
    ]
    today = plan_model.today
    plan_model.set_action_date(action.id, "due_date", format_date(today + timedelta(30)))
    accounts[SignerRole.EMPLOI] = room.julien.id
    tiny: dict[SignerRole, Strokes] = {**pads(), SignerRole.EMPLOI: [[(0.5, 0.5), (0.51, 0.5)]]}
    assert signing_model.check(tiny, accounts, {SignerRole.SOCIAL: "x"}, "Rodez") == [
        Refusal("emploi", "La signature de Julien R. est trop courte : signez comme sur papier."),
        Refusal("emploi", "Julien R. doit confirmer avec sa phrase de passe."),
    ]
    # The domain's own rules come last, on a copy: a contract needs her commitment.
    assert plan_model.set_contract(Contract.PACEA).startswith("Le PACEA est réservé")
    assert plan_model.set_commitment(False) == ""
    passphrases = {SignerRole.SOCIAL: "x", SignerRole.EMPLOI: "y"}
    refusals = signing_model.check(pads(), accounts, passphrases, "Rodez")
    assert [r.target for r in refusals] == ["plan"]
    assert "engagement de la personne" in refusals[0].message
    plan_model.set_commitment(True)
    assert signing_model.check(pads(), accounts, passphrases, "Rodez") == []
    assert plan.signatures == []  # checking signs nothing


def test_one_account_cannot_sign_for_both_sides(
    plan_model: PlanModel, signing_model: SigningModel, room: Room
) -> None:
    accounts = {SignerRole.SOCIAL: room.nadia.id, SignerRole.EMPLOI: room.nadia.id}
    refusals = signing_model.check(pads(), accounts, {r: "x" for r in SignerRole}, "Rodez")
    assert Refusal("plan", "Un même compte ne peut pas signer pour les deux volets.") in refusals
