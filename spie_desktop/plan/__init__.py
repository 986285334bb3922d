"""The action plan as a signed PDF: layout (reportlab), PAdES signatures (pyHanko), checks.

No Qt and no database here; the services layer stores the bytes. The whole API::

    doc = build_plan_document(plan, person, consent, counsellors, structures,
                              print_synthesis(state, consent), territory, place)   # document.py
    rendered = render_plan_pdf(doc) -> RenderedPlan(pdf, signature_boxes, page_count)  # render.py
    identity = generate_signing_identity(name, structure, field)    # keys.py: P-256 + self-signed cert
    blob = wrap_private_key(identity.private_key, passphrase)       # Argon2id + AES-256-GCM, JSON
    key = CounsellorKey.unlock(name, blob, passphrase, certificate)  # WrongSigningPassphrase
    pdf = render_and_sign(plan, doc, {SignerRole.SOCIAL: k1, SignerRole.EMPLOI: k2}, place, tz)
    pdf = sign_plan_pdf(pdf_bytes, [SignerInput(...), ...], tz)     # signing.py, lower level
    report = verify_pdf(data, [territory_ca], crls) -> VerificationReport  # verify.py, never raises
    report_lines(report, tz) -> list[str]                            # for `plan verify`

Privacy rule (document.py): sensitive themes reach the PDF only when the consent record
allows ``ConsentScope.SENSITIVE_IN_PLAN``. Everything is built in memory: no temp files.
"""
