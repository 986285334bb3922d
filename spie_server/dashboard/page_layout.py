"""The frame of every dashboard page (French, accessible, printable) and the small pages: the
login form and the messages (too many attempts, bad request)."""

from __future__ import annotations

from html import escape

STYLE_PATH = "/indicators/style.css"
LOGIN_PATH = "/indicators/login"
LOGOUT_PATH = "/indicators/logout"
HOME_PATH = "/indicators"


def page(title: str, body: str, *, header_extra: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{STYLE_PATH}">\n</head>\n<body>\n'
        '<a class="skip" href="#contenu">Aller au contenu</a>\n'
        '<header class="bandeau"><p class="service">SPIE · Indicateurs du territoire</p>'
        f"{header_extra}</header>\n"
        f'<main id="contenu" tabindex="-1">\n{body}\n</main>\n</body>\n</html>\n'
    )


def login_page(csrf_token: str, *, error: str = "", login: str = "") -> str:
    alert = f'<p class="erreur" role="alert">{escape(error)}</p>' if error else ""
    body = (
        "<h1>Connexion au tableau de bord</h1>\n"
        f"{alert}"
        f'<form method="post" action="{LOGIN_PATH}" class="connexion">\n'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">\n'
        '<p><label for="login">Identifiant</label>\n'
        f'<input id="login" name="login" type="text" autocomplete="username" required '
        f'maxlength="64" value="{escape(login)}"></p>\n'
        '<p><label for="password">Mot de passe</label>\n'
        '<input id="password" name="password" type="password" '
        'autocomplete="current-password" required maxlength="1024"></p>\n'
        '<p><button type="submit">Se connecter</button></p>\n</form>\n'
        '<p class="note">Les comptes sont créés par l\'administrateur du serveur du '
        "territoire. Après 5 mots de passe erronés en 15 minutes, les essais sont "
        "suspendus pendant 15 minutes.</p>"
    )
    return page("Connexion — Indicateurs du territoire", body)


def message_page(title: str, text: str, *, link_text: str = "", link: str = "") -> str:
    back = f'<p><a href="{escape(link)}">{escape(link_text)}</a></p>' if link else ""
    return page(title, f"<h1>{escape(title)}</h1>\n<p>{escape(text)}</p>\n{back}")


def too_many_attempts_page(minutes: int) -> str:
    return message_page(
        "Trop de tentatives",
        "Trop de mots de passe erronés pour cet identifiant ou depuis cette adresse. "
        f"Réessayez dans {minutes} minute{'s' if minutes > 1 else ''}.",
        link_text="Retour à la connexion",
        link=LOGIN_PATH,
    )


def logout_form(csrf_token: str, login: str) -> str:
    return (
        f'<form method="post" action="{LOGOUT_PATH}" class="deconnexion">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">'
        f'<span class="compte">Connecté : {escape(login)}</span> '
        '<button type="submit">Se déconnecter</button></form>'
    )


STYLE = """\
:root { color: #1a1a1a; background: #fff; font-family: "DejaVu Sans", Arial, sans-serif; }
body { margin: 0; line-height: 1.5; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
main:focus { outline: none; }
a { color: #1f4e8c; }
.skip { position: absolute; left: -10000px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; z-index: 1; }
.bandeau { display: flex; justify-content: space-between; align-items: center;
  flex-wrap: wrap; background: #1f4e8c; color: #fff; padding: .5rem 1.5rem; }
.bandeau .service { margin: 0; font-weight: bold; }
.deconnexion { margin: 0; }
.deconnexion .compte { margin-right: .5rem; }
button { font: inherit; padding: .35rem .9rem; border: 2px solid #1f4e8c; background: #fff;
  color: #1f4e8c; border-radius: 4px; cursor: pointer; }
button:focus, a:focus, input:focus, select:focus { outline: 3px solid #a23b00;
  outline-offset: 2px; }
.connexion label { display: block; font-weight: bold; }
.connexion input { font: inherit; padding: .35rem; width: 20rem; max-width: 100%;
  border: 1px solid #555; }
.erreur { color: #8b0000; font-weight: bold; }
.note, .calcul { color: #333; font-size: .95rem; }
.periode { margin: 1rem 0; padding: .75rem; border: 1px solid #bbb; }
.periode select { font: inherit; padding: .25rem; }
section.groupe { margin-top: 2rem; }
figure { margin: 0; }
figcaption { font-size: .95rem; color: #333; }
svg.chart { max-width: 46rem; display: block; }
table { border-collapse: collapse; margin: .75rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .25rem; }
th, td { border: 1px solid #999; padding: .25rem .5rem; }
thead th { background: #e8eef6; }
td { text-align: right; font-variant-numeric: tabular-nums; }
th[scope="row"] { text-align: left; font-weight: normal; }
.secret { font-style: italic; }
.vide { font-size: 1.2rem; font-weight: bold; padding: 1rem; border: 2px solid #1f4e8c; }
dl.calcul dt { font-weight: bold; margin-top: .5rem; }
dl.calcul dd { margin-left: 1rem; }
@media print {
  .skip, .deconnexion, .periode { display: none; }
  .bandeau { background: none; color: #000; border-bottom: 2px solid #000; padding: 0; }
  main { max-width: none; padding: 0; }
  a { color: #000; text-decoration: none; }
  figure, table, dl.calcul dd { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
  table, th, td { border-color: #000; }
  thead th { background: none; }
}
"""
