"""``init``, ``counsellor add`` and ``demo``: setting a device up and adding accounts."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from spie_desktop.config import load_config
from spie_desktop.domain.errors import SpieError, ValidationError
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.logging_setup import setup_logging
from spie_desktop.services import device
from spie_desktop.services.demo import (
    StoreHoldsRealPeople,
    StoreInRealUse,
    StoreIsEnrolled,
    fill_demo_store,
)
from spie_desktop.services.demo_plans import (
    DEFAULT_SIGNED_PLANS,
    DEMO_SIGNERS,
    DEMO_SIGNING_PASSPHRASE,
)
from spie_desktop.storage.session import Session

from .options import data_dir_of
from .passphrases import read_new_passphrase, read_passphrase
from .upgrade_lines import UpgradeLines

DEMO_STRUCTURE = "Structure de démonstration"
DEMO_COUNSELLOR = "Conseiller démo"
DEFAULT_DEMO_TERRITORY = "12"


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    init = subparsers.add_parser(
        "init",
        parents=[common],
        help="configurer cet appareil : coffre, premier compte, clé de secours",
    )
    init.add_argument(
        "--territory",
        required=True,
        metavar="CODE",
        help="code INSEE du département (12, 973…)",
    )
    init.add_argument("--structure", required=True, metavar="NAME", help="nom de la structure")
    init.add_argument(
        "--structure-kind",
        default=StructureKind.OTHER.value,
        choices=[k.value for k in StructureKind],
        metavar="KIND",
        help="type de structure : " + ", ".join(k.value for k in StructureKind),
    )
    init.add_argument(
        "--counsellor",
        required=True,
        metavar="NAME",
        help="nom du premier conseiller ou de la première conseillère",
    )
    init.add_argument(
        "--field", required=True, choices=[f.value for f in Field], help="social ou emploi"
    )
    init.set_defaults(func=run_init)

    counsellor = subparsers.add_parser(
        "counsellor", help="comptes des conseillers sur cet appareil"
    )
    actions = counsellor.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", parents=[common], help="ajouter un compte (déverrouiller avec un compte existant)"
    )
    add.add_argument("--name", required=True, help="nom du nouveau compte")
    add.add_argument(
        "--field", required=True, choices=[f.value for f in Field], help="social ou emploi"
    )
    add.add_argument(
        "--as",
        dest="as_account",
        metavar="ACCOUNT_NAME_OR_ID",
        help="compte existant qui déverrouille",
    )
    add.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="phrase de passe du nouveau compte (sinon $SPIE_NEW_PASSPHRASE, sinon elle est demandée)",
    )
    add.set_defaults(func=run_counsellor_add)

    demo = subparsers.add_parser(
        "demo", parents=[common], help="remplir un coffre de personnes fictives et de plans signés"
    )
    demo.add_argument(
        "--people",
        type=_positive,
        default=200,
        metavar="N",
        help="nombre de personnes (200 par défaut)",
    )
    demo.add_argument(
        "--seed", type=int, default=1, metavar="S", help="graine du tirage (1 par défaut)"
    )
    demo.add_argument(
        "--territory",
        metavar="CODE",
        help=f"territoire d'un nouveau coffre de démonstration ({DEFAULT_DEMO_TERRITORY} par défaut) ; celui d'un coffre existant",
    )
    demo.add_argument(
        "--signed-plans",
        type=int,
        default=DEFAULT_SIGNED_PLANS,
        metavar="N",
        help=f"nombre maximal de plans à signer ({DEFAULT_SIGNED_PLANS} par défaut)",
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help="remplir quand même un coffre créé pour un usage réel, inscrit ou contenant des "
        "personnes : il devient pour toujours un coffre de démonstration, jamais synchronisé",
    )
    demo.set_defaults(func=run_demo)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"pas un nombre entier : {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("au moins 1")
    return value


def run_init(args: argparse.Namespace) -> int:
    data_dir = data_dir_of(args)
    # Check what can be checked before asking for a passphrase.
    territory_by_code(args.territory)
    if device.device_state(data_dir).status is not device.DeviceStatus.NEW:
        raise device.DeviceAlreadySetUp()
    passphrase = read_passphrase(
        getattr(args, "passphrase_file", None),
        prompt=f"Nouvelle phrase de passe pour {args.counsellor} : ",
        confirm=True,
    )
    result = device.initialise_device(
        data_dir,
        territory_code=args.territory,
        structure_name=args.structure,
        structure_kind=StructureKind(args.structure_kind),
        counsellor_name=args.counsellor,
        field=Field(args.field),
        passphrase=passphrase,
    )
    setup_logging(data_dir)
    _print_setup(data_dir, result)
    return 0


def _print_setup(data_dir: Path, result: device.SetupResult) -> None:
    print(f"Appareil configuré dans {data_dir}")
    print(f"Identifiant du compte : {result.counsellor_id}")
    print(f"Clé de secours : {result.recovery_key}")
    print(
        "Conservez cette clé de secours en lieu sûr (sur papier, dans un coffre ou auprès de "
        "votre administrateur) : elle n'est affichée qu'une fois et c'est le seul moyen "
        "d'entrer si toutes les phrases de passe sont perdues."
    )


def open_session(args: argparse.Namespace, account: str | None = None) -> Session:
    """Unlock the store with the chosen account (``--account``, default the first one)."""
    data_dir = data_dir_of(args)
    slot = device.resolve_account(data_dir, account or getattr(args, "account", None))
    passphrase = read_passphrase(
        getattr(args, "passphrase_file", None), prompt=f"Phrase de passe de {slot.display_name} : "
    )
    return device.unlock(data_dir, slot.account_id, passphrase, on_upgrade=UpgradeLines())


def run_counsellor_add(args: argparse.Namespace) -> int:
    with open_session(args, args.as_account) as session:
        new_passphrase = read_new_passphrase(
            args.new_passphrase_file, prompt=f"Nouvelle phrase de passe pour {args.name} : "
        )
        counsellor = device.add_counsellor(
            session, display_name=args.name, field=Field(args.field), passphrase=new_passphrase
        )
    print(f"Compte ajouté : {counsellor.id}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    data_dir = data_dir_of(args)
    started = time.perf_counter()
    # Checked before anything is opened, so a typo never touches the store.
    territory = territory_by_code(args.territory or DEFAULT_DEMO_TERRITORY).code
    made_for_demo = device.device_state(data_dir).status is device.DeviceStatus.NEW
    if made_for_demo:
        passphrase = read_passphrase(
            getattr(args, "passphrase_file", None),
            prompt="Nouvelle phrase de passe du compte de démonstration : ",
            confirm=True,
        )
        result = device.initialise_device(
            data_dir,
            territory_code=territory,
            structure_name=DEMO_STRUCTURE,
            structure_kind=StructureKind.OTHER,
            counsellor_name=DEMO_COUNSELLOR,
            field=Field.SOCIAL,
            passphrase=passphrase,
        )
        setup_logging(data_dir)
        _print_setup(data_dir, result)
        session = device.unlock(data_dir, result.counsellor_id, passphrase)
    else:
        cfg = load_config(data_dir)
        if (
            args.territory
            and cfg is not None
            and territory_by_code(cfg.territory_code).code != territory
        ):
            raise ValidationError(
                f"Ce coffre appartient à un autre territoire ({cfg.territory_code}) : "
                f"--territory {territory} ne lui correspond pas.",
                f"--territory {territory} differs from this store's territory "
                f"({cfg.territory_code})",
                "territory",
            )
        session = open_session(args)
    with session:
        try:
            load = fill_demo_store(
                session,
                args.people,
                args.seed,
                args.signed_plans,
                made_for_demo=made_for_demo,
                force=args.force,
            )
        except (StoreHoldsRealPeople, StoreIsEnrolled, StoreInRealUse) as refused:
            raise SpieError(
                f"{refused.message_fr} Pour le faire quand même : --force.",
                f"{refused.message_en}; to do it anyway: --force",
            ) from refused
    added, signed = load.people, load.signed_plans
    print(
        f"{added} personnes de démonstration et {signed} plans signés ajoutés "
        f"en {time.perf_counter() - started:.1f} s"
    )
    if signed:
        print(
            f"Signataires de démonstration : "
            f"{', '.join(name for name, _ in DEMO_SIGNERS.values())} ; "
            f"leur phrase de passe de signature : « {DEMO_SIGNING_PASSPHRASE} »"
        )
    return 0
